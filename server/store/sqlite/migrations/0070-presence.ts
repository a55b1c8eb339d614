import { KIOSK_DAY_OFFSET_SQL, LONG_PRESENCE_SQL, PRESENCE_COLUMNS, presenceRebuildSelect } from '../../presenceSql';
import type { SqliteMigration } from './index';

/**
 * Presence intervals, kept at ingest so a trace reads intervals instead of pairing scans (issue 13):
 * clustered on (venue, span class, start) for the contact search (a window reads each class back
 * as far as its longest span), by person for the index person and for ingest's neighbour lookups,
 * stays over two days apart. Built here from the scans already stored.
 */
export const migration0070: SqliteMigration = {
  version: 70,
  name: 'presence',
  up: (db) => {
    db.exec(`
      CREATE TABLE presence (
        venue_id TEXT NOT NULL, span_class INTEGER NOT NULL, start_ms INTEGER NOT NULL, owner_id TEXT NOT NULL, end_ms INTEGER NOT NULL, closed_by TEXT NOT NULL,
        person_key TEXT NOT NULL, by_id INTEGER NOT NULL, at_ms INTEGER NOT NULL, owner_seq INTEGER NOT NULL, owner_dir TEXT NOT NULL,
        owner_offset INTEGER NOT NULL, context_label TEXT, owner_name TEXT, exit_id TEXT, exit_ms INTEGER, exit_seq INTEGER,
        exit_offset INTEGER, exit_context TEXT, exit_name TEXT,
        PRIMARY KEY (venue_id, span_class, start_ms, owner_id)
      ) WITHOUT ROWID;
      CREATE INDEX presence_by_person ON presence (person_key, venue_id, at_ms);
      CREATE INDEX presence_long ON presence (venue_id, end_ms) WHERE ${LONG_PRESENCE_SQL};
      INSERT INTO presence (${PRESENCE_COLUMNS.join(', ')}) ${presenceRebuildSelect('sqlite', 'TRUE', false, KIOSK_DAY_OFFSET_SQL)};
    `);
  },
};
