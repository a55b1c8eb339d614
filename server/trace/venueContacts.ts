/**
 * Contacts at one venue: the other people's presence intervals around the index person's visits
 * (paired at ingest, read from the store in pages), and the ones that overlap a visit.
 */
import type { DistrictStore, PresenceInterval } from '../store/DistrictStore';
import type { EventSailing } from '../domain/presencePairing';
import type { Interval } from '../domain/visits';
import type { Pacer } from './Pacer';

/** Intervals read from the store at once. */
export const VENUE_PAGE_ROWS = 5000;
/** A venue window spans at most this much before a new one starts (bounds memory), ms. */
const MAX_WINDOW_SPAN = 7 * 86_400_000;
/** Visits closer than this at one venue share a window (one read instead of two), ms. */
const JOIN_GAP = 60 * 60_000;

/** One stretch of time at one venue whose other visitors are read at once: intervals overlapping [from, to). */
export interface VenueWindow {
  readonly venueId: string;
  from: number;
  to: number;
  /** Index (in the trace's intervals) of the last visit that needs this window. */
  last: number;
}

/** Another person's interval at the venue. */
export interface OtherInterval {
  readonly key: string;
  readonly fullName: string | null;
  readonly start: number;
  readonly end: number;
  /** Their scan's sailing or room (`contextLabel`). */
  readonly contextLabel: string | null;
  readonly sailing: EventSailing | null;
}

/** A stored interval as another person's. */
export function otherOf(row: PresenceInterval): OtherInterval {
  return {
    key: row.personKey,
    fullName: row.fullName,
    start: row.start,
    end: row.end,
    contextLabel: row.contextLabel,
    sailing: row.sailing,
  };
}

export interface VenueOthers {
  /** Sorted by start. */
  readonly intervals: readonly OtherInterval[];
  /** The longest interval, ms: how far back a candidate's start may lie. */
  readonly longest: number;
}

/**
 * Groups the visits (sorted by start) into windows per venue: each visit is covered `margin` (ms)
 * either side, which is all its contacts can overlap; visits close together at one venue share a
 * window up to a week long.
 */
export function venueWindows(visits: readonly Interval[], margin: number): VenueWindow[] {
  const windows: VenueWindow[] = [];
  const open = new Map<string, VenueWindow>();
  visits.forEach((visit, index) => {
    const from = visit.start - margin;
    const to = visit.end + margin + 1;
    const current = open.get(visit.venueId);
    if (current && from <= current.to + JOIN_GAP && Math.max(to, current.to) - current.from <= MAX_WINDOW_SPAN) {
      current.to = Math.max(current.to, to);
      current.last = index;
      windows[index] = current;
      return;
    }
    const window = { venueId: visit.venueId, from, to, last: index };
    open.set(visit.venueId, window);
    windows[index] = window;
  });
  return windows;
}

/**
 * Everyone else's intervals overlapping each window, for a group of windows in one store round trip
 * per page; a window whose page was full is read on alone, a page at a time, with a turn of the
 * event loop between.
 */
export async function loadWindows(
  store: DistrictStore,
  windows: readonly VenueWindow[],
  indexKey: string,
  pacer: Pacer,
): Promise<Map<VenueWindow, VenueOthers>> {
  const loaded = new Map<VenueWindow, VenueOthers>();
  const pages = await store.presenceInWindows(windows, VENUE_PAGE_ROWS);
  for (const [i, window] of windows.entries()) {
    const intervals: OtherInterval[] = [];
    let longest = 0;
    const keep = (row: PresenceInterval) => {
      if (row.personKey === indexKey) return;
      intervals.push(otherOf(row));
      longest = Math.max(longest, row.end - row.start);
    };
    let page = pages[i];
    page.intervals.forEach(keep);
    while (page.next) {
      await pacer.yieldNow();
      [page] = await store.presenceInWindows([{ ...window, after: page.next }], VENUE_PAGE_ROWS);
      page.intervals.forEach(keep);
    }
    intervals.sort((a, b) => a.start - b.start || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    loaded.set(window, { intervals, longest });
    await pacer.tick(intervals.length);
  }
  return loaded;
}

/** First index whose start is at or after `at` (binary search over the sorted intervals). */
function firstStartingAt(intervals: readonly OtherInterval[], at: number): number {
  let low = 0;
  let high = intervals.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (intervals[middle].start < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Calls `found` for each other interval overlapping the visit within `margin` (ms) either side, in
 * order of start; returns how many intervals were looked at (the work done).
 */
export function forEachOverlap(
  others: VenueOthers,
  visit: Interval,
  margin: number,
  found: (other: OtherInterval) => void,
): number {
  const list = others.intervals;
  let looked = 0;
  for (
    let i = firstStartingAt(list, visit.start - margin - others.longest);
    i < list.length && list[i].start <= visit.end + margin;
    i += 1
  ) {
    looked += 1;
    if (list[i].end >= visit.start - margin) found(list[i]);
  }
  return looked + 1;
}
