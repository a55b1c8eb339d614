/**
 * Presence intervals on PostgreSQL, written: kept at ingest inside the batch's transaction in a
 * fixed number of statements per venue and batch (the slices of every person in one query over
 * unnest arrays, the changes in one DELETE and one upsert), paired anew for corrections and a venue
 * whose type changed, purged with the scans. Read by `presenceQueries.ts`.
 */
import type pg from 'pg';
import type { VenueType } from '../../../shared/district';
import {
  newPresenceOf,
  NEWEST_ROWS,
  planPresence,
  sliceOfNewest,
  spanClassOf,
  type NewPresence,
  type PresenceRow,
  type PresenceSlice,
} from '../../domain/presenceSlices';
import type { StoredScan } from '../../domain/storedScan';
import {
  PRESENCE_ALL_COLUMNS,
  personAtVenueSql,
  presenceFromRow,
  presenceFromValues,
  presenceRebuildSelect,
  presenceValues,
  type PresenceDbRow,
} from '../presenceSql';

/** First key of the advisory locks that order presence writes per venue (the second is the venue's hash). */
const PRESENCE_LOCK_CLASS = 13;
const COLUMN_TYPES = [
  'uuid',
  'smallint',
  'bigint',
  'uuid',
  'bigint',
  'text',
  'text',
  'boolean',
  'bigint',
  'bigint',
  'text',
  'integer',
  'text',
  'text',
  'uuid',
  'bigint',
  'bigint',
  'integer',
  'text',
  'text',
  'uuid',
  'bigint',
  'boolean',
  'uuid',
  'bigint',
  'boolean',
];

/** Each person's newest rows at the venue: one short index scan per person. */
const NEWEST = `
  SELECT k.person_key AS slice_key, ${PRESENCE_ALL_COLUMNS.map((column) => `p.${column}`).join(', ')} FROM unnest($2::text[]) AS k(person_key)
  CROSS JOIN LATERAL (SELECT * FROM presence WHERE person_key = k.person_key AND venue_id = $1 ORDER BY at_ms DESC LIMIT ${NEWEST_ROWS}) p`;

/** Slices by their bounds, for the persons whose newest rows did not reach back far enough. */
const SLICES = `
  WITH k AS (SELECT * FROM unnest($2::text[], $3::bigint[], $4::bigint[]) AS k(person_key, lo, hi)),
  b AS (
    SELECT k.person_key,
      COALESCE((SELECT max(p.at_ms) FROM presence p WHERE p.person_key = k.person_key AND p.venue_id = $1 AND p.at_ms < k.lo), k.lo) AS first_at,
      COALESCE((SELECT min(p.at_ms) FROM presence p WHERE p.person_key = k.person_key AND p.venue_id = $1 AND p.at_ms > k.hi), k.hi) AS last_at
    FROM k
  )
  SELECT b.person_key AS slice_key,
    (SELECT min(q.at_ms) FROM presence q WHERE q.person_key = b.person_key AND q.venue_id = $1 AND q.at_ms > b.last_at) AS next_at, p.*
  FROM b LEFT JOIN presence p ON p.person_key = b.person_key AND p.venue_id = $1 AND p.at_ms BETWEEN b.first_at AND b.last_at
  ORDER BY b.person_key, p.at_ms, p.owner_seq, p.owner_id`;

const UPSERT = `
  INSERT INTO presence (${PRESENCE_ALL_COLUMNS.join(', ')})
    SELECT * FROM unnest(${COLUMN_TYPES.map((type, i) => `$${i + 1}::${type}[]`).join(', ')})
  ON CONFLICT (venue_id, span_class, start_ms, owner_id) DO UPDATE SET end_ms = excluded.end_ms, closed_by = excluded.closed_by, exit_id = excluded.exit_id,
    exit_ms = excluded.exit_ms, exit_seq = excluded.exit_seq, exit_offset = excluded.exit_offset, exit_context = excluded.exit_context, exit_name = excluded.exit_name,
     exit_sailing_id = excluded.exit_sailing_id, exit_departs_ms = excluded.exit_departs_ms, exit_boarded = excluded.exit_boarded`;

const DELETE = `
  DELETE FROM presence p USING unnest($1::uuid[], $2::smallint[], $3::bigint[], $4::uuid[]) AS d(venue_id, span_class, start_ms, owner_id)
  WHERE p.venue_id = $5 AND p.venue_id = d.venue_id AND p.span_class = d.span_class AND p.start_ms = d.start_ms AND p.owner_id = d.owner_id`;

/** Holds the venue's presence lock until the transaction ends (taken again in one transaction, it is held once more). */
export async function lockVenue(client: pg.ClientBase, venueId: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PRESENCE_LOCK_CLASS, venueId]);
}

/** Columns of rows as arrays, for unnest. */
function columnsOf(rows: readonly PresenceRow[]): unknown[][] {
  const columns: unknown[][] = PRESENCE_ALL_COLUMNS.map(() => []);
  for (const row of rows) presenceValues(row, Boolean).forEach((value, i) => columns[i].push(value));
  return columns;
}

/**
 * Pairs a batch's newly stored scans at one venue into the stored intervals, on the batch's
 * transaction; the flow calls it for the batch's venues in one order, so two batches never wait on
 * each other's locks crosswise.
 */
