/**
 * The district store on SQLite (better-sqlite3, WAL, synchronous=FULL); statements prepared once.
 * Scan times are stored as epoch ms, so they compare as instants.
 */
import { chmodSync, closeSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { TraceAuditEntry } from '../../shared/district';
import type {
  ActivityWindow,
  DailyCount,
  DeviceRecord,
  DistrictStore,
  IngestReport,
  NewDevice,
  NewEnrollment,
  NewTraceAudit,
  NewUser,
  PresenceInterval,
  PresenceWindow,
  PresenceWindowPage,
  RedeemResult,
  ScanPage,
  SessionRecord,
  StoredScan,
  UserRecord,
  VenueActivity,
  VenueFields,
  VenueRecord,
} from './DistrictStore';
import {
  deviceFromRow,
  scanFromRow,
  sessionFromRow,
  traceAuditFromRow,
  userFromRow,
  venueActivityFromRow,
  venueFromRow,
  type DeviceDbRow,
  type ScanDbRow,
  type SessionDbRow,
  type TraceAuditDbRow,
  type UserDbRow,
  type VenueActivityDbRow,
  type VenueDbRow,
} from './rowMappers';
import { migrateSqlite } from './sqlite/migrate';
import {
  DEFAULT_DISTRICT_OFFSET_MIN,
  dayCountsOf,
  daysWhollyBefore,
  districtDayOf,
  voidedBy,
  voidsToCount,
  type VoidTarget,
} from '../ingest/dayCounts';
import { groupByVenue } from '../ingest/presence';
import { SqlitePresence } from './sqlite/presence';
import { prepareStatements, type SqliteStatements } from './sqlite/statements';

/**
 * The data folder 0700 and the database file 0600: they hold ID numbers and names. SQLite gives its
 * -wal and -shm files the database file's mode. Only the server's own folder is tightened: one it
 * made now, or one holding nothing but this database's files. A folder shared with other files
 * (`--data /tmp` or `/var/lib` by mistake, as root) keeps its mode, or the server would lock every
 * other user and service out of it; the file is 0600 there all the same. A folder this user does
 * not own keeps its mode. Answers whether the folder was left as it was for being shared.
 */
function keepPrivate(file: string): boolean {
  const dir = path.dirname(file);
  const made = mkdirSync(dir, { recursive: true, mode: 0o700 }) !== undefined;
  // A dedicated volume's lost+found is no one else's file.
  const own = (name: string) =>
    name === path.basename(file) || name.startsWith(`${path.basename(file)}-`) || name === 'lost+found';
  let shared: boolean;
  try {
    shared = !made && readdirSync(dir).some((name) => !own(name));
  } catch (error) {
    // A folder this user may enter but not list is someone else's to keep as it is.
    if ((error as { code?: string }).code !== 'EACCES') throw error;
    shared = true;
  }
  if (!shared) {
    try {
      chmodSync(dir, 0o700);
    } catch (error) {
      if ((error as { code?: string }).code !== 'EPERM') throw error;
    }
  }
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
  return shared;
}

export class SqliteDistrictStore implements DistrictStore {
  private readonly db: Database.Database;
  private readonly sql: SqliteStatements;
  private readonly presence: SqlitePresence;
  /** True when the database's folder holds other files too, so its mode was left as it was (the server warns). */
  readonly folderShared: boolean;

  constructor(file: string) {
    this.folderShared = keepPrivate(file);
    this.db = new Database(file);
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.pragma('foreign_keys = ON');
      migrateSqlite(this.db);
      this.sql = prepareStatements(this.db);
      this.presence = new SqlitePresence(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  async createEnrollment(e: NewEnrollment): Promise<void> {
    this.db.transaction(() => {
      this.sql.insertVenue.run(
        e.venue.id,
        e.venue.name,
        e.venue.type,
        e.venue.address,
        e.createdAt,
        e.venue.area ?? null,
      );
      this.sql.insertEnrollment.run(e.codeHash, e.venue.id, e.createdAt, e.expiresAt);
    })();
  }

  async redeemEnrollment(codeHash: string, now: string, device: NewDevice): Promise<RedeemResult> {
    return this.db.transaction((): RedeemResult => {
      const enrollment = this.sql.enrollmentByCode.get(codeHash) as
        { venue_id: string; expires_at: string; redeemed_at: string | null } | undefined;
      if (!enrollment) return { status: 'unknown' };
      if (enrollment.redeemed_at) return { status: 'used' };
      if (enrollment.expires_at <= now) return { status: 'expired' };
      this.sql.insertDevice.run(device.id, enrollment.venue_id, device.name, device.tokenHash, now, device.appVersion);
      this.sql.redeemEnrollment.run(now, device.id, codeHash);
      return { status: 'enrolled', venue: venueFromRow(this.sql.venueById.get(enrollment.venue_id) as VenueDbRow) };
    })();
  }

  async findDeviceByTokenHash(tokenHash: string): Promise<DeviceRecord | null> {
    const row = this.sql.deviceByTokenHash.get(tokenHash) as DeviceDbRow | undefined;
    return row ? deviceFromRow(row) : null;
  }

  async revokeDevice(deviceId: string, now: string): Promise<boolean> {
    return this.sql.revokeDevice.run(now, deviceId).changes === 1;
  }

  async ingestScans(
    device: DeviceRecord,
    scans: readonly StoredScan[],
    report: IngestReport,
  ): Promise<ReadonlySet<string>> {
    return this.db.transaction(() => {
      const inserted = new Set<string>();
      const stored: StoredScan[] = [];
      const receivedMs = Date.parse(report.receivedAt);
      for (const scan of scans) {
        // Bound by position, in the statement's column order: the hottest statement of the server.
        const values = [
          scan.id,
          scan.venueId,
          scan.deviceId,
          scan.seq,
          Date.parse(scan.scannedAt),
          Date.parse(scan.correctedAt),
          scan.receivedAt === report.receivedAt ? receivedMs : Date.parse(scan.receivedAt),
          scan.utcOffsetMin,
          scan.localDay,
          scan.direction,
          scan.source,
          scan.kind,
          scan.outcome,
          scan.reason,
          scan.problems.join(','),
          scan.idNumber,
          scan.fullName,
          scan.birthDate,
          scan.gender,
          scan.address,
          scan.codeText,
          scan.contextLabel,
          scan.voidsScanId ?? null,
        ];
        if (this.sql.insertScan.run(values).changes === 1) {
          inserted.add(scan.id);
          stored.push(scan);
        } else if (
          this.sql.scanOwner.get(scan.id) !== device.id &&
          this.sql.claimScanId.run(scan.id, device.id, receivedMs).changes === 1
        )
          inserted.add(scan.id);
      }
      const dayOffsetMin = report.districtOffsetMin ?? DEFAULT_DISTRICT_OFFSET_MIN;
      for (const [venueId, ofVenue] of groupByVenue(stored)) {
        this.presence.update(venueId, ofVenue, dayOffsetMin);
        this.presence.applyCorrections(venueId, ofVenue, dayOffsetMin);
      }
      this.countDays(stored, dayOffsetMin);
      this.sql.reportUpload.run(
        report.receivedAt,
        report.pendingCount,
        report.appVersion,
        report.clockOffsetMs,
        device.id,
      );
      return inserted;
    })();
  }

  /** Adds a batch's stored scans to the day counts and takes off the scans its corrections void. Inside the batch's transaction. */
  private countDays(stored: readonly StoredScan[], offsetMin: number): void {
    for (const delta of dayCountsOf(stored, offsetMin)) this.sql.addToDay.run(delta);
    const voided = voidedBy(stored);
    if (voided.size === 0) return;
    const targets = new Map<string, VoidTarget>();
    const corrections = new Map<string, number>();
    for (const [scanId, { venueId }] of voided) {
      const target = this.sql.voidTarget.get(scanId) as (Omit<VoidTarget, 'day'> & { correctedAt: number }) | undefined;
      if (target) targets.set(scanId, { ...target, day: districtDayOf(target.correctedAt, offsetMin) });
      corrections.set(scanId, this.sql.correctionsOf.get(scanId, venueId) as number);
    }
    for (const take of voidsToCount(voided, targets, corrections)) this.sql.takeFromDay.run(take);
  }

  async scansOfPerson(idNumber: string, from: string, to: string): Promise<StoredScan[]> {
    return (this.sql.scansOfPerson.all(idNumber, Date.parse(from), Date.parse(to)) as ScanDbRow[]).map(scanFromRow);
  }

  async scansAtVenue(venueId: string, from: string, to: string, page?: ScanPage): Promise<StoredScan[]> {
    const after = page?.after
      ? [Date.parse(page.after.correctedAt), page.after.seq, page.after.id]
      : [Date.parse(from), -1, ''];
    return (
      this.sql.scansAtVenue.all(venueId, Date.parse(from), Date.parse(to), ...after, page?.limit ?? -1) as ScanDbRow[]
    ).map(scanFromRow);
  }

  async presenceOfPerson(idNumber: string, from: number, to: number): Promise<PresenceInterval[]> {
    return this.presence.ofPerson(idNumber, from, to);
  }

  async presenceInWindows(windows: readonly PresenceWindow[], limit: number): Promise<PresenceWindowPage[]> {
    return this.presence.inWindows(windows, limit);
  }

  async listVenues(): Promise<VenueRecord[]> {
    return (this.sql.listVenues.all() as VenueDbRow[]).map(venueFromRow);
  }

  async listDevices(): Promise<DeviceRecord[]> {
    return (this.sql.listDevices.all() as DeviceDbRow[]).map(deviceFromRow);
  }

  async dailyCounts(fromDay: string, toDay: string): Promise<DailyCount[]> {
    return this.sql.dailyCounts.all(fromDay, toDay) as DailyCount[];
  }

  async silentVenues(since: string): Promise<VenueRecord[]> {
    return (this.sql.silentVenues.all(Date.parse(since)) as VenueDbRow[]).map(venueFromRow);
  }

  async purgeScansBefore(cutoff: string): Promise<number> {
    return this.db.transaction(() => {
      this.sql.purgeClaims.run(Date.parse(cutoff));
      this.presence.purgeBefore(Date.parse(cutoff));
      let purged = 0;
      for (const venueId of this.sql.venueIds.all() as string[])
        purged += this.sql.purgeVenueScans.run(venueId, Date.parse(cutoff)).changes;
      // Day counts go with days wholly before the cutoff; the days around it keep their whole count.
      this.sql.purgeDays.run(daysWhollyBefore(cutoff));
      return purged;
    })();
  }

  async recordTraceAudit(entry: NewTraceAudit): Promise<void> {
    this.sql.insertTraceAudit.run(
      Date.parse(entry.tracedAt),
      entry.actor,
      entry.idNumber,
      entry.caseRef,
      Date.parse(entry.from),
      Date.parse(entry.to),
    );
  }

  async listTraceAudits(limit: number, beforeId?: number): Promise<TraceAuditEntry[]> {
    return (this.sql.listTraceAudits.all(beforeId ?? Number.MAX_SAFE_INTEGER, limit) as TraceAuditDbRow[]).map(
      traceAuditFromRow,
    );
  }

  async countScans(): Promise<number> {
    return (this.sql.countScans.get() as { n: number }).n;
  }

  async findVenue(venueId: string): Promise<VenueRecord | null> {
    const row = this.sql.venueById.get(venueId) as VenueDbRow | undefined;
    return row ? venueFromRow(row) : null;
  }

  async updateVenue(venueId: string, f: VenueFields, dayOffsetMin = DEFAULT_DISTRICT_OFFSET_MIN): Promise<boolean> {
    return this.db.transaction(() => {
      const typeBefore = (this.sql.venueById.get(venueId) as VenueDbRow | undefined)?.type;
      const updated = this.sql.updateVenue.run(f.name, f.type, f.area, f.address, venueId).changes === 1;
      // Default stays follow the venue's type: its intervals are paired anew.
      if (updated && typeBefore !== f.type) this.presence.rebuildVenue(venueId, dayOffsetMin);
      return updated;
    })();
  }

  async retireVenue(venueId: string, now: string): Promise<boolean> {
    return this.db.transaction(() => {
      if (this.sql.retireVenue.run(now, venueId).changes !== 1) return false;
      this.sql.revokeVenueDevices.run(now, venueId);
      this.sql.expireVenueCodes.run(now, venueId, now);
      return true;
    })();
  }

  async addEnrollmentCode(venueId: string, codeHash: string, createdAt: string, expiresAt: string): Promise<boolean> {
    return this.db.transaction(() => {
      if (!this.sql.activeVenueById.get(venueId)) return false;
      this.sql.insertEnrollment.run(codeHash, venueId, createdAt, expiresAt);
      return true;
    })();
  }

  async venueActivity(window: ActivityWindow): Promise<VenueActivity[]> {
    return (
      this.sql.venueActivity.all({ today: window.today, weekStart: window.weekStart }) as VenueActivityDbRow[]
    ).map(venueActivityFromRow);
  }

  async scansPerDay(fromDay: string, toDay: string): Promise<{ day: string; scans: number }[]> {
    return this.sql.scansPerDay.all(fromDay, toDay) as { day: string; scans: number }[];
  }

  private userRow(user: NewUser) {
    return { ...user, mustChangePassword: user.mustChangePassword ? 1 : 0, createdAt: Date.parse(user.createdAt) };
  }

  async createUser(user: NewUser): Promise<boolean> {
    return this.sql.insertUser.run(this.userRow(user)).changes === 1;
  }

  async createFirstUser(user: NewUser): Promise<boolean> {
    return this.db.transaction(
      () => (this.sql.countUsers.get() as number) === 0 && this.sql.insertUser.run(this.userRow(user)).changes === 1,
    )();
  }

  async countUsers(): Promise<number> {
    return this.sql.countUsers.get() as number;
  }

  async findUserByName(name: string): Promise<UserRecord | null> {
    const row = this.sql.userByName.get(name) as UserDbRow | undefined;
    return row ? userFromRow(row) : null;
  }

  async findUserById(userId: string): Promise<UserRecord | null> {
    const row = this.sql.userById.get(userId) as UserDbRow | undefined;
    return row ? userFromRow(row) : null;
  }

  async listUsers(): Promise<UserRecord[]> {
    return (this.sql.listUsers.all() as UserDbRow[]).map(userFromRow);
  }

  async updateLoginState(userId: string, failedLogins: number, lockedUntil: string | null): Promise<void> {
    this.sql.updateLoginState.run(failedLogins, lockedUntil === null ? null : Date.parse(lockedUntil), userId);
  }

  async setPassword(userId: string, passwordHash: string, mustChangePassword: boolean): Promise<boolean> {
    return this.sql.setPassword.run(passwordHash, mustChangePassword ? 1 : 0, userId).changes === 1;
  }

  async disableUser(userId: string, now: string): Promise<boolean> {
    return this.db.transaction(() => {
      if (this.sql.disableUser.run(Date.parse(now), userId).changes !== 1) return false;
      this.sql.deleteSessionsOfUser.run(userId, '');
      return true;
    })();
  }

  async createSession(session: SessionRecord): Promise<void> {
    this.sql.insertSession.run(
      session.idHash,
      session.userId,
      session.csrfToken,
      Date.parse(session.createdAt),
      Date.parse(session.lastSeenAt),
    );
  }

  async findSession(idHash: string): Promise<SessionRecord | null> {
    const row = this.sql.sessionByHash.get(idHash) as SessionDbRow | undefined;
    return row ? sessionFromRow(row) : null;
  }

  async touchSession(idHash: string, lastSeenAt: string): Promise<void> {
    this.sql.touchSession.run(Date.parse(lastSeenAt), idHash);
  }

  async deleteSession(idHash: string): Promise<void> {
    this.sql.deleteSession.run(idHash);
  }

  async deleteSessionsOfUser(userId: string, exceptIdHash = ''): Promise<void> {
    this.sql.deleteSessionsOfUser.run(userId, exceptIdHash);
  }

  async purgeSessions(idleBefore: string, createdBefore: string): Promise<number> {
    return this.sql.purgeSessions.run(Date.parse(idleBefore), Date.parse(createdBefore)).changes;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
