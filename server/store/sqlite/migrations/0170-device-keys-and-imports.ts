import type { SqliteMigration } from './index';

/**
 * Venues with no network: a kiosk's Ed25519 public key on its device row (it signs the scan files
 * carried on a USB stick; an import finds the kiosk by it, so one key is one device), and the audit
 * of those imports (who, when, which device, the file's header counts and what came of it). Older
 * devices have no key (null). Instants are epoch ms, as the trace audit's.
 */
export const migration0170: SqliteMigration = {
  version: 170,
  name: 'device-keys-and-imports',
  up: `
    ALTER TABLE devices ADD COLUMN public_key TEXT;
    CREATE UNIQUE INDEX devices_by_public_key ON devices (public_key) WHERE public_key IS NOT NULL;
    CREATE TABLE scan_imports (
      id INTEGER PRIMARY KEY AUTOINCREMENT, imported_at INTEGER NOT NULL, actor TEXT NOT NULL,
      device_id TEXT, device_name TEXT, venue_id TEXT, venue_name TEXT, file_bytes INTEGER NOT NULL,
      file_scans INTEGER, seq_from INTEGER, seq_to INTEGER,
      accepted INTEGER NOT NULL DEFAULT 0, duplicate INTEGER NOT NULL DEFAULT 0, rejected INTEGER NOT NULL DEFAULT 0,
      outcome TEXT NOT NULL, receipt_seq INTEGER
    );
  `,
};
