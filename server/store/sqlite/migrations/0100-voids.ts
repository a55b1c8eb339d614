import type { SqliteMigration } from './index';

/**
 * A kiosk's correction (counter staff undid or flipped a scan) names the scan it voids. The voided
 * scan stays stored (never a silent delete); counts and traces are to leave it out.
 */
export const migration0100: SqliteMigration = {
  version: 100,
  name: 'voids',
  up: `
    ALTER TABLE scans ADD COLUMN voids_scan_id TEXT;
    CREATE INDEX scans_voids ON scans (voids_scan_id) WHERE voids_scan_id IS NOT NULL;
  `,
};
