/**
 * `ingestRate`: scans/s through POST /api/v1/scans:batch (gzip, 5,000 a batch) into a server in this
 * process (server.scale's ingest into a filled store; server.ingest is `serverIngest.ts`). server.trace: on each store filled with N scans across 500 venues
 * (`serverFill.ts`), p50 and p99 of the traces of 100 different people (20 visits each) against a
 * person with no scans (the fixed cost), and the worst person (2,000 scans at a venue with 5,000
 * other scans over three days): time to the first page with its total, and /healthz p99 while it
 * runs against /healthz p99 idle.
 * Past 300 lines: the fill, the two stores' set-up and the figures of one bench read best together.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { localDayOf } from '../shared/localTime';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import type { TraceResponse } from '../shared/district';
import type { DeviceRecord, DistrictStore, StoredScan } from '../server/store/DistrictStore';
import { PostgresDistrictStore } from '../server/store/PostgresDistrictStore';
import { SqliteDistrictStore } from '../server/store/SqliteDistrictStore';
import { DistrictServer } from '../server/DistrictServer';
import { ADMIN_TOKEN, createVenue, enrollDevice, startInProcessServer } from '../tests/support/districtHttp';
import { listenOnLoopback } from '../tests/support/loopback';
import { startPostgresCluster } from '../tests/support/postgresCluster';
import type { Figure } from './run';
import { benchScans, gzippedBatches, postAll } from './serverIngest';
import {
  buildPresencePostgres,
  buildPresenceSqlite,
  createFillVenues,
  fillPostgres,
  fillSqlite,
  peopleFor,
  personIdNumber,
} from './serverFill';
import { ingestScans } from '../server/ingest/ingestScans';

export async function ingestRate(store: DistrictStore, total: number): Promise<number> {
  const server = await startInProcessServer(store);
  try {
    const { code } = await createVenue(server.url, 'Ingest bench', 'port');
    const { deviceToken } = await enrollDevice(server.url, code);
    return await postAll(server.url, [{ token: deviceToken, bodies: gzippedBatches(total, 880) }]);
  } finally {
    await server.close();
  }
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** A small seeded generator, so every run traces the same people. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export const WORST_INDEX = '038999000001';
const WORST_START = Date.parse('2026-11-20T00:00:00.000Z');

/** The worst person of the issue: 2,000 scans (in and out in turn) at a port with 5,000 scans of 1,000 others, over three days. */
export async function addWorstPerson(store: DistrictStore): Promise<void> {
  const venueId = uuidv7();
  const now = '2026-11-25T03:00:00.000Z';
  await store.createEnrollment({
    venue: { id: venueId, name: 'Bến tàu (worst)', type: 'port', address: null },
    codeHash: 'worst',
    createdAt: now,
    expiresAt: '2027-01-01T00:00:00.000Z',
  });
  await store.redeemEnrollment('worst', now, {
    id: uuidv7(),
    name: 'Cổng',
    tokenHash: 'worst-token',
    appVersion: null,
  });
  const device = (await store.findDeviceByTokenHash('worst-token')) as DeviceRecord;
  const threeDays = 3 * 86_400_000;
  const row = (at: number, idNumber: string, direction: 'in' | 'out', seq: number): StoredScan => {
    const iso = new Date(at).toISOString();
    return {
      ...benchScans(1, seq, 880)[0],
      id: uuidv7({ msecs: at }),
      seq,
      scannedAt: iso,
      idNumber,
      direction,
      venueId,
      deviceId: device.id,
      receivedAt: now,
      correctedAt: iso,
      localDay: iso.slice(0, 10),
    };
  };
  const rows: StoredScan[] = [];
  for (let i = 0; i < 2000; i += 1)
    rows.push(row(WORST_START + Math.floor((i * threeDays) / 2000), WORST_INDEX, i % 2 === 0 ? 'in' : 'out', i + 1));
  for (let i = 0; i < 5000; i += 1)
    rows.push(
      row(
        WORST_START + Math.floor((i * threeDays) / 5000) + 7,
        `04900${String(i % 1000).padStart(7, '0')}`,
        i < 2500 ? 'in' : 'out',
        10_000 + i,
      ),
    );
  rows.sort((a, b) => a.correctedAt.localeCompare(b.correctedAt));
  const report = { receivedAt: now, sentAt: now, clockOffsetMs: 0, pendingCount: 0, appVersion: 'bench' };
  for (let i = 0; i < rows.length; i += 1000) await ingestScans(store, device, rows.slice(i, i + 1000), report);
}

/** /healthz latencies, one request after another until `until` settles (or `count` when idle). */
export async function healthLatencies(url: string, until: Promise<unknown> | null, count = 200): Promise<number[]> {
  const samples: number[] = [];
  let done = false;
  void until?.finally(() => (done = true));
  while (until ? !done : samples.length < count) {
    const t = performance.now();
    await (await fetch(`${url}/healthz`)).arrayBuffer();
    samples.push(performance.now() - t);
  }
  return samples;
}

