/**
 * One person's visits in [from, to) and one page of their contacts, from the presence intervals
 * paired at ingest. The work is bounded: other visitors' intervals are read a page at a time per
 * venue window, candidates are found by binary search,
 * only the asked page of contacts is built (the rest are counted), and the event loop gets a turn
 * every slice of work, so the server keeps answering while a large trace runs.
 *
 * Sailings and rooms: for a visit on which the person boarded a sailing, everyone who boarded the
 * same sailing is a contact for the voyage (however long they overlapped at the port), listed first
 * under that sailing; the others at the port count only by overlap within the margin. At a hotel,
 * overlapping guests of the same room come first under the room.
 */
import type { Contact, ContactGroup, TraceResponse, Visit } from '../../shared/district';
import type { DistrictStore, VenueRecord } from '../store/DistrictStore';
import { oneVenueAtATime, toVisit, type Interval } from '../domain/visits';
import { Pacer } from './Pacer';
import { roomKey } from './roomKey';
import {
  forEachOverlap,
  loadWindows,
  otherOf,
  venueWindows,
  type OtherInterval,
  type VenueOthers,
  type VenueWindow,
} from './venueContacts';

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

/** The sailing the person boarded on this visit, or null (none, or refused for a full boat: ashore). */
function boardedSailing(visit: Interval) {
  return visit.sailing?.boarded ? visit.sailing : null;
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
  /** Sailings whose passengers are listed already (a person scanned twice for one boat: one voyage). */
  const voyages = new Set<string>();
  for (const [index, visit] of intervals.entries()) {
    const venue = venues.get(visit.venueId) as VenueRecord;
    // Only the asked page is built; the rest are counted.
    const add = (other: OtherInterval, group: ContactGroup | null) => {
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
          group,
        });
      }
      total += 1;
    };
    const sailing = boardedSailing(visit);
    if (sailing && !voyages.has(`${visit.venueId} ${sailing.id}`)) {
      voyages.add(`${visit.venueId} ${sailing.id}`);
      const group: ContactGroup = {
        kind: 'sailing',
        sailingId: sailing.id,
        label: visit.contextLabel,
        departsAt: new Date(sailing.departsAt).toISOString(),
      };
      const passengers = await store.presenceOfSailing(visit.venueId, sailing.id);
      const listed = new Set<string>([indexKey]);
      for (const passenger of passengers) {
        // One row per passenger: someone who scanned twice for the boat sailed once.
        if (listed.has(passenger.personKey)) continue;
        listed.add(passenger.personKey);
        add(otherOf(passenger), group);
      }
      await pacer.tick(passengers.length);
    }
    if (!loaded.has(windows[index])) {
      // This window and the next ones not read yet, in the order the visits need them.
      const group = [...new Set(windows.slice(index))].filter((w) => !loaded.has(w)).slice(0, WINDOWS_AT_ONCE);
      for (const [w, others] of await loadWindows(store, group, indexKey, pacer)) loaded.set(w, others);
    }
    const others = loaded.get(windows[index]) as VenueOthers;
    const room = venue.type === 'hotel' ? roomKey(visit.contextLabel) : null;
    const roommates: OtherInterval[] = [];
    const met: OtherInterval[] = [];
    const looked = forEachOverlap(others, visit, margin, (other) => {
      // Those on board are the voyage's contacts above, not again as people met at the port.
      if (sailing && other.sailing?.boarded && other.sailing.id === sailing.id) return;
      if (room !== null && roomKey(other.contextLabel) === room) roommates.push(other);
      else met.push(other);
    });
    if (room !== null && visit.contextLabel !== null)
      for (const other of roommates) add(other, { kind: 'room', label: visit.contextLabel.trim() });
    for (const other of met) add(other, null);
    if (windows[index].last === index) loaded.delete(windows[index]);
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
