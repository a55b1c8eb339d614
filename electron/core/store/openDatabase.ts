/**
 * The only file that opens better-sqlite3. Durability: WAL with synchronous=FULL, so a committed
 * transaction survives a power cut.
 */
import { accessSync, constants as fsConstants, copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { StorageProblem } from '../../../shared/kioskStatus';
import { foldForSearch } from '../../../shared/searchText';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index';
import { writeRawSetting, writeSetting, type SettingKey } from './settingsStore';

export type { SqliteDatabase } from './preparedStatements';
import type { SqliteDatabase } from './preparedStatements';

export class StoreError extends Error {
  constructor(message: string) {
    super(`store: ${message}`);
    this.name = 'StoreError';
  }
}

/** Applies every migration newer than `user_version`, each in its own transaction. */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new StoreError(
      `the database has schema version ${current}, newer than this app knows (${latest}); install the newer app version or restore a backup`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

/** WAL pages (4 KiB) after which a commit runs a checkpoint itself. */
export const WAL_AUTOCHECKPOINT_PAGES = 4000;

/** SQLite error codes that mean the file is damaged (not merely busy or full). */
const CORRUPTION_CODES = new Set([
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT_INDEX',
  'SQLITE_CORRUPT_SEQUENCE',
  'SQLITE_CORRUPT_VTAB',
]);

export function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CORRUPTION_CODES.has(code);
}

/**
 * What a storage error means for recording, or null when it is not about the disk (a bug).
 * SQLite's extended codes (SQLITE_READONLY_*, SQLITE_IOERR_*) are grouped with their base code.
 * SQLite says only "cannot open" on a read-only file system (a WAL database needs its -shm file),
 * so with `dataDir` an unwritable folder is named as such.
 */
export function storageProblemOf(error: unknown, dataDir?: string): StorageProblem | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
    return 'read-only';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  // ENOENT: Node's recursive mkdir answers it on a read-only file system (and for a missing drive).
  const unopenable =
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_BUSY') ||
    code === 'SQLITE_PROTOCOL' ||
    code === 'EIO';
  if (unopenable || (dataDir && code === 'ENOENT'))
    return dataDir && !isWritable(dataDir) ? 'read-only' : 'unavailable';
  return null;
}

/** Whether `dir`, or the nearest folder above it that exists, can be written. */
function isWritable(dir: string): boolean {
  let at = path.resolve(dir);
  while (!existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  try {
    accessSync(at, fsConstants.W_OK);
    return true;
  } catch (error) {
    return !['EROFS', 'EACCES', 'EPERM'].includes((error as { code?: string }).code ?? '');
  }
}

/** A file larger than this is not copied to read its settings (the stand-in then starts on defaults). */
const MAX_SETTINGS_COPY_BYTES = 512 * 2 ** 20;

/**
 * An in-memory database with the current schema, for a kiosk whose file cannot be opened: the
 * listed settings are copied from `file` when it can still be read, so the venue's name, mode
 * and admin PIN stay; otherwise `fallback` settings. Nothing here is kept; the kiosk never
 * records a scan into it.
 */
export function openStandInDatabase(
  file: string,
  settingKeys: readonly SettingKey[],
  fallback: Readonly<Partial<Record<SettingKey, unknown>>>,
): SqliteDatabase {
  const db = new Database(':memory:');
  addTextFunctions(db);
  migrate(db);
  const found = readSettingsOfUnwritableFile(file, settingKeys);
  for (const [key, value] of Object.entries({ ...fallback, ...found })) writeRawSetting(db, key as SettingKey, value);
  return db;
}

/**
 * Reads settings out of a database file that cannot be opened for writing. SQLite cannot open a
 * WAL database on a read-only file system at all (it must create the -shm file), so the file and
 * its WAL are copied to the temp directory and read there.
 */
function readSettingsOfUnwritableFile(file: string, keys: readonly SettingKey[]): Partial<Record<SettingKey, unknown>> {
  let copyDir: string | null = null;
  try {
    const size = statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
    if (size > MAX_SETTINGS_COPY_BYTES) return {};
    copyDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-settings-'));
    const copy = path.join(copyDir, 'copy.sqlite');
    copyFileSync(file, copy);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
    const values: Partial<Record<SettingKey, unknown>> = {};
    for (const key of keys) {
      const value = readSettingFromDamagedFile(copy, key);
      if (value !== undefined) values[key] = value;
    }
    return values;
  } catch {
    return {};
  } finally {
    if (copyDir) rmSync(copyDir, { recursive: true, force: true });
  }
}

/**
 * SQL functions the queries use: `fold_search(text)` folds Vietnamese marks and case (see
 * {@link foldForSearch}), so a search typed without accents finds the names and sailings written with them.
 */
function addTextFunctions(db: SqliteDatabase): void {
  db.function('fold_search', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? foldForSearch(text) : null,
  );
}

/** Opens (creating if needed) and migrates the kiosk database at `file`. */
export function openDatabase(file: string): SqliteDatabase {
  const db = new Database(file);
  addTextFunctions(db);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Checkpoints are run by the kiosk when the queue is quiet (see Kiosk); this is the safety net
    // (16 MiB of WAL) so that a scan pays for one only in a long unbroken rush.
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    // Cheap structural check of the schema pages: a damaged file fails here, not mid-scan.
    const check = db.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok')
      throw Object.assign(new StoreError(`integrity check failed: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
    migrate(db);
    // SQLite quietly opens a file it cannot write read-only (on a read-only disk whose WAL index
    // survived): one small write now makes that fail here, at start, not at the first scan.
    writeSetting(db, 'opened-at', new Date().toISOString());
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

export { LATEST_SCHEMA_VERSION };

/**
 * Reads one setting out of a damaged or unwritable database file if that part still reads (so an
 * enrolled kiosk keeps its district credentials after recovery); undefined otherwise.
 */
export function readSettingFromDamagedFile(file: string, key: SettingKey): unknown {
  try {
    const damaged = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const row = damaged.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
      return row ? (JSON.parse(row.value) as unknown) : undefined;
    } finally {
      damaged.close();
    }
  } catch {
    return undefined;
  }
}
