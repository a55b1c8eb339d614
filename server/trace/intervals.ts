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

/** End of the kiosk's local day containing `instant`, as a UTC instant (ms). */
function endOfLocalDay(instant: number, utcOffsetMin: number): number {
  const local = instant + utcOffsetMin * MINUTE;
  const dayStart = local - (((local % 86_400_000) + 86_400_000) % 86_400_000);
  return dayStart + 86_400_000 - utcOffsetMin * MINUTE;
}

function startOfLocalDay(instant: number, utcOffsetMin: number): number {
  return endOfLocalDay(instant, utcOffsetMin) - 86_400_000;
}

/**
 * Pairs one person's scans (any venues, oldest first) into intervals. An entry closes at the next
 * exit at that venue; an entry with no exit closes after the venue type's default stay, but not
 * past the end of that local day (hotels excepted: guests stay overnight), nor past the next entry;
 * an exit with no entry is assumed to follow an entry one default stay earlier, within that day.
 */
export function pairIntoIntervals(scans: readonly StoredScan[], venueTypeOf: (venueId: string) => VenueType): Interval[] {
  const intervals: Interval[] = [];
  const open = new Map<string, StoredScan>();
  const closeByDefault = (entry: StoredScan, limit: number) => {
    const start = Date.parse(entry.correctedAt);
    const type = venueTypeOf(entry.venueId);
    const byDefault = start + DEFAULT_STAY_MINUTES[type] * MINUTE;
    const endOfDay = type === 'hotel' ? Number.POSITIVE_INFINITY : endOfLocalDay(start, entry.utcOffsetMin);
    const end = Math.min(byDefault, endOfDay, limit);
    intervals.push({ venueId: entry.venueId, start, end, closedBy: end === byDefault ? 'default-stay' : end === endOfDay ? 'end-of-day' : 'default-stay', contextLabel: entry.contextLabel });
  };
  for (const scan of scans) {
    const at = Date.parse(scan.correctedAt);
    const entry = open.get(scan.venueId);
    if (scan.direction === 'in') {
      if (entry) closeByDefault(entry, at);
      open.set(scan.venueId, scan);
    } else if (scan.direction === 'out') {
      if (entry) {
        intervals.push({ venueId: scan.venueId, start: Date.parse(entry.correctedAt), end: at, closedBy: 'exit', contextLabel: entry.contextLabel });
        open.delete(scan.venueId);
      } else {
        const type = venueTypeOf(scan.venueId);
        const floor = type === 'hotel' ? Number.NEGATIVE_INFINITY : startOfLocalDay(at, scan.utcOffsetMin);
        intervals.push({ venueId: scan.venueId, start: Math.max(at - DEFAULT_STAY_MINUTES[type] * MINUTE, floor), end: at, closedBy: 'entry-assumed', contextLabel: scan.contextLabel });
      }
    }
  }
  for (const entry of open.values()) closeByDefault(entry, Number.POSITIVE_INFINITY);
  return intervals.sort((a, b) => a.start - b.start);
}

/** Who a scan identifies across kiosks: the ID number, or a plain code such as a ticket. */
export function personKey(scan: StoredScan): string | null {
  return scan.idNumber ?? scan.codeText;
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
