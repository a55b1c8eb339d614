import type { SqliteMigration } from './index';

/**
 * Whether a kiosk enrolled before that redeems a code sends the scans it has not sent yet under the
 * new enrollment (the district chose so when making the code). Codes made before: no, so a kiosk
 * moved to another venue never uploads the old venue's scans under the new one.
 */
export const migration0140: SqliteMigration = {
  version: 140,
  name: 'carry-unsent-scans',
  up: `ALTER TABLE enrollments ADD COLUMN carry_unsent_scans INTEGER NOT NULL DEFAULT 0;`,
};
