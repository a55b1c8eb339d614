import type { Migration } from './index';

/**
 * Upload bookkeeping. The acknowledged cursor and the device credentials live in `settings`;
 * scans the server refused are listed here (the rows themselves stay in `scans`).
 */
export const migration0020: Migration = {
  version: 20,
  name: 'upload',
  up: `
    CREATE TABLE upload_rejections (
      scan_id TEXT PRIMARY KEY,
      seq INTEGER NOT NULL,
      reason TEXT NOT NULL,
      rejected_at TEXT NOT NULL
    );
  `,
};
