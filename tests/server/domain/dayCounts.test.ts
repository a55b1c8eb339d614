import { describe, expect, it } from 'vitest';
import { dayCountsOf, voidedBy, voidsToCount, type VoidTarget } from '../../../server/domain/dayCounts';
import { storedScan } from '../../support/storedScans';

describe('day counts', () => {
  it("counts each stored scan on the district's day of its corrected time", () => {
    const deltas = dayCountsOf(
      [
        storedScan('2026-11-25T16:59:00.000Z'), // 23:59 in Viet Nam
        storedScan('2026-11-25T17:00:00.000Z', { direction: 'out' }), // 00:00 the next day
        storedScan('2026-11-25T17:01:00.000Z', { outcome: 'refused', direction: null }),
      ],
      420,
    );
    expect(deltas).toEqual([
      { venueId: 'v1', day: '2026-11-25', scans: 1, recordedIn: 1, recordedOut: 0, refused: 0 },
      { venueId: 'v1', day: '2026-11-26', scans: 2, recordedIn: 0, recordedOut: 1, refused: 1 },
    ]);
  });

  it('takes a voided entry off once, only for a correction of its own venue and only the first time', () => {
    const at = '2026-11-25T02:00:00.000Z';
    const corrections = [
      storedScan(at, { direction: null, voidsScanId: 's1' }),
      storedScan(at, { direction: null, voidsScanId: 's1' }),
      storedScan(at, { direction: null, voidsScanId: 's2' }, 'elsewhere'),
    ];
    const voided = voidedBy(corrections);
    expect([...voided]).toEqual([
      ['s1', { venueId: 'v1', count: 2 }],
      ['s2', { venueId: 'elsewhere', count: 1 }],
    ]);
    const targets = new Map<string, VoidTarget>([
      ['s1', { venueId: 'v1', day: '2026-11-25', outcome: 'recorded', direction: 'in' }],
      ['s2', { venueId: 'v1', day: '2026-11-25', outcome: 'recorded', direction: 'out' }],
    ]);
    expect(voidsToCount(voided, targets, new Map([['s1', 2]]))).toEqual([
      { venueId: 'v1', day: '2026-11-25', recordedIn: 1, recordedOut: 0 },
    ]);
    // A correction stored before this batch voided it already: nothing more comes off.
    expect(voidsToCount(voided, targets, new Map([['s1', 3]]))).toEqual([]);
  });
});
