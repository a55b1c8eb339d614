/** Day counts and venue activity on PostgreSQL, read from the counts kept at ingest (`topics/activityTopic.ts`). */
import { PASSAGES_SQL } from '../dayCountsSql';
import { venueActivityFromRow } from '../rowMappers';
import type { ActivityWindow, DailyCount, VenueActivity } from '../topics/activityTopic';
import type { PostgresDb } from './connection';

export async function dailyCounts(db: PostgresDb, fromDay: string, toDay: string): Promise<DailyCount[]> {
  // Counts per venue and local day, kept at ingest (server/domain/dayCounts.ts).
  const { rows } = await db.pool.query(
    `SELECT d.venue_id AS "venueId", v.name AS "venueName", v.type AS "venueType", d.day, d.recorded_in AS "in", d.recorded_out AS "out", d.refused
     FROM venue_days d JOIN venues v ON v.id = d.venue_id WHERE d.day >= $1 AND d.day <= $2 ORDER BY d.day, v.name`,
    [fromDay, toDay],
  );
  return rows as DailyCount[];
}

export async function venueActivity(db: PostgresDb, w: ActivityWindow): Promise<VenueActivity[]> {
  const { rows } = await db.pool.query(
    `SELECT v.*,
       (SELECT COALESCE(SUM(${PASSAGES_SQL}), 0) FROM venue_days d WHERE d.venue_id = v.id AND d.day = $1) AS scans_today,
       (SELECT COALESCE(SUM(${PASSAGES_SQL}), 0) FROM venue_days d WHERE d.venue_id = v.id AND d.day >= $2 AND d.day <= $1) AS scans_7days,
       (SELECT MAX(d.last_upload_at) FROM devices d WHERE d.venue_id = v.id) AS last_upload_at,
       (SELECT COUNT(*) FROM devices d WHERE d.venue_id = v.id AND d.revoked_at IS NULL) AS active_devices,
         (SELECT MAX(d.last_upload_at) FROM devices d WHERE d.venue_id = v.id AND d.revoked_at IS NULL) AS last_report_at
     FROM venues v ORDER BY v.name, v.id`,
    [w.today, w.weekStart],
  );
  return rows.map(venueActivityFromRow);
}

export async function scansPerDay(
  db: PostgresDb,
  fromDay: string,
  toDay: string,
): Promise<{ day: string; scans: number }[]> {
  const { rows } = await db.pool.query(
    `SELECT day, SUM(${PASSAGES_SQL}) AS scans FROM venue_days d WHERE day >= $1 AND day <= $2 GROUP BY day ORDER BY day`,
    [fromDay, toDay],
  );
  return rows.map((row: { day: string; scans: number | string }) => ({ day: row.day, scans: Number(row.scans) }));
}
