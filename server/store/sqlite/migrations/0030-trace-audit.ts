import type { SqliteMigration } from './index';

/**
 * Who traced which ID number, when and for which case (the audit IT staff read; never in logs),
 * and scan ids another device sent that already belonged to someone else (answered as if new, so
 * a device learns nothing about other venues' ids; kept to answer its re-sends `duplicate`).
 */
export const migration0030: SqliteMigration = {
  version: 30,
  name: 'trace-audit',
  up: `
    CREATE TABLE trace_audit (
      id INTEGER PRIMARY KEY AUTOINCREMENT, traced_at INTEGER NOT NULL, actor TEXT NOT NULL, id_number TEXT NOT NULL,
      case_ref TEXT, from_at INTEGER NOT NULL, to_at INTEGER NOT NULL
    );
    CREATE TABLE scan_id_claims (
      scan_id TEXT NOT NULL, device_id TEXT NOT NULL, claimed_at INTEGER NOT NULL, PRIMARY KEY (scan_id, device_id)
    ) WITHOUT ROWID;
    CREATE INDEX scan_id_claims_by_time ON scan_id_claims (claimed_at);
  `,
};
