/**
 * The district's settings kept in its database, so what IT gives once (the address kiosks reach, on
 * the first-run page) holds across restarts and for every process of a PostgreSQL deployment. Every
 * key and its meaning are listed here, one place; each engine's `settingQueries.ts` answers.
 */

/**
 * `public-url`: the base URL kiosks reach the server at (setup sheets and their QR), as given on the
 * first-run page; `--public-url` wins over it.
 */
export type DistrictSettingKey = 'public-url';

export interface SettingQueries {
  /** The setting's value, or null when it was never set. */
  readSetting(key: DistrictSettingKey): Promise<string | null>;
  /** Sets (or replaces) the setting's value. */
  writeSetting(key: DistrictSettingKey, value: string): Promise<void>;
}
