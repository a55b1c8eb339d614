/** Presence intervals on PostgreSQL, read by the trace (`topics/presenceTopic.ts`): every window's page in one statement. */
import { SPAN_CLASS_BOUNDS_MS } from '../../domain/presenceSlices';
import { LONG_PRESENCE_SQL, sailingOfColumns } from '../presenceSql';
import type { PresenceInterval, PresenceWindow, PresenceWindowPage } from '../topics/presenceTopic';
import type { PostgresDb } from './connection';

const READ_COLUMNS =
  'venue_id, start_ms, owner_id, end_ms, closed_by, person_key, by_id, context_label, owner_name, exit_name, sailing_id, departs_ms, boarded';
const ZERO_UUID = '00000000-0000-0000-0000-000000000000';
interface PresenceReadRow {
  venue_id: string;
  start_ms: number;
  owner_id: string;
  end_ms: number;
  closed_by: PresenceInterval['closedBy'];
  person_key: string;
  by_id: boolean;
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
    byIdNumber: row.by_id,
    ownerId: row.owner_id,
    start: Number(row.start_ms),
    end: Number(row.end_ms),
    closedBy: row.closed_by,
    contextLabel: row.context_label,
    fullName: row.owner_name ?? row.exit_name,
    sailing: sailingOfColumns(row.sailing_id, row.departs_ms, row.boarded),
  };
}

/** How a statement names the window it reads: its venue, bounds and where the page goes on. */
interface WindowRefs {
  readonly venue: string;
  readonly lo: string;
  readonly hi: string;
  readonly afterStart: string;
  readonly afterOwner: string;
}

/** A window's ordinary intervals (one short range per span class), ordered and limited to `$6`. */
function shortRowsSql(w: WindowRefs, venue: string): string {
  return `SELECT * FROM (${SPAN_CLASS_BOUNDS_MS.map(
    (bound, spanClass) => `(SELECT ${READ_COLUMNS} FROM presence
      WHERE ${venue}venue_id = ${w.venue} AND span_class = ${spanClass} AND start_ms >= ${w.lo} - ${bound} AND start_ms < ${w.hi}
        AND (start_ms, owner_id) > (${w.afterStart}, ${w.afterOwner}) AND end_ms >= ${w.lo}
      ORDER BY start_ms, owner_id LIMIT $6)`,
  ).join(' UNION ALL ')}) c
    ORDER BY start_ms, owner_id LIMIT $6`;
}

/** A window's long intervals (over two days), read on its first page only. */
function longRowsSql(w: WindowRefs, venue: string): string {
  return `SELECT ${READ_COLUMNS} FROM presence WHERE ${venue}venue_id = ${w.venue} AND ${LONG_PRESENCE_SQL} AND end_ms >= ${w.lo} AND start_ms < ${w.hi}`;
}

const FIRST_PAGE = Number.MIN_SAFE_INTEGER;

/**
 * Every window's page in one statement: its ordinary intervals (ordered, limited), then on a first
 * page its long ones. `oneVenue`: every window is of the venue `$7` and each read says so, which
 * Citus needs to route the statement to that venue's shard (it cannot join the windows' list with a
 * distributed table otherwise).
 */
function inWindowsSql(oneVenue: boolean): string {
  const venue = oneVenue ? 'venue_id = $7 AND ' : '';
  const w = { venue: 'w.venue_id', lo: 'w.lo', hi: 'w.hi', afterStart: 'w.after_start', afterOwner: 'w.after_owner' };
  return `
  WITH w AS (
    SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bigint[], $5::uuid[]) WITH ORDINALITY AS w(venue_id, lo, hi, after_start, after_owner, i)
  )
  SELECT w.i, false AS long, p.* FROM w CROSS JOIN LATERAL (${shortRowsSql(w, venue)}) p
  UNION ALL
  SELECT w.i, true AS long, p.* FROM w CROSS JOIN LATERAL (${longRowsSql(w, venue)}) p
  WHERE w.after_start = ${FIRST_PAGE}
  ORDER BY 1, 2, start_ms, owner_id`;
}
/** A statement reading windows: its text, its name when prepared, and whether it takes one window's values or arrays. */
interface WindowsStatement {
  readonly text: string;
  readonly name?: string;
  readonly oneWindow: boolean;
}
const IN_WINDOWS: WindowsStatement = { text: inWindowsSql(false), oneWindow: false };
const IN_ONE_VENUE_WINDOWS: WindowsStatement = {
  text: inWindowsSql(true),
  name: 'presence-in-one-venue-windows',
  oneWindow: false,
};
/**
 * One window's page on Citus, its bounds as plain parameters: without the windows' list and the
 * joins on it, this routed statement costs Citus about half as much (measured in docs/scaling.md),
 * and a trace's windows are mostly one a venue.
 */
