/**
 * The presence table both stores keep (see `server/domain/presenceSlices.ts`): its columns, its rows as
 * records, and the set-based SQL that pairs every scan at once (migrations, a venue whose type
 * changed, the benchmark's fill). That SQL is the same rule as `pairSequence`, written with window
 * functions: a test holds the two to the same answers on both engines. No database driver here.
 */
import type { Visit } from '../../shared/district';
import { DEFAULT_DISTRICT_OFFSET_MIN } from '../domain/districtDay';
import { DEFAULT_STAY_MINUTES, type EventSailing, type PresenceEvent } from '../domain/presencePairing';
import { LONG_SPAN_CLASS, SPAN_CLASS_BOUNDS_MS, spanClassOf, type PresenceRow } from '../domain/presenceSlices';

/**
 * The columns the presence table was made with (SQLite 0070, PostgreSQL 0060), in table order; the
 * migrations up to the sailing columns write these. Times are epoch ms on both engines.
 */
export const PRESENCE_COLUMNS = [
  'venue_id',
  'span_class',
  'start_ms',
  'owner_id',
  'end_ms',
  'closed_by',
  'person_key',
  'by_id',
  'at_ms',
  'owner_seq',
  'owner_dir',
  'owner_offset',
  'context_label',
  'owner_name',
  'exit_id',
  'exit_ms',
  'exit_seq',
  'exit_offset',
  'exit_context',
  'exit_name',
] as const;

/**
 * The sailing of the owner (its entry) and of the exit, added by SQLite 0160 and PostgreSQL 0170: the
 * owner's sailing is the interval's (a voyage's passengers are found by it); the exit's is kept so
 * that re-pairing a slice gets back the events it came from.
 */
export const PRESENCE_SAILING_COLUMNS = [
  'sailing_id',
  'departs_ms',
  'boarded',
  'exit_sailing_id',
  'exit_departs_ms',
  'exit_boarded',
] as const;

/** Every column in table order since the sailing columns: what ingest reads and writes. */
export const PRESENCE_ALL_COLUMNS = [...PRESENCE_COLUMNS, ...PRESENCE_SAILING_COLUMNS] as const;

export interface PresenceDbRow {
  venue_id: string;
  span_class: number;
  start_ms: number | string;
  owner_id: string;
  end_ms: number | string;
  closed_by: Visit['closedBy'];
  person_key: string;
  by_id: number | boolean;
  at_ms: number | string;
  owner_seq: number | string;
  owner_dir: 'in' | 'out';
  owner_offset: number;
  context_label: string | null;
  owner_name: string | null;
  exit_id: string | null;
  exit_ms: number | string | null;
  exit_seq: number | string | null;
  exit_offset: number | null;
  exit_context: string | null;
  exit_name: string | null;
  sailing_id: string | null;
  departs_ms: number | string | null;
  boarded: number | boolean | null;
  exit_sailing_id: string | null;
  exit_departs_ms: number | string | null;
  exit_boarded: number | boolean | null;
}

export function presenceFromRow(row: PresenceDbRow): PresenceRow {
  return presenceFromValues(PRESENCE_ALL_COLUMNS.map((column) => row[column]));
}

/** A sailing from its three columns (id, departure ms, boarded), null when the id is. */
export function sailingOfColumns(id: unknown, departsMs: unknown, boarded: unknown): EventSailing | null {
  return id === null || id === undefined
    ? null
    : { id: id as string, departsAt: Number(departsMs), boarded: Boolean(boarded) };
}

