/**
 * Presence intervals on SQLite: kept at ingest inside the batch's transaction (a few index seeks
 * per person and batch), read by the trace. The table is WITHOUT ROWID on (venue, span class,
 * start, owner), so a venue's intervals of one class in a time window lie together on disk: a trace
 * window is one short range read per class.
 */
import type Database from 'better-sqlite3';
import type { VenueType } from '../../../shared/district';
import {
  newPresenceOf,
  NEWEST_ROWS,
  planPresence,
  sliceOfNewest,
  SPAN_CLASS_BOUNDS_MS,
  spanClassOf,
  type NewPresence,
  type PresenceSlice,
} from '../../ingest/presence';
import type { PresenceInterval, PresenceWindow, PresenceWindowPage, StoredScan } from '../DistrictStore';
import {
  LONG_PRESENCE_SQL,
  PRESENCE_COLUMNS,
  personAtVenueSql,
  presenceFromRow,
  presenceFromValues,
  presenceRebuildSelect,
  presenceValues,
  type PresenceDbRow,
} from '../presence';

const READ_COLUMNS =
  'venue_id, start_ms, owner_id, end_ms, closed_by, person_key, by_id, context_label, owner_name, exit_name';

interface PresenceReadRow {
  venue_id: string;
  start_ms: number;
  owner_id: string;
  end_ms: number;
  closed_by: PresenceInterval['closedBy'];
  person_key: string;
  by_id: number;
  context_label: string | null;
  owner_name: string | null;
  exit_name: string | null;
}

function intervalOf(row: PresenceReadRow): PresenceInterval {
  return {
    venueId: row.venue_id,
    personKey: row.person_key,
    byIdNumber: row.by_id === 1,
    ownerId: row.owner_id,
    start: row.start_ms,
    end: row.end_ms,
    closedBy: row.closed_by,
    contextLabel: row.context_label,
    fullName: row.owner_name ?? row.exit_name,
  };
}

function prepare(db: Database.Database) {
  const ofPersonAtVenue = 'person_key = @key AND venue_id = @venueId';
  return {
    venueType: db.prepare('SELECT type FROM venues WHERE id = ?').pluck(),
    newest: db
      .prepare(
        `SELECT ${PRESENCE_COLUMNS.join(', ')} FROM presence WHERE person_key = ? AND venue_id = ? ORDER BY at_ms DESC LIMIT ${NEWEST_ROWS}`,
      )
      .raw(),
    firstAfter: db.prepare(`SELECT MIN(at_ms) FROM presence WHERE ${ofPersonAtVenue} AND at_ms > @at`).pluck(),
    slice: db.prepare(
      `SELECT * FROM presence WHERE ${ofPersonAtVenue} AND at_ms <= @last
         AND at_ms >= COALESCE((SELECT MAX(at_ms) FROM presence WHERE ${ofPersonAtVenue} AND at_ms < @from), @from)
       ORDER BY at_ms, owner_seq, owner_id`,
    ),
    upsert: db.prepare(
      `INSERT INTO presence (${PRESENCE_COLUMNS.join(', ')}) VALUES (${PRESENCE_COLUMNS.map(() => '?').join(', ')})
       ON CONFLICT (venue_id, span_class, start_ms, owner_id) DO UPDATE SET end_ms = excluded.end_ms, closed_by = excluded.closed_by, exit_id = excluded.exit_id,
         exit_ms = excluded.exit_ms, exit_seq = excluded.exit_seq, exit_offset = excluded.exit_offset, exit_context = excluded.exit_context, exit_name = excluded.exit_name`,
    ),
    remove: db.prepare('DELETE FROM presence WHERE venue_id = ? AND span_class = ? AND start_ms = ? AND owner_id = ?'),
    ofPerson: db.prepare(
      `SELECT ${READ_COLUMNS} FROM presence WHERE person_key = ? AND by_id = 1 AND at_ms < @to AND (at_ms >= @from OR exit_ms >= @from) ORDER BY start_ms, owner_id`,
    ),
    // Each class read back only as far as its bound; in (start, owner) order across classes.
    atVenue: db.prepare(
      `SELECT * FROM (${SPAN_CLASS_BOUNDS_MS.map(
        (bound, spanClass) => `SELECT * FROM (SELECT ${READ_COLUMNS} FROM presence
         WHERE venue_id = @venueId AND span_class = ${spanClass} AND start_ms >= @from - ${bound} AND start_ms < @to
           AND (start_ms, owner_id) > (@afterStart, @afterOwner) AND end_ms >= @from
         ORDER BY start_ms, owner_id LIMIT @limit)`,
      ).join(' UNION ALL ')})
       ORDER BY start_ms, owner_id LIMIT @limit`,
    ),
    longAtVenue: db.prepare(
      `SELECT ${READ_COLUMNS} FROM presence WHERE venue_id = ? AND ${LONG_PRESENCE_SQL} AND end_ms >= @from AND start_ms < @to ORDER BY start_ms, owner_id`,
    ),
    purge: db.prepare('DELETE FROM presence WHERE at_ms < ?'),
    clearVenue: db.prepare('DELETE FROM presence WHERE venue_id = ?'),
    rebuildVenue: db.prepare(
      `INSERT INTO presence (${PRESENCE_COLUMNS.join(', ')}) ${presenceRebuildSelect('sqlite', 's.venue_id = @venueId', true, 'CAST(@dayOffset AS INTEGER)')}`,
    ),
    voidedScan: db.prepare(
      'SELECT venue_id AS venueId, COALESCE(id_number, code_text) AS personKey FROM scans WHERE id = ?',
    ),
    clearPerson: db.prepare('DELETE FROM presence WHERE venue_id = @venueId AND person_key = @personKey'),
    rebuildPerson: db.prepare(
      `INSERT INTO presence (${PRESENCE_COLUMNS.join(', ')}) ${presenceRebuildSelect('sqlite', personAtVenueSql('@venueId', '@personKey'), true, 'CAST(@dayOffset AS INTEGER)')}`,
    ),
  };
}

