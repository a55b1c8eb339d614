/**
 * Presence intervals kept at ingest: each batch's new entries and exits are paired once, with the
 * few stored intervals around them, so a trace reads intervals by index instead of re-pairing every
 * scan around every visit. Pure: the stores load the slices and write the changes.
 *
 * Why a slice is enough: an interval depends only on its own events and their neighbours at that
 * venue (see `pairSequence`). For new events of one person at one venue spanning [from, to], the
 * stored rows that can change lie between the last row opened before `from` and the first row
 * opened after `to`; the row after that only bounds the last open entry (`nextAt`).
 */
import type { VenueType } from '../../shared/district';
import {
  compareEvents,
  eventOfScan,
  pairSequence,
  personKey,
  type PairedInterval,
  type PresenceEvent,
} from './presencePairing';
import type { StoredScan } from './storedScan';

/** A presence interval as the stores keep it: one person at one venue, with the events it came from. */
export interface PresenceRow extends PairedInterval {
  readonly venueId: string;
  readonly personKey: string;
}

const HOUR = 3_600_000;

/**
 * Upper bounds of the span classes (ms). Rows are kept by (venue, class, start), and a trace window
 * reads each class back only as far as its bound: the long default stays of a hotel (24 h) or a
 * school (10 h) do not make every window at the venue read a day of short visits.
 */
export const SPAN_CLASS_BOUNDS_MS = [HOUR, 3 * HOUR, 12 * HOUR, 25 * HOUR, 48 * HOUR] as const;
/** The class of intervals longer than two days (an exit a week after the entry): found through their own small index. */
export const LONG_SPAN_CLASS = SPAN_CLASS_BOUNDS_MS.length;

/** The span class of an interval [start, end] (ms). */
export function spanClassOf(start: number, end: number): number {
  const index = SPAN_CLASS_BOUNDS_MS.findIndex((bound) => end - start <= bound);
  return index === -1 ? LONG_SPAN_CLASS : index;
}

/** One person's new events at one venue in a batch, in pairing order, and the times they span. */
export interface NewPresence {
  readonly personKey: string;
  readonly events: readonly PresenceEvent[];
  readonly from: number;
  readonly to: number;
}

/** Scans per venue, in their order (a batch is one device's, so one venue, but the stores do not assume it). */
export function groupByVenue(scans: readonly StoredScan[]): Map<string, StoredScan[]> {
  const byVenue = new Map<string, StoredScan[]>();
  for (const scan of scans) {
    const list = byVenue.get(scan.venueId);
    if (list) list.push(scan);
    else byVenue.set(scan.venueId, [scan]);
  }
  return byVenue;
}

/** A batch's inserted scans (one venue) as new events per person, on the district's days (`dayOffsetMin`); scans that take no part in pairing are left out. */
export function newPresenceOf(scans: readonly StoredScan[], dayOffsetMin: number): NewPresence[] {
  const byPerson = new Map<string, PresenceEvent[]>();
  for (const scan of scans) {
    const event = eventOfScan(scan, dayOffsetMin);
    if (!event) continue;
    const key = personKey(scan) as string;
    const events = byPerson.get(key);
    if (events) events.push(event);
    else byPerson.set(key, [event]);
  }
  return [...byPerson].map(([key, events]) => {
    events.sort(compareEvents);
    return { personKey: key, events, from: events[0].at, to: events[events.length - 1].at };
  });
}

/** The stored rows of one person at one venue from the last row opened before the new events to the first opened after them; `nextAt` is when the row after those opens (null: none). */
export interface PresenceSlice {
  readonly rows: readonly PresenceRow[];
  readonly nextAt: number | null;
}

export interface PresenceChanges {
  readonly upserts: PresenceRow[];
  readonly deletes: PresenceRow[];
}

/**
 * How many of a person's newest rows at a venue ingest reads first: enough for scans that arrive in
 * order (the newest row, and one older to show that no other row opened at the same instant).
 * Each row read costs two B-tree descents; 4 cost SQLite ingest a fifth more for nothing in order.
 */
export const NEWEST_ROWS = 2;

/**
 * The slice from a person's newest rows at the venue (at most `NEWEST_ROWS`, any order), or null
 * when they may not reach back far enough (the new events are older than those rows: a kiosk
 * uploading after days offline); then the store reads the slice by its bounds.
 */
export function sliceOfNewest(newest: readonly PresenceRow[], fresh: NewPresence): PresenceSlice | null {
  const rows = [...newest].sort((a, b) => compareEvents(a.owner, b.owner));
  const before = rows.filter((row) => row.owner.at < fresh.from);
  const first = before.length > 0 ? before[before.length - 1].owner.at : fresh.from;
  // Complete only if every row opened at or after `first` is here: all of them, or an older one too.
  if (rows.length >= NEWEST_ROWS && !(rows[0].owner.at < first)) return null;
  const after = rows.filter((row) => row.owner.at > fresh.to);
  const last = after.length > 0 ? after[0].owner.at : fresh.to;
  const next = rows.find((row) => row.owner.at > last);
  return {
    rows: rows.filter((row) => row.owner.at >= first && row.owner.at <= last),
    nextAt: next ? next.owner.at : null,
  };
}

/** The events a stored row came from. */
function eventsOf(row: PresenceRow): PresenceEvent[] {
  return row.exit ? [row.owner, row.exit] : [row.owner];
}

const sameRow = (a: PresenceRow, b: PresenceRow) =>
  a.start === b.start && a.end === b.end && a.closedBy === b.closedBy && a.exit?.id === b.exit?.id;

/** An interval as a stored row (a literal: object spread is slow in V8, and this runs once per scan). */
function rowOf(interval: PairedInterval, venueId: string, personKey: string): PresenceRow {
  return {
    owner: interval.owner,
    exit: interval.exit,
    start: interval.start,
    end: interval.end,
    closedBy: interval.closedBy,
    venueId,
    personKey,
  };
}

/** Re-pairs a slice with the new events; answers the rows to write and the rows no longer there. */
export function planPresence(
  venueId: string,
  type: VenueType,
  fresh: NewPresence,
  slice: PresenceSlice,
): PresenceChanges {
  if (slice.rows.length === 0) {
    // A person new at the venue (most scans of a busy port): nothing to compare or remove.
    const upserts = pairSequence(fresh.events, type, slice.nextAt ?? Number.POSITIVE_INFINITY).map((interval) =>
      rowOf(interval, venueId, fresh.personKey),
    );
    return { upserts, deletes: [] };
  }
  const known = new Set(slice.rows.flatMap((row) => eventsOf(row).map((event) => event.id)));
  const events = [...slice.rows.flatMap(eventsOf), ...fresh.events.filter((event) => !known.has(event.id))].sort(
    compareEvents,
  );
  const paired = pairSequence(events, type, slice.nextAt ?? Number.POSITIVE_INFINITY);
  const before = new Map(slice.rows.map((row) => [row.owner.id, row]));
  const upserts: PresenceRow[] = [];
  const deletes: PresenceRow[] = [];
  for (const interval of paired) {
    const row = rowOf(interval, venueId, fresh.personKey);
    const old = before.get(row.owner.id);
    before.delete(row.owner.id);
    if (old && sameRow(old, row)) continue;
    // The key (venue, class, start, owner) moves when the span changes class (or the start, when the venue's type changed): the old key goes.
    if (old && (old.start !== row.start || spanClassOf(old.start, old.end) !== spanClassOf(row.start, row.end)))
      deletes.push(old);
    upserts.push(row);
  }
  deletes.push(...before.values());
  return { upserts, deletes };
}