/** A row read as values in `PRESENCE_ALL_COLUMNS` order from `at` on (raw rows: no object per row; ingest reads one per person). */
export function presenceFromValues(values: readonly unknown[], at = 0): PresenceRow {
  const v = (column: number) => values[at + column];
  const byIdNumber = Boolean(v(7));
  const owner: PresenceEvent = {
    id: v(3) as string,
    at: Number(v(8)),
    seq: Number(v(9)),
    direction: v(10) as 'in' | 'out',
    dayOffsetMin: v(11) as number,
    contextLabel: v(12) as string | null,
    fullName: v(13) as string | null,
    byIdNumber,
    sailing: sailingOfColumns(v(20), v(21), v(22)),
  };
  const exit: PresenceEvent | null =
    v(14) === null
      ? null
      : {
          id: v(14) as string,
          at: Number(v(15)),
          seq: Number(v(16)),
          direction: 'out',
          dayOffsetMin: (v(17) as number | null) ?? (v(11) as number),
          contextLabel: v(18) as string | null,
          fullName: v(19) as string | null,
          byIdNumber,
          sailing: sailingOfColumns(v(23), v(24), v(25)),
        };
  return {
    venueId: v(0) as string,
    personKey: v(6) as string,
    owner,
    exit,
    start: Number(v(2)),
    end: Number(v(4)),
    closedBy: v(5) as Visit['closedBy'],
  };
}

/** A row's values in `PRESENCE_ALL_COLUMNS` order (`by_id` and `boarded` as the engine wants its booleans). */
export function presenceValues(row: PresenceRow, booleanOf: (value: boolean) => number | boolean): unknown[] {
  const { owner, exit } = row;
  return [
    row.venueId,
    spanClassOf(row.start, row.end),
    row.start,
    owner.id,
    row.end,
    row.closedBy,
    row.personKey,
    booleanOf(owner.byIdNumber),
    owner.at,
    owner.seq,
    owner.direction,
    owner.dayOffsetMin,
    owner.contextLabel,
    owner.fullName,
    exit?.id ?? null,
    exit?.at ?? null,
    exit?.seq ?? null,
    exit?.dayOffsetMin ?? null,
    exit?.contextLabel ?? null,
    exit?.fullName ?? null,
    ...sailingValues(owner.sailing, booleanOf),
    ...sailingValues(exit?.sailing ?? null, booleanOf),
  ];
}

function sailingValues(sailing: EventSailing | null, booleanOf: (value: boolean) => number | boolean): unknown[] {
  return sailing ? [sailing.id, sailing.departsAt, booleanOf(sailing.boarded)] : [null, null, null];
}

export type Engine = 'sqlite' | 'postgres';

/** The kiosk's own offset of each scan: the day the first presence migrations paired on (kept as they shipped). */
export const KIOSK_DAY_OFFSET_SQL = 's.utc_offset_min';

/**
 * SELECT of every presence row from the scans (optionally of one venue or person: `venueFilter` is
 * SQL on `s`), columns in table order. SQLite keeps times as epoch ms; PostgreSQL as timestamptz.
 * `withoutVoided`: scans a later correction voided take no part (the column exists from SQLite
 * migration 0100 and PostgreSQL 0090 on; the earlier migrations build without it, before any
 * correction can exist). Only a correction from the scan's own venue counts, as in ingest and the
 * day counts: a device of another venue must not erase a visit it never saw. `dayOffset`: SQL of the district's UTC offset in minutes, where a day
 * ends for an entry with no exit (see `PresenceEvent.dayOffsetMin`): a parameter at run time.
 * `KIOSK_DAY_OFFSET_SQL`, each scan's own kiosk offset, is what the presence migrations (SQLite
 * 0070, PostgreSQL 0060) shipped with; SQLite 0130 and PostgreSQL 0120 re-pair what it got wrong.
 * `withSailings`: the scans' sailing columns exist (SQLite 0160, PostgreSQL 0170 on): an entry whose
 * person boarded its sailing ends at the departure (`defaultEnd`), and the rows carry the sailing
 * columns (`PRESENCE_ALL_COLUMNS`); without, the columns and rule of before (`PRESENCE_COLUMNS`).
 */
