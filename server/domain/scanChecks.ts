/**
 * Checks one uploaded scan must pass beyond its schema, each answered per item so one bad scan
 * never sinks its batch: text every database can store, and a plausible time.
 */
import { SCAN_REJECTION_CODES, isCleanText, type UploadedScan } from '../../shared/district';

const DAY = 86_400_000;
/** A scan's time may lie this far before the server's now, ms (retention is far shorter). */
export const PLAUSIBLE_PAST_MS = 400 * DAY;
/** ... and this far after it (time zones, a clock a little fast), ms. */
export const PLAUSIBLE_FUTURE_MS = DAY;

/** The reason for the first text field holding a control character or a lone surrogate, or null. */
export function badTextReason(scan: UploadedScan): string | null {
  // Once per scan of every upload: no arrays made for the fields that hold one text.
  for (const field in scan) {
    const value: unknown = scan[field as keyof UploadedScan];
    const clean =
      typeof value === 'string'
        ? isCleanText(value)
        : Array.isArray(value)
          ? value.every((text) => typeof text !== 'string' || isCleanText(text))
          : true;
    if (!clean) return `${SCAN_REJECTION_CODES.invalidText}: ${field}`;
  }
  return null;
}

/**
 * A scan's time for tracing, ms: corrected by the device's clock error (server receive time minus
 * `sentAt`) when that gives a plausible time, else the scan's own time when that is plausible, else
 * null (the scan is refused alone). Both clocks go wrong in the field: a kiosk whose battery died
 * (back in 1970) wrote its scans and `sentAt` on that clock, and the correction puts them right; a
 * kiosk whose clock was reset after its scans were written sends a wild `sentAt` with good scan
 * times, and those are kept as they are.
 */
export function correctedScanTime(scannedMs: number, sentAtMs: number, receivedMs: number): number | null {
  const corrected = scannedMs + (receivedMs - sentAtMs);
  if (implausibleTimeReason(corrected, receivedMs) === null) return corrected;
  return implausibleTimeReason(scannedMs, receivedMs) === null ? scannedMs : null;
}

/** The reason when a scan's (corrected) time is outside the plausible window around `nowMs`, or null. */
export function implausibleTimeReason(correctedMs: number, nowMs: number): string | null {
  const plausible = correctedMs >= nowMs - PLAUSIBLE_PAST_MS && correctedMs <= nowMs + PLAUSIBLE_FUTURE_MS;
  return plausible ? null : `${SCAN_REJECTION_CODES.implausibleTime}: scannedAt`;
}
