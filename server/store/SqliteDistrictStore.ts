/** The district store on SQLite (better-sqlite3, WAL, synchronous=FULL). */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { VenueType } from '../../shared/district';
import type { DailyCount, DeviceRecord, DistrictStore, IngestReport, NewDevice, NewEnrollment, RedeemResult, StoredScan, VenueRecord } from './DistrictStore';

const SCHEMA_VERSION = 10;
const SCHEMA = `
  CREATE TABLE venues (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, address TEXT, created_at TEXT NOT NULL);
  CREATE TABLE enrollments (
    code_hash TEXT PRIMARY KEY, venue_id TEXT NOT NULL REFERENCES venues (id),
    created_at TEXT NOT NULL, expires_at TEXT NOT NULL, redeemed_at TEXT, device_id TEXT
  );
  CREATE TABLE devices (
    id TEXT PRIMARY KEY, venue_id TEXT NOT NULL REFERENCES venues (id), name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT,
    last_upload_at TEXT, pending_count INTEGER, app_version TEXT, clock_offset_ms INTEGER
  );
  CREATE TABLE scans (
    id TEXT PRIMARY KEY, venue_id TEXT NOT NULL, device_id TEXT NOT NULL, seq INTEGER NOT NULL,
    scanned_at TEXT NOT NULL, corrected_at TEXT NOT NULL, received_at TEXT NOT NULL, utc_offset_min INTEGER NOT NULL,
    local_day TEXT NOT NULL, direction TEXT, source TEXT NOT NULL, kind TEXT NOT NULL, outcome TEXT NOT NULL,
    reason TEXT, problems TEXT NOT NULL, id_number TEXT, full_name TEXT, birth_date TEXT, gender TEXT,
    address TEXT, code_text TEXT, context_label TEXT
  ) WITHOUT ROWID;
  CREATE INDEX scans_by_person ON scans (id_number, corrected_at) WHERE id_number IS NOT NULL;
  CREATE INDEX scans_by_venue_time ON scans (venue_id, corrected_at);
  CREATE INDEX scans_by_day ON scans (local_day, venue_id);
`;

interface ScanDbRow {
  id: string; venue_id: string; device_id: string; seq: number; scanned_at: string; corrected_at: string;
  received_at: string; utc_offset_min: number; local_day: string; direction: 'in' | 'out' | null;
  source: StoredScan['source']; kind: StoredScan['kind']; outcome: StoredScan['outcome']; reason: string | null;
  problems: string; id_number: string | null; full_name: string | null; birth_date: string | null;
  gender: 'male' | 'female' | null; address: string | null; code_text: string | null; context_label: string | null;
}

interface DeviceDbRow {
  id: string; venue_id: string; venue_name: string; name: string; created_at: string; revoked_at: string | null;
  last_upload_at: string | null; pending_count: number | null; app_version: string | null; clock_offset_ms: number | null;
}

interface VenueDbRow { id: string; name: string; type: VenueType; address: string | null; created_at: string }

export function scanFromRow(row: ScanDbRow): StoredScan {
  return {
    id: row.id, venueId: row.venue_id, deviceId: row.device_id, seq: Number(row.seq), scannedAt: row.scanned_at,
    correctedAt: row.corrected_at, receivedAt: row.received_at, utcOffsetMin: row.utc_offset_min, localDay: row.local_day,
    direction: row.direction, source: row.source, kind: row.kind, outcome: row.outcome, reason: row.reason,
    problems: row.problems === '' ? [] : row.problems.split(','), idNumber: row.id_number, fullName: row.full_name,
    birthDate: row.birth_date, gender: row.gender, address: row.address, codeText: row.code_text, contextLabel: row.context_label,
  };
}

export function deviceFromRow(row: DeviceDbRow): DeviceRecord {
  return {
    id: row.id, venueId: row.venue_id, venueName: row.venue_name, name: row.name, createdAt: row.created_at,
    revokedAt: row.revoked_at, lastUploadAt: row.last_upload_at,
    pendingCount: row.pending_count === null ? null : Number(row.pending_count), appVersion: row.app_version,
    clockOffsetMs: row.clock_offset_ms === null ? null : Number(row.clock_offset_ms),
  };
}

export function venueFromRow(row: VenueDbRow): VenueRecord {
  return { id: row.id, name: row.name, type: row.type, address: row.address, createdAt: row.created_at };
}

const DEVICE_SELECT = `SELECT d.*, v.name AS venue_name FROM devices d JOIN venues v ON v.id = d.venue_id`;

