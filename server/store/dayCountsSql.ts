/**
 * The SQL that counts every stored scan per venue and local day at once, as ingest keeps the
 * `venue_days` rows (`server/domain/dayCounts.ts`): used by the migrations that create the table and
 * by the benchmark's fill. A scan is voided for the counts only by a correction of its own venue.
 * Migrations build at Viet Nam's offset (they do not know `--time-zone`; ingest then uses it).
 */
import { DEFAULT_DISTRICT_OFFSET_MIN } from '../domain/districtDay';
import type { Engine } from './presenceSql';

/**
 * The console's "scans" of a `venue_days` row `d`: each passage a kiosk showed (entries and exits
 * recorded, and refusals), as its own day counts do: an undone scan is off, and a correction row
 * is not a passage. (`d.scans`, every stored row, counted the undo twice: the kiosk said 5 and
 * the console 7.)
 */
export const PASSAGES_SQL = '(d.recorded_in + d.recorded_out + d.refused)';

/** Counts on the district's local day of each corrected time, at `offsetMin` (default Viet Nam's). */
export function venueDaysBuildSql(engine: Engine, offsetMin = DEFAULT_DISTRICT_OFFSET_MIN): string {
  const day =
    engine === 'sqlite'
      ? `strftime('%Y-%m-%d', (s.corrected_at + ${offsetMin * 60_000}) / 1000, 'unixepoch')`
      : `to_char(s.corrected_at AT TIME ZONE 'UTC' + interval '${offsetMin} minutes', 'YYYY-MM-DD')`;
  const voided = `EXISTS (SELECT 1 FROM scans x WHERE x.voids_scan_id = s.id AND x.venue_id = s.venue_id)`;
  // A correction has no direction: its condition is NULL, never 0, so SQLite's SUM over a day of
  // corrections alone would be NULL. CASE makes each row 0 or 1.
  const count = (condition: string) =>
    engine === 'sqlite' ? `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)` : `COUNT(*) FILTER (WHERE ${condition})`;
  return `
    INSERT INTO venue_days (venue_id, day, scans, recorded_in, recorded_out, refused)
      SELECT s.venue_id, ${day}, COUNT(*),
        ${count(`s.outcome = 'recorded' AND s.direction = 'in' AND NOT ${voided}`)},
        ${count(`s.outcome = 'recorded' AND s.direction = 'out' AND NOT ${voided}`)},
        ${count(`s.outcome = 'refused'`)}
      FROM scans s GROUP BY 1, 2`;
}