/** Trace figures for one filled store. */
/**
 * The console's overview counted the way it was before the counts were kept at ingest: each venue's
 * scans today and over seven days, and all scans per day over fourteen, counted from the scans
 * table on its (venue, time) index. The same work the overview did; its baseline in the same run.
 */
const OLD_OVERVIEW_COUNTS = {
  perVenue: (p: (n: number) => string) => `SELECT v.id,
      (SELECT COUNT(*) FROM scans s WHERE s.venue_id = v.id AND s.corrected_at >= ${p(1)} AND s.corrected_at < ${p(3)}) AS today,
      (SELECT COUNT(*) FROM scans s WHERE s.venue_id = v.id AND s.corrected_at >= ${p(2)} AND s.corrected_at < ${p(3)}) AS week
    FROM venues v`,
  perDay: (p: (n: number) => string, day: string) =>
    `SELECT ${day} AS day, COUNT(*) FROM scans WHERE corrected_at >= ${p(1)} AND corrected_at < ${p(2)} GROUP BY 1`,
};

/** ms of the old counting on SQLite, for the overview's windows ending on `today` (UTC+7). */
function oldOverviewSqlite(file: string, today: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const at = (day: string, plus = 0) => Date.parse(`${day}T00:00:00+07:00`) + plus * 86_400_000;
    const t = performance.now();
    db.prepare(OLD_OVERVIEW_COUNTS.perVenue((n) => `?${n}`)).all({ 1: at(today), 2: at(today, -6), 3: at(today, 1) });
    db.prepare(OLD_OVERVIEW_COUNTS.perDay((n) => `?${n}`, 'CAST((corrected_at + 25200000) / 86400000 AS INTEGER)')).all(
      { 1: at(today, -13), 2: at(today, 1) },
    );
    return performance.now() - t;
  } finally {
    db.close();
  }
}

/** The same on PostgreSQL. */
async function oldOverviewPostgres(url: string, today: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const at = (day: string, plus = 0) =>
      new Date(Date.parse(`${day}T00:00:00+07:00`) + plus * 86_400_000).toISOString();
    const t = performance.now();
    await client.query(
      OLD_OVERVIEW_COUNTS.perVenue((n) => `$${n}`),
      [at(today), at(today, -6), at(today, 1)],
    );
    await client.query(
      OLD_OVERVIEW_COUNTS.perDay((n) => `$${n}`, `floor((extract(epoch FROM corrected_at) + 25200) / 86400)`),
      [at(today, -13), at(today, 1)],
    );
    return performance.now() - t;
  } finally {
    await client.end();
  }
}

/** The console's overview over HTTP (median of 5), against the old counting of the same windows (median of 3). */
async function overviewFigure(engine: string, url: string, oldCounting: () => Promise<number>): Promise<Figure> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const t = performance.now();
    const response = await fetch(`${url}/api/v1/overview`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    if (response.status !== 200) throw new Error(`bench: overview answered ${response.status}`);
    await response.arrayBuffer();
    samples.push(performance.now() - t);
  }
  const old: number[] = [];
  for (let i = 0; i < 3; i += 1) old.push(await oldCounting());
  const now = percentile(samples, 0.5);
  const before = percentile(old, 0.5);
  return {
    name: `server.overview ${engine} (console's landing page)`,
    value: round(now),
    unit: 'ms',
    baseline: round(before),
    ratio: round(now / before, 3),
    note: 'baseline = counting the same windows from the scans (the code before venue_days), same run',
  };
}

