import type { PostgresMigration } from './index';

/** As SQLite's 0140: whether a kiosk enrolled before sends its unsent scans under a new code. */
export const migration0130: PostgresMigration = {
  version: 130,
  name: 'carry-unsent-scans',
  up: `ALTER TABLE enrollments ADD COLUMN carry_unsent_scans boolean NOT NULL DEFAULT false;`,
};
