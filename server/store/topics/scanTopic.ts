/** Stored scans: reads, counts and retention, as each engine's `scanQueries.ts` answers them. */
import type { StoredScan } from '../../domain/storedScan';

export type { StoredScan };

/** Where a paged read of a venue's scans stopped: the last row's order key. */
export interface ScanPosition {
  readonly correctedAt: string;
  readonly seq: number;
  readonly id: string;
}

/** One page of a venue's scans: at most `limit` rows after `after` (from the start without it). */
export interface ScanPage {
  readonly after?: ScanPosition;
  readonly limit: number;
}

export interface ScanQueries {
  /**
   * Recorded scans of one ID number with corrected time in [from, to), oldest first. For tests and
   * diagnostics, on no route: no index serves it (the trace reads presence intervals by person).
   */
  scansOfPerson(idNumber: string, from: string, to: string): Promise<StoredScan[]>;
  /** Recorded scans at one venue with corrected time in [from, to), ordered by (corrected time, seq, id); paged when `page` is given. */
  scansAtVenue(venueId: string, from: string, to: string, page?: ScanPage): Promise<StoredScan[]>;
  countScans(): Promise<number>;
  /**
   * Deletes scans whose corrected time is before `cutoff` (the time traces use: a kiosk whose clock
   * read 1970 keeps its corrected scans), their presence intervals, older id claims and the day
   * counts of days wholly before it; returns how many scans went.
   */
  purgeScansBefore(cutoff: string): Promise<number>;
}
