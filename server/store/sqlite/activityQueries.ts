/** Day counts and venue activity on SQLite, read from the counts kept at ingest (`topics/activityTopic.ts`). */
import { PASSAGES_SQL } from '../dayCountsSql';
import { venueActivityFromRow, type VenueActivityDbRow } from '../rowMappers';
import type { ActivityWindow, DailyCount, VenueActivity } from '../topics/activityTopic';
import { prepared, type SqliteDatabase } from './preparedStatements';

export function dailyCounts(db: SqliteDatabase, fromDay: string, toDay: string): DailyCount[] {
  // Counts per venue and local day, kept at ingest (server/domain/dayCounts.ts).
  return prepared(
    db,
    `SELECT d.venue_id AS venueId, v.name AS venueName, v.type AS venueType, d.day, d.recorded_in AS "in", d.recorded_out AS "out", d.refused
     FROM venue_days d JOIN venues v ON v.id = d.venue_id WHERE d.day >= ? AND d.day <= ? ORDER BY d.day, v.name`,
  ).all(fromDay, toDay) as DailyCount[];
}

export function venueActivity(db: SqliteDatabase, window: ActivityWindow): VenueActivity[] {
  return (
    prepared(
      db,
      `SELECT v.*,
         (SELECT COALESCE(SUM(${PASSAGES_SQL}), 0) FROM venue_days d WHERE d.venue_id = v.id AND d.day = @today) AS scans_today,
         (SELECT COALESCE(SUM(${PASSAGES_SQL}), 0) FROM venue_days d WHERE d.venue_id = v.id AND d.day >= @weekStart AND d.day <= @today) AS scans_7days,
         (SELECT MAX(d.last_upload_at) FROM devices d WHERE d.venue_id = v.id) AS last_upload_at,
         (SELECT COUNT(*) FROM devices d WHERE d.venue_id = v.id AND d.revoked_at IS NULL) AS active_devices,
         (SELECT MAX(d.last_upload_at) FROM devices d WHERE d.venue_id = v.id AND d.revoked_at IS NULL) AS last_report_at
       FROM venues v ORDER BY v.name, v.id`,
    ).all({ today: window.today, weekStart: window.weekStart }) as VenueActivityDbRow[]
  ).map(venueActivityFromRow);
}

export function scansPerDay(db: SqliteDatabase, fromDay: string, toDay: string): { day: string; scans: number }[] {
  return prepared(
    db,
    `SELECT day, SUM(${PASSAGES_SQL}) AS scans FROM venue_days d WHERE day >= ? AND day <= ? GROUP BY day ORDER BY day`,
  ).all(fromDay, toDay) as { day: string; scans: number }[];
}
