/**
 * Tracing "mốc dịch tễ": entries and exits of one person paired into presence intervals per
 * venue, and the other people whose intervals at the same venue overlap. Pure functions.
 */
import type { VenueType, Visit } from '../../shared/district';
import type { StoredScan, VenueRecord } from '../store/DistrictStore';

/** How long an entry with no recorded exit is assumed to last, minutes, per venue type. */
export const DEFAULT_STAY_MINUTES: Readonly<Record<VenueType, number>> = {
  port: 120,
  hotel: 24 * 60,
  school: 10 * 60,
  office: 10 * 60,
  shop: 60,
  transport: 180,
  other: 120,
};

const MINUTE = 60_000;

export interface Interval {
  readonly venueId: string;
  readonly start: number;
  readonly end: number;
  readonly closedBy: Visit['closedBy'];
  readonly contextLabel: string | null;
}

/** End of the local day (at UTC offset `utcOffsetMin`) containing `instant`, as a UTC instant (ms). */
function endOfLocalDay(instant: number, utcOffsetMin: number): number {
  const local = instant + utcOffsetMin * MINUTE;
  const dayStart = local - (((local % 86_400_000) + 86_400_000) % 86_400_000);
  return dayStart + 86_400_000 - utcOffsetMin * MINUTE;
}

function startOfLocalDay(instant: number, utcOffsetMin: number): number {
  return endOfLocalDay(instant, utcOffsetMin) - 86_400_000;
}

/** One recorded entry or exit of one person at one venue: what pairing needs of a scan. */
export interface PresenceEvent {
  readonly id: string;
  /** Corrected time, epoch ms. */
  readonly at: number;
  readonly seq: number;
  readonly direction: 'in' | 'out';
  /**
   * The UTC offset of the venue's day (the district's time zone, `--time-zone`), where an entry with
   * no exit ends and an exit with no entry begins at the latest: never the kiosk PC's own offset, as
   * a PC left on UTC in Vietnam would end every such visit at 07:00.
   */
  readonly dayOffsetMin: number;
  readonly contextLabel: string | null;
  readonly fullName: string | null;
  /** Keyed by an ID number (else by a plain code such as a ticket). */
  readonly byIdNumber: boolean;
}

/** An interval with the events it came from: `owner` opens it (the entry, or an exit with no entry); `exit` closed it. */
export interface PairedInterval {
  readonly owner: PresenceEvent;
  readonly exit: PresenceEvent | null;
  readonly start: number;
  readonly end: number;
  readonly closedBy: Visit['closedBy'];
}

/** Events in pairing order: time, then the kiosk's sequence number, then id. */
export function compareEvents(a: PresenceEvent, b: PresenceEvent): number {
  return a.at - b.at || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Pairs one person's events at one venue (in pairing order) into intervals. An entry closes at the
 * next exit; an entry with no exit closes after the venue type's default stay, but not past the end
 * of that local day (hotels excepted: guests stay overnight), nor past the next entry (`nextEntryAt`
 * for the last one: the next entry after these events, if any); an exit with no entry is assumed to
 * follow an entry one default stay earlier, within that day. Each interval depends only on its
 * events and their neighbours, which is what lets ingest re-pair a small slice around new scans.
 */
export function pairSequence(
  events: readonly PresenceEvent[],
  type: VenueType,
  nextEntryAt = Number.POSITIVE_INFINITY,
): PairedInterval[] {
  const stay = DEFAULT_STAY_MINUTES[type] * MINUTE;
  const intervals: PairedInterval[] = [];
  let open: PresenceEvent | null = null;
  const closeByDefault = (entry: PresenceEvent, limit: number) => {
    const byDefault = entry.at + stay;
    const endOfDay = type === 'hotel' ? Number.POSITIVE_INFINITY : endOfLocalDay(entry.at, entry.dayOffsetMin);
    const end = Math.min(byDefault, endOfDay, limit);
    intervals.push({
      owner: entry,
      exit: null,
      start: entry.at,
      end,
      closedBy: end === byDefault ? 'default-stay' : end === endOfDay ? 'end-of-day' : 'default-stay',
    });
  };
  for (const event of events) {
    if (event.direction === 'in') {
      if (open) closeByDefault(open, event.at);
      open = event;
    } else if (open) {
      intervals.push({ owner: open, exit: event, start: open.at, end: event.at, closedBy: 'exit' });
      open = null;
    } else {
      const floor = type === 'hotel' ? Number.NEGATIVE_INFINITY : startOfLocalDay(event.at, event.dayOffsetMin);
      intervals.push({
        owner: event,
        exit: null,
        start: Math.max(event.at - stay, floor),
        end: event.at,
        closedBy: 'entry-assumed',
      });
    }
  }
  if (open) closeByDefault(open, nextEntryAt);
  return intervals;
}

/**
 * A stored scan as a pairing event, or null when it takes no part (not recorded, no direction,
 * nobody). `dayOffsetMin`: the district's UTC offset (see `PresenceEvent.dayOffsetMin`).
 */
export function eventOfScan(scan: StoredScan, dayOffsetMin: number): PresenceEvent | null {
  if (scan.outcome !== 'recorded' || (scan.direction !== 'in' && scan.direction !== 'out') || personKey(scan) === null)
    return null;
  return eventOf(scan, scan.direction, dayOffsetMin);
}

function eventOf(scan: StoredScan, direction: 'in' | 'out', dayOffsetMin: number): PresenceEvent {
  return {
    id: scan.id,
    at: Date.parse(scan.correctedAt),
    seq: scan.seq,
    direction,
    dayOffsetMin,
    contextLabel: scan.contextLabel,
    fullName: scan.fullName,
    byIdNumber: scan.idNumber !== null,
  };
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
      });
    }
  }
  return intervals.sort((a, b) => a.start - b.start);
}

/** Who a scan identifies across kiosks: the ID number, or a plain code such as a ticket. */
export function personKey(scan: StoredScan): string | null {
  return scan.idNumber ?? scan.codeText;
}

/**
 * One person's intervals (any venues) with the assumed parts that would put them in two places at
 * once taken off, by start: a stay with no recorded exit ends at their next recorded entry at
 * another venue (a school gate scanning only entries would otherwise keep them there ten hours
 * while they shop), and a stay with no recorded entry begins no earlier than the latest end of a
 * stay elsewhere before its exit. Recorded entries and exits are never moved. Answers them by
 * start. For the traced person's own visits: other people's intervals are paired per venue as
 * stored. The trade-off: someone who walks back into a venue without scanning after a scan
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
    if (interval.closedBy !== 'default-stay' && interval.closedBy !== 'end-of-day') return;
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
    return start === interval.start && ends[i] === interval.end ? interval : { ...interval, start, end: ends[i] };
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

export function toVisit(interval: Interval, venue: VenueRecord): Visit {
  return {
    venueId: venue.id,
    venueName: venue.name,
    venueType: venue.type,
    entryAt: new Date(interval.start).toISOString(),
    exitAt: new Date(interval.end).toISOString(),
    closedBy: interval.closedBy,
    contextLabel: interval.contextLabel,
  };
}
