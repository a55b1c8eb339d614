/**
 * The district's tables on Citus (PostgreSQL's distributed engine), as `docs/scaling.md` lays them
 * out: what a venue's batch writes (scans, presence, day counts, id claims) is distributed by venue
 * and co-located, so a batch is one shard's transaction on one worker; venues, enrollments and
 * communes are reference tables (copied to every worker, joined there); devices stay on the
 * coordinator (Citus keeps them in its metadata for their foreign key to venues), so a batch's
 * device report never needs every worker; accounts, sessions, the audit and settings stay local.
 *
 * Applied after the migrations whenever the database has the `citus` extension, and idempotent: a
 * schema migrated on one server and restored onto a coordinator is distributed in place (Citus moves
 * the rows into shards). Scans keep their monthly partitions by UUIDv7 id; two casts between a
 * UUIDv7 and its instant let Citus's own time-partition functions (`create_time_partitions`,
 * `drop_old_time_partitions`) make and drop them.
 */
import type pg from 'pg';

/** Whether the database has Citus (the server then lays out and queries the Citus way). */
export async function hasCitus(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query("SELECT 1 FROM pg_extension WHERE extname = 'citus'");
  return rows.length > 0;
}

/** Tables of one venue's batch, distributed by `venue_id` and co-located with `scans`. */
const BY_VENUE = ['presence', 'venue_days', 'scan_id_claims'] as const;
/** Small tables every worker joins with, written by the console only. */
const REFERENCE = ['venues', 'enrollments', 'communes'] as const;

/** Months made ahead of today, so ingest's on-demand partition (a DDL on every worker) stays rare. */
export const MONTHS_AHEAD = 3;

async function distributed(client: pg.ClientBase): Promise<Set<string>> {
  const { rows } = await client.query('SELECT logicalrelid::regclass::text AS name FROM pg_dist_partition');
  return new Set((rows as { name: string }[]).map((row) => row.name));
}

async function primaryKeyColumns(client: pg.ClientBase, table: string): Promise<string[]> {
  const { rows } = await client.query(
    `SELECT a.attname AS name FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY k(attnum, n)
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
     WHERE c.conrelid = $1::regclass AND c.contype = 'p' ORDER BY k.n`,
    [table],
  );
  return (rows as { name: string }[]).map((row) => row.name);
}

/** The casts between a UUIDv7 (first 48 bits: epoch ms) and its instant that Citus's time partitioning uses. */
async function ensureUuidTimeCasts(client: pg.ClientBase): Promise<void> {
  await client.query(`
    CREATE OR REPLACE FUNCTION uuid_v7_instant(u uuid) RETURNS timestamptz IMMUTABLE STRICT PARALLEL SAFE LANGUAGE sql
      AS $$ SELECT to_timestamp(('x' || substr(replace(u::text, '-', ''), 1, 12))::bit(48)::bigint / 1000.0) $$;
    CREATE OR REPLACE FUNCTION uuid_v7_floor(t timestamptz) RETURNS uuid IMMUTABLE STRICT PARALLEL SAFE LANGUAGE sql
      AS $$ SELECT (lpad(to_hex(floor(extract(epoch FROM t) * 1000)::bigint), 12, '0') || '00000000000000000000')::uuid $$;
  `);
  const { rows } = await client.query(
    "SELECT count(*)::int AS n FROM pg_cast WHERE (castsource, casttarget) IN (('uuid'::regtype, 'timestamptz'::regtype), ('timestamptz'::regtype, 'uuid'::regtype))",
  );
  if ((rows[0] as { n: number }).n === 2) return;
  await client.query(`
    CREATE CAST (uuid AS timestamptz) WITH FUNCTION uuid_v7_instant(uuid);
    CREATE CAST (timestamptz AS uuid) WITH FUNCTION uuid_v7_floor(timestamptz);
  `);
}

/**
 * Lays the schema out for Citus where it is not yet (each step checks first). On the migration's
 * client, inside its transaction and lock.
 */
export async function applyCitusLayout(client: pg.ClientBase, now: Date = new Date()): Promise<void> {
  await ensureUuidTimeCasts(client);
  const done = await distributed(client);
  // Unique keys must hold the distribution column: a scan is unique by (id, venue); the id claims
  // already carry their venue (migration 0160).
  if ((await primaryKeyColumns(client, 'scans')).join() !== 'id,venue_id') {
    await client.query('ALTER TABLE scans DROP CONSTRAINT scans_pkey');
    await client.query('ALTER TABLE scans ADD PRIMARY KEY (id, venue_id)');
  }
  // Foreign keys between these tables and the distributed ones need the transfers in sequence.
  await client.query("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'");
  for (const table of REFERENCE) if (!done.has(table)) await client.query('SELECT create_reference_table($1)', [table]);
  if (!done.has('scans')) await client.query("SELECT create_distributed_table('scans', 'venue_id')");
  for (const table of BY_VENUE)
    if (!done.has(table))
      await client.query("SELECT create_distributed_table($1, 'venue_id', colocate_with => 'scans')", [table]);
  await ensureMonths(client, now.getTime() - 31 * 86_400_000, monthsAhead(now));
}

function monthsAhead(now: Date): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + MONTHS_AHEAD + 1, 1);
}

/** Makes the scans' monthly partitions covering [fromMs, toMs) that are missing (Citus's own function). */
export async function ensureMonths(client: pg.ClientBase, fromMs: number, toMs: number): Promise<void> {
  // Months in UTC, as a single server's partitions (`partitions.ts`): a database restored from one lines up.
  await client.query("SET LOCAL TimeZone = 'UTC'");
  await client.query("SELECT create_time_partitions('scans', '1 month', $2::timestamptz, $1::timestamptz)", [
    new Date(fromMs).toISOString(),
    new Date(toMs).toISOString(),
  ]);
}

/** Keeps `MONTHS_AHEAD` months made ahead (the daily retention calls it). */
export async function makeMonthsAhead(client: pg.ClientBase, now: Date): Promise<void> {
  await ensureMonths(client, now.getTime(), monthsAhead(now));
}
