/** One person's visits in [from, to) and the contacts at each, read from the store. */
import type { Contact, TraceResponse, Visit } from '../../shared/district';
import type { DistrictStore, VenueRecord } from '../store/DistrictStore';
import { findContacts, pairIntoIntervals, personKey, toVisit } from './intervals';

export async function runTrace(store: DistrictStore, idNumber: string, from: string, to: string, marginMinutes: number): Promise<TraceResponse> {
  const venues = new Map<string, VenueRecord>((await store.listVenues()).map((v) => [v.id, v]));
  const typeOf = (venueId: string) => venues.get(venueId)?.type ?? 'other';
  const scans = await store.scansOfPerson(idNumber, from, to);
  const intervals = pairIntoIntervals(scans, typeOf);
  const visits: Visit[] = [];
  const contacts: Contact[] = [];
  const around = (ms: number, days: number) => new Date(ms + days * 86_400_000).toISOString();
  for (const interval of intervals) {
    const venue = venues.get(interval.venueId);
    if (!venue) continue;
    visits.push(toVisit(interval, venue));
    const others = await store.scansAtVenue(venue.id, around(interval.start, -1), around(interval.end, 1));
    contacts.push(...findContacts(personKey(scans[0]) ?? idNumber, interval, venue, others, marginMinutes));
  }
  return { idNumber, visits, contacts };
}
