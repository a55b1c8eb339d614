import type { SqliteMigration } from './index';

/**
 * The district's settings (the address kiosks reach, given on the first-run page); when a lookup's
 * shown result was exported or printed, on its own trace audit row.
 */
export const migration0150: SqliteMigration = {
  version: 150,
  name: 'settings-and-communes',
  up: (db) => {
    db.exec(`
      CREATE TABLE district_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      ALTER TABLE trace_audit ADD COLUMN exported_at INTEGER;
      ALTER TABLE trace_audit ADD COLUMN printed_at INTEGER;
    `);
  },
};
