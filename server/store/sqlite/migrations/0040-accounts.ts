import type { SqliteMigration } from './index';

/**
 * Console accounts and their sessions. Passwords are scrypt hashes with their salt; a session is
 * known by the SHA-256 of its random cookie id only, so a copy of the database signs nobody in.
 * The trace audit's `actor` names the account (`user:<name>`).
 */
export const migration0040: SqliteMigration = {
  version: 40,
  name: 'accounts',
  up: `
    CREATE TABLE users (
      id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL, password_hash TEXT NOT NULL,
      must_change_password INTEGER NOT NULL, failed_logins INTEGER NOT NULL DEFAULT 0, locked_until INTEGER,
      created_at INTEGER NOT NULL, disabled_at INTEGER
    );
    CREATE TABLE sessions (
      id_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users (id), csrf_token TEXT NOT NULL,
      created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX sessions_by_user ON sessions (user_id);
  `,
};
