import type { PostgresMigration } from './index';

/**
 * A kiosk's correction (counter staff undid or flipped a scan) names the scan it voids. The voided
 * scan stays stored (never a silent delete); counts and traces are to leave it out. The column is
 * added last, where the ingest's record type lists it.
 */
export const migration0090: PostgresMigration = {
  version: 90,
  name: 'voids',
  up: `
    ALTER TABLE scans ADD COLUMN voids_scan_id uuid;
    CREATE INDEX scans_voids ON scans (voids_scan_id) WHERE voids_scan_id IS NOT NULL;
  `,
};
