import type { SqliteMigration } from './index';

/** A venue's area (commune or ward, what the district counts by) and when it was retired. */
export const migration0050: SqliteMigration = {
  version: 50,
  name: 'venue-areas',
  up: `
    ALTER TABLE venues ADD COLUMN area TEXT;
    ALTER TABLE venues ADD COLUMN retired_at TEXT;
    CREATE INDEX devices_by_venue ON devices (venue_id);
  `,
};
