import { describe, expect, it } from 'vitest';
import {
  PLAUSIBLE_FUTURE_MS,
  PLAUSIBLE_PAST_MS,
  badTextReason,
  correctedScanTime,
  implausibleTimeReason,
} from '../../../server/domain/scanChecks';
import { uploadedScan } from '../../support/districtSamples';

const NOW = Date.parse('2026-11-25T03:00:00.000Z');

describe('scan checks', () => {
  it("corrects a scan's time by the device's clock error when that is plausible", () => {
    const dead = Date.parse('1970-01-01T00:10:00.000Z');
    expect(correctedScanTime(dead, dead + 60_000, NOW)).toBe(NOW - 60_000);
  });

  it("keeps a scan's own time when the correction is wild, and refuses when neither is plausible", () => {
    expect(correctedScanTime(NOW - 60_000, 0, NOW)).toBe(NOW - 60_000);
    expect(correctedScanTime(0, NOW * 3, NOW)).toBeNull();
  });

  it('answers the plausible window around now', () => {
    expect(implausibleTimeReason(NOW - PLAUSIBLE_PAST_MS, NOW)).toBeNull();
    expect(implausibleTimeReason(NOW + PLAUSIBLE_FUTURE_MS + 1, NOW)).toMatch(/scannedAt$/);
  });

  it('names the first field holding a control character', () => {
    expect(badTextReason(uploadedScan('2026-11-25T01:00:00.000Z'))).toBeNull();
    expect(badTextReason(uploadedScan('2026-11-25T01:00:00.000Z', { fullName: 'A\u0007B' }))).toMatch(/fullName$/);
  });
});
