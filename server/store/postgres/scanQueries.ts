/**
 * Stored scans on PostgreSQL: reads, count and retention (`topics/scanTopic.ts`). The scans table is
 * partitioned by month on its UUIDv7 id, so retention drops whole partitions where it can.
 */
import { daysWhollyBefore } from '../../domain/districtDay';
import { scanFromRow } from '../rowMappers';
import type { ScanPage, StoredScan } from '../topics/scanTopic';
import { inTransaction, type PostgresDb } from './connection';
import { makeMonthsAhead } from './citusLayout';
import { scanPartitions, type StoredPartition } from './partitions';
import { purgePresenceBefore } from './presenceWrites';

export async function scansOfPerson(db: PostgresDb, idNumber: string, from: string, to: string): Promise<StoredScan[]> {
  const { rows } = await db.pool.query(
    `SELECT * FROM scans WHERE id_number = $1 AND outcome = 'recorded' AND corrected_at >= $2 AND corrected_at < $3 ORDER BY corrected_at, seq`,
    [idNumber, from, to],
  );
  return rows.map(scanFromRow);
}

export async function scansAtVenue(
  db: PostgresDb,
  venueId: string,
  from: string,
  to: string,
  page?: ScanPage,
): Promise<StoredScan[]> {
  const after = page?.after
    ? [page.after.correctedAt, page.after.seq, page.after.id]
    : [from, -1, '00000000-0000-0000-0000-000000000000'];
  const { rows } = await db.pool.query(
    `SELECT * FROM scans WHERE venue_id = $1 AND outcome = 'recorded' AND corrected_at >= $2 AND corrected_at < $3
       AND (corrected_at, seq, id) > ($4::timestamptz, $5::bigint, $6::uuid) ORDER BY corrected_at, seq, id LIMIT $7`,
    [venueId, from, to, ...after, page?.limit ?? null],
  );
  return rows.map(scanFromRow);
}

export async function countScans(db: PostgresDb): Promise<number> {
  return Number((await db.pool.query('SELECT COUNT(*) AS n FROM scans')).rows[0].n);
}

export async function purgeScansBefore(db: PostgresDb, cutoff: string): Promise<number> {
  const cutoffMs = Date.parse(cutoff);
  return inTransaction(db, async (client) => {
    let purged = 0;
    const venueIds = (await client.query({ text: 'SELECT id FROM venues', rowMode: 'array' })).rows.map(
      (row: string[]) => row[0],
    );
    // Whole months of ids before the cutoff are dropped instead of deleted row by row, unless one
    // holds scans corrected to a later time (ids made on a kiosk clock that read 1970).
    const partitions = await scanPartitions(client);
    const droppable: StoredPartition[] = [];
    for (const partition of partitions) {
      if (partition.toMs > cutoffMs) continue;
      const kept = await client.query(
        `SELECT 1 FROM ${partition.name} s WHERE s.venue_id = ANY($1::uuid[]) AND s.corrected_at >= $2 LIMIT 1`,
        [venueIds, cutoff],
      );
      if (kept.rows.length === 0) droppable.push(partition);
    }
    for (const partition of droppable)
      purged += Number((await client.query(`SELECT COUNT(*) AS n FROM ${partition.name}`)).rows[0].n);
    // Citus drops the oldest months on every worker with its own procedure, as far as no kept month
    // stands between them; any other droppable month (behind a kept one) goes as its own table,
    // which Citus propagates too; a single server drops each table.
    let prefix = 0;
    while (db.citus && prefix < droppable.length && droppable[prefix] === partitions[prefix]) prefix += 1;
    if (prefix > 0)
      await client.query("CALL drop_old_time_partitions('scans', $1::timestamptz)", [
        new Date(droppable[prefix - 1].toMs).toISOString(),
      ]);
    for (const partition of droppable.slice(prefix)) await client.query(`DROP TABLE ${partition.name}`);
    for (const partition of droppable) db.knownMonths.delete(partition.from);
    // Per venue, on scans_by_venue_time: by the corrected time, the one the trace and presence use.
    for (const venueId of venueIds)
      purged +=
        (await client.query('DELETE FROM scans WHERE venue_id = $1 AND corrected_at < $2', [venueId, cutoff]))
          .rowCount ?? 0;
    await client.query('DELETE FROM scan_id_claims WHERE claimed_at < $1', [cutoff]);
    // Day counts go with days wholly before the cutoff; the days around it keep their whole count.
    await client.query('DELETE FROM venue_days WHERE day < $1', [daysWhollyBefore(cutoff)]);
    await purgePresenceBefore(client, cutoffMs);
    // The daily retention also keeps the coming months made on every worker.
    if (db.citus) await makeMonthsAhead(client, new Date());
    return purged;
  });
}
