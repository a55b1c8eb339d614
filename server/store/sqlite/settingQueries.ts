/** The district's settings on SQLite (`topics/settingTopic.ts`). */
import type { DistrictSettingKey } from '../topics/settingTopic';
import { prepared, type SqliteDatabase } from './preparedStatements';

export function readSetting(db: SqliteDatabase, key: DistrictSettingKey): string | null {
  const row = prepared(db, 'SELECT value FROM district_settings WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row?.value ?? null;
}

export function writeSetting(db: SqliteDatabase, key: DistrictSettingKey, value: string): void {
  prepared(
    db,
    'INSERT INTO district_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}
