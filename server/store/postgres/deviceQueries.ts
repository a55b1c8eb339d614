/** Enrolled devices on PostgreSQL: plain query functions `(db, ...args)` with bound parameters (`topics/deviceTopic.ts`). */
import { deviceFromRow } from '../rowMappers';
import type { DeviceRecord } from '../topics/deviceTopic';
import type { PostgresDb } from './connection';

const DEVICE_SELECT = `SELECT d.*, v.name AS venue_name FROM devices d JOIN venues v ON v.id = d.venue_id`;

export async function findDeviceByTokenHash(db: PostgresDb, tokenHash: string): Promise<DeviceRecord | null> {
  const { rows } = await db.pool.query(`${DEVICE_SELECT} WHERE d.token_hash = $1`, [tokenHash]);
  return rows[0] ? deviceFromRow(rows[0]) : null;
}

export async function findDeviceByPublicKey(db: PostgresDb, publicKey: string): Promise<DeviceRecord | null> {
  const { rows } = await db.pool.query(`${DEVICE_SELECT} WHERE d.public_key = $1`, [publicKey]);
  return rows[0] ? deviceFromRow(rows[0]) : null;
}

export async function revokeDevice(db: PostgresDb, deviceId: string, now: string): Promise<boolean> {
  const result = await db.pool.query('UPDATE devices SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
    now,
    deviceId,
  ]);
  return result.rowCount === 1;
}

export async function registerDevicePublicKey(db: PostgresDb, deviceId: string, publicKey: string): Promise<boolean> {
  // The key's unique index refuses a key another device holds: nothing changes, false.
  const result = await db.pool.query(
    `UPDATE devices SET public_key = $1 WHERE id = $2 AND public_key IS NULL
       AND NOT EXISTS (SELECT 1 FROM devices other WHERE other.public_key = $1)`,
    [publicKey, deviceId],
  );
  return result.rowCount === 1;
}

export async function renameDevice(db: PostgresDb, deviceId: string, name: string): Promise<boolean> {
  return (await db.pool.query('UPDATE devices SET name = $1 WHERE id = $2', [name, deviceId])).rowCount === 1;
}

export async function listDevices(db: PostgresDb): Promise<DeviceRecord[]> {
  return (await db.pool.query(`${DEVICE_SELECT} ORDER BY v.name, d.name`)).rows.map(deviceFromRow);
}
