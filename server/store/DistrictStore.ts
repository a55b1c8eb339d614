/**
 * The district server's one repository interface. Implemented for SQLite (default, one district)
 * and PostgreSQL (by `DATABASE_URL`: a province or a country); one contract test suite runs both.
 * Instants given to a store are ISO 8601 strings with any offset and precision (compared as
 * instants); instants a store returns are ISO 8601 UTC strings with milliseconds.
 */
import type { Role } from '../../shared/console';
import type { TraceAuditEntry, UploadedScan, VenueType, Visit } from '../../shared/district';

export interface VenueRecord {
  readonly id: string;
  readonly name: string;
  readonly type: VenueType;
  readonly address: string | null;
  readonly createdAt: string;
  /** Commune or ward (xã / phường). */
  readonly area: string | null;
  /** When the venue was retired (its devices revoked, its codes expired), or null. */
  readonly retiredAt: string | null;
}

/** The editable part of a venue. */
export interface VenueFields {
  readonly name: string;
  readonly type: VenueType;
  readonly area: string | null;
  readonly address: string | null;
}

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
}

export interface UserRecord {
  readonly id: string;
  /** Lower case; unique. */
  readonly name: string;
  readonly role: Role;
  /** `scrypt$N$r$p$salt$key`. */
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
  readonly failedLogins: number;
  readonly lockedUntil: string | null;
  readonly createdAt: string;
  readonly disabledAt: string | null;
}

export type NewUser = Omit<UserRecord, 'failedLogins' | 'lockedUntil' | 'disabledAt'>;

export interface SessionRecord {
  /** SHA-256 (hex) of the cookie's random id; the id itself is never stored. */
  readonly idHash: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
}

export interface DeviceRecord {
  readonly id: string;
  readonly venueId: string;
  readonly venueName: string;
  readonly name: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  readonly lastUploadAt: string | null;
  readonly pendingCount: number | null;
  readonly appVersion: string | null;
  /** Last estimated device clock error, ms (server time minus device time). */
  readonly clockOffsetMs: number | null;
}

export interface NewEnrollment {
  readonly venue: Omit<VenueRecord, 'createdAt' | 'area' | 'retiredAt'> & { readonly area?: string | null };
  readonly codeHash: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

export interface NewDevice {
  readonly id: string;
  readonly name: string;
  readonly tokenHash: string;
  readonly appVersion: string | null;
}

export type RedeemResult =
  { readonly status: 'enrolled'; readonly venue: VenueRecord } | { readonly status: 'unknown' | 'expired' | 'used' };

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

export interface IngestReport {
  readonly receivedAt: string;
  readonly sentAt: string;
  readonly clockOffsetMs: number;
  readonly pendingCount: number;
  readonly appVersion: string;
  /**
   * The district's UTC offset (minutes) for the day counts: a scan counts on the district's local day
   * of its corrected time, whatever zone its kiosk's PC is set to. Default +7 (Viet Nam).
   */
  readonly districtOffsetMin?: number;
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

export type NewTraceAudit = Omit<TraceAuditEntry, 'id'>;

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

export interface DistrictStore {
  /** Creates a venue and its one-time enrollment code (stored hashed). */
  createEnrollment(enrollment: NewEnrollment): Promise<void>;
  /** Redeems a code once, creating the device bound to the code's venue. Atomic. */
  redeemEnrollment(codeHash: string, now: string, device: NewDevice): Promise<RedeemResult>;
  /** The device holding this token hash, with its venue, or null. Revoked devices are returned. */
  findDeviceByTokenHash(tokenHash: string): Promise<DeviceRecord | null>;
  revokeDevice(deviceId: string, now: string): Promise<boolean>;
  /**
   * Inserts each scan at most once (by id) and records the device's report, in one transaction.
   * Returns the ids this device sends for the first time: those inserted, and those that already
   * belonged to another device (not stored; remembered as this device's claim, so its re-sends
   * are answered like re-sends of its own scans). The others are this device's re-sends.
   */
  ingestScans(device: DeviceRecord, scans: readonly StoredScan[], report: IngestReport): Promise<ReadonlySet<string>>;
  /**
   * Recorded scans of one ID number with corrected time in [from, to), oldest first. For tests and
   * diagnostics, on no route: no index serves it (the trace reads presence intervals by person).
   */
  scansOfPerson(idNumber: string, from: string, to: string): Promise<StoredScan[]>;
  /** Recorded scans at one venue with corrected time in [from, to), ordered by (corrected time, seq, id); paged when `page` is given. */
  scansAtVenue(venueId: string, from: string, to: string, page?: ScanPage): Promise<StoredScan[]>;
  /** The intervals of one ID number opened in [from, to), or closed in it by an exit (ms), ordered by start. */
  presenceOfPerson(idNumber: string, from: number, to: number): Promise<PresenceInterval[]>;
  /**
   * For each window, one page of at most `limit` intervals overlapping it, ordered by (start,
   * ownerId), in one round trip; a window's first page (no `after`) also holds its long intervals
   * (over two days), which are not counted in `limit`.
   */
  presenceInWindows(windows: readonly PresenceWindow[], limit: number): Promise<PresenceWindowPage[]>;
  listVenues(): Promise<VenueRecord[]>;
  listDevices(): Promise<DeviceRecord[]>;
  /** Per venue and the district's local day in [fromDay, toDay]: recorded in and out (less those its own venue's corrections voided) and refused. */
  dailyCounts(fromDay: string, toDay: string): Promise<DailyCount[]>;
  /** Venues with no scan whose corrected time is at or after `since`. */
  silentVenues(since: string): Promise<VenueRecord[]>;
  /**
   * Deletes scans whose corrected time is before `cutoff` (the time traces use: a kiosk whose clock
   * read 1970 keeps its corrected scans), their presence intervals, older id claims and the day
   * counts of days wholly before it; returns how many scans went.
   */
  purgeScansBefore(cutoff: string): Promise<number>;
  /** Writes one entry of the trace audit. */
  recordTraceAudit(entry: NewTraceAudit): Promise<void>;
  /** Trace audit entries, newest first, at most `limit`, older than entry `beforeId` when given. */
  listTraceAudits(limit: number, beforeId?: number): Promise<TraceAuditEntry[]>;
  countScans(): Promise<number>;

