import type { SqliteMigration } from './index';

/**
 * Scan times as epoch milliseconds, so they compare as instants whatever offset or precision a
 * kiosk or an admin wrote (text comparison missed `+07:00` windows). The table is rebuilt, since
 * SQLite cannot change a column's type; times are converted with JavaScript's own parser, the one
 * the server validates with. The venue index also orders by (seq, id) for paged trace reads.
 */
export const migration0020: SqliteMigration = {
  version: 20,
  name: 'instants',
  up: (db) => {
    db.function('iso_to_ms', { deterministic: true }, (text: unknown) => Date.parse(String(text)));
    db.exec(`
      CREATE TABLE scans_ms (
        id TEXT PRIMARY KEY, venue_id TEXT NOT NULL, device_id TEXT NOT NULL, seq INTEGER NOT NULL,
        scanned_at INTEGER NOT NULL, corrected_at INTEGER NOT NULL, received_at INTEGER NOT NULL, utc_offset_min INTEGER NOT NULL,
        local_day TEXT NOT NULL, direction TEXT, source TEXT NOT NULL, kind TEXT NOT NULL, outcome TEXT NOT NULL,
        reason TEXT, problems TEXT NOT NULL, id_number TEXT, full_name TEXT, birth_date TEXT, gender TEXT,
        address TEXT, code_text TEXT, context_label TEXT
      ) WITHOUT ROWID;
      INSERT INTO scans_ms
        SELECT id, venue_id, device_id, seq, iso_to_ms(scanned_at), iso_to_ms(corrected_at), iso_to_ms(received_at), utc_offset_min,
          local_day, direction, source, kind, outcome, reason, problems, id_number, full_name, birth_date, gender,
          address, code_text, context_label
        FROM scans;
      DROP TABLE scans;
      ALTER TABLE scans_ms RENAME TO scans;
      CREATE INDEX scans_by_person ON scans (id_number, corrected_at) WHERE id_number IS NOT NULL;
      CREATE INDEX scans_by_venue_time ON scans (venue_id, corrected_at, seq);
      CREATE INDEX scans_by_day ON scans (local_day, venue_id);
      CREATE INDEX scans_by_scan_time ON scans (scanned_at);
    `);
  },
};
