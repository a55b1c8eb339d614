/** The district store on SQLite (better-sqlite3, WAL, synchronous=FULL); statements prepared once. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DailyCount, DeviceRecord, DistrictStore, IngestReport, NewDevice, NewEnrollment, RedeemResult, StoredScan, VenueRecord } from './DistrictStore';
import { deviceFromRow, scanFromRow, venueFromRow, type DeviceDbRow, type ScanDbRow, type VenueDbRow } from './rowMappers';
import { migrateSqlite } from './sqlite/migrate';
import { prepareStatements, type SqliteStatements } from './sqlite/statements';

export class SqliteDistrictStore implements DistrictStore {
  private readonly db: Database.Database;
  private readonly sql: SqliteStatements;

  constructor(file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.pragma('foreign_keys = ON');
      migrateSqlite(this.db);
      this.sql = prepareStatements(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  async createEnrollment(e: NewEnrollment): Promise<void> {
    this.db.transaction(() => {
      this.sql.insertVenue.run(e.venue.id, e.venue.name, e.venue.type, e.venue.address, e.createdAt);
      this.sql.insertEnrollment.run(e.codeHash, e.venue.id, e.createdAt, e.expiresAt);
    })();
  }

  async redeemEnrollment(codeHash: string, now: string, device: NewDevice): Promise<RedeemResult> {
    return this.db.transaction((): RedeemResult => {
      const enrollment = this.sql.enrollmentByCode.get(codeHash) as { venue_id: string; expires_at: string; redeemed_at: string | null } | undefined;
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

  async ingestScans(device: DeviceRecord, scans: readonly StoredScan[], report: IngestReport): Promise<ReadonlySet<string>> {
    return this.db.transaction(() => {
      const inserted = new Set<string>();
      for (const scan of scans) {
        if (this.sql.insertScan.run({ ...scan, problems: scan.problems.join(',') }).changes === 1) inserted.add(scan.id);
      }
      this.sql.reportUpload.run(report.receivedAt, report.pendingCount, report.appVersion, report.clockOffsetMs, device.id);
      return inserted;
    })();
  }

  async scansOfPerson(idNumber: string, from: string, to: string): Promise<StoredScan[]> {
    return (this.sql.scansOfPerson.all(idNumber, from, to) as ScanDbRow[]).map(scanFromRow);
  }

  async scansAtVenue(venueId: string, from: string, to: string): Promise<StoredScan[]> {
    return (this.sql.scansAtVenue.all(venueId, from, to) as ScanDbRow[]).map(scanFromRow);
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
    return (this.sql.silentVenues.all(since) as VenueDbRow[]).map(venueFromRow);
  }

  async purgeScansBefore(cutoff: string): Promise<number> {
    return this.sql.purgeScans.run(cutoff).changes;
  }

  async countScans(): Promise<number> {
    return (this.sql.countScans.get() as { n: number }).n;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
