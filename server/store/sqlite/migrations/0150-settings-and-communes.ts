import type { SqliteMigration } from './index';

/** The district's settings (the address kiosks reach, given on the first-run page). */
export const migration0150: SqliteMigration = {
  version: 150,
  name: 'settings-and-communes',
  up: (db) => {
    db.exec('CREATE TABLE district_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  },
};