export function presenceRebuildSelect(
  engine: Engine,
  venueFilter: string,
  withoutVoided: boolean,
  dayOffset: string,
  withSailings = false,
): string {
  const ms = (column: string) => (engine === 'sqlite' ? column : `(EXTRACT(EPOCH FROM ${column}) * 1000)::bigint`);
  const least = engine === 'sqlite' ? 'MIN' : 'LEAST';
  const greatest = engine === 'sqlite' ? 'MAX' : 'GREATEST';
  const stay = `CASE v.type ${Object.entries(DEFAULT_STAY_MINUTES)
    .map(([type, minutes]) => `WHEN '${type}' THEN ${minutes * 60_000}`)
    .join(' ')} ELSE ${DEFAULT_STAY_MINUTES.other * 60_000} END`;
  // The sailing of each event (nulls before the columns existed), and the entry's end by default.
  const sailing = withSailings
    ? `s.sailing_id AS sid, ${ms('s.sailing_departs_at')} AS sdep, s.sailing_boarded AS sboard`
    : 'CAST(NULL AS TEXT) AS sid, CAST(NULL AS BIGINT) AS sdep, CAST(NULL AS BOOLEAN) AS sboard';
  const byDeparture = withSailings
    ? `(sid IS NOT NULL AND sboard = ${engine === 'sqlite' ? '1' : 'TRUE'} AND sdep > at_ms)`
    : 'FALSE';
  const byDefault = withSailings ? `CASE WHEN ${byDeparture} THEN sdep ELSE at_ms + stay END` : 'at_ms + stay';
  const columns = withSailings ? PRESENCE_ALL_COLUMNS : PRESENCE_COLUMNS;
  return `
    WITH ev AS (
      SELECT s.id, s.venue_id, COALESCE(s.id_number, s.code_text) AS person_key, (s.id_number IS NOT NULL) AS by_id, ${ms('s.corrected_at')} AS at_ms,
        s.seq, s.direction AS dir, ${dayOffset} AS off, s.context_label AS ctx, s.full_name AS name, ${stay} AS stay, (COALESCE(v.type, '') = 'hotel') AS hotel,
        ${sailing}
      FROM scans s LEFT JOIN venues v ON v.id = s.venue_id
      WHERE s.outcome = 'recorded' AND s.direction IN ('in', 'out') AND COALESCE(s.id_number, s.code_text) IS NOT NULL AND ${venueFilter}
        ${withoutVoided ? `AND NOT EXISTS (SELECT 1 FROM scans x WHERE x.voids_scan_id = s.id AND x.venue_id = s.venue_id)` : ''}
    ), w AS (
      SELECT ev.*, LAG(dir) OVER o AS prev_dir, LEAD(dir) OVER o AS next_dir, LEAD(id) OVER o AS next_id, LEAD(at_ms) OVER o AS next_at,
        LEAD(seq) OVER o AS next_seq, LEAD(off) OVER o AS next_off, LEAD(ctx) OVER o AS next_ctx, LEAD(name) OVER o AS next_name,
        LEAD(sid) OVER o AS next_sid, LEAD(sdep) OVER o AS next_sdep, LEAD(sboard) OVER o AS next_sboard
      FROM ev WINDOW o AS (PARTITION BY person_key, venue_id ORDER BY at_ms, seq, id)
    ), r AS (
      SELECT w.*, ${byDeparture} AS by_departure, ${byDefault} AS by_default,
        CASE WHEN hotel THEN NULL ELSE ((at_ms + off * 60000) / 86400000) * 86400000 + 86400000 - off * 60000 END AS day_end,
        (dir = 'in' AND next_dir = 'out') AS exited
      FROM w WHERE dir = 'in' OR prev_dir IS NULL OR prev_dir <> 'in'
    ), e AS (
      SELECT r.*,
        CASE WHEN dir = 'out' THEN at_ms WHEN exited THEN next_at
          ELSE ${least}(by_default, COALESCE(day_end, by_default), CASE WHEN next_dir = 'in' THEN next_at ELSE by_default END) END AS end_ms
      FROM r
    ), f AS (
    SELECT venue_id, CASE WHEN dir = 'in' THEN at_ms ELSE ${greatest}(at_ms - stay, COALESCE(day_end - 86400000, at_ms - stay)) END AS start_ms,
      id AS owner_id, end_ms,
      CASE WHEN dir = 'out' THEN 'entry-assumed' WHEN exited THEN 'exit' WHEN end_ms = by_default AND by_departure THEN 'departure'
        WHEN end_ms = by_default THEN 'default-stay' WHEN end_ms = day_end THEN 'end-of-day' ELSE 'default-stay' END AS closed_by,
      person_key, by_id, at_ms, seq AS owner_seq, dir AS owner_dir, off AS owner_offset, ctx AS context_label, name AS owner_name,
      CASE WHEN exited THEN next_id END AS exit_id, CASE WHEN exited THEN next_at END AS exit_ms, CASE WHEN exited THEN next_seq END AS exit_seq,
      CASE WHEN exited THEN next_off END AS exit_offset, CASE WHEN exited THEN next_ctx END AS exit_context, CASE WHEN exited THEN next_name END AS exit_name,
      sid AS sailing_id, sdep AS departs_ms, sboard AS boarded, CASE WHEN exited THEN next_sid END AS exit_sailing_id,
      CASE WHEN exited THEN next_sdep END AS exit_departs_ms, CASE WHEN exited THEN next_sboard END AS exit_boarded
    FROM e
    )
    SELECT venue_id, ${spanClassSql('end_ms - start_ms')} AS span_class, ${columns.slice(2).join(', ')} FROM f`;
}

