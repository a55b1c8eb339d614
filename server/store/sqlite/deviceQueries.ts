/** Enrolled devices on SQLite: plain query functions `(db, ...args)` with bound parameters (`topics/deviceTopic.ts`). */
import { deviceFromRow, type DeviceDbRow } from '../rowMappers';
import type { DeviceRecord } from '../topics/deviceTopic';
import { prepared, type SqliteDatabase } from './preparedStatements';

const DEVICE_SELECT = `SELECT d.*, v.name AS venue_name FROM devices d JOIN venues v ON v.id = d.venue_id`;

export function findDeviceByTokenHash(db: SqliteDatabase, tokenHash: string): DeviceRecord | null {
  const row = prepared(db, `${DEVICE_SELECT} WHERE d.token_hash = ?`).get(tokenHash) as DeviceDbRow | undefined;
  return row ? deviceFromRow(row) : null;
}

export function findDeviceByPublicKey(db: SqliteDatabase, publicKey: string): DeviceRecord | null {
  const row = prepared(db, `${DEVICE_SELECT} WHERE d.public_key = ?`).get(publicKey) as DeviceDbRow | undefined;
  return row ? deviceFromRow(row) : null;
}

export function revokeDevice(db: SqliteDatabase, deviceId: string, now: string): boolean {
  return (
    prepared(db, 'UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, deviceId).changes ===
    1
  );
}

export function registerDevicePublicKey(db: SqliteDatabase, deviceId: string, publicKey: string): boolean {
  if (findDeviceByPublicKey(db, publicKey)) return false;
  return (
    prepared(db, 'UPDATE devices SET public_key = ? WHERE id = ? AND public_key IS NULL').run(publicKey, deviceId)
      .changes === 1
  );
}

export function renameDevice(db: SqliteDatabase, deviceId: string, name: string): boolean {
  return prepared(db, 'UPDATE devices SET name = ? WHERE id = ?').run(name, deviceId).changes === 1;
}

export function listDevices(db: SqliteDatabase): DeviceRecord[] {
  return (prepared(db, `${DEVICE_SELECT} ORDER BY v.name, d.name`).all() as DeviceDbRow[]).map(deviceFromRow);
}
