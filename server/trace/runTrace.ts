/**
 * One person's visits in [from, to) and one page of their contacts, from the presence intervals
 * paired at ingest. The work is bounded: other visitors' intervals are read a page at a time per
 * venue window, candidates are found by binary search,
 * only the asked page of contacts is built (the rest are counted), and the event loop gets a turn
 * every slice of work, so the server keeps answering while a large trace runs.
 */
import type { Contact, TraceResponse, Visit } from '../../shared/district';
import type { DistrictStore, VenueRecord } from '../store/DistrictStore';
import { oneVenueAtATime, toVisit } from '../domain/visits';
import { Pacer } from './Pacer';
import { forEachOverlap, loadWindows, venueWindows, type VenueOthers, type VenueWindow } from './venueContacts';

/** Units of work (intervals read or compared) between two turns of the event loop. */
const SLICE = 2000;
/** Venue windows read in one store round trip (bounds memory: a person with visits at a thousand venues). */
const WINDOWS_AT_ONCE = 32;

export interface TraceRequest {
  readonly idNumber: string;
  readonly from: string;
  readonly to: string;
  readonly marginMinutes: number;
  /** Contacts in this answer. */
  readonly limit: number;
  /** Contacts skipped (the cursor). */
  readonly offset: number;
}

/**
 * The traced person's name as their scans carry it: a wedge scanner with the wrong layout drops or
 * folds Vietnamese letters (`Phm Th Hng`, `Pham Thi Hong`), so a name with letters beyond ASCII is
 * taken first, then the latest one. Null when no scan in the window carries a name.
 */
function personName(intervals: readonly { readonly start: number; readonly fullName: string | null }[]): string | null {
  let best: { name: string; whole: boolean; start: number } | null = null;
  for (const interval of intervals) {
    const name = interval.fullName?.trim();
    if (!name) continue;
    const whole = /[\u0080-\uffff]/.test(name);
    if (!best || (whole && !best.whole) || (whole === best.whole && interval.start >= best.start))
      best = { name, whole, start: interval.start };
  }
  return best?.name ?? null;
}

export async function runTrace(store: DistrictStore, request: TraceRequest): Promise<TraceResponse> {
  const pacer = new Pacer(SLICE);
  const venues = new Map<string, VenueRecord>((await store.listVenues()).map((v) => [v.id, v]));
  const found = await store.presenceOfPerson(request.idNumber, Date.parse(request.from), Date.parse(request.to));
  await pacer.yieldNow();
  const indexKey = request.idNumber;
  const intervals = oneVenueAtATime(found.filter((interval) => venues.has(interval.venueId)));
  const visits: Visit[] = intervals.map((interval) => toVisit(interval, venues.get(interval.venueId) as VenueRecord));
  const margin = request.marginMinutes * 60_000;
  const windows = venueWindows(intervals, margin);
  const loaded = new Map<VenueWindow, VenueOthers>();
  const end = request.offset + request.limit;
  const contacts: Contact[] = [];
  let total = 0;
  for (const [index, visit] of intervals.entries()) {
    const venue = venues.get(visit.venueId) as VenueRecord;
    const window = windows[index];
    if (!loaded.has(window)) {
      // This window and the next ones not read yet, in the order the visits need them.
      const group = [...new Set(windows.slice(index))].filter((w) => !loaded.has(w)).slice(0, WINDOWS_AT_ONCE);
      for (const [w, others] of await loadWindows(store, group, indexKey, pacer)) loaded.set(w, others);
    }
    const others = loaded.get(window) as VenueOthers;
    const looked = forEachOverlap(others, visit, margin, (other) => {
      if (total >= request.offset && total < end) {
        const overlap = Math.max(0, Math.min(other.end, visit.end) - Math.max(other.start, visit.start));
        contacts.push({
          idNumber: other.key,
          fullName: other.fullName,
          venueId: venue.id,
          venueName: venue.name,
          entryAt: new Date(other.start).toISOString(),
          exitAt: new Date(other.end).toISOString(),
          overlapMinutes: Math.round(overlap / 60_000),
        });
      }
      total += 1;
    });
    if (window.last === index) loaded.delete(window);
    await pacer.tick(looked);
  }
  const more = total > end;
  return {
    idNumber: request.idNumber,
    fullName: personName(found),
    visits,
    contacts,
    contactsTotal: total,
    more,
    nextCursor: more ? `c${end}` : null,
  };
}
