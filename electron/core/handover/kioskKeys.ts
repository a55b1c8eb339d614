/**
 * The kiosk's side of the USB hand-over's keys: its own device key (made once, kept in the settings
 * table of its 0600 database, never sent to the page) and the district keys it learnt (from
 * enrollment, every upload answer, and a setup sheet), current first.
 */
import {
  deviceKeyFingerprint,
  newDeviceKeyPair,
  parseDistrictKey,
  type DeviceKeyPair,
  type DistrictPublicKey,
} from '../../../hosting/sealedScans/keys';
import type { SqliteDatabase } from '../store/openDatabase';
import { readSetting, writeSetting } from '../store/settingsStore';

/** District keys kept: the current one and a few before it (receipts signed before a rotation). */
export const KEPT_DISTRICT_KEYS = 4;

/** This kiosk's device key, made and kept on first use. */
export function ensureDeviceKey(db: SqliteDatabase): DeviceKeyPair {
  const kept = readSetting(db, 'device-key');
  if (kept) return kept;
  const made = newDeviceKeyPair();
  writeSetting(db, 'device-key', made);
  return made;
}

/**
 * The device key to enroll (or set up offline) with `code`. One key is one device at the district,
 * which refuses a key another device holds: a kiosk enrolled already, or set up offline with another
 * code, goes on with a new key (`fresh`: the caller keeps it once the enrollment is done); otherwise
 * with its own.
 */
export function keyForEnrollment(db: SqliteDatabase, code: string): { key: DeviceKeyPair; fresh: boolean } {
  const offline = readSetting(db, 'offline-setup');
  const taken =
    readSetting(db, 'district-device') !== undefined ||
    (offline !== undefined && offline.code.toUpperCase() !== code.toUpperCase());
  return taken ? { key: newDeviceKeyPair(), fresh: true } : { key: ensureDeviceKey(db), fresh: false };
}

/** The fingerprint receipts name this kiosk by. */
export function ownFingerprint(db: SqliteDatabase): string {
  return deviceKeyFingerprint(ensureDeviceKey(db).publicKey);
}

/**
 * Keeps a district key as the current one (a rotated key goes first, the older ones stay after it,
 * up to {@link KEPT_DISTRICT_KEYS}). Answers whether anything changed; a text that is no key is ignored.
 */
export function rememberDistrictKey(db: SqliteDatabase, text: string | null | undefined): boolean {
  if (!text || !parseDistrictKey(text)) return false;
  const kept = readSetting(db, 'district-keys') ?? [];
  if (kept[0] === text) return false;
  writeSetting(db, 'district-keys', [text, ...kept.filter((key) => key !== text)].slice(0, KEPT_DISTRICT_KEYS));
  return true;
}

/** The district keys this kiosk knows, current first. */
export function knownDistrictKeys(db: SqliteDatabase): DistrictPublicKey[] {
  return (readSetting(db, 'district-keys') ?? []).flatMap((text) => parseDistrictKey(text) ?? []);
}