async function traceFiguresOf(
  engine: string,
  store: DistrictStore,
  total: number,
  people: number,
  oldCounting: (today: string) => Promise<number>,
): Promise<Figure[]> {
  const district = new DistrictServer({ store, adminToken: ADMIN_TOKEN });
  const trace = (idNumber: string) => district.trace(idNumber, '2026-11-09T00:00:00Z', '2026-11-26T00:00:00Z', 15);
  const random = seeded(13);
  const chosen = Array.from({ length: 100 }, () => personIdNumber(Math.floor(random() * people)));
  for (const idNumber of chosen.slice(0, 5)) await trace(idNumber);
  const samples: number[] = [];
  let visits = 0;
  let contacts = 0;
  for (const idNumber of chosen) {
    const t = performance.now();
    const answer = await trace(idNumber);
    samples.push(performance.now() - t);
    visits += answer.visits.length;
    contacts += answer.contactsTotal;
  }
  const nobody: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const t = performance.now();
    await trace('999999999999');
    nobody.push(performance.now() - t);
  }
  const fixed = Math.max(0.01, percentile(nobody, 0.5));
  const note = `${total} scans, 500 venues, 100 people (${round(visits / 100)} visits and ${round(contacts / 100)} contacts on average); baseline = a person with no scans, same run`;
  const figures: Figure[] = [
    {
      name: `server.trace ${engine} p50`,
      value: round(percentile(samples, 0.5)),
      unit: 'ms',
      baseline: round(fixed, 2),
      ratio: round(percentile(samples, 0.5) / fixed),
      note,
    },
    {
      name: `server.trace ${engine} p99`,
      value: round(percentile(samples, 0.99)),
      unit: 'ms',
      baseline: round(fixed, 2),
      ratio: round(percentile(samples, 0.99) / fixed),
      note,
    },
  ];

  await addWorstPerson(store);
  const http = createServer(district.handle);
  // The old counting below blocks this process for seconds at 10M: a keep-alive socket the server
  // closes on its 5 s timer as the client reuses it would fail the next /healthz (ECONNRESET).
  http.keepAliveTimeout = 120_000;
  const url = await listenOnLoopback(http);
  try {
    figures.push(await overviewFigure(engine, url, () => oldCounting(localDayOf(new Date(), 'Asia/Ho_Chi_Minh'))));
    const idle = await healthLatencies(url, null);
    const t = performance.now();
    const worst = fetch(
      `${url}/api/v1/trace?idNumber=${WORST_INDEX}&from=2026-11-19T00:00:00Z&to=2026-11-24T00:00:00Z&limit=1000`,
      { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } },
    ).then(async (response) => ({ body: (await response.json()) as TraceResponse, ms: performance.now() - t }));
    const during = await healthLatencies(url, worst);
    const { body, ms } = await worst;
    const idleP99 = percentile(idle, 0.99);
    figures.push(
      {
        name: `server.trace ${engine} worst person, first page`,
        value: round(ms),
        unit: 'ms',
        note: `${body.visits.length} visits, ${body.contacts.length} contacts of ${body.contactsTotal} on the page; target under 2,000 ms`,
      },
      {
        name: `server.trace ${engine} /healthz p99 during the worst trace`,
        value: round(percentile(during, 0.99), 2),
        unit: 'ms',
        baseline: round(idleP99, 2),
        ratio: round(percentile(during, 0.99) / Math.max(0.01, idleP99), 2),
        note: `${during.length} requests during, baseline = p99 of 200 idle; target under 50 ms`,
      },
    );
  } finally {
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  }
  return figures;
}

/** Seconds since `t`, one decimal. */
const secondsSince = (t: number) => round((performance.now() - t) / 1000);

/** `TRACE_ENGINES=SQLite` (or `PostgreSQL`) runs one store only. */
export async function serverTraceFigures(
  total: number,
  engines: readonly string[] = (process.env.TRACE_ENGINES ?? 'SQLite,PostgreSQL').split(','),
): Promise<Figure[]> {
  const visits = Math.round(total / 2);
  const people = peopleFor(total);
  const figures: Figure[] = [];
  if (engines.includes('SQLite')) {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-trace-')), 'district.sqlite');
    let store = new SqliteDistrictStore(file);
    await createFillVenues(store);
    await store.close();
    const t = performance.now();
    fillSqlite(file, visits, people, 0, visits);
    const fillSeconds = secondsSince(t);
    const p = performance.now();
    buildPresenceSqlite(file);
    store = new SqliteDistrictStore(file);
    figures.push({
      name: 'server.trace SQLite fill',
      value: fillSeconds,
      unit: 's',
      note: `${await store.countScans()} scans by SQL (recursive CTE)`,
    });
    figures.push({
      name: 'server.trace SQLite presence build',
      value: secondsSince(p),
      unit: 's',
      note: 'every scan paired by the migration SQL (window functions)',
    });
    figures.push(
      ...(await traceFiguresOf('SQLite', store, total, people, async (today) => oldOverviewSqlite(file, today))),
    );
    await store.close();
    // A 10,000,000-scan file is about 7 GB: never left behind.
    rmSync(path.dirname(file), { recursive: true, force: true });
  }
  if (engines.includes('PostgreSQL')) {
    const cluster = await startPostgresCluster();
    try {
      let store = await PostgresDistrictStore.connect(cluster.url);
      await createFillVenues(store);
      const t = performance.now();
      await fillPostgres(cluster.url, visits, people, 0, visits);
      const fillSeconds = secondsSince(t);
      const p = performance.now();
      await buildPresencePostgres(cluster.url);
      await store.close();
      store = await PostgresDistrictStore.connect(cluster.url);
      figures.push({
        name: 'server.trace PostgreSQL fill',
        value: fillSeconds,
        unit: 's',
        note: `${await store.countScans()} scans by SQL (generate_series)`,
      });
      figures.push({
        name: 'server.trace PostgreSQL presence build',
        value: secondsSince(p),
        unit: 's',
        note: 'every scan paired by the migration SQL (window functions), then VACUUM ANALYZE',
      });
      figures.push(
        ...(await traceFiguresOf('PostgreSQL', store, total, people, (today) =>
          oldOverviewPostgres(cluster.url, today),
        )),
      );
      await store.close();
    } finally {
      cluster.stop();
    }
  }
  return figures;
}
