/** Stored scans on SQLite: reads, count and retention, plain query functions `(db, ...args)` (`topics/scanTopic.ts`). Times are epoch ms here. */
import { daysWhollyBefore } from '../../domain/districtDay';
import { scanFromRow, type ScanDbRow } from '../rowMappers';
import type { ScanPage, StoredScan } from '../topics/scanTopic';
import { prepared, type SqliteDatabase } from './preparedStatements';
import { purgePresenceBefore } from './presenceWrites';

export function scansOfPerson(db: SqliteDatabase, idNumber: string, from: string, to: string): StoredScan[] {
  return (
    prepared(
      db,
      `SELECT * FROM scans WHERE id_number = ? AND outcome = 'recorded' AND corrected_at >= ? AND corrected_at < ? ORDER BY corrected_at, seq`,
    ).all(idNumber, Date.parse(from), Date.parse(to)) as ScanDbRow[]
  ).map(scanFromRow);
}

export function scansAtVenue(
  db: SqliteDatabase,
  venueId: string,
  from: string,
  to: string,
  page?: ScanPage,
): StoredScan[] {
  const after = page?.after
    ? [Date.parse(page.after.correctedAt), page.after.seq, page.after.id]
    : [Date.parse(from), -1, ''];
  // LIMIT -1 reads every row.
  return (
    prepared(
      db,
      `SELECT * FROM scans WHERE venue_id = ? AND outcome = 'recorded' AND corrected_at >= ? AND corrected_at < ?
         AND (corrected_at, seq, id) > (?, ?, ?) ORDER BY corrected_at, seq, id LIMIT ?`,
    ).all(venueId, Date.parse(from), Date.parse(to), ...after, page?.limit ?? -1) as ScanDbRow[]
  ).map(scanFromRow);
}

export function countScans(db: SqliteDatabase): number {
  return (prepared(db, 'SELECT COUNT(*) AS n FROM scans').get() as { n: number }).n;
}

export function purgeScansBefore(db: SqliteDatabase, cutoff: string): number {
  return db.transaction(() => {
    prepared(db, 'DELETE FROM scan_id_claims WHERE claimed_at < ?').run(Date.parse(cutoff));
    purgePresenceBefore(db, Date.parse(cutoff));
    let purged = 0;
    // Per venue, on scans_by_venue_time: by the corrected time, the one the trace and presence use.
    for (const venueId of prepared(db, 'SELECT id FROM venues').pluck().all() as string[])
      purged += prepared(db, 'DELETE FROM scans WHERE venue_id = ? AND corrected_at < ?').run(
        venueId,
        Date.parse(cutoff),
      ).changes;
    // Day counts go with days wholly before the cutoff; the days around it keep their whole count.
    prepared(db, 'DELETE FROM venue_days WHERE day < ?').run(daysWhollyBefore(cutoff));
    return purged;
  })();
}
