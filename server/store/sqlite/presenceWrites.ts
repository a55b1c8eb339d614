/**
 * Presence intervals on SQLite, written: kept at ingest inside the batch's transaction (a few index
 * seeks per person and batch), paired anew for corrections and a venue whose type changed, purged
 * with the scans. The table is WITHOUT ROWID on (venue, span class, start, owner), so a venue's
 * intervals of one class in a time window lie together on disk (see `presenceQueries.ts`).
 */
import type { VenueType } from '../../../shared/district';
import {
  newPresenceOf,
  NEWEST_ROWS,
  planPresence,
  sliceOfNewest,
  spanClassOf,
  type NewPresence,
  type PresenceSlice,
} from '../../domain/presenceSlices';
import type { StoredScan } from '../../domain/storedScan';
import {
  PRESENCE_ALL_COLUMNS,
  personAtVenueSql,
  presenceFromRow,
  presenceFromValues,
  presenceRebuildSelect,
  presenceValues,
  type PresenceDbRow,
} from '../presenceSql';
import { prepared, type SqliteDatabase } from './preparedStatements';

const OF_PERSON_AT_VENUE = 'person_key = @key AND venue_id = @venueId';
const NEWEST = `SELECT ${PRESENCE_ALL_COLUMNS.join(', ')} FROM presence WHERE person_key = ? AND venue_id = ? ORDER BY at_ms DESC LIMIT ${NEWEST_ROWS}`;
const FIRST_AFTER = `SELECT MIN(at_ms) FROM presence WHERE ${OF_PERSON_AT_VENUE} AND at_ms > @at`;
const SLICE = `SELECT * FROM presence WHERE ${OF_PERSON_AT_VENUE} AND at_ms <= @last
     AND at_ms >= COALESCE((SELECT MAX(at_ms) FROM presence WHERE ${OF_PERSON_AT_VENUE} AND at_ms < @from), @from)
   ORDER BY at_ms, owner_seq, owner_id`;
const UPSERT = `INSERT INTO presence (${PRESENCE_ALL_COLUMNS.join(', ')}) VALUES (${PRESENCE_ALL_COLUMNS.map(() => '?').join(', ')})
   ON CONFLICT (venue_id, span_class, start_ms, owner_id) DO UPDATE SET end_ms = excluded.end_ms, closed_by = excluded.closed_by, exit_id = excluded.exit_id,
     exit_ms = excluded.exit_ms, exit_seq = excluded.exit_seq, exit_offset = excluded.exit_offset, exit_context = excluded.exit_context, exit_name = excluded.exit_name,
     exit_sailing_id = excluded.exit_sailing_id, exit_departs_ms = excluded.exit_departs_ms, exit_boarded = excluded.exit_boarded`;
const REMOVE = 'DELETE FROM presence WHERE venue_id = ? AND span_class = ? AND start_ms = ? AND owner_id = ?';
const REBUILD_VENUE = `INSERT INTO presence (${PRESENCE_ALL_COLUMNS.join(', ')}) ${presenceRebuildSelect('sqlite', 's.venue_id = @venueId', true, 'CAST(@dayOffset AS INTEGER)', true)}`;
const REBUILD_PERSON = `INSERT INTO presence (${PRESENCE_ALL_COLUMNS.join(', ')}) ${presenceRebuildSelect('sqlite', personAtVenueSql('@venueId', '@personKey'), true, 'CAST(@dayOffset AS INTEGER)', true)}`;

/** Pairs a batch's newly stored scans (all at `venueId`) into the stored intervals, on the district's days. Inside the batch's transaction. */
export function pairPresence(
  db: SqliteDatabase,
  venueId: string,
  inserted: readonly StoredScan[],
  dayOffsetMin: number,
): void {
  const fresh = newPresenceOf(inserted, dayOffsetMin);
  if (fresh.length === 0) return;
  const type =
    (prepared(db, 'SELECT type FROM venues WHERE id = ?').pluck().get(venueId) as VenueType | undefined) ?? 'other';
  for (const person of fresh) {
    const newest = (prepared(db, NEWEST).raw().all(person.personKey, venueId) as unknown[][]).map((values) =>
      presenceFromValues(values),
    );
    const slice = sliceOfNewest(newest, person) ?? sliceByBounds(db, { key: person.personKey, venueId }, person);
    const { upserts, deletes } = planPresence(venueId, type, person, slice);
    for (const row of deletes)
      prepared(db, REMOVE).run(row.venueId, spanClassOf(row.start, row.end), row.start, row.owner.id);
    for (const row of upserts) prepared(db, UPSERT).run(...presenceValues(row, Number));
  }
}

function sliceByBounds(db: SqliteDatabase, key: { key: string; venueId: string }, person: NewPresence): PresenceSlice {
  const firstAfter = prepared(db, FIRST_AFTER).pluck();
  const last = (firstAfter.get({ ...key, at: person.to }) as number | null) ?? person.to;
  const nextAt = last === person.to ? null : (firstAfter.get({ ...key, at: last }) as number | null);
  return {
    rows: (prepared(db, SLICE).all({ ...key, from: person.from, last }) as PresenceDbRow[]).map(presenceFromRow),
    nextAt,
  };
}

/**
 * Corrections in a batch (counter staff undid or flipped a scan): the person of each voided scan
 * is paired anew at its venue without it. Only the correcting device's own venue is touched.
 */
export function applyCorrections(
  db: SqliteDatabase,
  venueId: string,
  corrections: readonly StoredScan[],
  dayOffsetMin: number,
): void {
  for (const correction of corrections) {
    if (!correction.voidsScanId) continue;
    const voided = prepared(
      db,
      'SELECT venue_id AS venueId, COALESCE(id_number, code_text) AS personKey FROM scans WHERE id = ?',
    ).get(correction.voidsScanId) as { venueId: string; personKey: string | null } | undefined;
    if (!voided || voided.venueId !== venueId || voided.personKey === null) continue;
    prepared(db, 'DELETE FROM presence WHERE venue_id = @venueId AND person_key = @personKey').run(voided);
    prepared(db, REBUILD_PERSON).run({ ...voided, dayOffset: dayOffsetMin });
  }
}

/** Pairs a venue's scans anew (its type changed: default stays with it). Inside a transaction. */
export function rebuildVenuePresence(db: SqliteDatabase, venueId: string, dayOffsetMin: number): void {
  prepared(db, 'DELETE FROM presence WHERE venue_id = ?').run(venueId);
  prepared(db, REBUILD_VENUE).run({ venueId, dayOffset: dayOffsetMin });
}

/** Deletes the intervals opened before `cutoff` (epoch ms), with their scans. */
export function purgePresenceBefore(db: SqliteDatabase, cutoff: number): void {
  prepared(db, 'DELETE FROM presence WHERE at_ms < ?').run(cutoff);
}
