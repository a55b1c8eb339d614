import type { SqliteMigration } from './index';

/**
 * Two indexes every scan paid for at ingest and no route reads any more (issue 13): scans by
 * person (the trace reads presence intervals by person since 0070) and scans by the kiosk's own
 * clock (retention purges by the corrected time, per venue on `scans_by_venue_time`, so a kiosk
 * whose clock read 1970 does not lose its corrected scans at the next purge).
 */
export const migration0110: SqliteMigration = {
  version: 110,
  name: 'lean-scan-indexes',
  up: `
    DROP INDEX scans_by_person;
    DROP INDEX scans_by_scan_time;
  `,
};
