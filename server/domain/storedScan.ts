/**
 * A scan as the district keeps it: the rules below pair, count and check these. Instants are ISO
 * 8601 strings (any offset when given to a store; UTC with milliseconds when a store returns them).
 */
import type { UploadedScan } from '../../shared/district';

/** A scan as the server keeps it: the upload plus where, when received and the corrected time. */
export interface StoredScan extends UploadedScan {
  readonly venueId: string;
  readonly deviceId: string;
  readonly receivedAt: string;
  /** `scannedAt` corrected by the device's clock error at upload. */
  readonly correctedAt: string;
  /** Local calendar day of the corrected time at the kiosk's own offset, `YYYY-MM-DD` (kept with the scan; the day counts use the district's day, `venue_days`). */
  readonly localDay: string;
}
