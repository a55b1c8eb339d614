/** The district's settings on PostgreSQL (`topics/settingTopic.ts`). */
import type { DistrictSettingKey } from '../topics/settingTopic';
import type { PostgresDb } from './connection';

export async function readSetting(db: PostgresDb, key: DistrictSettingKey): Promise<string | null> {
  const { rows } = await db.pool.query('SELECT value FROM district_settings WHERE key = $1', [key]);
  return rows.length > 0 ? String(rows[0].value) : null;
}

export async function writeSetting(db: PostgresDb, key: DistrictSettingKey, value: string): Promise<void> {
  await db.pool.query(
    'INSERT INTO district_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    [key, value],
  );
}
