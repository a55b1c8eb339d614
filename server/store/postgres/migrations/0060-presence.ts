import { KIOSK_DAY_OFFSET_SQL, LONG_PRESENCE_SQL, PRESENCE_COLUMNS, presenceRebuildSelect } from '../../presenceSql';
import type { PostgresMigration } from './index';

/**
 * Presence intervals, kept at ingest so a trace reads intervals instead of pairing scans (issue 13):
 * by (venue, span class, start) for the contact search (a window reads each class back as far as
 * its longest span), by person for the index person and for ingest's neighbour lookups, stays over
 * two days apart. Times in epoch ms, as on SQLite. Built here from stored scans.
 */
export const migration0060: PostgresMigration = {
  version: 60,
  name: 'presence',
  up: `
    CREATE TABLE presence (
      venue_id uuid NOT NULL, span_class smallint NOT NULL, start_ms bigint NOT NULL, owner_id uuid NOT NULL, end_ms bigint NOT NULL, closed_by text NOT NULL,
      person_key text NOT NULL, by_id boolean NOT NULL, at_ms bigint NOT NULL, owner_seq bigint NOT NULL, owner_dir text NOT NULL,
      owner_offset integer NOT NULL, context_label text, owner_name text, exit_id uuid, exit_ms bigint, exit_seq bigint,
      exit_offset integer, exit_context text, exit_name text,
      PRIMARY KEY (venue_id, span_class, start_ms, owner_id)
    );
    CREATE INDEX presence_by_person ON presence (person_key, venue_id, at_ms);
    CREATE INDEX presence_long ON presence (venue_id, end_ms) WHERE ${LONG_PRESENCE_SQL};
    INSERT INTO presence (${PRESENCE_COLUMNS.join(', ')}) ${presenceRebuildSelect('postgres', 'TRUE', false, KIOSK_DAY_OFFSET_SQL)};
  `,
};
