import { LONG_PRESENCE_SQL, PRESENCE_COLUMNS, PRESENCE_VENUES_REBUILD, presenceRebuildSelect } from '../../presence';
import type { SqliteMigration } from './index';

/**
 * Presence intervals, kept at ingest so a trace reads intervals instead of pairing scans (issue 13):
 * clustered on (venue, start) for the contact search, by person for the index person and for
 * ingest's neighbour lookups, long intervals apart; the longest ordinary interval per venue bounds
 * how early a window's candidates may start. Built here from the scans already stored.
 */
export const migration0070: SqliteMigration = {
  version: 70,
  name: 'presence',
  up: (db) => {
    db.exec(`
      CREATE TABLE presence (
        venue_id TEXT NOT NULL, start_ms INTEGER NOT NULL, owner_id TEXT NOT NULL, end_ms INTEGER NOT NULL, closed_by TEXT NOT NULL,
        person_key TEXT NOT NULL, by_id INTEGER NOT NULL, at_ms INTEGER NOT NULL, owner_seq INTEGER NOT NULL, owner_dir TEXT NOT NULL,
        owner_offset INTEGER NOT NULL, context_label TEXT, owner_name TEXT, exit_id TEXT, exit_ms INTEGER, exit_seq INTEGER,
        exit_offset INTEGER, exit_context TEXT, exit_name TEXT,
        PRIMARY KEY (venue_id, start_ms, owner_id)
      ) WITHOUT ROWID;
      CREATE INDEX presence_by_person ON presence (person_key, venue_id, at_ms);
      CREATE INDEX presence_long ON presence (venue_id, end_ms) WHERE ${LONG_PRESENCE_SQL};
      CREATE TABLE presence_venues (venue_id TEXT PRIMARY KEY, longest_ms INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO presence (${PRESENCE_COLUMNS.join(', ')}) ${presenceRebuildSelect('sqlite')};
      INSERT INTO presence_venues ${PRESENCE_VENUES_REBUILD};
    `);
  },
};
