/** Local days in the district's time zone: the window of a trace and the overview's "today". */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, localDayOf, startOfLocalDay, utcOffsetMinutes } from '../../shared/localTime';
import { formatDateTime, formatEnd, formatWindow } from '../../console/time';

describe('local time', () => {
  it('starts a Vietnamese day at 17:00 UTC the day before', () => {
    expect(startOfLocalDay('2026-11-25', 'Asia/Ho_Chi_Minh')).toBe('2026-11-24T17:00:00.000Z');
    expect(localDayOf(new Date('2026-11-24T17:00:00.000Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-11-25');
    expect(localDayOf(new Date('2026-11-24T16:59:59.999Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-11-24');
    expect(utcOffsetMinutes(new Date(), 'Asia/Ho_Chi_Minh')).toBe(420);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(formatDateTime('2026-11-25T01:30:00.000Z', 'Asia/Ho_Chi_Minh', 'en')).toBe('25/11/2026, 08:30');
  });

  it("shows a visit's end with its date when it falls on another local day (a hotel stay to the next morning)", () => {
    const zone = 'Asia/Ho_Chi_Minh';
    expect(formatEnd('2026-11-25T01:30:00.000Z', '2026-11-25T03:30:00.000Z', zone, 'en')).toBe('10:30');
    expect(formatEnd('2026-11-24T21:58:00.000Z', '2026-11-25T21:58:00.000Z', zone, 'en')).toBe('26/11/2026, 04:58');
    // 23:30 to 00:30 local: the next day, though the same day in UTC.
    expect(formatEnd('2026-11-25T16:30:00.000Z', '2026-11-25T17:30:00.000Z', zone, 'en')).toBe('26/11/2026, 00:30');
  });

  it('shows a trace window of whole days with its last day, not the midnight after it', () => {
    const zone = 'Asia/Ho_Chi_Minh';
    expect(formatWindow('2026-11-13T17:00:00.000Z', '2026-11-27T17:00:00.000Z', zone, 'vi')).toBe(
      '14/11/2026 – 27/11/2026',
    );
    expect(formatWindow('2026-11-13T17:00:00.000Z', '2026-11-14T17:00:00.000Z', zone, 'vi')).toBe(
      '14/11/2026 – 14/11/2026',
    );
    expect(formatWindow('2026-11-14T01:30:00.000Z', '2026-11-14T05:00:00.000Z', zone, 'en')).toBe(
      '14/11/2026, 08:30 – 14/11/2026, 12:00',
    );
  });

  it('finds the start of any day in zones with daylight saving too', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3650 }),
        fc.constantFrom('Asia/Ho_Chi_Minh', 'Europe/Berlin', 'America/New_York', 'UTC'),
        (offset, zone) => {
          const day = addDays('2024-01-01', offset);
          const start = new Date(startOfLocalDay(day, zone));
          expect(localDayOf(start, zone)).toBe(day);
          expect(localDayOf(new Date(start.getTime() - 1), zone)).toBe(addDays(day, -1));
        },
      ),
    );
  });
});
