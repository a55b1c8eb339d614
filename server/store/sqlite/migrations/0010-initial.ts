import type { SqliteMigration } from './index';

/** Venues, their enrollment codes, devices and scans (times as ISO text). */
export const migration0010: SqliteMigration = {
  version: 10,
  name: 'initial',
  up: `
    CREATE TABLE venues (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, address TEXT, created_at TEXT NOT NULL);
    CREATE TABLE enrollments (
      code_hash TEXT PRIMARY KEY, venue_id TEXT NOT NULL REFERENCES venues (id),
      created_at TEXT NOT NULL, expires_at TEXT NOT NULL, redeemed_at TEXT, device_id TEXT
    );
    CREATE TABLE devices (
      id TEXT PRIMARY KEY, venue_id TEXT NOT NULL REFERENCES venues (id), name TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT,
      last_upload_at TEXT, pending_count INTEGER, app_version TEXT, clock_offset_ms INTEGER
    );
    CREATE TABLE scans (
      id TEXT PRIMARY KEY, venue_id TEXT NOT NULL, device_id TEXT NOT NULL, seq INTEGER NOT NULL,
      scanned_at TEXT NOT NULL, corrected_at TEXT NOT NULL, received_at TEXT NOT NULL, utc_offset_min INTEGER NOT NULL,
      local_day TEXT NOT NULL, direction TEXT, source TEXT NOT NULL, kind TEXT NOT NULL, outcome TEXT NOT NULL,
      reason TEXT, problems TEXT NOT NULL, id_number TEXT, full_name TEXT, birth_date TEXT, gender TEXT,
      address TEXT, code_text TEXT, context_label TEXT
    ) WITHOUT ROWID;
    CREATE INDEX scans_by_person ON scans (id_number, corrected_at) WHERE id_number IS NOT NULL;
    CREATE INDEX scans_by_venue_time ON scans (venue_id, corrected_at);
    CREATE INDEX scans_by_day ON scans (local_day, venue_id);
  `,
};
