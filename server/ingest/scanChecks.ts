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
/** A device clock further off than this is not trusted to correct scan times, ms. */
export const MAX_CLOCK_CORRECTION_MS = 400 * DAY;

/** The reason for the first text field holding a control character or a lone surrogate, or null. */
export function badTextReason(scan: UploadedScan): string | null {
  for (const [field, value] of Object.entries(scan)) {
    const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
    if (texts.some((text) => typeof text === 'string' && !isCleanText(text))) return `${SCAN_REJECTION_CODES.invalidText}: ${field}`;
  }
  return null;
}

/**
 * The device's clock error to apply to scan times (server receive time minus `sentAt`), or 0 when
 * `sentAt` is too far off to be a clock error (year 0, a reset clock): correcting by it would
 * make absurd times.
 */
export function clockCorrectionMs(receivedMs: number, sentAtMs: number): number {
  const offset = receivedMs - sentAtMs;
  return Math.abs(offset) <= MAX_CLOCK_CORRECTION_MS ? offset : 0;
}

/** The reason when a scan's (corrected) time is outside the plausible window around `nowMs`, or null. */
export function implausibleTimeReason(correctedMs: number, nowMs: number): string | null {
  const plausible = correctedMs >= nowMs - PLAUSIBLE_PAST_MS && correctedMs <= nowMs + PLAUSIBLE_FUTURE_MS;
  return plausible ? null : `${SCAN_REJECTION_CODES.implausibleTime}: scannedAt`;
}
