/**
 * The only file that opens better-sqlite3. Durability: WAL with synchronous=FULL, so a committed
 * transaction survives a power cut.
 */
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index';

export type SqliteDatabase = Database.Database;

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

/** SQLite error codes that mean the file is damaged (not merely busy or full). */
const CORRUPTION_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB']);

export function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CORRUPTION_CODES.has(code);
}

/** Opens (creating if needed) and migrates the kiosk database at `file`. */
export function openDatabase(file: string): SqliteDatabase {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Cheap structural check of the schema pages: a damaged file fails here, not mid-scan.
    const check = db.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw Object.assign(new StoreError(`integrity check failed: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

export { LATEST_SCHEMA_VERSION };

/**
 * Reads one setting out of a damaged database file if that part still reads (so an enrolled kiosk
 * keeps its district credentials after recovery); undefined otherwise.
 */
export function readSettingFromDamagedFile(file: string, key: string): unknown {
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
