import type { PostgresMigration } from './index';

/** A venue's area (commune or ward, what the district counts by) and when it was retired. */
export const migration0040: PostgresMigration = {
  version: 40,
  name: 'venue-areas',
  up: `
    ALTER TABLE venues ADD COLUMN area text;
    ALTER TABLE venues ADD COLUMN retired_at timestamptz;
    CREATE INDEX devices_by_venue ON devices (venue_id);
  `,
};
