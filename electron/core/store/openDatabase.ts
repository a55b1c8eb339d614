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

/** Opens (creating if needed) and migrates the kiosk database at `file`. */
export function openDatabase(file: string): SqliteDatabase {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

export { LATEST_SCHEMA_VERSION };
