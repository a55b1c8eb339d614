import type { PostgresMigration } from './index';

/**
 * A port's scans name their sailing (id, scheduled departure, boarded or refused for a full boat),
 * and presence carries it: the trace finds a voyage's passengers by the sailing (its own small
 * index), and a boarded passenger's port stay with no exit ends at the departure. The scans'
 * columns are added last, where the ingest's unnest lists them. Rows before have no sailing (null).
 */
export const migration0170: PostgresMigration = {
  version: 170,
  name: 'sailings',
  up: `
    ALTER TABLE scans ADD COLUMN sailing_id uuid, ADD COLUMN sailing_departs_at timestamptz, ADD COLUMN sailing_boarded boolean;
    ALTER TABLE presence ADD COLUMN sailing_id uuid, ADD COLUMN departs_ms bigint, ADD COLUMN boarded boolean,
      ADD COLUMN exit_sailing_id uuid, ADD COLUMN exit_departs_ms bigint, ADD COLUMN exit_boarded boolean;
    CREATE INDEX presence_by_sailing ON presence (sailing_id, venue_id) WHERE sailing_id IS NOT NULL;
  `,
};
