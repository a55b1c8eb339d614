/**
 * server.scale: PostgreSQL at growing sizes, one fresh cluster per size (`SCALE_SIZES`, default
 * 1,000,000): fill time, presence build time, table and index sizes, trace p50/p99 over 50 people
 * (a 14-day window at the end of the data) against a person with no scans, and HTTP ingest of
 * 100,000 more scans against the same ingest into an empty database in the same run.
 *
 * The density stays that of the 10,000,000-scan trace bench (10M scans per 14 days at 500 venues,
 * 20 visits a person per 14 days): a bigger size is a longer time (a province keeping months, or
 * a bigger area), so a trace's work should stay flat while the tables grow.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { PostgresDistrictStore } from '../server/store/PostgresDistrictStore';
import { runTrace } from '../server/trace/runTrace';
import { startPostgresCluster } from '../tests/support/postgresCluster';
import type { Figure } from './run';
import { ingestRate, percentile } from './serverBench';
import { buildPresencePostgres, createFillVenues, FILL_START_MS, fillPostgres, personIdNumber } from './serverFill';

const DAY = 86_400_000;
const PER_14_DAYS = 10_000_000;
const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const mib = (bytes: number) => round(bytes / 2 ** 20, 0);

async function sizesOf(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`
      SELECT (SELECT sum(pg_table_size(relid)) FROM pg_partition_tree('scans')) AS scans_table,
        (SELECT sum(pg_indexes_size(relid)) FROM pg_partition_tree('scans')) AS scans_indexes,
        pg_table_size('presence') AS presence_table, pg_indexes_size('presence') AS presence_indexes,
        (SELECT count(*) FROM presence) AS presence_rows, pg_database_size(current_database()) AS database`);
    return Object.fromEntries(Object.entries(rows[0] as Record<string, string>).map(([k, v]) => [k, Number(v)]));
  } finally {
    await client.end();
  }
}

async function oneSize(total: number, emptyIngest: number): Promise<Figure[]> {
  const visits = Math.round(total / 2);
  const people = Math.floor(total / 40);
  const spanMs = Math.round((total / PER_14_DAYS) * 14 * DAY);
  const cluster = await startPostgresCluster();
  try {
    let store = await PostgresDistrictStore.connect(cluster.url);
    await createFillVenues(store);
    let t = performance.now();
    await fillPostgres(cluster.url, visits, people, 0, visits, spanMs);
    const fillSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    await buildPresencePostgres(cluster.url, Math.max(1, Math.ceil(total / 25_000_000)));
    const presenceSeconds = (performance.now() - t) / 1000;
    await store.close();
    store = await PostgresDistrictStore.connect(cluster.url);
    const sizes = await sizesOf(cluster.url);

    const to = new Date(FILL_START_MS + spanMs + DAY).toISOString();
    const from = new Date(Math.max(FILL_START_MS - DAY, FILL_START_MS + spanMs - 14 * DAY)).toISOString();
    const trace = (idNumber: string) =>
      runTrace(store, { idNumber, from, to, marginMinutes: 15, limit: 1000, offset: 0 });
    const samples: number[] = [];
    let contacts = 0;
    for (let i = 0; i < 55; i += 1) {
      const idNumber = personIdNumber(Math.floor((((i * 7_919_993) % 1_000_003) / 1_000_003) * people));
      const s = performance.now();
      const answer = await trace(idNumber);
      if (i >= 5) {
        samples.push(performance.now() - s);
        contacts += answer.contactsTotal;
      }
    }
    const nobody: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const s = performance.now();
      await trace('999999999999');
      nobody.push(performance.now() - s);
    }
    const fixed = Math.max(0.01, percentile(nobody, 0.5));
    const ingest = await ingestRate(store, 100_000);
    const label = `server.scale PostgreSQL ${total / 1e6}M`;
    const note = `${Math.round(spanMs / DAY)} days at 500 venues`;
    return [
      {
        name: `${label} fill`,
        value: round(fillSeconds),
        unit: 's',
        note: `${note}; SQL generate_series; ${round(total / fillSeconds, 0)} scans/s`,
      },
      {
        name: `${label} presence build`,
        value: round(presenceSeconds),
        unit: 's',
        note: `${sizes.presence_rows} intervals by the migration SQL, then VACUUM ANALYZE`,
      },
      {
        name: `${label} scans table + indexes`,
        value: mib(sizes.scans_table + sizes.scans_indexes),
        unit: 'MiB',
        note: `table ${mib(sizes.scans_table)} MiB, indexes ${mib(sizes.scans_indexes)} MiB`,
      },
      {
        name: `${label} presence table + indexes`,
        value: mib(sizes.presence_table + sizes.presence_indexes),
        unit: 'MiB',
        note: `table ${mib(sizes.presence_table)} MiB, indexes ${mib(sizes.presence_indexes)} MiB; database ${mib(sizes.database)} MiB`,
      },
      {
        name: `${label} trace p50`,
        value: round(percentile(samples, 0.5)),
        unit: 'ms',
        baseline: round(fixed, 2),
        ratio: round(percentile(samples, 0.5) / fixed),
        note: `50 people, 14-day window, ${round(contacts / 50)} contacts on average; baseline = a person with no scans`,
      },
      {
        name: `${label} trace p99`,
        value: round(percentile(samples, 0.99)),
        unit: 'ms',
        baseline: round(fixed, 2),
        ratio: round(percentile(samples, 0.99) / fixed),
      },
      {
        name: `${label} ingest`,
        value: Math.round(ingest),
        unit: 'scans/s',
        baseline: Math.round(emptyIngest),
        ratio: round(ingest / emptyIngest, 2),
        note: '100,000 scans over HTTP into the filled database; baseline = into an empty one, same run',
      },
    ];
  } finally {
    cluster.stop();
  }
}

/** `SCALE_SIZES=1000000,10000000` (scans): one fresh PostgreSQL per size. */
export async function serverScaleFigures(
  sizes: readonly number[] = (process.env.SCALE_SIZES ?? '1000000').split(',').map(Number),
): Promise<Figure[]> {
  const empty = await startPostgresCluster();
  let emptyIngest: number;
  try {
    emptyIngest = await ingestRate(await PostgresDistrictStore.connect(empty.url), 100_000);
  } finally {
    empty.stop();
  }
  const figures: Figure[] = [];
  for (const size of sizes) figures.push(...(await oneSize(size, emptyIngest)));
  return figures;
}
