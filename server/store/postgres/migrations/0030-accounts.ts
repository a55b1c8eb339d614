import type { PostgresMigration } from './index';

/**
 * Console accounts and their sessions. Passwords are scrypt hashes with their salt; a session is
 * known by the SHA-256 of its random cookie id only, so a copy of the database signs nobody in.
 */
export const migration0030: PostgresMigration = {
  version: 30,
  name: 'accounts',
  up: `
    CREATE TABLE users (
      id uuid PRIMARY KEY, name text NOT NULL UNIQUE, role text NOT NULL, password_hash text NOT NULL,
      must_change_password boolean NOT NULL, failed_logins integer NOT NULL DEFAULT 0, locked_until timestamptz,
      created_at timestamptz NOT NULL, disabled_at timestamptz
    );
    CREATE TABLE sessions (
      id_hash text PRIMARY KEY, user_id uuid NOT NULL REFERENCES users (id), csrf_token text NOT NULL,
      created_at timestamptz NOT NULL, last_seen_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_by_user ON sessions (user_id);
  `,
};
