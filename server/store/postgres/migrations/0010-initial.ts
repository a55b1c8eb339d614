import type { PostgresMigration } from './index';

/**
 * Venues, enrollment codes, devices and scans. Scans are partitioned by month on their UUIDv7 id
 * (the id begins with its millisecond timestamp): the primary key stays the id alone, and
 * retention drops whole partitions. Partitions are made on demand at ingest.
 */
export const migration0010: PostgresMigration = {
  version: 10,
  name: 'initial',
  up: `
    CREATE TABLE venues (id uuid PRIMARY KEY, name text NOT NULL, type text NOT NULL, address text, created_at timestamptz NOT NULL);
    CREATE TABLE enrollments (
      code_hash text PRIMARY KEY, venue_id uuid NOT NULL REFERENCES venues (id),
      created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL, redeemed_at timestamptz, device_id uuid
    );
    CREATE TABLE devices (
      id uuid PRIMARY KEY, venue_id uuid NOT NULL REFERENCES venues (id), name text NOT NULL,
      token_hash text NOT NULL UNIQUE, created_at timestamptz NOT NULL, revoked_at timestamptz,
      last_upload_at timestamptz, pending_count integer, app_version text, clock_offset_ms bigint
    );
    CREATE TABLE scans (
      id uuid NOT NULL, venue_id uuid NOT NULL, device_id uuid NOT NULL, seq bigint NOT NULL,
      scanned_at timestamptz NOT NULL, corrected_at timestamptz NOT NULL, received_at timestamptz NOT NULL,
      utc_offset_min integer NOT NULL, local_day text NOT NULL, direction text, source text NOT NULL, kind text NOT NULL,
      outcome text NOT NULL, reason text, problems text NOT NULL, id_number text, full_name text, birth_date text,
      gender text, address text, code_text text, context_label text,
      PRIMARY KEY (id)
    ) PARTITION BY RANGE (id);
    CREATE INDEX scans_by_person ON scans (id_number, corrected_at) WHERE id_number IS NOT NULL;
    CREATE INDEX scans_by_venue_time ON scans (venue_id, corrected_at);
    CREATE INDEX scans_by_day ON scans (local_day, venue_id);
  `,
};
