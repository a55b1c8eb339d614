/**
 * The kiosk's settings table, typed: every key mapped to its zod schema in one place and parsed on
 * read (as Signal Desktop's `Storage` maps each key to its type). A value that no longer parses (a
 * file from a damaged disk, an older shape) reads as undefined, never as a wrong type.
 */
import { z } from 'zod';
import { DEFAULT_SETTINGS, KioskSettingsSchema, type KioskSettings } from '../../../shared/kioskSettings';
import { KIOSK_NOTICE_CODES } from '../../../shared/kioskStatus';
import { DISTRICT_KEY_PATTERN } from '../../../shared/districtKeyText';
import { prepared, type SqliteDatabase } from './preparedStatements';

/** The admin PIN as kept: scrypt hash with its salt, and the lockout state. */
export const StoredPinSchema = z.object({
  salt: z.string(),
  hash: z.string(),
  failures: z.number().int().nonnegative(),
  lockouts: z.number().int().nonnegative(),
  lockedUntil: z.number(),
  /**
   * Who set it: `it` (at start from `KIOSK_ADMIN_PIN` or the file, or `cli reset-pin`), `staff` (on
   * the kiosk's screen: the setup wizard or admin). Absent for PINs kept before it was recorded.
   */
  setBy: z.enum(['it', 'staff']).optional(),
});

/** What enrollment gave this kiosk. The token never leaves the core. */
export const DeviceCredentialsSchema = z.object({
  serverUrl: z.string(),
  deviceId: z.string(),
  deviceToken: z.string(),
  venueId: z.string(),
  venueName: z.string(),
  venueType: z.string(),
  /** SHA-256 of the code redeemed (a restart with the same `--enroll` code does not enroll again). Absent before 0.x kiosks kept it. */
  enrollCodeHash: z.string().optional(),
  /** The name this kiosk gave itself at enrollment. */
  deviceName: z.string().optional(),
});
export type DeviceCredentials = z.infer<typeof DeviceCredentialsSchema>;

const KioskNoticeSchema = z.object({ code: z.enum(KIOSK_NOTICE_CODES), at: z.string(), detail: z.string() });

/** Every setting key and the schema its value is parsed with. */
export const SETTING_SCHEMAS = {
  /** The venue's settings; keys added in later versions take their defaults. */
  kiosk: z.preprocess(
    (value) => (typeof value === 'object' && value !== null ? { ...DEFAULT_SETTINGS, ...value } : value),
    KioskSettingsSchema,
  ),
  /** Per-install salt of the subject keys (HMAC of a person's identity). */
  'subject-salt': z.string().min(16),
  'admin-pin': StoredPinSchema,
  'district-device': DeviceCredentialsSchema,
  /**
   * Scans a re-enrollment left behind (the new code did not ask for them): the seq ranges
   * (`afterSeq` < seq <= `throughSeq`) kept on this kiosk for export and never uploaded.
   */
  'kept-unsent': z.array(
    z.object({ afterSeq: z.number().int().nonnegative(), throughSeq: z.number().int().nonnegative(), at: z.string() }),
  ),
  /** Highest `seq` the district server has answered for. */
  'upload-cursor': z.number().int().nonnegative(),
  /** Things staff must be told (shown for a day). */
  notices: z.array(KioskNoticeSchema),
  /** Written at every open: proves the file can be written (see openDatabase). */
  'opened-at': z.string(),
  /** The counter's current sailing (its id in `sailings`), or null: the scans made now are for it. */
  'current-sailing': z.string().nullable(),
  /** Written by the storage retry to learn whether the disk takes writes again. */
  'storage-checked-at': z.string(),
  /**
   * This kiosk's Ed25519 signing key (made once, at setup or first start): it signs the scan files
   * it exports and proves the kiosk at enrollment. Never leaves the core.
   */
  'device-key': z.object({ publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/), privateKey: z.string().min(1) }),
  /**
   * The district's public keys this kiosk learnt (`dk1.…`), current first, a few older ones after
   * it: a rotated key's receipts are still checked with it.
   */
  'district-keys': z.array(z.string().regex(new RegExp(`^${DISTRICT_KEY_PATTERN}$`))).max(8),
  /**
   * A kiosk set up from a setup sheet while the district could not be reached: the code, the
   * server's address and the district key it carried. The uploader enrolls with them once the
   * network is back; until then the scans wait for the district (never purged as "never enrolled").
   */
  /**
   * The exports to USB this kiosk made (latest last, a few dozen kept): a district receipt is taken
   * only for one of them, and moves the cursor no further than that export's last scan.
   */
  'usb-exports': z
    .array(z.object({ exportId: z.string(), seqFrom: z.number().int(), seqTo: z.number().int(), at: z.string() }))
    .max(50),
  'offline-setup': z.object({
    code: z.string().min(1),
    serverUrl: z.string().min(1),
    districtKey: z.string().regex(new RegExp(`^${DISTRICT_KEY_PATTERN}$`)),
    deviceName: z.string().min(1),
    at: z.string(),
  }),
} as const;

export type SettingKey = keyof typeof SETTING_SCHEMAS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTING_SCHEMAS)[K]>;

/** The stored value of `key`, parsed; undefined when absent or unreadable. */
export function readSetting<K extends SettingKey>(db: SqliteDatabase, key: K): SettingValue<K> | undefined {
  const raw = readRawSetting(db, key);
  if (raw === undefined) return undefined;
  const parsed = SETTING_SCHEMAS[key].safeParse(raw);
  return parsed.success ? (parsed.data as SettingValue<K>) : undefined;
}

export function writeSetting<K extends SettingKey>(db: SqliteDatabase, key: K, value: SettingValue<K>): void {
  writeRawSetting(db, key, value);
}

/**
 * The venue's settings, defaults where none are stored. A stored field that no longer parses (a
 * rule tightened in a later version) takes its default alone; the venue keeps the rest.
 */
export function readKioskSettings(db: SqliteDatabase): KioskSettings {
  const raw = readRawSetting(db, 'kiosk');
  if (typeof raw !== 'object' || raw === null) return DEFAULT_SETTINGS;
  const stored: Record<string, unknown> = { ...DEFAULT_SETTINGS, ...raw };
  const parsed = KioskSettingsSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    if (typeof key === 'string' && key in DEFAULT_SETTINGS) stored[key] = DEFAULT_SETTINGS[key as keyof KioskSettings];
  }
  return KioskSettingsSchema.safeParse(stored).data ?? DEFAULT_SETTINGS;
}

/** The JSON of a setting as stored, for copying between files (salvage, the stand-in). */
export function readRawSetting(db: SqliteDatabase, key: SettingKey): unknown {
  const row = prepared(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (row === undefined) return undefined;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return undefined;
  }
}

export function deleteSetting(db: SqliteDatabase, key: SettingKey): void {
  prepared(db, 'DELETE FROM settings WHERE key = ?').run(key);
}

export function writeRawSetting(db: SqliteDatabase, key: SettingKey, value: unknown): void {
  prepared(
    db,
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, JSON.stringify(value));
}
