/**
 * A kiosk's correction (counter staff undid a scan, or flipped its direction) arrives as a scan row
 * with `voidsScanId`: both stores keep it in `voids_scan_id`, and rows without it store null.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanBatchResponse } from '../../../shared/district';
import { PostgresDistrictStore } from '../../../server/store/PostgresDistrictStore';
import { SqliteDistrictStore } from '../../../server/store/SqliteDistrictStore';
import { createVenue, enrollDevice, postBatch } from '../../support/districtHttp';
import { uploadedScan } from '../../support/districtSamples';
import { startDistrictServer, type TestDistrictServer } from '../../support/districtServer';
import { createTestDatabase } from '../../support/postgresDatabase';

type VoidsRow = { id: string; voids_scan_id: string | null; direction: string | null };

const STORES = [
  [
    'SQLite',
    async () => {
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'district-')), 'district.sqlite');
      return {
        store: new SqliteDistrictStore(file),
        read: async () => {
          const db = new Database(file, { readonly: true });
          try {
            return db.prepare('SELECT id, voids_scan_id, direction FROM scans ORDER BY seq').all() as VoidsRow[];
          } finally {
            db.close();
          }
        },
      };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const url = await createTestDatabase();
      return {
        store: await PostgresDistrictStore.connect(url),
        read: async () => {
          const client = new pg.Client(url);
          await client.connect();
          try {
            return (await client.query('SELECT id::text, voids_scan_id::text, direction FROM scans ORDER BY seq'))
              .rows as VoidsRow[];
          } finally {
            await client.end();
          }
        },
      };
    },
  ],
] as const;

let server: TestDistrictServer | undefined;
afterEach(async () => server?.close());

describe.each(STORES)('corrections on %s', (_name, open) => {
  it('stores the id of the voided scan with the correction, null elsewhere', async () => {
    const { store, read } = await open();
    server = await startDistrictServer(store);
    const token = (await enrollDevice(server.url, (await createVenue(server.url, 'Cảng Lý Sơn', 'port')).code))
      .deviceToken;
    const scan = uploadedScan('2026-11-25T02:00:00.000Z', { seq: 1 });
    const correction = uploadedScan('2026-11-25T02:03:00.000Z', {
      seq: 2,
      direction: null,
      source: 'manual',
      idNumber: null,
      fullName: null,
      birthDate: null,
      address: null,
      voidsScanId: scan.id,
    });
    const response = await postBatch(server.url, token, {
      sentAt: '2026-11-25T03:00:00.000Z',
      appVersion: '0.1.0',
      pendingCount: 0,
      scans: [scan, correction],
    });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as ScanBatchResponse;
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect(await read()).toEqual([
      { id: scan.id, voids_scan_id: null, direction: 'in' },
      { id: correction.id, voids_scan_id: scan.id, direction: null },
    ]);
  });

  it('leaves a voided scan out of the person’s presence and the day’s counts, also when the correction comes in a later batch', async () => {
    const { store } = await open();
    server = await startDistrictServer(store);
    const token = (await enrollDevice(server.url, (await createVenue(server.url, 'Cảng Lý Sơn', 'port')).code))
      .deviceToken;
    const wrong = uploadedScan('2026-11-25T02:00:00.000Z', { seq: 1, idNumber: '001099000001' });
    const other = uploadedScan('2026-11-25T02:01:00.000Z', { seq: 2, idNumber: '001099000002' });
    const batch = (scans: unknown[]) =>
      postBatch(server?.url ?? '', token, {
        sentAt: '2026-11-25T03:00:00.000Z',
        appVersion: '0.1.0',
        pendingCount: 0,
        scans,
      });
    expect((await batch([wrong, other])).status).toBe(200);
    const from = Date.parse('2026-11-25T00:00:00.000Z');
    const to = Date.parse('2026-11-26T00:00:00.000Z');
    expect(await store.presenceOfPerson('001099000001', from, to)).toHaveLength(1);
    expect((await store.dailyCounts('2026-11-25', '2026-11-25')).map((c) => Number(c.in))).toEqual([2]);
    const correction = uploadedScan('2026-11-25T02:02:00.000Z', {
      seq: 3,
      direction: null,
      source: 'manual',
      idNumber: null,
      fullName: null,
      birthDate: null,
      address: null,
      voidsScanId: wrong.id,
    });
    expect((await batch([correction])).status).toBe(200);
    expect(await store.presenceOfPerson('001099000001', from, to)).toEqual([]);
    expect(await store.presenceOfPerson('001099000002', from, to)).toHaveLength(1);
    expect((await store.dailyCounts('2026-11-25', '2026-11-25')).map((c) => Number(c.in))).toEqual([1]);
  });
});
