/**
 * server.citus: one PostgreSQL server against a Citus coordinator with two workers (issue 22), in one
 * run on this machine, with the same data (`CITUS_SCANS`, default 10,000,000 scans, the density of
 * the server.trace bench: 500 venues, 20 visits a person in 14 days): trace p50 and p99 over 50
 * people, the worst person's first page with /healthz meanwhile, how many shards a trace reads, and
 * HTTP ingest into a fresh database of each from one kiosk and from four at once.
 *
 * All three Citus servers and the load share this machine's two cores: the cluster pays every
 * distributed query's coordination (connections to the workers, results merged) without any of the
 * extra cores and memory that workers on their own machines bring. Read the ratios as that cost.
 */
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { DistrictServer } from '../server/DistrictServer';
import { PostgresDistrictStore } from '../server/store/PostgresDistrictStore';
import type { TraceResponse } from '../shared/district';
import { ADMIN_TOKEN } from '../tests/support/districtHttp';
import { listenOnLoopback } from '../tests/support/loopback';
import { startPostgresCluster, type PostgresCluster } from '../tests/support/postgresCluster';
import { startServerProcess } from '../tests/support/serverProcess';
import type { Figure } from './run';
import { addWorstPerson, healthLatencies, percentile, WORST_INDEX } from './serverBench';
import { buildPresencePostgres, createFillVenues, fillPostgres, personIdNumber } from './serverFill';
import { enrolledKiosks, postAll } from './serverIngest';

const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const INGEST_SCANS = Number(process.env.CITUS_INGEST_SCANS ?? 200_000);

interface EngineFigures {
  p50: number;
  p99: number;
  nobody: number;
  contacts: number;
  worstMs: number;
  worstNote: string;
  healthP99: number;
  healthIdleP99: number;
  shards: { probe: number; windows: number } | null;
  ingest: Map<number, number>;
  fillSeconds: number;
}

async function query<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

async function databaseOn(cluster: PostgresCluster, name: string): Promise<string> {
  return cluster.cluster.prepareDatabase(name);
}

/** HTTP ingest into a fresh database of `cluster`: `kiosks` venues, INGEST_SCANS scans in all. */
async function ingestInto(cluster: PostgresCluster, kiosks: number): Promise<number> {
  const url = await databaseOn(cluster, `ingest_${kiosks}`);
  const server = await startServerProcess({ DATABASE_URL: url });
  try {
    const perKiosk = Math.ceil(INGEST_SCANS / kiosks / 5000) * 5000;
    return await postAll(server.url, await enrolledKiosks(server.url, kiosks, perKiosk));
  } finally {
    await server.stop();
  }
}

async function measureEngine(workers: number, total: number): Promise<EngineFigures> {
  const cluster = await startPostgresCluster(workers);
  try {
    const url = await databaseOn(cluster, 'district');
    const visits = Math.round(total / 2);
    const people = Math.floor(total / 40);
    let store = await PostgresDistrictStore.connect(url);
    await createFillVenues(store);
    await store.close();
    const t = performance.now();
    await fillPostgres(url, visits, people, 0, visits);
    await buildPresencePostgres(url, Math.max(1, Math.ceil(total / 5_000_000)));
    const fillSeconds = (performance.now() - t) / 1000;
    store = await PostgresDistrictStore.connect(url);
    const district = new DistrictServer({ store, adminToken: ADMIN_TOKEN });
    const trace = (idNumber: string) => district.trace(idNumber, '2026-11-09T00:00:00Z', '2026-11-26T00:00:00Z', 15);

    const chosen = Array.from({ length: 55 }, (_, i) =>
      personIdNumber(Math.floor((((i * 7_919_993) % 1_000_003) / 1_000_003) * people)),
    );
    const samples: number[] = [];
    let contacts = 0;
    const venuesRead: Set<string>[] = [];
    for (const [i, idNumber] of chosen.entries()) {
      const s = performance.now();
      const answer = await trace(idNumber);
      if (i < 5) continue;
      samples.push(performance.now() - s);
      contacts += answer.contactsTotal;
      venuesRead.push(new Set(answer.visits.map((visit) => visit.venueId)));
    }
    const nobody: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const s = performance.now();
      await trace('999999999999');
      nobody.push(performance.now() - s);
    }

    // Shards a trace reads on Citus: the person's probe goes to every presence shard; each visited
    // venue's windows to that venue's one shard.
    let shards: EngineFigures['shards'] = null;
    if (workers > 0) {
      const [{ n }] = await query<{ n: string }>(
        url,
        "SELECT count(*) AS n FROM pg_dist_shard WHERE logicalrelid = 'presence'::regclass",
      );
      let windowShards = 0;
      for (const venues of venuesRead) {
        const [{ m }] = await query<{ m: string }>(
          url,
          "SELECT count(DISTINCT get_shard_id_for_distribution_column('presence', v)) AS m FROM unnest($1::uuid[]) v",
          [[...venues]],
        );
        windowShards += Number(m);
      }
      shards = { probe: Number(n), windows: windowShards / venuesRead.length };
    }

    await addWorstPerson(store);
    const http = createServer(district.handle);
    http.keepAliveTimeout = 120_000;
    const base = await listenOnLoopback(http);
    let worstMs: number;
    let worstNote: string;
    let during: number[];
    let idle: number[];
    try {
      idle = await healthLatencies(base, null);
      const s = performance.now();
      const worst = fetch(
        `${base}/api/v1/trace?idNumber=${WORST_INDEX}&from=2026-11-19T00:00:00Z&to=2026-11-24T00:00:00Z&limit=1000`,
        { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } },
      ).then(async (response) => ({ body: (await response.json()) as TraceResponse, ms: performance.now() - s }));
      during = await healthLatencies(base, worst);
      const { body, ms } = await worst;
      worstMs = ms;
      worstNote = `${body.visits.length} visits, ${body.contacts.length} contacts of ${body.contactsTotal} on the page`;
    } finally {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await store.close();
    }

    const ingest = new Map<number, number>();
    for (const kiosks of [1, 4]) ingest.set(kiosks, await ingestInto(cluster, kiosks));
    return {
      p50: percentile(samples, 0.5),
      p99: percentile(samples, 0.99),
      nobody: percentile(nobody, 0.5),
      contacts: contacts / samples.length,
      worstMs,
      worstNote,
      healthP99: percentile(during, 0.99),
      healthIdleP99: percentile(idle, 0.99),
      shards,
      ingest,
      fillSeconds,
    };
  } finally {
    cluster.stop();
  }
}

