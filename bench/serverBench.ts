/**
 * server.ingest: scans/s through POST /api/v1/scans:batch (gzip, 5,000 a batch) on SQLite and on
 * PostgreSQL, in the same run. server.trace: one person's visits and contacts over N scans across
 * 500 venues (SQLite), against a trace of a person with no scans (the fixed cost).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import type { UploadedScan } from '../shared/district';
import type { DistrictStore, StoredScan } from '../server/store/DistrictStore';
import { PostgresDistrictStore } from '../server/store/PostgresDistrictStore';
import { SqliteDistrictStore } from '../server/store/SqliteDistrictStore';
import { DistrictServer } from '../server/DistrictServer';
import { createVenue, enrollDevice, postBatch, startInProcessServer } from '../tests/support/districtHttp';
import { startPostgresCluster } from '../tests/support/postgresCluster';
import type { Figure } from './run';

function batchOf(size: number, offset: number): UploadedScan[] {
  const base = Date.parse('2026-11-20T00:00:00Z');
  return Array.from({ length: size }, (_, i) => {
    const at = base + (offset + i) * 1000;
    return {
      id: uuidv7({ msecs: at }), seq: offset + i + 1, scannedAt: new Date(at).toISOString(), utcOffsetMin: 420, direction: i % 2 === 0 ? 'in' : 'out',
      source: 'wedge', kind: 'cccd', outcome: 'recorded', reason: null, problems: [], idNumber: `0371880${String((offset + i) % 100_000).padStart(5, '0')}`,
      fullName: 'Phạm Thị Hồng', birthDate: '1988', gender: null, address: null, codeText: null, contextLabel: null,
    } satisfies UploadedScan;
  });
}

export async function ingestRate(store: DistrictStore, total: number): Promise<number> {
  const server = await startInProcessServer(store);
  try {
    const { code } = await createVenue(server.url, 'Ingest bench', 'port');
    const { deviceToken } = await enrollDevice(server.url, code);
    const batches = Array.from({ length: Math.ceil(total / 5000) }, (_, b) => ({ sentAt: new Date().toISOString(), appVersion: 'bench', pendingCount: 0, scans: batchOf(5000, b * 5000) }));
    const t = performance.now();
    for (const batch of batches) {
      const response = await postBatch(server.url, deviceToken, batch);
      if (response.status !== 200) throw new Error(`bench: ingest answered ${response.status}`);
      await response.arrayBuffer();
    }
    return (batches.length * 5000) / ((performance.now() - t) / 1000);
  } finally {
    await server.close();
  }
}

export async function serverIngestFigures(total: number): Promise<Figure[]> {
  const sqlite = await ingestRate(new SqliteDistrictStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-district-')), 'district.sqlite')), total);
  const cluster = await startPostgresCluster();
  let postgres: number;
  try {
    postgres = await ingestRate(await PostgresDistrictStore.connect(cluster.url), total);
  } finally {
    cluster.stop();
  }
  return [
    { name: 'server.ingest SQLite', value: Math.round(sqlite), unit: 'scans/s', note: `${total} scans in gzip batches of 5,000` },
    { name: 'server.ingest PostgreSQL', value: Math.round(postgres), unit: 'scans/s', baseline: Math.round(sqlite), ratio: Number((postgres / sqlite).toFixed(2)), note: 'baseline = SQLite in the same run; PostgreSQL 15 throwaway cluster, fsync off' },
  ];
}

/** Fills a SQLite district store with `total` scans over 500 venues and 14 days, straight into the store. */
async function filledStore(total: number): Promise<{ store: SqliteDistrictStore; venueIds: string[] }> {
  const store = new SqliteDistrictStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-trace-')), 'district.sqlite'));
  const now = '2026-11-25T00:00:00.000Z';
  const venueIds: string[] = [];
  const types = ['port', 'hotel', 'school', 'office', 'shop', 'transport', 'other'] as const;
  for (let v = 0; v < 500; v += 1) {
    const id = uuidv7();
    venueIds.push(id);
    await store.createEnrollment({ venue: { id, name: `Venue ${v}`, type: types[v % types.length], address: null }, codeHash: `h${v}`, createdAt: now, expiresAt: '2027-01-01T00:00:00.000Z' });
    await store.redeemEnrollment(`h${v}`, now, { id: uuidv7(), name: `d${v}`, tokenHash: `t${v}`, appVersion: null });
  }
  const devices = await store.listDevices();
  const deviceOf = new Map(devices.map((d) => [d.venueId, d]));
  const start = Date.parse('2026-11-10T00:00:00Z');
  const people = Math.max(1000, Math.floor(total / 20));
  const chunk = 50_000;
  const started = performance.now();
  for (let done = 0; done < total; done += chunk) {
    if (done > 0 && done % 1_000_000 === 0) process.stderr.write(`bench: trace fill ${done} scans, ${Math.round(done / ((performance.now() - started) / 1000))}/s\n`);
    const byVenue = new Map<string, StoredScan[]>();
    for (let i = done; i < Math.min(total, done + chunk); i += 1) {
      const venueId = venueIds[i % 500];
      const at = new Date(start + Math.floor((i / total) * 14 * 86_400_000)).toISOString();
      const scan: StoredScan = {
        ...batchOf(1, i)[0], id: uuidv7({ msecs: Date.parse(at) }), scannedAt: at, correctedAt: at, receivedAt: at, localDay: at.slice(0, 10),
        idNumber: `0${String(i % people).padStart(11, '0')}`, direction: Math.floor(i / 500) % 2 === 0 ? 'in' : 'out', venueId, deviceId: (deviceOf.get(venueId) as { id: string }).id,
      };
      const list = byVenue.get(venueId);
      if (list) list.push(scan);
      else byVenue.set(venueId, [scan]);
    }
    for (const [venueId, scans] of byVenue) {
      await store.ingestScans(deviceOf.get(venueId) as never, scans, { receivedAt: now, sentAt: now, clockOffsetMs: 0, pendingCount: 0, appVersion: 'bench' });
    }
  }
  return { store, venueIds };
}

export async function serverTraceFigures(total: number): Promise<Figure[]> {
  const { store } = await filledStore(total);
  const server = new DistrictServer({ store, adminToken: 'bench' });
  const time = async (idNumber: string) => {
    const samples: number[] = [];
    let result = { visits: 0, contacts: 0 };
    for (let i = 0; i < 5; i += 1) {
      const t = performance.now();
      const trace = await server.trace(idNumber, '2026-11-09T00:00:00Z', '2026-11-26T00:00:00Z', 15);
      samples.push(performance.now() - t);
      result = { visits: trace.visits.length, contacts: trace.contacts.length };
    }
    return { ms: samples.sort((a, b) => a - b)[2], ...result };
  };
  const person = await time('000000000042');
  const nobody = await time('999999999999');
  await store.close();
  return [
    { name: `server.trace over ${total} scans, 500 venues`, value: Number(person.ms.toFixed(1)), unit: 'ms', baseline: Number(nobody.ms.toFixed(1)), ratio: Number((person.ms / Math.max(0.01, nobody.ms)).toFixed(1)), note: `median of 5; ${person.visits} visits, ${person.contacts} contacts; baseline = a person with no scans (SQLite)` },
  ];
}
