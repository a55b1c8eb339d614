/**
 * Presence intervals on SQLite, read by the trace (`topics/presenceTopic.ts`): a trace window is
 * one short range read per span class, each class read back only as far as its bound.
 */
import { SPAN_CLASS_BOUNDS_MS } from '../../domain/presenceSlices';
import { LONG_PRESENCE_SQL, sailingOfColumns } from '../presenceSql';
import type { PresenceInterval, PresenceWindow, PresenceWindowPage } from '../topics/presenceTopic';
import { prepared, type SqliteDatabase } from './preparedStatements';

const READ_COLUMNS =
  'venue_id, start_ms, owner_id, end_ms, closed_by, person_key, by_id, context_label, owner_name, exit_name, sailing_id, departs_ms, boarded';

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
  sailing_id: string | null;
  departs_ms: number | string | null;
  boarded: number | boolean | null;
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
    sailing: sailingOfColumns(row.sailing_id, row.departs_ms, row.boarded),
  };
}

const OF_PERSON = `SELECT ${READ_COLUMNS} FROM presence WHERE person_key = ? AND by_id = 1 AND at_ms < @to AND (at_ms >= @from OR exit_ms >= @from) ORDER BY start_ms, owner_id`;
// Each class read back only as far as its bound; in (start, owner) order across classes.
const AT_VENUE = `SELECT * FROM (${SPAN_CLASS_BOUNDS_MS.map(
  (bound, spanClass) => `SELECT * FROM (SELECT ${READ_COLUMNS} FROM presence
   WHERE venue_id = @venueId AND span_class = ${spanClass} AND start_ms >= @from - ${bound} AND start_ms < @to
     AND (start_ms, owner_id) > (@afterStart, @afterOwner) AND end_ms >= @from
   ORDER BY start_ms, owner_id LIMIT @limit)`,
).join(' UNION ALL ')})
 ORDER BY start_ms, owner_id LIMIT @limit`;
const LONG_AT_VENUE = `SELECT ${READ_COLUMNS} FROM presence WHERE venue_id = ? AND ${LONG_PRESENCE_SQL} AND end_ms >= @from AND start_ms < @to ORDER BY start_ms, owner_id`;

const OF_SAILING = `SELECT ${READ_COLUMNS} FROM presence WHERE sailing_id = ? AND venue_id = ? AND boarded = 1 ORDER BY start_ms, owner_id`;

export function presenceOfSailing(db: SqliteDatabase, venueId: string, sailingId: string): PresenceInterval[] {
  return (prepared(db, OF_SAILING).all(sailingId, venueId) as PresenceReadRow[]).map(intervalOf);
}

export function presenceOfPerson(db: SqliteDatabase, idNumber: string, from: number, to: number): PresenceInterval[] {
  return (prepared(db, OF_PERSON).all(idNumber, { from, to }) as PresenceReadRow[]).map(intervalOf);
}

export function presenceInWindows(
  db: SqliteDatabase,
  windows: readonly PresenceWindow[],
  limit: number,
): PresenceWindowPage[] {
  return windows.map((window) => {
    const after = window.after ?? { start: Number.MIN_SAFE_INTEGER, ownerId: '' };
    const rows = prepared(db, AT_VENUE).all({
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
        ...(
          prepared(db, LONG_AT_VENUE).all(window.venueId, { from: window.from, to: window.to }) as PresenceReadRow[]
        ).map(intervalOf),
      );
    return { intervals, next: rows.length === limit ? { start: last.start, ownerId: last.ownerId } : null };
  });
}
