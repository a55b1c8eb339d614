import { venueDaysBuildSql } from '../../dayCountsSql';
import type { SqliteMigration } from './index';

/**
 * Counts per venue and local day kept at ingest (`server/ingest/dayCounts.ts`), built here from the
 * scans already stored; the scans' index by day goes (it served only the daily counts). A scan is
 * voided for the counts only by a correction of its own venue.
 */
export const migration0120: SqliteMigration = {
  version: 120,
  name: 'venue-days',
  up: `
    CREATE TABLE venue_days (
      venue_id TEXT NOT NULL, day TEXT NOT NULL, scans INTEGER NOT NULL, recorded_in INTEGER NOT NULL, recorded_out INTEGER NOT NULL, refused INTEGER NOT NULL,
      PRIMARY KEY (venue_id, day)
    ) WITHOUT ROWID;
    ${venueDaysBuildSql('sqlite')};
    DROP INDEX scans_by_day;
  `,
};
