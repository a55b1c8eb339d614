/** Key-value settings, each value stored as JSON text. */
import type { SqliteDatabase } from './openDatabase';

export function readSetting(db: SqliteDatabase, key: string): unknown {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row === undefined ? undefined : (JSON.parse(row.value) as unknown);
}

export function writeSetting(db: SqliteDatabase, key: string, value: unknown): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
}