export class SqliteDistrictStore implements DistrictStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      this.db.close();
      throw new Error(`server.store: database schema version ${version} is newer than this server knows (${SCHEMA_VERSION})`);
    }
    if (version < SCHEMA_VERSION) {
      this.db.transaction(() => {
        this.db.exec(SCHEMA);
        this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
      })();
    }
  }

  async createEnrollment(e: NewEnrollment): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO venues (id, name, type, address, created_at) VALUES (?, ?, ?, ?, ?)').run(e.venue.id, e.venue.name, e.venue.type, e.venue.address, e.createdAt);
      this.db.prepare('INSERT INTO enrollments (code_hash, venue_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(e.codeHash, e.venue.id, e.createdAt, e.expiresAt);
    })();
  }

  async redeemEnrollment(codeHash: string, now: string, device: NewDevice): Promise<RedeemResult> {
    return this.db.transaction((): RedeemResult => {
      const enrollment = this.db.prepare('SELECT venue_id, expires_at, redeemed_at FROM enrollments WHERE code_hash = ?').get(codeHash) as
        | { venue_id: string; expires_at: string; redeemed_at: string | null }
        | undefined;
      if (!enrollment) return { status: 'unknown' };
      if (enrollment.redeemed_at) return { status: 'used' };
      if (enrollment.expires_at <= now) return { status: 'expired' };
      this.db.prepare('INSERT INTO devices (id, venue_id, name, token_hash, created_at, app_version) VALUES (?, ?, ?, ?, ?, ?)').run(device.id, enrollment.venue_id, device.name, device.tokenHash, now, device.appVersion);
      this.db.prepare('UPDATE enrollments SET redeemed_at = ?, device_id = ? WHERE code_hash = ?').run(now, device.id, codeHash);
      const venue = this.db.prepare('SELECT * FROM venues WHERE id = ?').get(enrollment.venue_id) as VenueDbRow;
      return { status: 'enrolled', venue: venueFromRow(venue) };
    })();
  }

  async findDeviceByTokenHash(tokenHash: string): Promise<DeviceRecord | null> {
    const row = this.db.prepare(`${DEVICE_SELECT} WHERE d.token_hash = ?`).get(tokenHash) as DeviceDbRow | undefined;
    return row ? deviceFromRow(row) : null;
  }

  async revokeDevice(deviceId: string, now: string): Promise<boolean> {
    return this.db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, deviceId).changes === 1;
  }

  async ingestScans(device: DeviceRecord, scans: readonly StoredScan[], report: IngestReport): Promise<ReadonlySet<string>> {
    const insert = this.db.prepare(
      `INSERT INTO scans (id, venue_id, device_id, seq, scanned_at, corrected_at, received_at, utc_offset_min, local_day, direction,
         source, kind, outcome, reason, problems, id_number, full_name, birth_date, gender, address, code_text, context_label)
       VALUES (@id, @venueId, @deviceId, @seq, @scannedAt, @correctedAt, @receivedAt, @utcOffsetMin, @localDay, @direction,
         @source, @kind, @outcome, @reason, @problems, @idNumber, @fullName, @birthDate, @gender, @address, @codeText, @contextLabel)
       ON CONFLICT (id) DO NOTHING`,
    );
    return this.db.transaction(() => {
      const inserted = new Set<string>();
      for (const scan of scans) {
        if (insert.run({ ...scan, problems: scan.problems.join(',') }).changes === 1) inserted.add(scan.id);
      }
      this.db
        .prepare('UPDATE devices SET last_upload_at = ?, pending_count = ?, app_version = ?, clock_offset_ms = ? WHERE id = ?')
        .run(report.receivedAt, report.pendingCount, report.appVersion, report.clockOffsetMs, device.id);
      return inserted;
    })();
  }

  async scansOfPerson(idNumber: string, from: string, to: string): Promise<StoredScan[]> {
    const rows = this.db
      .prepare(`SELECT * FROM scans WHERE id_number = ? AND outcome = 'recorded' AND corrected_at >= ? AND corrected_at < ? ORDER BY corrected_at, seq`)
      .all(idNumber, from, to) as ScanDbRow[];
    return rows.map(scanFromRow);
  }

  async scansAtVenue(venueId: string, from: string, to: string): Promise<StoredScan[]> {
    const rows = this.db
      .prepare(`SELECT * FROM scans WHERE venue_id = ? AND outcome = 'recorded' AND corrected_at >= ? AND corrected_at < ? ORDER BY corrected_at, seq`)
      .all(venueId, from, to) as ScanDbRow[];
    return rows.map(scanFromRow);
  }

  async listVenues(): Promise<VenueRecord[]> {
    return (this.db.prepare('SELECT * FROM venues ORDER BY name').all() as VenueDbRow[]).map(venueFromRow);
  }

  async listDevices(): Promise<DeviceRecord[]> {
    return (this.db.prepare(`${DEVICE_SELECT} ORDER BY v.name, d.name`).all() as DeviceDbRow[]).map(deviceFromRow);
  }

  async dailyCounts(fromDay: string, toDay: string): Promise<DailyCount[]> {
    return this.db
      .prepare(
        `SELECT s.venue_id AS venueId, v.name AS venueName, v.type AS venueType, s.local_day AS day,
           SUM(s.outcome = 'recorded' AND s.direction = 'in') AS "in",
           SUM(s.outcome = 'recorded' AND s.direction = 'out') AS "out",
           SUM(s.outcome = 'refused') AS refused
         FROM scans s JOIN venues v ON v.id = s.venue_id
         WHERE s.local_day >= ? AND s.local_day <= ?
         GROUP BY s.venue_id, s.local_day ORDER BY s.local_day, v.name`,
      )
      .all(fromDay, toDay) as DailyCount[];
  }

  async silentVenues(since: string): Promise<VenueRecord[]> {
    const rows = this.db
      .prepare(`SELECT * FROM venues v WHERE NOT EXISTS (SELECT 1 FROM scans s WHERE s.venue_id = v.id AND s.corrected_at >= ?) ORDER BY v.name`)
      .all(since) as VenueDbRow[];
    return rows.map(venueFromRow);
  }

  async purgeScansBefore(cutoff: string): Promise<number> {
    return this.db.prepare('DELETE FROM scans WHERE scanned_at < ?').run(cutoff).changes;
  }

  async countScans(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM scans').get() as { n: number }).n;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
