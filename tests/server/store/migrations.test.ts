/**
 * Server migrations, per engine: an empty database and a database left at each earlier version
 * (with data written the way that version wrote it) reach the newest schema with the data intact;
 * a database from a newer server is refused with a clear error.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PostgresDistrictStore } from '../../../server/store/PostgresDistrictStore';
import { POSTGRES_MIGRATIONS } from '../../../server/store/postgres/migrations/index';
import { migratePostgres } from '../../../server/store/postgres/migrate';
import { SqliteDistrictStore } from '../../../server/store/SqliteDistrictStore';
import { SQLITE_MIGRATIONS } from '../../../server/store/sqlite/migrations/index';
import { migrateSqlite } from '../../../server/store/sqlite/migrate';
import type { DistrictStore } from '../../../server/store/DistrictStore';
import { createTestDatabase } from '../../support/postgresDatabase';
import {
  LEGACY_SCAN,
  LEGACY_TOKEN_HASH,
  LEGACY_VENUE_ID,
  UTC_KIOSK_SCAN,
  seedSqlite,
  seedPostgres,
  seedUtcKioskPostgres,
  seedUtcKioskSqlite,
} from '../../support/districtMigrationFixtures';

/** What every database must hold after migrating from any version with the fixture's data. */
async function expectFixtureData(store: DistrictStore): Promise<void> {
  const device = await store.findDeviceByTokenHash(LEGACY_TOKEN_HASH);
  expect(device).toMatchObject({ venueId: LEGACY_VENUE_ID, venueName: 'Cảng Sa Kỳ', name: 'Quầy 1', pendingCount: 3 });
  const scans = await store.scansOfPerson(
    LEGACY_SCAN.idNumber,
    '2026-11-25T00:00:00+07:00',
    '2026-11-26T00:00:00+07:00',
  );
  expect(scans).toEqual([
    expect.objectContaining({
      id: LEGACY_SCAN.id,
      correctedAt: LEGACY_SCAN.correctedAt,
      fullName: 'Nguyễn Thị Lan',
      direction: 'in',
      problems: ['layout'],
    }),
  ]);
  expect(Date.parse(scans[0].scannedAt)).toBe(Date.parse(LEGACY_SCAN.scannedAt));
  expect(await store.countScans()).toBe(1);
  // Counted for its venue and day (built from the stored scans by SQLite 0120 / PostgreSQL 0110).
  expect(
    (await store.dailyCounts('2026-11-25', '2026-11-25')).map((c) => [
      c.venueId,
      Number(c.in),
      Number(c.out),
      Number(c.refused),
    ]),
  ).toEqual([[LEGACY_VENUE_ID, 1, 0, 0]]);
  expect(await store.scansPerDay('2026-11-24', '2026-11-26')).toEqual([{ day: '2026-11-25', scans: 1 }]);
  // The entry, paired into a presence interval by migration (a port: the default stay of two hours).
  const presence = await store.presenceOfPerson(
    LEGACY_SCAN.idNumber,
    Date.parse('2026-11-25T00:00:00Z'),
    Date.parse('2026-11-26T00:00:00Z'),
  );
  expect(
    presence.map((p) => [new Date(p.start).toISOString(), new Date(p.end).toISOString(), p.closedBy, p.fullName]),
  ).toEqual([['2026-11-25T01:30:00.000Z', '2026-11-25T03:30:00.000Z', 'default-stay', 'Nguyễn Thị Lan']]);
  // Scans from before sailings were kept name none (SQLite 0160 / PostgreSQL 0170 add the columns empty).
  expect(presence.map((p) => p.sailing)).toEqual([null]);
}

/** The UTC kiosk's entry before and after the migration that re-pairs on the district's day. */
async function utcKioskInterval(store: DistrictStore): Promise<string[][]> {
  const presence = await store.presenceOfPerson(
    UTC_KIOSK_SCAN.idNumber,
    Date.parse('2026-11-24T00:00:00Z'),
    Date.parse('2026-11-26T00:00:00Z'),
  );
  return presence.map((p) => [new Date(p.start).toISOString(), new Date(p.end).toISOString(), p.closedBy]);
}
/** Cut at the PC's midnight (07:00 in Vietnam) before; the port's two-hour default stay after. */
const CUT_AT_UTC_MIDNIGHT = [['2026-11-24T23:30:00.000Z', '2026-11-25T00:00:00.000Z', 'end-of-day']];
const ON_DISTRICT_DAY = [['2026-11-24T23:30:00.000Z', '2026-11-25T01:30:00.000Z', 'default-stay']];

const tempFile = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'district-migrate-')), 'district.sqlite');

