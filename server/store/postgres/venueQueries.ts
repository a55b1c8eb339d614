/** Venues and enrollment on PostgreSQL: plain query functions `(db, ...args)` with bound parameters (`topics/venueTopic.ts`). */
import { DEFAULT_DISTRICT_OFFSET_MIN } from '../../domain/districtDay';
import { venueFromRow } from '../rowMappers';
import type { NewDevice } from '../topics/deviceTopic';
import type { EnrollmentCodeState, NewEnrollment, RedeemResult, VenueFields, VenueRecord } from '../topics/venueTopic';
import { inTransaction, type PostgresDb } from './connection';
import { rebuildVenuePresence } from './presenceWrites';

const INSERT_ENROLLMENT =
  'INSERT INTO enrollments (code_hash, venue_id, created_at, expires_at, carry_unsent_scans) VALUES ($1, $2, $3, $4, $5)';

export async function createEnrollment(db: PostgresDb, e: NewEnrollment): Promise<void> {
  await inTransaction(db, async (client) => {
    await client.query(
      'INSERT INTO venues (id, name, type, address, created_at, area) VALUES ($1, $2, $3, $4, $5, $6)',
      [e.venue.id, e.venue.name, e.venue.type, e.venue.address, e.createdAt, e.venue.area ?? null],
    );
    await client.query(INSERT_ENROLLMENT, [
      e.codeHash,
      e.venue.id,
      e.createdAt,
      e.expiresAt,
      e.carryUnsentScans ?? false,
    ]);
  });
}

export async function redeemEnrollment(
  db: PostgresDb,
  codeHash: string,
  now: string,
  device: NewDevice,
  again = false,
): Promise<RedeemResult> {
  return inTransaction(db, async (client): Promise<RedeemResult> => {
    const { rows } = await client.query(
      'SELECT venue_id, expires_at, redeemed_at, device_id, carry_unsent_scans FROM enrollments WHERE code_hash = $1 FOR UPDATE',
      [codeHash],
    );
    const enrollment = rows[0] as
      | {
          venue_id: string;
          expires_at: string;
          redeemed_at: string | null;
          device_id: string | null;
          carry_unsent_scans: boolean;
        }
      | undefined;
    if (!enrollment) return { status: 'unknown' };
    const enrolled = async (deviceId: string): Promise<RedeemResult> => {
      const venue = await client.query('SELECT * FROM venues WHERE id = $1', [enrollment.venue_id]);
      return {
        status: 'enrolled',
        deviceId,
        venue: venueFromRow(venue.rows[0]),
        carryUnsentScans: enrollment.carry_unsent_scans,
      };
    };
    if (enrollment.redeemed_at) {
      // The kiosk an import enrolled with this key, online now, gets its first token on its own device row, once.
      if (!again || !device.publicKey || !enrollment.device_id) return { status: 'used' };
      const updated = await client.query(
        `UPDATE devices SET token_hash = $1, app_version = coalesce($2, app_version), awaiting_token = false
         WHERE id = $3 AND public_key = $4 AND revoked_at IS NULL AND awaiting_token`,
        [device.tokenHash, device.appVersion, enrollment.device_id, device.publicKey],
      );
      return updated.rowCount === 1 ? enrolled(enrollment.device_id) : { status: 'used' };
    }
    if (enrollment.expires_at <= now) return { status: 'expired' };
    // A key another device holds enrolls nothing (the code stays unused): one key, one device. The
    // conflict clause, not a look first, so two enrollments of one key at once cannot both pass.
    const inserted = await client.query(
      `INSERT INTO devices (id, venue_id, name, token_hash, created_at, app_version, public_key, awaiting_token)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (public_key) WHERE public_key IS NOT NULL DO NOTHING`,
      [
        device.id,
        enrollment.venue_id,
        device.name,
        device.tokenHash,
        now,
        device.appVersion,
        device.publicKey ?? null,
        device.awaitingToken ?? false,
      ],
    );
    if (inserted.rowCount !== 1) return { status: 'key-in-use' };
    await client.query('UPDATE enrollments SET redeemed_at = $1, device_id = $2 WHERE code_hash = $3', [
      now,
      device.id,
      codeHash,
    ]);
    return enrolled(device.id);
  });
}

