/**
 * Data as each schema version of the district server wrote it, for the migration tests. A new
 * migration adds its version here; the old entries are never changed (they are what old servers wrote).
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { KIOSK_DAY_OFFSET_SQL, PRESENCE_COLUMNS, presenceRebuildSelect } from '../../server/store/presenceSql';

export const LEGACY_VENUE_ID = '019a0000-0000-7000-8000-000000000001';
export const LEGACY_DEVICE_ID = '019a0000-0000-7000-8000-000000000002';
export const LEGACY_TOKEN_HASH = 'legacy-token-hash';
/** A scan at 08:30 local (UTC+7) on 25 November; its device clock was 2 minutes slow. */
export const LEGACY_SCAN = {
  id: '01a21051-1900-7000-8000-000000000003',
  idNumber: '048190000321',
  scannedAt: '2026-11-25T01:28:00.000Z',
  correctedAt: '2026-11-25T01:30:00.000Z',
  receivedAt: '2026-11-25T02:00:00.000Z',
} as const;

const VENUE = [LEGACY_VENUE_ID, 'Cảng Sa Kỳ', 'port', null, '2026-11-01T00:00:00.000Z'];
const DEVICE = [
  LEGACY_DEVICE_ID,
  LEGACY_VENUE_ID,
  'Quầy 1',
  LEGACY_TOKEN_HASH,
  '2026-11-01T00:00:00.000Z',
  null,
  LEGACY_SCAN.receivedAt,
  3,
  '0.1.0',
  120_000,
];
const scanRow = (times: readonly unknown[]) => [
  LEGACY_SCAN.id,
  LEGACY_VENUE_ID,
  LEGACY_DEVICE_ID,
  7,
  ...times,
  420,
  '2026-11-25',
  'in',
  'wedge',
  'cccd',
  'recorded',
  null,
  'layout',
  LEGACY_SCAN.idNumber,
  'Nguyễn Thị Lan',
  '1990',
  'female',
  null,
  null,
  null,
];
const SCAN_COLUMNS = `id, venue_id, device_id, seq, scanned_at, corrected_at, received_at, utc_offset_min, local_day, direction, source, kind,
  outcome, reason, problems, id_number, full_name, birth_date, gender, address, code_text, context_label`;

/** Writes the fixture into a SQLite database at `version`. */
export function seedSqlite(db: Database.Database, version: number): void {
  db.prepare('INSERT INTO venues (id, name, type, address, created_at) VALUES (?, ?, ?, ?, ?)').run(...VENUE);
  // The columns of 0010, named: later migrations add more (a device key from 0170).
  db.prepare(
    'INSERT INTO devices (id, venue_id, name, token_hash, created_at, revoked_at, last_upload_at, pending_count, app_version, clock_offset_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(...DEVICE);
  const times =
    version < 20
      ? [LEGACY_SCAN.scannedAt, LEGACY_SCAN.correctedAt, LEGACY_SCAN.receivedAt]
      : [LEGACY_SCAN.scannedAt, LEGACY_SCAN.correctedAt, LEGACY_SCAN.receivedAt].map(Date.parse);
  db.prepare(`INSERT INTO scans (${SCAN_COLUMNS}) VALUES (${Array(22).fill('?').join(', ')})`).run(...scanRow(times));
  // From 70 ingest also pairs the scan into its presence interval (the same rows as the migration's SQL).
  if (version >= 70)
    db.exec(
      `INSERT INTO presence (${PRESENCE_COLUMNS.join(', ')}) ${presenceRebuildSelect('sqlite', 'TRUE', false, KIOSK_DAY_OFFSET_SQL)}`,
    );
  // From 120 ingest also counts it for its venue and day.
  if (version >= 120) db.prepare('INSERT INTO venue_days VALUES (?, ?, 1, 1, 0, 0)').run(LEGACY_VENUE_ID, '2026-11-25');
}

/** Writes the fixture into a PostgreSQL database at `version`. */
export async function seedPostgres(client: pg.ClientBase, version: number): Promise<void> {
  await client.query('INSERT INTO venues VALUES ($1, $2, $3, $4, $5)', VENUE);
  await client.query(
    'INSERT INTO devices (id, venue_id, name, token_hash, created_at, revoked_at, last_upload_at, pending_count, app_version, clock_offset_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
    DEVICE,
  );
  await client.query(
    `CREATE TABLE scans_p202611 PARTITION OF scans FOR VALUES FROM ('01a19467-e800-0000-0000-000000000000') TO ('01a22ee6-b000-0000-0000-000000000000')`,
  );
  await client.query(
    `INSERT INTO scans (${SCAN_COLUMNS}) VALUES (${Array.from({ length: 22 }, (_, i) => `$${i + 1}`).join(', ')})`,
    scanRow([LEGACY_SCAN.scannedAt, LEGACY_SCAN.correctedAt, LEGACY_SCAN.receivedAt]),
  );
  if (version >= 60)
    await client.query(
      `INSERT INTO presence (${PRESENCE_COLUMNS.join(', ')}) ${presenceRebuildSelect('postgres', 'TRUE', false, KIOSK_DAY_OFFSET_SQL)}`,
    );
  if (version >= 110)
    await client.query("INSERT INTO venue_days VALUES ($1, '2026-11-25', 1, 1, 0, 0)", [LEGACY_VENUE_ID]);
}

/**
 * A second scan at the fixture's port from a kiosk whose PC is on UTC (offset 0): an entry at 06:30
 * on 25 November in Vietnam, with no exit, paired as servers before SQLite 0130 / PostgreSQL 0120
 * did, on the PC's day (so cut at 07:00 in Vietnam, midnight UTC).
 */
export const UTC_KIOSK_SCAN = {
  id: '01a21051-1900-7000-8000-000000000004',
  idNumber: '051090001234',
  correctedAt: '2026-11-24T23:30:00.000Z',
} as const;
const utcKioskRow = (time: unknown) => [
  UTC_KIOSK_SCAN.id,
  LEGACY_VENUE_ID,
  LEGACY_DEVICE_ID,
  8,
  time,
  time,
  time,
  0,
  '2026-11-24',
  'in',
  'wedge',
  'cccd',
  'recorded',
  null,
  '',
  UTC_KIOSK_SCAN.idNumber,
  'Trần Văn Khoa',
  '1990',
  'male',
  null,
  null,
  null,
];
const ofUtcKiosk = `s.id_number = '${UTC_KIOSK_SCAN.idNumber}'`;

export function seedUtcKioskSqlite(db: Database.Database): void {
  db.prepare(`INSERT INTO scans (${SCAN_COLUMNS}) VALUES (${Array(22).fill('?').join(', ')})`).run(
    ...utcKioskRow(Date.parse(UTC_KIOSK_SCAN.correctedAt)),
  );
  db.exec(
    `INSERT INTO presence (${PRESENCE_COLUMNS.join(', ')}) ${presenceRebuildSelect('sqlite', ofUtcKiosk, false, KIOSK_DAY_OFFSET_SQL)}`,
  );
}

export async function seedUtcKioskPostgres(client: pg.ClientBase): Promise<void> {
  await client.query(
    `INSERT INTO scans (${SCAN_COLUMNS}) VALUES (${Array.from({ length: 22 }, (_, i) => `$${i + 1}`).join(', ')})`,
    utcKioskRow(UTC_KIOSK_SCAN.correctedAt),
  );
  await client.query(
    `INSERT INTO presence (${PRESENCE_COLUMNS.join(', ')}) ${presenceRebuildSelect('postgres', ofUtcKiosk, false, KIOSK_DAY_OFFSET_SQL)}`,
  );
}
