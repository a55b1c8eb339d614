import type { Migration } from './index';

/** Scans, settings. Personal columns are nullable: the privacy profile decides what is written. */
export const migration0010: Migration = {
  version: 10,
  name: 'initial',
  up: `
    CREATE TABLE scans (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      scanned_at TEXT NOT NULL,
      utc_offset_min INTEGER NOT NULL,
      local_day TEXT NOT NULL,
      direction TEXT CHECK (direction IN ('in', 'out')),
      source TEXT NOT NULL,
      kind TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('recorded', 'refused')),
      reason TEXT,
      problems TEXT NOT NULL DEFAULT '',
      recovered INTEGER NOT NULL DEFAULT 0,
      subject_key TEXT,
      id_number TEXT,
      full_name TEXT,
      birth_date TEXT,
      gender TEXT,
      address TEXT,
      code_text TEXT,
      context_label TEXT
    );
    CREATE INDEX scans_by_day ON scans (local_day, outcome, direction);
    CREATE INDEX scans_by_subject ON scans (subject_key, seq) WHERE subject_key IS NOT NULL;
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `,
};
