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

/**
 * Every window's page in one statement: its ordinary intervals (ordered, limited), then on a first
 * page its long ones. `oneVenue`: every window is of the venue `$7` and each read says so, which
 * Citus needs to route the statement to that venue's shard (it cannot join the windows' list with a
 * distributed table otherwise).
 */
function inWindowsSql(oneVenue: boolean): string {
  const venue = oneVenue ? 'venue_id = $7 AND ' : '';
  return `
  WITH w AS (
    SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bigint[], $5::uuid[]) WITH ORDINALITY AS w(venue_id, lo, hi, after_start, after_owner, i)
  )
  SELECT w.i, false AS long, p.* FROM w CROSS JOIN LATERAL (
    SELECT * FROM (${SPAN_CLASS_BOUNDS_MS.map(
      (bound, spanClass) => `(SELECT ${READ_COLUMNS} FROM presence
      WHERE ${venue}venue_id = w.venue_id AND span_class = ${spanClass} AND start_ms >= w.lo - ${bound} AND start_ms < w.hi
        AND (start_ms, owner_id) > (w.after_start, w.after_owner) AND end_ms >= w.lo
      ORDER BY start_ms, owner_id LIMIT $6)`,
    ).join(' UNION ALL ')}) c
    ORDER BY start_ms, owner_id LIMIT $6
  ) p
  UNION ALL
  SELECT w.i, true AS long, p.* FROM w CROSS JOIN LATERAL (
    SELECT ${READ_COLUMNS} FROM presence WHERE ${venue}venue_id = w.venue_id AND ${LONG_PRESENCE_SQL} AND end_ms >= w.lo AND start_ms < w.hi
  ) p
  WHERE w.after_start = ${Number.MIN_SAFE_INTEGER}
  ORDER BY 1, 2, start_ms, owner_id`;
}
const IN_WINDOWS = inWindowsSql(false);
const IN_ONE_VENUE_WINDOWS = inWindowsSql(true);

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
      const answered = await windowPages(
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

async function windowPages(
  db: PostgresDb,
  sql: string,
  windows: readonly PresenceWindow[],
  limit: number,
  extra: readonly unknown[],
): Promise<PresenceWindowPage[]> {
  const { rows } = await db.pool.query(sql, [
    windows.map((w) => w.venueId),
    windows.map((w) => w.from),
    windows.map((w) => w.to),
    windows.map((w) => w.after?.start ?? Number.MIN_SAFE_INTEGER),
    windows.map((w) => w.after?.ownerId ?? ZERO_UUID),
    limit,
    ...extra,
  ]);
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
