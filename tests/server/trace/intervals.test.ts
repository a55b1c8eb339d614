import { describe, expect, it } from 'vitest';
import type { StoredScan } from '../../../server/store/DistrictStore';
import { DEFAULT_STAY_MINUTES, pairIntoIntervals } from '../../../server/trace/intervals';
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
    const [visit] = pairIntoIntervals([at('2026-11-25T01:00:00.000Z', 'in'), at('2026-11-25T02:30:00.000Z', 'out')], () => 'port');
    expect([iso(visit.start), iso(visit.end), visit.closedBy]).toEqual(['2026-11-25T01:00:00.000Z', '2026-11-25T02:30:00.000Z', 'exit']);
  });

  it('closes an entry without exit after the venue type default stay', () => {
    const [visit] = pairIntoIntervals([at('2026-11-25T01:00:00.000Z', 'in')], () => 'shop');
    expect(visit.end - visit.start).toBe(DEFAULT_STAY_MINUTES.shop * 60_000);
    expect(visit.closedBy).toBe('default-stay');
  });

  it('never runs an open entry past the end of the local day (UTC+7), except at hotels', () => {
    // 23:00 local on 25 November; the local day ends at 17:00 UTC.
    const [school] = pairIntoIntervals([at('2026-11-25T16:00:00.000Z', 'in')], () => 'school');
    expect([iso(school.end), school.closedBy]).toEqual(['2026-11-25T17:00:00.000Z', 'end-of-day']);
    const [hotel] = pairIntoIntervals([at('2026-11-25T16:00:00.000Z', 'in')], () => 'hotel');
    expect(iso(hotel.end)).toBe('2026-11-26T16:00:00.000Z');
  });

  it('closes a forgotten entry at the next entry, and assumes an entry before a lone exit', () => {
    const visits = pairIntoIntervals([at('2026-11-25T01:00:00.000Z', 'in'), at('2026-11-25T01:30:00.000Z', 'in'), at('2026-11-25T02:00:00.000Z', 'out'), at('2026-11-25T05:00:00.000Z', 'out')], () => 'port');
    expect(visits.map((v) => [iso(v.start), iso(v.end), v.closedBy])).toEqual([
      ['2026-11-25T01:00:00.000Z', '2026-11-25T01:30:00.000Z', 'default-stay'],
      ['2026-11-25T01:30:00.000Z', '2026-11-25T02:00:00.000Z', 'exit'],
      ['2026-11-25T03:00:00.000Z', '2026-11-25T05:00:00.000Z', 'entry-assumed'],
    ]);
  });

  it('keeps venues apart', () => {
    const visits = pairIntoIntervals([at('2026-11-25T01:00:00.000Z', 'in', 'a'), at('2026-11-25T01:10:00.000Z', 'in', 'b'), at('2026-11-25T01:20:00.000Z', 'out', 'a')], () => 'port');
    expect(visits.map((v) => [v.venueId, v.closedBy])).toEqual([['a', 'exit'], ['b', 'default-stay']]);
  });
});