export async function pairPresence(
  client: pg.ClientBase,
  venueId: string,
  scans: readonly StoredScan[],
  dayOffsetMin: number,
): Promise<void> {
  const fresh = newPresenceOf(scans, dayOffsetMin);
  if (fresh.length === 0) return;
  // Batches of one venue pair one after the other (held to commit): two kiosks at one gate, one
  // taking entries and one exits, upload at the same moment, and each must see the other's rows.
  // Other venues go on in parallel. Each statement below reads what committed before the lock.
  await lockVenue(client, venueId);
  const type =
    ((await client.query('SELECT type FROM venues WHERE id = $1', [venueId])).rows[0]?.type as VenueType | undefined) ??
    'other';
  const newest = new Map<string, PresenceRow[]>();
  // Rows as arrays (slice key, then the columns in table order): no object per row.
  for (const row of (
    await client.query({ text: NEWEST, values: [venueId, fresh.map((f) => f.personKey)], rowMode: 'array' })
  ).rows as unknown[][]) {
    const key = row[0] as string;
    const rows = newest.get(key);
    if (rows) rows.push(presenceFromValues(row, 1));
    else newest.set(key, [presenceFromValues(row, 1)]);
  }
  const slices = new Map<string, PresenceSlice>();
  const unsure: NewPresence[] = [];
  for (const person of fresh) {
    const slice = sliceOfNewest(newest.get(person.personKey) ?? [], person);
    if (slice) slices.set(person.personKey, slice);
    else unsure.push(person);
  }
  if (unsure.length > 0) {
    const { rows } = await client.query(SLICES, [
      venueId,
      unsure.map((f) => f.personKey),
      unsure.map((f) => f.from),
      unsure.map((f) => f.to),
    ]);
    for (const row of rows as (PresenceDbRow & { slice_key: string; next_at: number | string | null })[]) {
      const slice = slices.get(row.slice_key) ?? {
        rows: [],
        nextAt: row.next_at === null ? null : Number(row.next_at),
      };
      slices.set(row.slice_key, slice);
      if (row.owner_id !== null) (slice.rows as PresenceRow[]).push(presenceFromRow(row));
    }
  }
  const upserts: PresenceRow[] = [];
  const deletes: PresenceRow[] = [];
  for (const person of fresh) {
    const changes = planPresence(venueId, type, person, slices.get(person.personKey) ?? { rows: [], nextAt: null });
    upserts.push(...changes.upserts);
    deletes.push(...changes.deletes);
  }
  if (deletes.length > 0) {
    await client.query(DELETE, [
      deletes.map((r) => r.venueId),
      deletes.map((r) => spanClassOf(r.start, r.end)),
      deletes.map((r) => r.start),
      deletes.map((r) => r.owner.id),
      // The venue as one value too: Citus routes the statement to its shard only on a plain equality.
      venueId,
    ]);
  }
  if (upserts.length > 0) await client.query(UPSERT, columnsOf(upserts));
}

/**
 * Corrections among a venue's newly stored scans (counter staff undid or flipped a scan): the
 * person of each voided scan is paired anew at its venue without it, on the caller's transaction.
 * Only a voided scan of the correcting device's venue (`venueId`) counts.
 */
export async function applyCorrections(
  client: pg.ClientBase,
  venueId: string,
  inserted: readonly StoredScan[],
  dayOffsetMin: number,
): Promise<void> {
  for (const correction of inserted) {
    if (!correction.voidsScanId) continue;
    const { rows } = await client.query(
      // Asked within the venue (on Citus: the batch's own shard); a scan of another venue is not voided.
      'SELECT venue_id::text AS "venueId", COALESCE(id_number, code_text) AS "personKey" FROM scans WHERE id = $1 AND venue_id = $2',
      [correction.voidsScanId, venueId],
    );
    const voided = rows[0] as { venueId: string; personKey: string | null } | undefined;
    if (!voided || voided.venueId !== venueId || voided.personKey === null) continue;
    await lockVenue(client, voided.venueId);
    await client.query('DELETE FROM presence WHERE venue_id = $1 AND person_key = $2', [
      voided.venueId,
      voided.personKey,
    ]);
    await client.query(rebuildInsert(personAtVenueSql('$1', '$2'), '$3::integer'), [
      voided.venueId,
      voided.personKey,
      dayOffsetMin,
    ]);
  }
}

/**
 * Inserts the intervals paired anew from the scans `venueFilter` picks. The pairing is a materialized
 * CTE: Citus pushes a plain INSERT ... SELECT of these window functions down to the shard and its
 * rewrite there fails (text = boolean, Citus 13.2); materialized, it reads the one shard, then inserts.
 */
function rebuildInsert(venueFilter: string, dayOffset: string): string {
  const columns = PRESENCE_ALL_COLUMNS.join(', ');
  return `WITH paired AS MATERIALIZED (${presenceRebuildSelect('postgres', venueFilter, true, dayOffset, true)})
    INSERT INTO presence (${columns}) SELECT ${columns} FROM paired`;
}

/** Pairs a venue's scans anew (its type changed: default stays with it), on the caller's transaction. */
export async function rebuildVenuePresence(
  client: pg.ClientBase,
  venueId: string,
  dayOffsetMin: number,
): Promise<void> {
  await lockVenue(client, venueId);
  await client.query('DELETE FROM presence WHERE venue_id = $1', [venueId]);
  await client.query(rebuildInsert('s.venue_id = $1', '$2::integer'), [venueId, dayOffsetMin]);
}

/** Deletes the intervals opened before `cutoff` (epoch ms), on the caller's transaction. */
export async function purgePresenceBefore(client: pg.ClientBase, cutoff: number): Promise<void> {
  await client.query('DELETE FROM presence WHERE at_ms < $1', [cutoff]);
}
