/**
 * The storage steps of a batch's ingest on PostgreSQL (`topics/ingestTopic.ts`), on the batch's
 * transaction client: a fixed number of statements per batch (one INSERT over unnest arrays for the
 * scans, one for the day counts), and the venue locks that order concurrent batches of one venue.
 */
import type pg from 'pg';
import type { DayCountDelta, VoidTarget } from '../../domain/dayCounts';
import { districtDayOf } from '../../domain/districtDay';
import type { StoredScan } from '../../domain/storedScan';
import type { DayCountTake, IngestReport, IngestSteps, VoidedScans, VoidTargets } from '../topics/ingestTopic';
import type { PostgresDb } from './connection';
import { monthPartition, uuidMillis, type MonthPartition } from './partitions';
import { ensureMonths } from './citusLayout';
import { applyCorrections, lockVenue, pairPresence } from './presenceWrites';

/** Day count rows in (venue, day) order: two batches never wait on each other's rows crosswise. */
const byVenueDay = (a: { venueId: string; day: string }, b: { venueId: string; day: string }) =>
  a.venueId + a.day < b.venueId + b.day ? -1 : a.venueId + a.day > b.venueId + b.day ? 1 : 0;

/**
 * The ingest steps on `client`, inside the batch's transaction. On Citus the device's report (a
 * coordinator table) is handed to `afterCommit` instead: written in the batch's transaction it would
 * add the coordinator to it; after it, the batch's only participant is the venue's worker, and the
 * report (last upload, pending count) is the statistics' only, rewritten by the next batch if it is
 * ever lost. (Citus still commits that one participant in two phases: its INSERT ... SELECT over
 * unnest arrays reaches the shard through a COPY, and it commits every COPY so. A routed multi-row
 * VALUES insert, which it commits plainly, measured at about half the throughput: docs/scaling.md.)
 */
export function postgresIngestSteps(
  db: PostgresDb,
  client: pg.PoolClient,
  afterCommit: (work: () => Promise<void>) => void,
): IngestSteps {
  return {
    insertNewScans: (scans) => insertNewScans(db, client, scans),
    pairPresence: (venueId, stored, dayOffsetMin) => pairPresence(client, venueId, stored, dayOffsetMin),
    applyCorrections: (venueId, stored, dayOffsetMin) => applyCorrections(client, venueId, stored, dayOffsetMin),
    addDayCounts: (deltas) => addDayCounts(client, deltas),
    readVoidTargets: (voided, offsetMin) => readVoidTargets(client, voided, offsetMin),
    takeFromDayCounts: (takes) => takeFromDayCounts(client, takes),
    claimForeignIds: (device, scanIds, claimedAt) => claimForeignIds(db, client, device, scanIds, claimedAt),
    reportUpload: async (deviceId, report) => {
      if (db.citus) afterCommit(() => reportUpload(db.pool, deviceId, report));
      else await reportUpload(client, deviceId, report);
    },
  };
}

async function ensurePartitions(db: PostgresDb, client: pg.PoolClient, ids: readonly string[]): Promise<void> {
  const needed = new Map<string, MonthPartition>();
  // A batch's ids mostly share a month: only an id outside the last month seen makes a partition name.
  let from = 0;
  let to = 0;
  for (const id of ids) {
    const ms = uuidMillis(id);
    if (ms >= from && ms < to) continue;
    const partition = monthPartition(ms);
    [from, to] = [uuidMillis(partition.from), uuidMillis(partition.to)];
    if (!db.knownMonths.has(partition.from)) needed.set(partition.from, partition);
  }
  for (const partition of needed.values()) {
    // Each in its own savepoint: another server process may create the same partition at once.
    await client.query('SAVEPOINT partition');
    try {
      // On Citus, its own function makes the month on every worker (and names it its way).
      if (db.citus) await ensureMonths(client, uuidMillis(partition.from), uuidMillis(partition.to));
      else
        await client.query(
          `CREATE TABLE IF NOT EXISTS ${partition.name} PARTITION OF scans FOR VALUES FROM ('${partition.from}') TO ('${partition.to}')`,
        );
      await client.query('RELEASE SAVEPOINT partition');
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT partition');
      // Made meanwhile by another process (under its name, or Citus's: an overlap of the same bounds).
      const code = (error as { code?: string }).code;
      if (code !== '42P07' && code !== '23505' && code !== '42P17') throw error;
    }
    db.knownMonths.add(partition.from);
  }
}

async function insertNewScans(
  db: PostgresDb,
  client: pg.PoolClient,
  scans: readonly StoredScan[],
): Promise<StoredScan[]> {
  await ensurePartitions(
    db,
    client,
    scans.map((scan) => scan.id),
  );
  // One INSERT over unnest arrays (typed, one per column): faster to bind and parse than a JSON document.
  const column = <T>(pick: (s: StoredScan) => T) => scans.map(pick);
  const { rows } = await client.query({
    rowMode: 'array',
    text: `INSERT INTO scans SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[],
       $8::integer[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[],
       $19::text[], $20::text[], $21::text[], $22::text[], $23::uuid[], $24::uuid[], $25::timestamptz[], $26::boolean[]) ON CONFLICT (${db.citus ? 'id, venue_id' : 'id'}) DO NOTHING RETURNING id`,
    values: [
      column((s) => s.id),
      column((s) => s.venueId),
      column((s) => s.deviceId),
      column((s) => s.seq),
      column((s) => s.scannedAt),
      column((s) => s.correctedAt),
      column((s) => s.receivedAt),
      column((s) => s.utcOffsetMin),
      column((s) => s.localDay),
      column((s) => s.direction),
      column((s) => s.source),
      column((s) => s.kind),
      column((s) => s.outcome),
      column((s) => s.reason),
      column((s) => s.problems.join(',')),
      column((s) => s.idNumber),
      column((s) => s.fullName),
      column((s) => s.birthDate),
      column((s) => s.gender),
      column((s) => s.address),
      column((s) => s.codeText),
      column((s) => s.contextLabel),
      column((s) => s.voidsScanId ?? null),
      column((s) => s.sailing?.id ?? null),
      column((s) => s.sailing?.departsAt ?? null),
      column((s) => s.sailing?.boarded ?? null),
    ],
  });
  const inserted = new Set<string>(rows.map((row: string[]) => row[0]));
  return scans.filter((scan) => inserted.has(scan.id));
}

