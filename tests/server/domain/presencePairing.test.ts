import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STAY_MINUTES,
  compareEvents,
  eventOfScan,
  pairSequence,
  personKey,
  type PresenceEvent,
} from '../../../server/domain/presencePairing';
import { storedScan } from '../../support/storedScans';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-25T01:00:00.000Z'); // 08:00 in Viet Nam

function event(at: number, direction: 'in' | 'out', id = `e${at}`): PresenceEvent {
  return {
    id,
    at,
    seq: 1,
    direction,
    dayOffsetMin: 420,
    contextLabel: null,
    fullName: null,
    byIdNumber: true,
    sailing: null,
  };
}

describe('pairSequence', () => {
  const sailing = (departsAt: number, boarded: boolean) => ({
    id: '0190a000-0000-4000-8000-00000000000a',
    departsAt,
    boarded,
  });

  it('ends a port stay with no exit at the departure of the sailing the person boarded', () => {
    const boarded = { ...event(T0, 'in'), sailing: sailing(T0 + 45 * 60_000, true) };
    expect(pairSequence([boarded], 'port').map((i) => [i.end - T0, i.closedBy])).toEqual([[45 * 60_000, 'departure']]);
    // Departing late in the day: still the departure, not the two hours of a port's default stay.
    const late = { ...event(T0, 'in'), sailing: sailing(T0 + 5 * HOUR, true) };
    expect(pairSequence([late], 'port').map((i) => [i.end - T0, i.closedBy])).toEqual([[5 * HOUR, 'departure']]);
    // A next entry before the departure still ends it there.
    expect(pairSequence([boarded, event(T0 + 30 * 60_000, 'in')], 'port')[0].end).toBe(T0 + 30 * 60_000);
  });

  it('keeps the default stay for someone refused boarding, and for a scan after the boat left', () => {
    const refused = { ...event(T0, 'in'), sailing: sailing(T0 + 45 * 60_000, false) };
    const afterDeparture = { ...event(T0, 'in'), sailing: sailing(T0 - 60_000, true) };
    for (const entry of [refused, afterDeparture])
      expect(pairSequence([entry], 'port').map((i) => [i.end - T0, i.closedBy])).toEqual([
        [DEFAULT_STAY_MINUTES.port * 60_000, 'default-stay'],
      ]);
  });

  it('closes an entry at the next exit', () => {
    const [interval] = pairSequence([event(T0, 'in'), event(T0 + HOUR, 'out')], 'port');
    expect([interval.start, interval.end, interval.closedBy, interval.exit?.id]).toEqual([
      T0,
      T0 + HOUR,
      'exit',
      `e${T0 + HOUR}`,
    ]);
  });

  it('closes an entry with no exit after the default stay, or at the next entry if sooner', () => {
    const [alone] = pairSequence([event(T0, 'in')], 'port');
    expect([alone.end - alone.start, alone.closedBy]).toEqual([DEFAULT_STAY_MINUTES.port * 60_000, 'default-stay']);
    const [first] = pairSequence([event(T0, 'in'), event(T0 + HOUR / 2, 'in')], 'port');
    expect(first.end).toBe(T0 + HOUR / 2);
    const [bounded] = pairSequence([event(T0, 'in')], 'port', T0 + HOUR);
    expect(bounded.end).toBe(T0 + HOUR);
  });

  it("ends an open entry at the end of the district's day, except at a hotel", () => {
    const late = Date.parse('2026-11-25T16:00:00.000Z'); // 23:00 in Viet Nam
    const [school] = pairSequence([event(late, 'in')], 'school');
    expect([new Date(school.end).toISOString(), school.closedBy]).toEqual(['2026-11-25T17:00:00.000Z', 'end-of-day']);
    const [hotel] = pairSequence([event(late, 'in')], 'hotel');
    expect(hotel.end - hotel.start).toBe(DEFAULT_STAY_MINUTES.hotel * 60_000);
  });

  it('assumes an entry one default stay before an exit with no entry, within its day', () => {
    const [interval] = pairSequence([event(T0 + 3 * HOUR, 'out')], 'shop');
    expect([interval.start, interval.end, interval.closedBy]).toEqual([
      T0 + 3 * HOUR - DEFAULT_STAY_MINUTES.shop * 60_000,
      T0 + 3 * HOUR,
      'entry-assumed',
    ]);
    const early = Date.parse('2026-11-24T17:30:00.000Z'); // 00:30 in Viet Nam
    const [bounded] = pairSequence([event(early, 'out')], 'port');
    expect(new Date(bounded.start).toISOString()).toBe('2026-11-24T17:00:00.000Z');
  });
});

describe('events of scans', () => {
  it('orders by time, then sequence number, then id', () => {
    const a = { ...event(T0, 'in', 'b'), seq: 1 };
    const b = { ...event(T0, 'in', 'a'), seq: 2 };
    const c = { ...event(T0, 'in', 'a'), seq: 1 };
    expect([a, b, c].sort(compareEvents).map((e) => `${e.seq}${e.id}`)).toEqual(['1a', '1b', '2a']);
  });

  it('takes only recorded entries and exits of someone', () => {
    const at = '2026-11-25T01:00:00.000Z';
    expect(eventOfScan(storedScan(at), 420)).toMatchObject({ at: Date.parse(at), direction: 'in', byIdNumber: true });
    expect(eventOfScan(storedScan(at, { outcome: 'refused' }), 420)).toBeNull();
    expect(eventOfScan(storedScan(at, { direction: null }), 420)).toBeNull();
    expect(eventOfScan(storedScan(at, { idNumber: null, codeText: null }), 420)).toBeNull();
    expect(personKey(storedScan(at, { idNumber: null, codeText: 'TICKET-7' }))).toBe('TICKET-7');
  });
});
