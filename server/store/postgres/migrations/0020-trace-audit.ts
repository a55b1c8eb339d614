import type { PostgresMigration } from './index';

/**
 * Who traced which ID number, when and for which case (the audit IT staff read; never in logs),
 * and scan ids another device sent that already belonged to someone else (answered as if new, so
 * a device learns nothing about other venues' ids; kept to answer its re-sends `duplicate`).
 * Scan times are already `timestamptz` here, compared as instants.
 */
export const migration0020: PostgresMigration = {
  version: 20,
  name: 'trace-audit',
  up: `
    CREATE TABLE trace_audit (
      id bigserial PRIMARY KEY, traced_at timestamptz NOT NULL, actor text NOT NULL, id_number text NOT NULL,
      case_ref text, from_at timestamptz NOT NULL, to_at timestamptz NOT NULL
    );
    CREATE TABLE scan_id_claims (
      scan_id uuid NOT NULL, device_id uuid NOT NULL, claimed_at timestamptz NOT NULL, PRIMARY KEY (scan_id, device_id)
    );
    CREATE INDEX scan_id_claims_by_time ON scan_id_claims (claimed_at);
    DROP INDEX scans_by_venue_time;
    CREATE INDEX scans_by_venue_time ON scans (venue_id, corrected_at, seq);
    CREATE INDEX scans_by_scan_time ON scans (scanned_at);
  `,
};
