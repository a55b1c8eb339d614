/**
 * The communes migration on both engines (SQLite 0150, PostgreSQL 0140): venues' free-text communes
 * that differ only by case, spaces or diacritic composition become one listed commune, and every
 * venue carries its kept spelling, so the overview has one row for it.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PostgresDistrictStore } from '../../../server/store/PostgresDistrictStore';
import { migratePostgres } from '../../../server/store/postgres/migrate';
import { POSTGRES_MIGRATIONS } from '../../../server/store/postgres/migrations/index';
import { SqliteDistrictStore } from '../../../server/store/SqliteDistrictStore';
import { migrateSqlite } from '../../../server/store/sqlite/migrate';
import { SQLITE_MIGRATIONS } from '../../../server/store/sqlite/migrations/index';
import type { DistrictStore } from '../../../server/store/DistrictStore';
import { createTestDatabase } from '../../support/postgresDatabase';

/** Venues as an older server stored them: the commune typed freely. */
const STORED = [
  ['00000000-0000-7000-8000-000000000001', 'xã An Vĩnh'],
  ['00000000-0000-7000-8000-000000000002', 'Xã An Vĩnh'],
  ['00000000-0000-7000-8000-000000000003', ' Xã  An Vĩnh'.normalize('NFD')],
  ['00000000-0000-7000-8000-000000000004', 'Xã An Hải'],
  ['00000000-0000-7000-8000-000000000005', '   '],
  ['00000000-0000-7000-8000-000000000006', null],
] as const;

async function expectFolded(store: DistrictStore): Promise<void> {
  const communes = (await store.listCommunes()).map((c) => [c.name, c.venues]).sort();
  expect(communes).toEqual([
    ['Xã An Hải', 1],
    ['Xã An Vĩnh', 3],
  ]);
  const areas = (await store.listVenues()).map((v) => v.area);
  expect(areas.filter((a) => a === 'Xã An Vĩnh')).toHaveLength(3);
  expect(areas.filter((a) => a === null)).toHaveLength(2);
}

describe('the communes migration', () => {
  it('folds the variants on SQLite', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'communes-')), 'district.sqlite');
    const db = new Database(file);
    migrateSqlite(
      db,
      SQLITE_MIGRATIONS.filter((m) => m.version < 150),
    );
    const insert = db.prepare(
      'INSERT INTO venues (id, name, type, address, created_at, area) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const [id, area] of STORED)
      insert.run(id, `Venue ${id.slice(-1)}`, 'shop', null, '2026-11-01T00:00:00.000Z', area);
    db.close();
    const store = new SqliteDistrictStore(file);
    try {
      await expectFolded(store);
    } finally {
      await store.close();
    }
  });

  it('folds the variants on PostgreSQL', async () => {
    const url = await createTestDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await migratePostgres(
        client,
        POSTGRES_MIGRATIONS.filter((m) => m.version < 140),
      );
      for (const [id, area] of STORED)
        await client.query(
          'INSERT INTO venues (id, name, type, address, created_at, area) VALUES ($1, $2, $3, $4, $5, $6)',
          [id, `Venue ${id.slice(-1)}`, 'shop', null, '2026-11-01T00:00:00.000Z', area],
        );
    } finally {
      await client.end();
    }
    const store = await PostgresDistrictStore.connect(url);
    try {
      await expectFolded(store);
    } finally {
      await store.close();
    }
  });
});