export async function serverCitusFigures(total = Number(process.env.CITUS_SCANS ?? 10_000_000)): Promise<Figure[]> {
  const single = await measureEngine(0, total);
  // Each side's raw figures as soon as they are known (a long run that fails later keeps them).
  process.stderr.write(`server.citus single: ${JSON.stringify({ ...single, ingest: [...single.ingest] })}\n`);
  const citus = await measureEngine(2, total);
  process.stderr.write(`server.citus citus: ${JSON.stringify({ ...citus, ingest: [...citus.ingest] })}\n`);
  const label = `server.citus ${total / 1e6}M`;
  const note = `${total} scans, 500 venues, 50 people (${round(citus.contacts)} contacts on average); baseline = one PostgreSQL server, same data, same run`;
  const vs = (name: string, unit: string, now: number, then: number, extra?: string): Figure => ({
    name: `${label} ${name}`,
    value: round(now),
    unit,
    baseline: round(then),
    ratio: round(now / then, 2),
    note: extra ?? note,
  });
  return [
    vs(
      'fill + presence build',
      's',
      citus.fillSeconds,
      single.fillSeconds,
      'SQL generate_series through the coordinator, then the pairing',
    ),
    vs('trace p50', 'ms', citus.p50, single.p50),
    vs('trace p99', 'ms', citus.p99, single.p99, `${note}; target under 150 ms`),
    vs(
      'trace of a person with no scans',
      'ms',
      citus.nobody,
      single.nobody,
      'the fixed cost of a trace: one probe of every presence shard',
    ),
    vs('worst person, first page', 'ms', citus.worstMs, single.worstMs, `${citus.worstNote}; target under 2,000 ms`),
    vs(
      '/healthz p99 during the worst trace',
      'ms',
      citus.healthP99,
      single.healthP99,
      `idle p99 ${round(citus.healthIdleP99, 2)} ms on Citus, ${round(single.healthIdleP99, 2)} ms single`,
    ),
    {
      name: `${label} shards a trace reads`,
      value: round((citus.shards?.probe ?? 0) + (citus.shards?.windows ?? 0)),
      unit: 'shards',
      note: `the person's probe: all ${citus.shards?.probe} presence shards; the visits' windows: ${round(citus.shards?.windows ?? 0)} shards on average`,
    },
    ...[1, 4].map((kiosks) =>
      vs(
        `ingest, ${kiosks} kiosk${kiosks > 1 ? 's' : ''} at once`,
        'scans/s',
        citus.ingest.get(kiosks) as number,
        single.ingest.get(kiosks) as number,
        `${INGEST_SCANS} scans over HTTP into a fresh database, the server in its own process; target at least 0.7 of one server with four kiosks`,
      ),
    ),
  ];
}
