/** Venues and enrollment on SQLite: plain query functions `(db, ...args)` with bound parameters (`topics/venueTopic.ts`). */
import { DEFAULT_DISTRICT_OFFSET_MIN } from '../../domain/districtDay';
import { venueFromRow, type VenueDbRow } from '../rowMappers';
import type { NewDevice } from '../topics/deviceTopic';
import type { EnrollmentCodeState, NewEnrollment, RedeemResult, VenueFields, VenueRecord } from '../topics/venueTopic';
import { prepared, type SqliteDatabase } from './preparedStatements';
import { rebuildVenuePresence } from './presenceWrites';

const INSERT_ENROLLMENT =
  'INSERT INTO enrollments (code_hash, venue_id, created_at, expires_at, carry_unsent_scans) VALUES (?, ?, ?, ?, ?)';
const VENUE_BY_ID = 'SELECT * FROM venues WHERE id = ?';

export function createEnrollment(db: SqliteDatabase, e: NewEnrollment): void {
  db.transaction(() => {
    prepared(db, 'INSERT INTO venues (id, name, type, address, created_at, area) VALUES (?, ?, ?, ?, ?, ?)').run(
      e.venue.id,
      e.venue.name,
      e.venue.type,
      e.venue.address,
      e.createdAt,
      e.venue.area ?? null,
    );
    prepared(db, INSERT_ENROLLMENT).run(e.codeHash, e.venue.id, e.createdAt, e.expiresAt, e.carryUnsentScans ? 1 : 0);
  })();
}

export function redeemEnrollment(
  db: SqliteDatabase,
  codeHash: string,
  now: string,
  device: NewDevice,
  again = false,
): RedeemResult {
  return db.transaction((): RedeemResult => {
    const enrollment = prepared(
      db,
      'SELECT venue_id, expires_at, redeemed_at, device_id, carry_unsent_scans FROM enrollments WHERE code_hash = ?',
    ).get(codeHash) as
      | {
          venue_id: string;
          expires_at: string;
          redeemed_at: string | null;
          device_id: string | null;
          carry_unsent_scans: number;
        }
      | undefined;
    if (!enrollment) return { status: 'unknown' };
    const enrolled = (deviceId: string): RedeemResult => ({
      status: 'enrolled',
      deviceId,
      venue: venueFromRow(prepared(db, VENUE_BY_ID).get(enrollment.venue_id) as VenueDbRow),
      carryUnsentScans: enrollment.carry_unsent_scans === 1,
    });
    if (enrollment.redeemed_at) {
      // The kiosk an import enrolled with this key, online now, gets its first token on its own device row, once.
      const sameKey =
        again &&
        device.publicKey &&
        enrollment.device_id &&
        prepared(
          db,
          `UPDATE devices SET token_hash = ?, app_version = coalesce(?, app_version), awaiting_token = 0
           WHERE id = ? AND public_key = ? AND revoked_at IS NULL AND awaiting_token = 1`,
        ).run(device.tokenHash, device.appVersion, enrollment.device_id, device.publicKey).changes === 1;
      return sameKey && enrollment.device_id ? enrolled(enrollment.device_id) : { status: 'used' };
    }
    if (enrollment.expires_at <= now) return { status: 'expired' };
    // A key another device holds enrolls nothing (the code stays unused): one key, one device.
    const inserted = prepared(
      db,
      `INSERT INTO devices (id, venue_id, name, token_hash, created_at, app_version, public_key, awaiting_token)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (public_key) WHERE public_key IS NOT NULL DO NOTHING`,
    ).run(
      device.id,
      enrollment.venue_id,
      device.name,
      device.tokenHash,
      now,
      device.appVersion,
      device.publicKey ?? null,
      device.awaitingToken ? 1 : 0,
    );
    if (inserted.changes !== 1) return { status: 'key-in-use' };
    prepared(db, 'UPDATE enrollments SET redeemed_at = ?, device_id = ? WHERE code_hash = ?').run(
      now,
      device.id,
      codeHash,
    );
    return enrolled(device.id);
  })();
}

export function enrollmentCodeState(db: SqliteDatabase, codeHash: string, now: string): EnrollmentCodeState {
  const row = prepared(db, 'SELECT expires_at, redeemed_at FROM enrollments WHERE code_hash = ?').get(codeHash) as
    { expires_at: string; redeemed_at: string | null } | undefined;
  if (!row) return 'unknown';
  if (row.redeemed_at) return 'used';
  return row.expires_at <= now ? 'expired' : 'open';
}

export function listVenues(db: SqliteDatabase): VenueRecord[] {
  return (prepared(db, 'SELECT * FROM venues ORDER BY name').all() as VenueDbRow[]).map(venueFromRow);
}

export function findVenue(db: SqliteDatabase, venueId: string): VenueRecord | null {
  const row = prepared(db, VENUE_BY_ID).get(venueId) as VenueDbRow | undefined;
  return row ? venueFromRow(row) : null;
}

export function updateVenue(
  db: SqliteDatabase,
  venueId: string,
  f: VenueFields,
  dayOffsetMin = DEFAULT_DISTRICT_OFFSET_MIN,
): boolean {
  return db.transaction(() => {
    const typeBefore = (prepared(db, VENUE_BY_ID).get(venueId) as VenueDbRow | undefined)?.type;
    const updated =
      prepared(db, 'UPDATE venues SET name = ?, type = ?, area = ?, address = ? WHERE id = ?').run(
        f.name,
        f.type,
        f.area,
        f.address,
        venueId,
      ).changes === 1;
    // Default stays follow the venue's type: its intervals are paired anew.
    if (updated && typeBefore !== f.type) rebuildVenuePresence(db, venueId, dayOffsetMin);
    return updated;
  })();
}

export function retireVenue(db: SqliteDatabase, venueId: string, now: string): boolean {
  return db.transaction(() => {
    if (
      prepared(db, 'UPDATE venues SET retired_at = ? WHERE id = ? AND retired_at IS NULL').run(now, venueId).changes !==
      1
    )
      return false;
    prepared(db, 'UPDATE devices SET revoked_at = ? WHERE venue_id = ? AND revoked_at IS NULL').run(now, venueId);
    prepared(
      db,
      'UPDATE enrollments SET expires_at = ? WHERE venue_id = ? AND redeemed_at IS NULL AND expires_at > ?',
    ).run(now, venueId, now);
    return true;
  })();
}

export function addEnrollmentCode(
  db: SqliteDatabase,
  venueId: string,
  codeHash: string,
  createdAt: string,
  expiresAt: string,
  carryUnsentScans = false,
): boolean {
  return db.transaction(() => {
    if (!prepared(db, 'SELECT id FROM venues WHERE id = ? AND retired_at IS NULL').pluck().get(venueId)) return false;
    prepared(db, INSERT_ENROLLMENT).run(codeHash, venueId, createdAt, expiresAt, carryUnsentScans ? 1 : 0);
    return true;
  })();
}

export function silentVenues(db: SqliteDatabase, since: string): VenueRecord[] {
  return (
    prepared(
      db,
      `SELECT * FROM venues v WHERE v.retired_at IS NULL AND NOT EXISTS (SELECT 1 FROM scans s WHERE s.venue_id = v.id AND s.corrected_at >= ?) ORDER BY v.name`,
    ).all(Date.parse(since)) as VenueDbRow[]
  ).map(venueFromRow);
}