async function addDayCounts(client: pg.PoolClient, deltas: readonly DayCountDelta[]): Promise<void> {
  // Under each venue's lock, in one order (a batch of refused scans takes no presence lock), and
  // rows in (venue, day) order: two batches never wait on each other's rows crosswise, and two
  // corrections of one scan never both see themselves as its first.
  for (const venueId of [...new Set(deltas.map((delta) => delta.venueId))].sort()) await lockVenue(client, venueId);
  if (deltas.length === 0) return;
  const sorted = [...deltas].sort(byVenueDay);
  await client.query(
    `INSERT INTO venue_days (venue_id, day, scans, recorded_in, recorded_out, refused)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])
     ON CONFLICT (venue_id, day) DO UPDATE SET scans = venue_days.scans + excluded.scans, recorded_in = venue_days.recorded_in + excluded.recorded_in,
       recorded_out = venue_days.recorded_out + excluded.recorded_out, refused = venue_days.refused + excluded.refused`,
    [
      sorted.map((d) => d.venueId),
      sorted.map((d) => d.day),
      sorted.map((d) => d.scans),
      sorted.map((d) => d.recordedIn),
      sorted.map((d) => d.recordedOut),
      sorted.map((d) => d.refused),
    ],
  );
}

async function readVoidTargets(client: pg.PoolClient, voided: VoidedScans, offsetMin: number): Promise<VoidTargets> {
  const { rows } = await client.query(
    `SELECT t.id::text AS "scanId", t.venue_id::text AS "venueId", (EXTRACT(EPOCH FROM t.corrected_at) * 1000)::bigint AS "correctedAt", t.outcome, t.direction,
       (SELECT COUNT(*) FROM scans c WHERE c.voids_scan_id = t.id AND c.venue_id = t.venue_id) AS corrections
     FROM scans t WHERE t.id = ANY($1::uuid[]) AND t.venue_id = ANY($2::uuid[])`,
    // Only a voided scan of the correction's own venue counts (`voidsToCount`): asked within the
    // batch's venues (one, a batch being one device's), which Citus prunes to that venue's shard.
    [[...voided.keys()], [...new Set([...voided.values()].map((v) => v.venueId))]],
  );
  const targets = new Map<string, VoidTarget>();
  const corrections = new Map<string, number>();
  for (const row of rows as (Omit<VoidTarget, 'day'> & {
    scanId: string;
    correctedAt: string | number;
    corrections: string | number;
  })[]) {
    targets.set(row.scanId, {
      venueId: row.venueId,
      outcome: row.outcome,
      direction: row.direction,
      day: districtDayOf(Number(row.correctedAt), offsetMin),
    });
    corrections.set(row.scanId, Number(row.corrections));
  }
  return { targets, corrections };
}

async function takeFromDayCounts(client: pg.PoolClient, takes: readonly DayCountTake[]): Promise<void> {
  for (const take of [...takes].sort(byVenueDay)) {
    await client.query(
      'UPDATE venue_days SET recorded_in = recorded_in - $3, recorded_out = recorded_out - $4 WHERE venue_id = $1 AND day = $2',
      [take.venueId, take.day, take.recordedIn, take.recordedOut],
    );
  }
}

async function claimForeignIds(
  db: PostgresDb,
  client: pg.PoolClient,
  device: { readonly id: string; readonly venueId: string },
  scanIds: readonly string[],
  claimedAt: string,
): Promise<string[]> {
  if (scanIds.length === 0) return [];
  // Ids that already belonged to another device: claimed once by this one, then its re-sends. On
  // Citus only the device's own venue is looked at (one shard): an id sent from another venue is
  // stored there under its own venue (see docs/scaling.md, "Scan ids"). There the claim's venue is
  // the scan's own column (equal to $4): Citus runs an INSERT ... SELECT on the shard itself only
  // when the distribution column comes from the co-located table it reads; with $4 it would collect
  // the rows on the coordinator and copy them back.
  const claimed = await client.query(
    `INSERT INTO scan_id_claims (venue_id, scan_id, device_id, claimed_at)
       SELECT ${db.citus ? 's.venue_id' : '$4'}, s.id, $2, $3 FROM scans s WHERE s.id = ANY($1::uuid[]) AND s.device_id <> $2${db.citus ? ' AND s.venue_id = $4' : ''}
     ON CONFLICT DO NOTHING RETURNING scan_id`,
    [scanIds, device.id, claimedAt, device.venueId],
  );
  return (claimed.rows as { scan_id: string }[]).map((row) => row.scan_id);
}

async function reportUpload(client: pg.Pool | pg.PoolClient, deviceId: string, report: IngestReport): Promise<void> {
  await client.query(
    'UPDATE devices SET last_upload_at = $1, pending_count = $2, app_version = $3, clock_offset_ms = $4 WHERE id = $5',
    [report.receivedAt, report.pendingCount, report.appVersion, report.clockOffsetMs, deviceId],
  );
}