const IN_ONE_WINDOW: WindowsStatement = (() => {
  const w = { venue: '$1::uuid', lo: '$2::bigint', hi: '$3::bigint', afterStart: '$4::bigint', afterOwner: '$5::uuid' };
  const text = `
  SELECT 1 AS i, false AS long, p.* FROM (${shortRowsSql(w, '')}) p
  UNION ALL
  SELECT 1 AS i, true AS long, p.* FROM (${longRowsSql(w, '')}) p WHERE $4::bigint = ${FIRST_PAGE}
  ORDER BY 1, 2, start_ms, owner_id`;
  return { text, name: 'presence-in-one-window', oneWindow: true };
})();

export async function presenceOfPerson(
  db: PostgresDb,
  idNumber: string,
  from: number,
  to: number,
): Promise<PresenceInterval[]> {
  const { rows } = await db.pool.query(
    `SELECT ${READ_COLUMNS} FROM presence WHERE person_key = $1 AND by_id AND at_ms < $3 AND (at_ms >= $2 OR exit_ms >= $2) ORDER BY start_ms, owner_id`,
    [idNumber, from, to],
  );
  return rows.map(intervalOf);
}

export async function presenceOfSailing(
  db: PostgresDb,
  venueId: string,
  sailingId: string,
): Promise<PresenceInterval[]> {
  const { rows } = await db.pool.query(
    `SELECT ${READ_COLUMNS} FROM presence WHERE sailing_id = $1 AND venue_id = $2 AND boarded ORDER BY start_ms, owner_id`,
    [sailingId, venueId],
  );
  return rows.map(intervalOf);
}

export async function presenceInWindows(
  db: PostgresDb,
  windows: readonly PresenceWindow[],
  limit: number,
): Promise<PresenceWindowPage[]> {
  if (!db.citus) return windowPages(db, IN_WINDOWS, windows, limit, []);
  // On Citus: one statement per venue, each on its venue's shard, all at once (the pool's connections).
  const byVenue = new Map<string, number[]>();
  windows.forEach((w, i) => byVenue.set(w.venueId, [...(byVenue.get(w.venueId) ?? []), i]));
  const pages: PresenceWindowPage[] = new Array(windows.length);
  await Promise.all(
    [...byVenue].map(async ([venueId, indexes]) => {
      const answered =
        indexes.length === 1
          ? await windowPages(db, IN_ONE_WINDOW, [windows[indexes[0]]], limit, [])
          : await windowPages(
              db,
              IN_ONE_VENUE_WINDOWS,
              indexes.map((i) => windows[i]),
              limit,
              [venueId],
            );
      indexes.forEach((windowIndex, k) => (pages[windowIndex] = answered[k]));
    }),
  );
  return pages;
}

/** A window's parameters `$1` to `$5`: one value each (one window), or arrays over the windows. */
const windowColumns: ((w: PresenceWindow) => unknown)[] = [
  (w) => w.venueId,
  (w) => w.from,
  (w) => w.to,
  (w) => w.after?.start ?? FIRST_PAGE,
  (w) => w.after?.ownerId ?? ZERO_UUID,
];

async function windowPages(
  db: PostgresDb,
  statement: WindowsStatement,
  windows: readonly PresenceWindow[],
  limit: number,
  extra: readonly unknown[],
): Promise<PresenceWindowPage[]> {
  // Named on Citus (prepared once per connection): measured at 1M scans, a routed statement of the
  // windows' list took 16 ms unnamed and 9 ms named, the one-window form 11 and 5 (docs/scaling.md).
  const { rows } = await db.pool.query({
    name: statement.name,
    text: statement.text,
    values: [
      ...windowColumns.map((column) => (statement.oneWindow ? column(windows[0]) : windows.map(column))),
      limit,
      ...extra,
    ],
  });
  const pages = windows.map(() => ({ intervals: [] as PresenceInterval[], shortRows: 0 }));
  for (const row of rows as (PresenceReadRow & { i: number | string; long: boolean })[]) {
    const page = pages[Number(row.i) - 1];
    page.intervals.push(intervalOf(row));
    if (!row.long) page.shortRows += 1;
  }
  return pages.map(({ intervals, shortRows }) => {
    const last = intervals[shortRows - 1];
    return { intervals, next: shortRows === limit ? { start: last.start, ownerId: last.ownerId } : null };
  });
}
