import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayTexts,
  daysWhollyBefore,
  districtDayOf,
  localDateTime,
  localDay,
} from '../../../server/domain/districtDay';

describe("the district's day", () => {
  it('is the local day at the UTC offset, whatever the instant', () => {
    const instant = Date.parse('2026-11-25T17:30:00.000Z');
    expect(districtDayOf(instant, 420)).toBe('2026-11-26');
    expect(districtDayOf(instant, 0)).toBe('2026-11-25');
    expect(districtDayOf(Date.parse('1969-12-31T23:00:00.000Z'), 0)).toBe('1969-12-31');
    const cached = dayTexts();
    for (const offset of [-600, 0, 420, 840]) expect(cached(instant, offset)).toBe(districtDayOf(instant, offset));
  });

  it('keeps the counts of the days around a purge cutoff', () => {
    expect(daysWhollyBefore('2026-11-25T10:00:00.000Z')).toBe('2026-11-24');
  });

  it("reads instants in the district's time zone", () => {
    expect(localDateTime('2026-11-25T17:30:00.000Z', 'Asia/Ho_Chi_Minh')).toBe('26/11/2026 00:30');
    expect(localDay(new Date('2026-11-25T17:30:00.000Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-11-26');
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
  });
});
