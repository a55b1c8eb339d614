/**
 * Contacts at one venue: the other people's presence intervals around the index person's visits
 * (read from the store in pages, paired per person), and the ones that overlap a visit.
 */
import type { VenueRecord } from '../store/DistrictStore';
import type { DistrictStore, ScanPosition, StoredScan } from '../store/DistrictStore';
import { pairIntoIntervals, personKey, type Interval } from './intervals';
import type { Pacer } from './Pacer';

const DAY = 86_400_000;
/** Rows read from the store at once. */
export const VENUE_PAGE_ROWS = 5000;
/** A venue window spans at most this much before a new one starts (bounds memory), ms. */
const MAX_WINDOW_SPAN = 7 * DAY;

/** One stretch of time at one venue whose other visitors are read at once. */
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
}

export interface VenueOthers {
  /** Sorted by start. */
  readonly intervals: readonly OtherInterval[];
  /** The longest interval, ms: how far back a candidate's start may lie. */
  readonly longest: number;
}

/**
 * Groups the visits (sorted by start) into windows per venue: each visit is covered one day either
 * side, as before; neighbouring visits share a window up to a week long.
 */
export function venueWindows(visits: readonly Interval[]): VenueWindow[] {
  const windows: VenueWindow[] = [];
  const open = new Map<string, VenueWindow>();
  visits.forEach((visit, index) => {
    const from = visit.start - DAY;
    const to = visit.end + DAY;
    const current = open.get(visit.venueId);
    if (current && from <= current.to && Math.max(to, current.to) - current.from <= MAX_WINDOW_SPAN) {
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

/** Everyone else's intervals at the venue in the window, read a page at a time with a turn of the event loop between. */
export async function loadVenueOthers(store: DistrictStore, window: VenueWindow, venue: VenueRecord, indexKey: string, pacer: Pacer): Promise<VenueOthers> {
  const byPerson = new Map<string, StoredScan[]>();
  const from = new Date(window.from).toISOString();
  const to = new Date(window.to).toISOString();
  let after: ScanPosition | undefined;
  for (;;) {
    const page = await store.scansAtVenue(venue.id, from, to, { after, limit: VENUE_PAGE_ROWS });
    for (const scan of page) {
      const key = personKey(scan);
      if (key === null || key === indexKey) continue;
      const scans = byPerson.get(key);
      if (scans) scans.push(scan);
      else byPerson.set(key, [scan]);
    }
    await pacer.yieldNow();
    if (page.length < VENUE_PAGE_ROWS) break;
    const last = page[page.length - 1];
    after = { correctedAt: last.correctedAt, seq: last.seq, id: last.id };
  }
  const intervals: OtherInterval[] = [];
  let longest = 0;
  for (const [key, scans] of byPerson) {
    const fullName = scans.find((s) => s.fullName)?.fullName ?? null;
    for (const interval of pairIntoIntervals(scans, () => venue.type)) {
      intervals.push({ key, fullName, start: interval.start, end: interval.end });
      longest = Math.max(longest, interval.end - interval.start);
    }
    await pacer.tick(scans.length);
  }
  intervals.sort((a, b) => a.start - b.start || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { intervals, longest };
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
export function forEachOverlap(others: VenueOthers, visit: Interval, margin: number, found: (other: OtherInterval) => void): number {
  const list = others.intervals;
  let looked = 0;
  for (let i = firstStartingAt(list, visit.start - margin - others.longest); i < list.length && list[i].start <= visit.end + margin; i += 1) {
    looked += 1;
    if (list[i].end >= visit.start - margin) found(list[i]);
  }
  return looked + 1;
}
