/**
 * A person's visits across venues: their scans paired per venue, the one-place rule that takes off
 * the assumed parts putting them in two places at once, and a visit as a trace answers it. Pure.
 */
import type { VenueType, Visit } from '../../shared/district';
import { eventOf, pairSequence, type EventSailing, type PresenceEvent } from './presencePairing';
import type { StoredScan } from './storedScan';

export interface Interval {
  readonly venueId: string;
  readonly start: number;
  readonly end: number;
  readonly closedBy: Visit['closedBy'];
  readonly contextLabel: string | null;
  /** The sailing of the scan that opened the interval (null: none). */
  readonly sailing: EventSailing | null;
}

/** What a visit shows of its venue. */
export interface VisitVenue {
  readonly id: string;
  readonly name: string;
  readonly type: VenueType;
}

/** Pairs one person's scans (any venues, oldest first) into intervals, per venue by `pairSequence`, on the district's days (`dayOffsetMin`). */
export function pairIntoIntervals(
  scans: readonly StoredScan[],
  venueTypeOf: (venueId: string) => VenueType,
  dayOffsetMin: number,
): Interval[] {
  const byVenue = new Map<string, PresenceEvent[]>();
  for (const scan of scans) {
    if (scan.direction !== 'in' && scan.direction !== 'out') continue;
    const event = eventOf(scan, scan.direction, dayOffsetMin);
    const events = byVenue.get(scan.venueId);
    if (events) events.push(event);
    else byVenue.set(scan.venueId, [event]);
  }
  const intervals: Interval[] = [];
  for (const [venueId, events] of byVenue) {
    for (const paired of pairSequence(events, venueTypeOf(venueId))) {
      intervals.push({
        venueId,
        start: paired.start,
        end: paired.end,
        closedBy: paired.closedBy,
        contextLabel: paired.owner.contextLabel,
        sailing: paired.owner.sailing,
      });
    }
  }
  return intervals.sort((a, b) => a.start - b.start);
}

/**
 * One person's intervals (any venues) with the assumed parts that would put them in two places at
 * once taken off, by start: a stay with no recorded exit ends at their next recorded entry at
 * another venue (a school gate scanning only entries would otherwise keep them there ten hours
 * while they shop), and a stay with no recorded entry begins no earlier than the latest end of a
 * stay elsewhere before its exit. Recorded entries and exits are never moved. Answers them by
 * start; a stay whose end was cut says `closedBy: 'entry-elsewhere'`. For the traced person's own
 * visits: other people's intervals are paired per venue as stored. The trade-off: someone who walks back into a venue without scanning after a scan
 * elsewhere is taken to have left it.
 */
export function oneVenueAtATime<T extends Interval>(intervals: readonly T[]): T[] {
  const byStart = [...intervals].sort((a, b) => a.start - b.start);
  const ends = byStart.map((interval) => interval.end);
  // Recorded entries by time, each with the next one at another venue than its own (linear walk back).
  const entries = byStart.filter((interval) => interval.closedBy !== 'entry-assumed');
  const nextVenue = new Array<number>(entries.length).fill(-1);
  for (let k = entries.length - 2; k >= 0; k -= 1)
    nextVenue[k] = entries[k + 1].venueId !== entries[k].venueId ? k + 1 : nextVenue[k + 1];
  byStart.forEach((interval, i) => {
    // Estimated ends only (a departure too: someone who scanned in elsewhere before it did not sail).
    if (interval.closedBy !== 'default-stay' && interval.closedBy !== 'end-of-day' && interval.closedBy !== 'departure')
      return;
    let k = firstIndex(entries, (entry) => entry.start > interval.start);
    if (k < entries.length && entries[k].venueId === interval.venueId) k = nextVenue[k];
    if (k !== -1 && k < entries.length) ends[i] = Math.min(interval.end, entries[k].start);
  });
  // Stays by their (bounded) end, each with the previous one at another venue than its own.
  const byEnd = byStart
    .map((interval, i) => ({ venueId: interval.venueId, end: ends[i] }))
    .sort((a, b) => a.end - b.end);
  const previousVenue = new Array<number>(byEnd.length).fill(-1);
  for (let k = 1; k < byEnd.length; k += 1)
    previousVenue[k] = byEnd[k - 1].venueId !== byEnd[k].venueId ? k - 1 : previousVenue[k - 1];
  const bounded = byStart.map((interval, i) => {
    let start = interval.start;
    if (interval.closedBy === 'entry-assumed') {
      let k = firstIndex(byEnd, (stay) => stay.end > interval.end) - 1;
      if (k >= 0 && byEnd[k].venueId === interval.venueId) k = previousVenue[k];
      if (k >= 0) start = Math.max(start, byEnd[k].end);
    }
    if (start === interval.start && ends[i] === interval.end) return interval;
    // A stay cut short by an entry elsewhere says so: the tracer reads "scanned in elsewhere", not an estimate.
    const closedBy: Interval['closedBy'] = ends[i] < interval.end ? 'entry-elsewhere' : interval.closedBy;
    return { ...interval, start, end: ends[i], closedBy };
  });
  // By start again (a later start moves a stay): the contact search's windows grow only forward.
  return bounded
    .map((interval, i) => ({ interval, i }))
    .sort((a, b) => a.interval.start - b.interval.start || a.i - b.i)
    .map(({ interval }) => interval);
}

/** The first index whose item satisfies `after` (false then true along the list), or the length. */
function firstIndex<T>(list: readonly T[], after: (item: T) => boolean): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (after(list[mid])) high = mid;
    else low = mid + 1;
  }
  return low;
}

export function toVisit(interval: Interval, venue: VisitVenue): Visit {
  return {
    venueId: venue.id,
    venueName: venue.name,
    venueType: venue.type,
    entryAt: new Date(interval.start).toISOString(),
    exitAt: new Date(interval.end).toISOString(),
    closedBy: interval.closedBy,
    contextLabel: interval.contextLabel,
    sailing: interval.sailing
      ? {
          id: interval.sailing.id,
          departsAt: new Date(interval.sailing.departsAt).toISOString(),
          boarded: interval.sailing.boarded,
        }
      : null,
  };
}
