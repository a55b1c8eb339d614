/** Day counts and venue activity, read from the counts kept at ingest, as each engine's `activityQueries.ts` answers. */
import type { VenueType } from '../../../shared/district';
import type { VenueRecord } from './venueTopic';

/** The district's local days, `YYYY-MM-DD`: today, and the first of the seven days ending today. */
export interface ActivityWindow {
  readonly today: string;
  readonly weekStart: string;
}

/** A venue with the counts that show whether it scans. */
export interface VenueActivity extends VenueRecord {
  readonly lastUploadAt: string | null;
  readonly scansToday: number;
  readonly scans7Days: number;
  readonly activeDevices: number;
  /** The latest report (a batch, or the heartbeat's empty one) of a device not revoked, or null. */
  readonly lastReportAt: string | null;
}

export interface DailyCount {
  readonly venueId: string;
  readonly venueName: string;
  readonly venueType: VenueType;
  readonly day: string;
  readonly in: number;
  readonly out: number;
  readonly refused: number;
}

export interface ActivityQueries {
  /** Per venue and the district's local day in [fromDay, toDay]: recorded in and out (less those its own venue's corrections voided) and refused. */
  dailyCounts(fromDay: string, toDay: string): Promise<DailyCount[]>;
  /**
   * Every venue with its scans (every scan stored: recorded, refused, corrections) on the local day
   * `today` and on the days from `weekStart` to `today`, its last upload and active devices. Read from
   * the counts kept at ingest (`venue_days`), not by counting scans.
   */
  venueActivity(window: ActivityWindow): Promise<VenueActivity[]>;
  /** Scans stored per local day from `fromDay` to `toDay` (inclusive, all venues); days without scans left out. */
  scansPerDay(fromDay: string, toDay: string): Promise<{ day: string; scans: number }[]>;
}
