/** Every statement of the SQLite district store, prepared once per connection (after migrations). */
import type Database from 'better-sqlite3';
import { PASSAGES_SQL } from '../dayCountsSql';

const DEVICE_SELECT = `SELECT d.*, v.name AS venue_name FROM devices d JOIN venues v ON v.id = d.venue_id`;

export function prepareStatements(db: Database.Database) {
  return {
    insertVenue: db.prepare('INSERT INTO venues (id, name, type, address, created_at, area) VALUES (?, ?, ?, ?, ?, ?)'),
    insertEnrollment: db.prepare(
      'INSERT INTO enrollments (code_hash, venue_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ),
    enrollmentByCode: db.prepare('SELECT venue_id, expires_at, redeemed_at FROM enrollments WHERE code_hash = ?'),
    insertDevice: db.prepare(
      'INSERT INTO devices (id, venue_id, name, token_hash, created_at, app_version) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    redeemEnrollment: db.prepare('UPDATE enrollments SET redeemed_at = ?, device_id = ? WHERE code_hash = ?'),
    venueById: db.prepare('SELECT * FROM venues WHERE id = ?'),
    deviceByTokenHash: db.prepare(`${DEVICE_SELECT} WHERE d.token_hash = ?`),
    revokeDevice: db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    insertScan: db.prepare(
      `INSERT INTO scans (id, venue_id, device_id, seq, scanned_at, corrected_at, received_at, utc_offset_min, local_day, direction,
         source, kind, outcome, reason, problems, id_number, full_name, birth_date, gender, address, code_text, context_label, voids_scan_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
    ),
    scanOwner: db.prepare('SELECT device_id FROM scans WHERE id = ?').pluck(),
    claimScanId: db.prepare(
      'INSERT INTO scan_id_claims (scan_id, device_id, claimed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    reportUpload: db.prepare(
      'UPDATE devices SET last_upload_at = ?, pending_count = ?, app_version = ?, clock_offset_ms = ? WHERE id = ?',
    ),
    scansOfPerson: db.prepare(
      `SELECT * FROM scans WHERE id_number = ? AND outcome = 'recorded' AND corrected_at >= ? AND corrected_at < ? ORDER BY corrected_at, seq`,
    ),
    // LIMIT -1 reads every row.
    scansAtVenue: db.prepare(
      `SELECT * FROM scans WHERE venue_id = ? AND outcome = 'recorded' AND corrected_at >= ? AND corrected_at < ?
         AND (corrected_at, seq, id) > (?, ?, ?) ORDER BY corrected_at, seq, id LIMIT ?`,
    ),
    listVenues: db.prepare('SELECT * FROM venues ORDER BY name'),
    listDevices: db.prepare(`${DEVICE_SELECT} ORDER BY v.name, d.name`),
    // Counts per venue and local day, kept at ingest (server/ingest/dayCounts.ts).
    dailyCounts: db.prepare(
      `SELECT d.venue_id AS venueId, v.name AS venueName, v.type AS venueType, d.day, d.recorded_in AS "in", d.recorded_out AS "out", d.refused
       FROM venue_days d JOIN venues v ON v.id = d.venue_id WHERE d.day >= ? AND d.day <= ? ORDER BY d.day, v.name`,
    ),
    addToDay: db.prepare(
      `INSERT INTO venue_days (venue_id, day, scans, recorded_in, recorded_out, refused) VALUES (@venueId, @day, @scans, @recordedIn, @recordedOut, @refused)
       ON CONFLICT (venue_id, day) DO UPDATE SET scans = scans + excluded.scans, recorded_in = recorded_in + excluded.recorded_in,
         recorded_out = recorded_out + excluded.recorded_out, refused = refused + excluded.refused`,
    ),
    takeFromDay: db.prepare(
      'UPDATE venue_days SET recorded_in = recorded_in - @recordedIn, recorded_out = recorded_out - @recordedOut WHERE venue_id = @venueId AND day = @day',
    ),
    voidTarget: db.prepare(
      'SELECT venue_id AS venueId, corrected_at AS correctedAt, outcome, direction FROM scans WHERE id = ?',
    ),
    correctionsOf: db.prepare('SELECT COUNT(*) FROM scans WHERE voids_scan_id = ? AND venue_id = ?').pluck(),
    purgeDays: db.prepare('DELETE FROM venue_days WHERE day < ?'),
    silentVenues: db.prepare(
      `SELECT * FROM venues v WHERE v.retired_at IS NULL AND NOT EXISTS (SELECT 1 FROM scans s WHERE s.venue_id = v.id AND s.corrected_at >= ?) ORDER BY v.name`,
    ),
    // Per venue, on scans_by_venue_time: by the corrected time, the one the trace and presence use.
    venueIds: db.prepare('SELECT id FROM venues').pluck(),
    purgeVenueScans: db.prepare('DELETE FROM scans WHERE venue_id = ? AND corrected_at < ?'),
    purgeClaims: db.prepare('DELETE FROM scan_id_claims WHERE claimed_at < ?'),
    insertTraceAudit: db.prepare(
      'INSERT INTO trace_audit (traced_at, actor, id_number, case_ref, from_at, to_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    listTraceAudits: db.prepare('SELECT * FROM trace_audit WHERE id < ? ORDER BY id DESC LIMIT ?'),
    countScans: db.prepare('SELECT COUNT(*) AS n FROM scans'),
    updateVenue: db.prepare('UPDATE venues SET name = ?, type = ?, area = ?, address = ? WHERE id = ?'),
    retireVenue: db.prepare('UPDATE venues SET retired_at = ? WHERE id = ? AND retired_at IS NULL'),
    revokeVenueDevices: db.prepare('UPDATE devices SET revoked_at = ? WHERE venue_id = ? AND revoked_at IS NULL'),
    expireVenueCodes: db.prepare(
      'UPDATE enrollments SET expires_at = ? WHERE venue_id = ? AND redeemed_at IS NULL AND expires_at > ?',
    ),
    activeVenueById: db.prepare('SELECT id FROM venues WHERE id = ? AND retired_at IS NULL').pluck(),
    venueActivity: db.prepare(
      `SELECT v.*,
         (SELECT COALESCE(SUM(${PASSAGES_SQL}), 0) FROM venue_days d WHERE d.venue_id = v.id AND d.day = @today) AS scans_today,
         (SELECT COALESCE(SUM(${PASSAGES_SQL}), 0) FROM venue_days d WHERE d.venue_id = v.id AND d.day >= @weekStart AND d.day <= @today) AS scans_7days,
         (SELECT MAX(d.last_upload_at) FROM devices d WHERE d.venue_id = v.id) AS last_upload_at,
         (SELECT COUNT(*) FROM devices d WHERE d.venue_id = v.id AND d.revoked_at IS NULL) AS active_devices
       FROM venues v ORDER BY v.name, v.id`,
    ),
    scansPerDay: db.prepare(
      `SELECT day, SUM(${PASSAGES_SQL}) AS scans FROM venue_days d WHERE day >= ? AND day <= ? GROUP BY day ORDER BY day`,
    ),
    insertUser: db.prepare(
      `INSERT INTO users (id, name, role, password_hash, must_change_password, created_at) VALUES (@id, @name, @role, @passwordHash, @mustChangePassword, @createdAt)
       ON CONFLICT (name) DO NOTHING`,
    ),
    countUsers: db.prepare('SELECT COUNT(*) FROM users').pluck(),
    userByName: db.prepare('SELECT * FROM users WHERE name = ?'),
    userById: db.prepare('SELECT * FROM users WHERE id = ?'),
    listUsers: db.prepare('SELECT * FROM users ORDER BY name'),
    updateLoginState: db.prepare('UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?'),
    setPassword: db.prepare(
      'UPDATE users SET password_hash = ?, must_change_password = ?, failed_logins = 0, locked_until = NULL WHERE id = ?',
    ),
    disableUser: db.prepare('UPDATE users SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL'),
    insertSession: db.prepare(
      'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
    ),
    sessionByHash: db.prepare('SELECT * FROM sessions WHERE id_hash = ?'),
    touchSession: db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
    deleteSessionsOfUser: db.prepare('DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?'),
    purgeSessions: db.prepare('DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?'),
  };
}

export type SqliteStatements = ReturnType<typeof prepareStatements>;
