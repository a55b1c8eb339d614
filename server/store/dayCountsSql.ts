/**
 * The SQL that counts every stored scan per venue and local day at once, as ingest keeps the
 * `venue_days` rows (`server/ingest/dayCounts.ts`): used by the migrations that create the table and
 * by the benchmark's fill. A scan is voided for the counts only by a correction of its own venue.
 */
import type { Engine } from './presence';

export function venueDaysBuildSql(engine: Engine): string {
  const voided = `EXISTS (SELECT 1 FROM scans x WHERE x.voids_scan_id = s.id AND x.venue_id = s.venue_id)`;
  const count = (condition: string) => (engine === 'sqlite' ? `SUM(${condition})` : `COUNT(*) FILTER (WHERE ${condition})`);
  return `
    INSERT INTO venue_days (venue_id, day, scans, recorded_in, recorded_out, refused)
      SELECT s.venue_id, s.local_day, COUNT(*),
        ${count(`s.outcome = 'recorded' AND s.direction = 'in' AND NOT ${voided}`)},
        ${count(`s.outcome = 'recorded' AND s.direction = 'out' AND NOT ${voided}`)},
        ${count(`s.outcome = 'refused'`)}
      FROM scans s GROUP BY s.venue_id, s.local_day`;
}
