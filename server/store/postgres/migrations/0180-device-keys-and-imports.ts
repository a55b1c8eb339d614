import type { PostgresMigration } from './index';

/**
 * As SQLite's 0170: a kiosk's Ed25519 public key on its device row (one key, one device), and the
 * audit of scan files imported from USB sticks. Both stay on a Citus coordinator (devices are kept
 * there; the audit is local, as the trace audit is).
 */
export const migration0180: PostgresMigration = {
  version: 180,
  name: 'device-keys-and-imports',
  up: `
    ALTER TABLE devices ADD COLUMN public_key text;
    CREATE UNIQUE INDEX devices_by_public_key ON devices (public_key) WHERE public_key IS NOT NULL;
    CREATE TABLE scan_imports (
      id bigserial PRIMARY KEY, imported_at timestamptz NOT NULL, actor text NOT NULL,
      device_id uuid, device_name text, venue_id uuid, venue_name text, file_bytes bigint NOT NULL,
      file_scans integer, seq_from bigint, seq_to bigint,
      accepted integer NOT NULL DEFAULT 0, duplicate integer NOT NULL DEFAULT 0, rejected integer NOT NULL DEFAULT 0,
      outcome text NOT NULL, receipt_seq bigint
    );
  `,
};