  /** One venue, retired or not, or null. */
  findVenue(venueId: string): Promise<VenueRecord | null>;
  /** Changes a venue's name, type, area and address; false when there is no such venue. */
  /** `dayOffsetMin`: the district's UTC offset now, for the venue's intervals paired anew when its type changes (default UTC+7). */
  updateVenue(venueId: string, fields: VenueFields, dayOffsetMin?: number): Promise<boolean>;
  /** Retires an active venue: revokes its devices and expires its open codes, in one transaction. */
  retireVenue(venueId: string, now: string): Promise<boolean>;
  /** Adds a one-time code to an active venue; false when the venue is missing or retired. */
  addEnrollmentCode(venueId: string, codeHash: string, createdAt: string, expiresAt: string): Promise<boolean>;
  /**
   * Every venue with its scans (every scan stored: recorded, refused, corrections) on the local day
   * `today` and on the days from `weekStart` to `today`, its last upload and active devices. Read from
   * the counts kept at ingest (`venue_days`), not by counting scans.
   */
  venueActivity(window: ActivityWindow): Promise<VenueActivity[]>;
  /** Scans stored per local day from `fromDay` to `toDay` (inclusive, all venues); days without scans left out. */
  scansPerDay(fromDay: string, toDay: string): Promise<{ day: string; scans: number }[]>;

  /** Creates an account; false when the name is taken. */
  createUser(user: NewUser): Promise<boolean>;
  /** Creates the first account only if there is none yet (atomic); false otherwise. */
  createFirstUser(user: NewUser): Promise<boolean>;
  countUsers(): Promise<number>;
  findUserByName(name: string): Promise<UserRecord | null>;
  findUserById(userId: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  updateLoginState(userId: string, failedLogins: number, lockedUntil: string | null): Promise<void>;
  /** Sets a new password hash (and whether it is one-time), clears the lockout. */
  setPassword(userId: string, passwordHash: string, mustChangePassword: boolean): Promise<boolean>;
  /** Disables an account and ends its sessions. */
  disableUser(userId: string, now: string): Promise<boolean>;
  createSession(session: SessionRecord): Promise<void>;
  findSession(idHash: string): Promise<SessionRecord | null>;
  touchSession(idHash: string, lastSeenAt: string): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of an account but `exceptIdHash`. */
  deleteSessionsOfUser(userId: string, exceptIdHash?: string): Promise<void>;
  /** Deletes sessions last seen before `idleBefore` or created before `createdBefore` (both over); returns how many. */
  purgeSessions(idleBefore: string, createdBefore: string): Promise<number>;

  close(): Promise<void>;
}
