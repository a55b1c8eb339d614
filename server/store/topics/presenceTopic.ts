/** Presence intervals as the trace reads them, as each engine's `presenceQueries.ts` answers. Times are epoch ms. */
import type { Visit } from '../../../shared/district';
import type { EventSailing } from '../../domain/presencePairing';

/** One person's presence at one venue, paired at ingest from their entries and exits. Times are epoch ms. */
export interface PresenceInterval {
  readonly venueId: string;
  /** The ID number, or the plain code (a ticket) for scans without one. */
  readonly personKey: string;
  readonly byIdNumber: boolean;
  /** The scan that opened the interval (its entry, or an exit with no entry). */
  readonly ownerId: string;
  readonly start: number;
  readonly end: number;
  readonly closedBy: Visit['closedBy'];
  readonly contextLabel: string | null;
  readonly fullName: string | null;
  /** The sailing of the scan that opened the interval (departure in epoch ms); null: none. */
  readonly sailing: EventSailing | null;
}

/** A venue window of the trace: the intervals at `venueId` overlapping [from, to) (epoch ms), continued after `after` (ordered by start, ownerId). */
export interface PresenceWindow {
  readonly venueId: string;
  readonly from: number;
  readonly to: number;
  readonly after?: { readonly start: number; readonly ownerId: string };
}

/** One window's page: its intervals and, when the page was full, where the next page starts. */
export interface PresenceWindowPage {
  readonly intervals: PresenceInterval[];
  readonly next: { readonly start: number; readonly ownerId: string } | null;
}

export interface PresenceQueries {
  /** The intervals of one ID number opened in [from, to), or closed in it by an exit (ms), ordered by start. */
  presenceOfPerson(idNumber: string, from: number, to: number): Promise<PresenceInterval[]>;
  /**
   * For each window, one page of at most `limit` intervals overlapping it, ordered by (start,
   * ownerId), in one round trip; a window's first page (no `after`) also holds its long intervals
   * (over two days), which are not counted in `limit`.
   */
  presenceInWindows(windows: readonly PresenceWindow[], limit: number): Promise<PresenceWindowPage[]>;
  /**
   * The intervals at `venueId` opened by a scan of sailing `sailingId` whose person boarded it (the
   * voyage's passengers; refused boardings left out), ordered by start, ownerId. A sailing is one
   * boat's load: a few hundred rows, read at once.
   */
  presenceOfSailing(venueId: string, sailingId: string): Promise<PresenceInterval[]>;
}
