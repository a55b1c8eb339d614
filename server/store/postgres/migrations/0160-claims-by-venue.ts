import type { PostgresMigration } from './index';

/**
 * An id claim carries the claiming device's venue, first in its key: on Citus the claims are
 * distributed by venue beside that venue's scans (`citusLayout.ts`), so a batch's claims are written
 * on the batch's own shard. A device belongs to one venue, so the key's uniqueness is unchanged.
 */
export const migration0160: PostgresMigration = {
  version: 160,
  name: 'claims-by-venue',
  up: `
    ALTER TABLE scan_id_claims ADD COLUMN venue_id uuid;
    UPDATE scan_id_claims c SET venue_id = d.venue_id FROM devices d WHERE d.id = c.device_id;
    DELETE FROM scan_id_claims WHERE venue_id IS NULL;
    ALTER TABLE scan_id_claims ALTER COLUMN venue_id SET NOT NULL;
    ALTER TABLE scan_id_claims DROP CONSTRAINT scan_id_claims_pkey;
    ALTER TABLE scan_id_claims ADD PRIMARY KEY (venue_id, scan_id, device_id);
  `,
};
