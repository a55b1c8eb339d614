import type { PostgresMigration } from './index';

/**
 * As SQLite's 0180: a device enrolled by an import waits for its first token (`awaiting_token`),
 * given once when the kiosk enrolls online with its key and the code. Devices stay on a Citus
 * coordinator, so the column is added there only.
 */
export const migration0190: PostgresMigration = {
  version: 190,
  name: 'devices-awaiting-token',
  up: `ALTER TABLE devices ADD COLUMN awaiting_token boolean NOT NULL DEFAULT false;`,
};
