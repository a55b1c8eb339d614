/**
 * Pairing one person's entries and exits at one venue into presence intervals: the default stay
 * per venue type, the end of the district's day, an exit with no entry. Pure functions; ingest
 * keeps the intervals (`presenceSlices.ts`), the trace reads them.
 */
import type { VenueType, Visit } from '../../shared/district';
import type { StoredScan } from './storedScan';

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

/** End of the local day (at UTC offset `utcOffsetMin`) containing `instant`, as a UTC instant (ms). */
function endOfLocalDay(instant: number, utcOffsetMin: number): number {
  const local = instant + utcOffsetMin * MINUTE;
  const dayStart = local - (((local % 86_400_000) + 86_400_000) % 86_400_000);
  return dayStart + 86_400_000 - utcOffsetMin * MINUTE;
}

function startOfLocalDay(instant: number, utcOffsetMin: number): number {
  return endOfLocalDay(instant, utcOffsetMin) - 86_400_000;
}

/** The sailing a port scan was made for, as pairing keeps it: departure in epoch ms. */
export interface EventSailing {
  readonly id: string;
  /** Scheduled departure, epoch ms. */
  readonly departsAt: number;
  /** False: refused boarding (the boat was full); at the port, not on the boat. */
  readonly boarded: boolean;
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
  /** At a port: the sailing the scan was made for (null: none). */
  readonly sailing: EventSailing | null;
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
 * When an entry with no exit is taken to end, before the day's and the next entry's bounds: at its
 * sailing's departure when the person boarded it (they left on the boat: a passenger of the 07:30
 * is not at the port until 09:15), else after the venue type's default stay (`stay`, ms). Someone
 * refused boarding stayed ashore for as long as anyone would; a departure not after the entry (a
 * scan after the boat left) says nothing of the stay.
 */
export function defaultEnd(entry: PresenceEvent, stay: number): { readonly at: number; readonly byDeparture: boolean } {
  const sailing = entry.sailing;
  if (sailing && sailing.boarded && sailing.departsAt > entry.at) return { at: sailing.departsAt, byDeparture: true };
  return { at: entry.at + stay, byDeparture: false };
}

/**
 * Pairs one person's events at one venue (in pairing order) into intervals. An entry closes at the
 * next exit; an entry with no exit closes at its boarded sailing's departure, else after the venue
 * type's default stay (`defaultEnd`), but not past the end
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
    const { at: byDefault, byDeparture } = defaultEnd(entry, stay);
    const endOfDay = type === 'hotel' ? Number.POSITIVE_INFINITY : endOfLocalDay(entry.at, entry.dayOffsetMin);
    const end = Math.min(byDefault, endOfDay, limit);
    intervals.push({
      owner: entry,
      exit: null,
      start: entry.at,
      end,
      closedBy:
        end === byDefault
          ? byDeparture
            ? 'departure'
            : 'default-stay'
          : end === endOfDay
            ? 'end-of-day'
            : 'default-stay',
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

/** A stored scan as a pairing event in `direction` (the caller checked it takes part). */
export function eventOf(scan: StoredScan, direction: 'in' | 'out', dayOffsetMin: number): PresenceEvent {
  return {
    id: scan.id,
    at: Date.parse(scan.correctedAt),
    seq: scan.seq,
    direction,
    dayOffsetMin,
    contextLabel: scan.contextLabel,
    fullName: scan.fullName,
    byIdNumber: scan.idNumber !== null,
    sailing: scan.sailing
      ? { id: scan.sailing.id, departsAt: Date.parse(scan.sailing.departsAt), boarded: scan.sailing.boarded }
      : null,
  };
}

/** Who a scan identifies across kiosks: the ID number, or a plain code such as a ticket. */
export function personKey(scan: StoredScan): string | null {
  return scan.idNumber ?? scan.codeText;
}
