import type { SqliteMigration } from './index';

/**
 * A port's scans name their sailing (id, scheduled departure, boarded or refused for a full boat),
 * and presence carries it: the trace finds a voyage's passengers by the sailing (its own small
 * index), and a boarded passenger's port stay with no exit ends at the departure. Rows before have
 * no sailing (null), so nothing is paired anew.
 */
export const migration0160: SqliteMigration = {
  version: 160,
  name: 'sailings',
  up: `
    ALTER TABLE scans ADD COLUMN sailing_id TEXT;
    ALTER TABLE scans ADD COLUMN sailing_departs_at INTEGER;
    ALTER TABLE scans ADD COLUMN sailing_boarded INTEGER;
    ALTER TABLE presence ADD COLUMN sailing_id TEXT;
    ALTER TABLE presence ADD COLUMN departs_ms INTEGER;
    ALTER TABLE presence ADD COLUMN boarded INTEGER;
    ALTER TABLE presence ADD COLUMN exit_sailing_id TEXT;
    ALTER TABLE presence ADD COLUMN exit_departs_ms INTEGER;
    ALTER TABLE presence ADD COLUMN exit_boarded INTEGER;
    CREATE INDEX presence_by_sailing ON presence (sailing_id, venue_id) WHERE sailing_id IS NOT NULL;
  `,
};