describe('SQLite district migrations', () => {
  const latest = SQLITE_MIGRATIONS[SQLITE_MIGRATIONS.length - 1].version;

  it('creates the newest schema on an empty file', async () => {
    const file = tempFile();
    await new SqliteDistrictStore(file).close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    db.close();
  });

  it.each(SQLITE_MIGRATIONS.map((m) => m.version))('migrates a database at version %i with data', async (version) => {
    const file = tempFile();
    const db = new Database(file);
    migrateSqlite(
      db,
      SQLITE_MIGRATIONS.filter((m) => m.version <= version),
    );
    seedSqlite(db, version);
    db.close();
    const store = new SqliteDistrictStore(file);
    try {
      await expectFixtureData(store);
    } finally {
      await store.close();
    }
  });

  it("re-pairs on the district's day the intervals an older server paired on a UTC kiosk PC's day", async () => {
    const file = tempFile();
    const db = new Database(file);
    migrateSqlite(
      db,
      SQLITE_MIGRATIONS.filter((m) => m.version < 130),
    );
    seedSqlite(db, 120);
    seedUtcKioskSqlite(db);
    const before = db
      .prepare('SELECT end_ms, closed_by FROM presence WHERE person_key = ?')
      .all(UTC_KIOSK_SCAN.idNumber);
    expect(before).toEqual([{ end_ms: Date.parse(CUT_AT_UTC_MIDNIGHT[0][1]), closed_by: 'end-of-day' }]);
    db.close();
    const store = new SqliteDistrictStore(file);
    try {
      expect(await utcKioskInterval(store)).toEqual(ON_DISTRICT_DAY);
      // The interval of the kiosk on Vietnam's time is left as it was.
      expect(
        (await store.presenceOfPerson(LEGACY_SCAN.idNumber, 0, Date.parse('2027-01-01T00:00:00Z'))).map((p) => p.end),
      ).toEqual([Date.parse('2026-11-25T03:30:00.000Z')]);
    } finally {
      await store.close();
    }
  });

  it('refuses a database from a newer server', () => {
    const file = tempFile();
    const db = new Database(file);
    db.pragma(`user_version = ${latest + 10}`);
    db.close();
    expect(() => new SqliteDistrictStore(file)).toThrow(/schema version \d+, newer than this server knows/);
  });
});

describe('PostgreSQL district migrations', () => {
  const latest = POSTGRES_MIGRATIONS[POSTGRES_MIGRATIONS.length - 1].version;
  const withClient = async <T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  it('creates the newest schema on an empty database', async () => {
    const url = await createTestDatabase();
    await (await PostgresDistrictStore.connect(url)).close();
    expect(await withClient(url, async (c) => (await c.query('SELECT version FROM schema_version')).rows)).toEqual([
      { version: latest },
    ]);
  });

  it.each(POSTGRES_MIGRATIONS.map((m) => m.version))('migrates a database at version %i with data', async (version) => {
    const url = await createTestDatabase();
    await withClient(url, async (client) => {
      await migratePostgres(
        client,
        POSTGRES_MIGRATIONS.filter((m) => m.version <= version),
      );
      await seedPostgres(client, version);
    });
    const store = await PostgresDistrictStore.connect(url);
    try {
      await expectFixtureData(store);
    } finally {
      await store.close();
    }
    expect(await withClient(url, async (c) => (await c.query('SELECT version FROM schema_version')).rows)).toEqual([
      { version: latest },
    ]);
  });

  it("re-pairs on the district's day the intervals an older server paired on a UTC kiosk PC's day", async () => {
    const url = await createTestDatabase();
    const before = await withClient(url, async (client) => {
      await migratePostgres(
        client,
        POSTGRES_MIGRATIONS.filter((m) => m.version < 120),
      );
      await seedPostgres(client, 110);
      await seedUtcKioskPostgres(client);
      return (
        await client.query('SELECT end_ms::text, closed_by FROM presence WHERE person_key = $1', [
          UTC_KIOSK_SCAN.idNumber,
        ])
      ).rows;
    });
    expect(before).toEqual([{ end_ms: String(Date.parse(CUT_AT_UTC_MIDNIGHT[0][1])), closed_by: 'end-of-day' }]);
    const store = await PostgresDistrictStore.connect(url);
    try {
      expect(await utcKioskInterval(store)).toEqual(ON_DISTRICT_DAY);
      // The interval of the kiosk on Vietnam's time is left as it was.
      expect(
        (await store.presenceOfPerson(LEGACY_SCAN.idNumber, 0, Date.parse('2027-01-01T00:00:00Z'))).map((p) => p.end),
      ).toEqual([Date.parse('2026-11-25T03:30:00.000Z')]);
    } finally {
      await store.close();
    }
  });

  it('refuses a database from a newer server', async () => {
    const url = await createTestDatabase();
    await (await PostgresDistrictStore.connect(url)).close();
    await withClient(url, (c) => c.query('UPDATE schema_version SET version = $1', [latest + 10]));
    await expect(PostgresDistrictStore.connect(url)).rejects.toThrow(
      /schema version \d+, newer than this server knows/,
    );
  });
});
