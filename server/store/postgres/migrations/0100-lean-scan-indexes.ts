import type { PostgresMigration } from './index';

/** As SQLite's 0110: scans by person and by the kiosk's own clock go; no route reads them any more. */
export const migration0100: PostgresMigration = {
  version: 100,
  name: 'lean-scan-indexes',
  up: `
    DROP INDEX scans_by_person;
    DROP INDEX scans_by_scan_time;
  `,
};