export class SqlitePresence {
  private readonly sql: ReturnType<typeof prepare>;
  constructor(db: Database.Database) {
    this.sql = prepare(db);
  }

  /** Pairs a batch's inserted scans (all at `venueId`) into the stored intervals, on the district's days. Call inside the batch's transaction. */
  update(venueId: string, inserted: readonly StoredScan[], dayOffsetMin: number): void {
    const fresh = newPresenceOf(inserted, dayOffsetMin);
    if (fresh.length === 0) return;
    const type = (this.sql.venueType.get(venueId) as VenueType | undefined) ?? 'other';
    for (const person of fresh) {
      const newest = (this.sql.newest.all(person.personKey, venueId) as unknown[][]).map((values) =>
        presenceFromValues(values),
      );
      const slice = sliceOfNewest(newest, person) ?? this.sliceByBounds({ key: person.personKey, venueId }, person);
      const { upserts, deletes } = planPresence(venueId, type, person, slice);
      for (const row of deletes)
        this.sql.remove.run(row.venueId, spanClassOf(row.start, row.end), row.start, row.owner.id);
      for (const row of upserts) this.sql.upsert.run(...presenceValues(row, Number));
    }
  }

  private sliceByBounds(key: { key: string; venueId: string }, person: NewPresence): PresenceSlice {
    const last = (this.sql.firstAfter.get({ ...key, at: person.to }) as number | null) ?? person.to;
    const nextAt = last === person.to ? null : (this.sql.firstAfter.get({ ...key, at: last }) as number | null);
    return {
      rows: (this.sql.slice.all({ ...key, from: person.from, last }) as PresenceDbRow[]).map(presenceFromRow),
      nextAt,
    };
  }

  ofPerson(idNumber: string, from: number, to: number): PresenceInterval[] {
    return (this.sql.ofPerson.all(idNumber, { from, to }) as PresenceReadRow[]).map(intervalOf);
  }

  inWindows(windows: readonly PresenceWindow[], limit: number): PresenceWindowPage[] {
    return windows.map((window) => {
      const after = window.after ?? { start: Number.MIN_SAFE_INTEGER, ownerId: '' };
      const rows = this.sql.atVenue.all({
        venueId: window.venueId,
        from: window.from,
        to: window.to,
        afterStart: after.start,
        afterOwner: after.ownerId,
        limit,
      }) as PresenceReadRow[];
      const intervals = rows.map(intervalOf);
      const last = intervals[intervals.length - 1];
      if (!window.after)
        intervals.push(
          ...(this.sql.longAtVenue.all(window.venueId, { from: window.from, to: window.to }) as PresenceReadRow[]).map(
            intervalOf,
          ),
        );
      return { intervals, next: rows.length === limit ? { start: last.start, ownerId: last.ownerId } : null };
    });
  }

  purgeBefore(cutoff: number): void {
    this.sql.purge.run(cutoff);
  }

  /**
   * Corrections in a batch (counter staff undid or flipped a scan): the person of each voided scan
   * is paired anew at its venue without it. Only the correcting device's own venue is touched.
   */
  applyCorrections(venueId: string, corrections: readonly StoredScan[], dayOffsetMin: number): void {
    for (const correction of corrections) {
      if (!correction.voidsScanId) continue;
      const voided = this.sql.voidedScan.get(correction.voidsScanId) as
        { venueId: string; personKey: string | null } | undefined;
      if (!voided || voided.venueId !== venueId || voided.personKey === null) continue;
      this.sql.clearPerson.run(voided);
      this.sql.rebuildPerson.run({ ...voided, dayOffset: dayOffsetMin });
    }
  }

  /** Pairs a venue's scans anew (its type changed: default stays with it). Call inside a transaction. */
  rebuildVenue(venueId: string, dayOffsetMin: number): void {
    this.sql.clearVenue.run(venueId);
    this.sql.rebuildVenue.run({ venueId, dayOffset: dayOffsetMin });
  }
}
