import { describe, expect, it } from 'vitest';
import { DEFAULT_STAY_MINUTES } from '../../../server/domain/presencePairing';
import type { StoredScan } from '../../../server/domain/storedScan';
import { oneVenueAtATime, pairIntoIntervals, type Interval } from '../../../server/domain/visits';
import { uploadedScan } from '../../support/districtSamples';

const at = (iso: string, direction: 'in' | 'out', venueId = 'v1'): StoredScan => ({
  ...uploadedScan(iso, { direction }),
  venueId,
  deviceId: 'd1',
  receivedAt: iso,
  correctedAt: iso,
  localDay: iso.slice(0, 10),
});
const iso = (ms: number) => new Date(ms).toISOString();

describe('pairIntoIntervals', () => {
  it('pairs an entry with the next exit at the same venue', () => {
    const [visit] = pairIntoIntervals(
      [at('2026-11-25T01:00:00.000Z', 'in'), at('2026-11-25T02:30:00.000Z', 'out')],
      () => 'port',
      420,
    );
    expect([iso(visit.start), iso(visit.end), visit.closedBy]).toEqual([
      '2026-11-25T01:00:00.000Z',
      '2026-11-25T02:30:00.000Z',
      'exit',
    ]);
  });

  it('closes an entry without exit after the venue type default stay', () => {
    const [visit] = pairIntoIntervals([at('2026-11-25T01:00:00.000Z', 'in')], () => 'shop', 420);
    expect(visit.end - visit.start).toBe(DEFAULT_STAY_MINUTES.shop * 60_000);
    expect(visit.closedBy).toBe('default-stay');
  });

  it('never runs an open entry past the end of the local day (UTC+7), except at hotels', () => {
    // 23:00 local on 25 November; the local day ends at 17:00 UTC.
    const [school] = pairIntoIntervals([at('2026-11-25T16:00:00.000Z', 'in')], () => 'school', 420);
    expect([iso(school.end), school.closedBy]).toEqual(['2026-11-25T17:00:00.000Z', 'end-of-day']);
    const [hotel] = pairIntoIntervals([at('2026-11-25T16:00:00.000Z', 'in')], () => 'hotel', 420);
    expect(iso(hotel.end)).toBe('2026-11-26T16:00:00.000Z');
  });

  it("ends the day on the district's clock, not the kiosk PC's: a PC left on UTC does not end a 04:48 entry at 07:00", () => {
    // 04:48 on 25 November in Vietnam, from a kiosk whose PC says UTC (offset 0).
    const onUtc = { ...at('2026-11-24T21:48:00.000Z', 'in'), utcOffsetMin: 0 };
    const [school] = pairIntoIntervals([onUtc], () => 'school', 420);
    expect([iso(school.end), school.closedBy]).toEqual(['2026-11-25T07:48:00.000Z', 'default-stay']);
    // A lone exit at 07:30 there follows an entry a default stay (2 h) before, not one cut at 07:00.
    const [lone] = pairIntoIntervals(
      [{ ...at('2026-11-25T00:30:00.000Z', 'out'), utcOffsetMin: 0 }],
      () => 'port',
      420,
    );
    expect([iso(lone.start), lone.closedBy]).toEqual(['2026-11-24T22:30:00.000Z', 'entry-assumed']);
  });

  it('closes a forgotten entry at the next entry, and assumes an entry before a lone exit', () => {
    const visits = pairIntoIntervals(
      [
        at('2026-11-25T01:00:00.000Z', 'in'),
        at('2026-11-25T01:30:00.000Z', 'in'),
        at('2026-11-25T02:00:00.000Z', 'out'),
        at('2026-11-25T05:00:00.000Z', 'out'),
      ],
      () => 'port',
      420,
    );
    expect(visits.map((v) => [iso(v.start), iso(v.end), v.closedBy])).toEqual([
      ['2026-11-25T01:00:00.000Z', '2026-11-25T01:30:00.000Z', 'default-stay'],
      ['2026-11-25T01:30:00.000Z', '2026-11-25T02:00:00.000Z', 'exit'],
      ['2026-11-25T03:00:00.000Z', '2026-11-25T05:00:00.000Z', 'entry-assumed'],
    ]);
  });

  it('keeps venues apart', () => {
    const visits = pairIntoIntervals(
      [
        at('2026-11-25T01:00:00.000Z', 'in', 'a'),
        at('2026-11-25T01:10:00.000Z', 'in', 'b'),
        at('2026-11-25T01:20:00.000Z', 'out', 'a'),
      ],
      () => 'port',
      420,
    );
    expect(visits.map((v) => [v.venueId, v.closedBy])).toEqual([
      ['a', 'exit'],
      ['b', 'default-stay'],
    ]);
  });
});

describe('oneVenueAtATime', () => {
  const span = (
    venueId: string,
    start: string,
    end: string,
    closedBy: 'exit' | 'default-stay' | 'end-of-day' | 'entry-assumed',
  ): Interval => ({
    venueId,
    start: Date.parse(start),
    end: Date.parse(end),
    closedBy,
    contextLabel: null,
    sailing: null,
  });
  const shown = (list: ReturnType<typeof span>[]) => list.map((v) => [v.venueId, iso(v.start), iso(v.end), v.closedBy]);

  it('ends a stay with no exit at the next entry elsewhere, starts one with no entry after the stay before it elsewhere, never moves a recorded time', () => {
    const visits = oneVenueAtATime([
      span('school', '2026-11-25T00:00:00.000Z', '2026-11-25T10:00:00.000Z', 'default-stay'),
      span('shop', '2026-11-25T01:30:00.000Z', '2026-11-25T02:00:00.000Z', 'exit'),
      span('port', '2026-11-25T00:30:00.000Z', '2026-11-25T02:30:00.000Z', 'entry-assumed'),
      span('port', '2026-11-25T05:00:00.000Z', '2026-11-25T05:40:00.000Z', 'exit'),
    ]);
    // By start (the contact search reads windows in that order).
    expect(shown(visits)).toEqual([
      // Cut at the shop's recorded entry, not at the port's assumed one, and labelled so (not "default stay").
      ['school', '2026-11-25T00:00:00.000Z', '2026-11-25T01:30:00.000Z', 'entry-elsewhere'],
      ['shop', '2026-11-25T01:30:00.000Z', '2026-11-25T02:00:00.000Z', 'exit'],
      // At the port from the shop's exit at the earliest.
      ['port', '2026-11-25T02:00:00.000Z', '2026-11-25T02:30:00.000Z', 'entry-assumed'],
      ['port', '2026-11-25T05:00:00.000Z', '2026-11-25T05:40:00.000Z', 'exit'],
    ]);
    // Stays at one venue only: unchanged.
    const alone = [
      span('port', '2026-11-25T00:00:00.000Z', '2026-11-25T02:00:00.000Z', 'default-stay'),
      span('port', '2026-11-25T03:00:00.000Z', '2026-11-25T05:00:00.000Z', 'entry-assumed'),
    ];
    expect(shown(oneVenueAtATime(alone))).toEqual(shown(alone));
  });
});