/** The SQL filter on `s` of one person at one venue (parameters named by the engine's style). */
export function personAtVenueSql(venueParam: string, keyParam: string): string {
  return `s.venue_id = ${venueParam} AND COALESCE(s.id_number, s.code_text) = ${keyParam}`;
}

/** SQL of `spanClassOf` for a span expression (ms). */
export function spanClassSql(span: string): string {
  return `CASE ${SPAN_CLASS_BOUNDS_MS.map((bound, i) => `WHEN ${span} <= ${bound} THEN ${i}`).join(' ')} ELSE ${LONG_SPAN_CLASS} END`;
}

/** The predicate of long intervals (their own partial index); the same text in the index and the queries. */
export const LONG_PRESENCE_SQL = `span_class = ${LONG_SPAN_CLASS}`;

/**
 * Re-pairs, on Vietnam's day (UTC+7), the people whose intervals were paired on a kiosk PC's own
 * day (its clock set to another zone, UTC most often): presence built before the day became the
 * district's. Only the (venue, person) pairs with such a row are touched, read by the venue index.
 */
export function presenceDayFixSql(engine: Engine): string {
  const table = 'presence_day_fix';
  const affected = `SELECT DISTINCT venue_id, person_key FROM presence WHERE owner_offset <> ${DEFAULT_DISTRICT_OFFSET_MIN} OR COALESCE(exit_offset, ${DEFAULT_DISTRICT_OFFSET_MIN}) <> ${DEFAULT_DISTRICT_OFFSET_MIN}`;
  const filter = `s.venue_id IN (SELECT venue_id FROM ${table}) AND (s.venue_id, COALESCE(s.id_number, s.code_text)) IN (SELECT venue_id, person_key FROM ${table})`;
  return `
    CREATE TEMP TABLE ${table} AS ${affected};
    DELETE FROM presence WHERE (venue_id, person_key) IN (SELECT venue_id, person_key FROM ${table});
    INSERT INTO presence (${PRESENCE_COLUMNS.join(', ')}) ${presenceRebuildSelect(engine, filter, true, String(DEFAULT_DISTRICT_OFFSET_MIN))};
    DROP TABLE ${table};
  `;
}
