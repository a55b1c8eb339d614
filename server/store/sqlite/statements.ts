/** Every statement of the SQLite district store, prepared once per connection (after migrations). */
import type Database from 'better-sqlite3';

const DEVICE_SELECT = `SELECT d.*, v.name AS venue_name FROM devices d JOIN venues v ON v.id = d.venue_id`;

export function prepareStatements(db: Database.Database) {
  return {
    insertVenue: db.prepare('INSERT INTO venues (id, name, type, address, created_at) VALUES (?, ?, ?, ?, ?)'),
    insertEnrollment: db.prepare('INSERT INTO enrollments (code_hash, venue_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
    enrollmentByCode: db.prepare('SELECT venue_id, expires_at, redeemed_at FROM enrollments WHERE code_hash = ?'),
    insertDevice: db.prepare('INSERT INTO devices (id, venue_id, name, token_hash, created_at, app_version) VALUES (?, ?, ?, ?, ?, ?)'),
    redeemEnrollment: db.prepare('UPDATE enrollments SET redeemed_at = ?, device_id = ? WHERE code_hash = ?'),
    venueById: db.prepare('SELECT * FROM venues WHERE id = ?'),
    deviceByTokenHash: db.prepare(`${DEVICE_SELECT} WHERE d.token_hash = ?`),
    revokeDevice: db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    insertScan: db.prepare(
      `INSERT INTO scans (id, venue_id, device_id, seq, scanned_at, corrected_at, received_at, utc_offset_min, local_day, direction,
         source, kind, outcome, reason, problems, id_number, full_name, birth_date, gender, address, code_text, context_label)
       VALUES (@id, @venueId, @deviceId, @seq, @scannedAt, @correctedAt, @receivedAt, @utcOffsetMin, @localDay, @direction,
         @source, @kind, @outcome, @reason, @problems, @idNumber, @fullName, @birthDate, @gender, @address, @codeText, @contextLabel)
       ON CONFLICT (id) DO NOTHING`,
    ),
    scanOwner: db.prepare('SELECT device_id FROM scans WHERE id = ?').pluck(),
    claimScanId: db.prepare('INSERT INTO scan_id_claims (scan_id, device_id, claimed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    reportUpload: db.prepare('UPDATE devices SET last_upload_at = ?, pending_count = ?, app_version = ?, clock_offset_ms = ? WHERE id = ?'),
    scansOfPerson: db.prepare(`SELECT * FROM scans WHERE id_number = ? AND outcome = 'recorded' AND corrected_at >= ? AND corrected_at < ? ORDER BY corrected_at, seq`),
    // LIMIT -1 reads every row.
    scansAtVenue: db.prepare(
      `SELECT * FROM scans WHERE venue_id = ? AND outcome = 'recorded' AND corrected_at >= ? AND corrected_at < ?
         AND (corrected_at, seq, id) > (?, ?, ?) ORDER BY corrected_at, seq, id LIMIT ?`,
    ),
    listVenues: db.prepare('SELECT * FROM venues ORDER BY name'),
    listDevices: db.prepare(`${DEVICE_SELECT} ORDER BY v.name, d.name`),
    dailyCounts: db.prepare(
      `SELECT s.venue_id AS venueId, v.name AS venueName, v.type AS venueType, s.local_day AS day,
         SUM(s.outcome = 'recorded' AND s.direction = 'in') AS "in",
         SUM(s.outcome = 'recorded' AND s.direction = 'out') AS "out",
         SUM(s.outcome = 'refused') AS refused
       FROM scans s JOIN venues v ON v.id = s.venue_id
       WHERE s.local_day >= ? AND s.local_day <= ?
       GROUP BY s.venue_id, s.local_day ORDER BY s.local_day, v.name`,
    ),
    silentVenues: db.prepare(`SELECT * FROM venues v WHERE NOT EXISTS (SELECT 1 FROM scans s WHERE s.venue_id = v.id AND s.corrected_at >= ?) ORDER BY v.name`),
    purgeScans: db.prepare('DELETE FROM scans WHERE scanned_at < ?'),
    purgeClaims: db.prepare('DELETE FROM scan_id_claims WHERE claimed_at < ?'),
    insertTraceAudit: db.prepare('INSERT INTO trace_audit (traced_at, actor, id_number, case_ref, from_at, to_at) VALUES (?, ?, ?, ?, ?, ?)'),
    listTraceAudits: db.prepare('SELECT * FROM trace_audit WHERE id < ? ORDER BY id DESC LIMIT ?'),
    countScans: db.prepare('SELECT COUNT(*) AS n FROM scans'),
  };
}

export type SqliteStatements = ReturnType<typeof prepareStatements>;
