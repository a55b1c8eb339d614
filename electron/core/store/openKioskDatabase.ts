/**
 * Opening the kiosk's database file in its data folder: a damaged file is kept aside (with its WAL)
 * and a new one started, its district credentials salvaged when readable, and staff told. When the
 * file cannot be opened at all, the stand-in: an in-memory database with the venue's settings
 * copied from the file when they can be read.
 */
import { chmodSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS } from '../../../shared/kioskSettings';
import type { Logger } from '../log';
import { releaseDiskReserve } from './DiskReserve';
import {
  isCorruptionError,
  openDatabase,
  openStandInDatabase,
  readSettingFromDamagedFile,
  storageProblemOf,
  type SqliteDatabase,
} from './openDatabase';
import { writeRawSetting, writeSetting, type SettingKey } from './settingsStore';

/** File name of the kiosk database inside the data directory. */
export const DATABASE_FILE = 'kiosk.sqlite';
/** Settings the stand-in copies from an unwritable database file when it can read them. */
const STAND_IN_SETTINGS: readonly SettingKey[] = ['kiosk', 'admin-pin', 'subject-salt'];

/** Settings a recovered database keeps from the damaged file when they can be read. */
const SALVAGED_SETTINGS: readonly SettingKey[] = ['district-device', 'device-key', 'district-keys', 'offline-setup'];

/** Opens (or recovers) the database file in `dataDir`; throws what the disk says when it cannot. */
export function openKioskDatabase(dataDir: string, now: () => Date, logger: Logger): SqliteDatabase {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, DATABASE_FILE);
  try {
    return keptPrivate(dataDir, openDatabase(file));
  } catch (error) {
    if (!isCorruptionError(error)) throw error;
  }
  const keptAs = `kiosk.damaged-${now().toISOString().replace(/[:.]/g, '-')}.sqlite`;
  // The district's credentials and this kiosk's keys: a new file must still be the same device.
  const salvaged = SALVAGED_SETTINGS.map((key) => [key, readSettingFromDamagedFile(file, key)] as const);
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, path.join(dataDir, keptAs + suffix));
  }
  logger.error('kiosk.open', 'database damaged: kept aside, new database started', { keptAs });
  const db = openDatabase(file);
  for (const [key, value] of salvaged) if (value !== undefined) writeRawSetting(db, key, value);
  writeSetting(db, 'notices', [{ code: 'database-recovered', at: now().toISOString(), detail: keptAs }]);
  return keptPrivate(dataDir, db);
}

/**
 * The data folder readable by the kiosk's own user only (0700), and the database with its WAL and
 * index (0600): they hold ID numbers and names. A disk that refuses chmod (FAT, read-only) is left as it is.
 */
function keptPrivate(dataDir: string, db: SqliteDatabase): SqliteDatabase {
  const file = path.join(dataDir, DATABASE_FILE);
  for (const [target, mode] of [
    [dataDir, 0o700],
    [file, 0o600],
    [`${file}-wal`, 0o600],
    [`${file}-shm`, 0o600],
  ] as const) {
    try {
      if (existsSync(target)) chmodSync(target, mode);
    } catch {
      // Not ours to change (another owner, a file system without modes): the kiosk still scans.
    }
  }
  return db;
}

/** {@link openKioskDatabase}; on a full disk, gives back the reserve and tries once more. */
export function openKioskDatabaseFreeingSpace(dataDir: string, now: () => Date, logger: Logger): SqliteDatabase {
  try {
    return openKioskDatabase(dataDir, now, logger);
  } catch (error) {
    // A full disk shows at open as SQLITE_FULL or as an I/O error on the WAL index ('unavailable').
    const problem = storageProblemOf(error, dataDir);
    if ((problem !== 'full' && problem !== 'unavailable') || !releaseDiskReserve(dataDir)) throw error;
    logger.info('kiosk.open', 'disk full: reserve given back, opening again');
    return openKioskDatabase(dataDir, now, logger);
  }
}

/**
 * The stand-in for a database file that cannot be opened. Unreadable settings give the scan screen
 * (with its red banner), never an open setup wizard.
 */
export function openKioskStandIn(dataDir: string): SqliteDatabase {
  return openStandInDatabase(path.join(dataDir, DATABASE_FILE), STAND_IN_SETTINGS, {
    kiosk: { ...DEFAULT_SETTINGS, setupDone: true },
  });
}
