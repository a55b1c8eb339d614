import type { PostgresMigration } from './index';

/** The district's settings (the address kiosks reach, given on the first-run page). */
export const migration0140: PostgresMigration = {
  version: 140,
  name: 'settings-and-communes',
  up: `
    CREATE TABLE district_settings (key text PRIMARY KEY, value text NOT NULL);
  `,
};
