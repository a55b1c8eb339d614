/**
 * The district keeps scans for the retention period only: at start and then daily, older scans are
 * purged (whole monthly partitions dropped on PostgreSQL, rows deleted on SQLite).
 */
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRetention } from '../../server/retention';
import type { DeviceRecord, DistrictStore, StoredScan } from '../../server/store/DistrictStore';
import { uploadedScan } from '../support/districtSamples';
import { createTestDatabase } from '../support/postgresDatabase';
import { PostgresDistrictStore } from '../../server/store/PostgresDistrictStore';
import { DISTRICT_STORES } from '../support/districtServer';
import { ingestScans } from '../../server/ingest/ingestScans';

const NOW = '2026-11-25T03:00:00.000Z';

async function fill(store: DistrictStore, times: readonly string[]): Promise<string[]> {
  const venueId = uuidv7();
  await store.createEnrollment({
    venue: { id: venueId, name: 'Chợ', type: 'shop', address: null },
    codeHash: 'r',
    createdAt: NOW,
    expiresAt: '2026-12-01T00:00:00.000Z',
  });
  await store.redeemEnrollment('r', NOW, { id: uuidv7(), name: 'Quầy', tokenHash: 'rt', appVersion: null });
  const device = (await store.findDeviceByTokenHash('rt')) as DeviceRecord;
  const rows: StoredScan[] = times.map((at, i) => ({
    ...uploadedScan(at, { seq: i + 1 }),
    venueId,
    deviceId: device.id,
    receivedAt: NOW,
    correctedAt: at,
    localDay: at.slice(0, 10),
  }));
  await ingestScans(store, device, rows, {
    receivedAt: NOW,
    sentAt: NOW,
    clockOffsetMs: 0,
    pendingCount: 0,
    appVersion: 't',
  });
  return rows.map((r) => r.id);
}

const untilPurged = (logs: string[]) =>
  vi.waitFor(() => expect(logs.some((l) => l.includes('scans purged'))).toBe(true), { timeout: 10_000, interval: 10 });

describe.each(DISTRICT_STORES)('retention on %s', (_name, open) => {
  let store: DistrictStore;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(() => store.close());

  it('purges scans past the retention period at start and keeps the rest', async () => {
    const ids = await fill(store, [
      '2026-09-15T00:00:00.000Z',
      '2026-10-20T00:00:00.000Z',
      '2026-10-27T00:00:00.000Z',
      '2026-11-24T00:00:00.000Z',
    ]);
    const logs: string[] = [];
    const stop = startRetention({
      store,
      retentionDays: 30,
      now: () => new Date(NOW),
      log: (where, message, fields) => logs.push(`${where} ${message} ${JSON.stringify(fields)}`),
    });
    await untilPurged(logs);
    stop();
    expect(logs).toEqual(['server.retention scans purged {"purged":2,"retentionDays":30}']);
    const left = await store.scansAtVenue(
      (await store.listVenues())[0].id,
      '2026-01-01T00:00:00Z',
      '2027-01-01T00:00:00Z',
    );
    expect(left.map((s) => s.id)).toEqual(ids.slice(2));
  });
});

describe('retention on PostgreSQL partitions', () => {
  it('drops whole months past retention as partitions', async () => {
    const url = await createTestDatabase();
    const store = await PostgresDistrictStore.connect(url);
    await fill(store, [
      '2026-08-10T00:00:00.000Z',
      '2026-09-10T00:00:00.000Z',
      '2026-10-30T00:00:00.000Z',
      '2026-11-20T00:00:00.000Z',
    ]);
    const logs: string[] = [];
    startRetention({
      store,
      retentionDays: 30,
      now: () => new Date(NOW),
      log: (where, message) => logs.push(`${where} ${message}`),
    })();
    await untilPurged(logs);
    await store.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'scans'::regclass ORDER BY 1`,
    );
    await client.end();
    expect(rows.map((r: { name: string }) => r.name)).toEqual(['scans_p202610', 'scans_p202611']);
  });
});
