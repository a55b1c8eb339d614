import type { PostgresMigration } from './index';

/**
 * The district's settings (the address kiosks reach, given on the first-run page); when a lookup's
 * shown result was exported or printed, on its own trace audit row.
 */
export const migration0140: PostgresMigration = {
  version: 140,
  name: 'settings-and-communes',
  up: `
    CREATE TABLE district_settings (key text PRIMARY KEY, value text NOT NULL);
    ALTER TABLE trace_audit ADD COLUMN exported_at timestamptz, ADD COLUMN printed_at timestamptz;
  `,
};
