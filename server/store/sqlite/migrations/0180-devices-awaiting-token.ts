import type { SqliteMigration } from './index';

/**
 * A device enrolled by an import (a kiosk set up offline, its file carrying its code) has no token
 * anyone holds yet: `awaiting_token` 1 until the kiosk itself enrolls online with its key and the
 * code, which gives it its first token, once. Every other device (and every one before this step)
 * has had its token given: 0.
 */
export const migration0180: SqliteMigration = {
  version: 180,
  name: 'devices-awaiting-token',
  up: `ALTER TABLE devices ADD COLUMN awaiting_token INTEGER NOT NULL DEFAULT 0;`,
};
