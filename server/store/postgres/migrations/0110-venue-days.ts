import { venueDaysBuildSql } from '../../dayCountsSql';
import type { PostgresMigration } from './index';

/** As SQLite's 0120: counts per venue and local day kept at ingest, built from the stored scans; the index by day goes. */
export const migration0110: PostgresMigration = {
  version: 110,
  name: 'venue-days',
  up: `
    CREATE TABLE venue_days (
      venue_id uuid NOT NULL, day text NOT NULL, scans bigint NOT NULL, recorded_in bigint NOT NULL, recorded_out bigint NOT NULL, refused bigint NOT NULL,
      PRIMARY KEY (venue_id, day)
    );
    ${venueDaysBuildSql('postgres')};
    DROP INDEX scans_by_day;
  `,
};