export async function enrollmentCodeState(db: PostgresDb, codeHash: string, now: string): Promise<EnrollmentCodeState> {
  const { rows } = await db.pool.query(
    'SELECT expires_at <= $2 AS expired, redeemed_at IS NOT NULL AS used FROM enrollments WHERE code_hash = $1',
    [codeHash, now],
  );
  const row = rows[0] as { expired: boolean; used: boolean } | undefined;
  if (!row) return 'unknown';
  if (row.used) return 'used';
  return row.expired ? 'expired' : 'open';
}

export async function listVenues(db: PostgresDb): Promise<VenueRecord[]> {
  return (await db.pool.query('SELECT * FROM venues ORDER BY name')).rows.map(venueFromRow);
}

export async function findVenue(db: PostgresDb, venueId: string): Promise<VenueRecord | null> {
  const { rows } = await db.pool.query('SELECT * FROM venues WHERE id = $1', [venueId]);
  return rows[0] ? venueFromRow(rows[0]) : null;
}

export async function updateVenue(
  db: PostgresDb,
  venueId: string,
  f: VenueFields,
  dayOffsetMin = DEFAULT_DISTRICT_OFFSET_MIN,
): Promise<boolean> {
  return inTransaction(db, async (client) => {
    const before = await client.query('SELECT type FROM venues WHERE id = $1 FOR UPDATE', [venueId]);
    const result = await client.query('UPDATE venues SET name = $1, type = $2, area = $3, address = $4 WHERE id = $5', [
      f.name,
      f.type,
      f.area,
      f.address,
      venueId,
    ]);
    // Default stays follow the venue's type: its intervals are paired anew.
    if (result.rowCount === 1 && before.rows[0]?.type !== f.type)
      await rebuildVenuePresence(client, venueId, dayOffsetMin);
    return result.rowCount === 1;
  });
}

export async function retireVenue(db: PostgresDb, venueId: string, now: string): Promise<boolean> {
  return inTransaction(db, async (client) => {
    const retired = await client.query('UPDATE venues SET retired_at = $1 WHERE id = $2 AND retired_at IS NULL', [
      now,
      venueId,
    ]);
    if (retired.rowCount !== 1) return false;
    await client.query('UPDATE devices SET revoked_at = $1 WHERE venue_id = $2 AND revoked_at IS NULL', [now, venueId]);
    await client.query(
      'UPDATE enrollments SET expires_at = $1 WHERE venue_id = $2 AND redeemed_at IS NULL AND expires_at > $1',
      [now, venueId],
    );
    return true;
  });
}

export async function addEnrollmentCode(
  db: PostgresDb,
  venueId: string,
  codeHash: string,
  createdAt: string,
  expiresAt: string,
  carryUnsentScans = false,
): Promise<boolean> {
  return inTransaction(db, async (client) => {
    const venue = await client.query('SELECT id FROM venues WHERE id = $1 AND retired_at IS NULL FOR UPDATE', [
      venueId,
    ]);
    if (venue.rowCount !== 1) return false;
    await client.query(INSERT_ENROLLMENT, [codeHash, venueId, createdAt, expiresAt, carryUnsentScans]);
    return true;
  });
}

export async function silentVenues(db: PostgresDb, since: string): Promise<VenueRecord[]> {
  // One index probe per venue on a single server; Citus cannot correlate a reference table with the
  // scans' shards, so there each shard lists its venues heard from since then, in parallel.
  const { rows } = await db.pool.query(
    db.citus
      ? `SELECT * FROM venues v WHERE v.retired_at IS NULL AND v.id NOT IN (SELECT s.venue_id FROM scans s WHERE s.corrected_at >= $1 GROUP BY s.venue_id) ORDER BY v.name`
      : `SELECT * FROM venues v WHERE v.retired_at IS NULL AND NOT EXISTS (SELECT 1 FROM scans s WHERE s.venue_id = v.id AND s.corrected_at >= $1) ORDER BY v.name`,
    [since],
  );
  return rows.map(venueFromRow);
}
