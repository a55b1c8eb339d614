/**
 * A district server in this process with every option open (store, log, body budget, hooks), on a
 * free loopback port with a settable clock. `districtHttp.ts` has the request helpers.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { DistrictServer, type DistrictServerOptions } from '../../server/DistrictServer';
import type { DistrictStore } from '../../server/store/DistrictStore';
import { PostgresDistrictStore } from '../../server/store/PostgresDistrictStore';
import { SqliteDistrictStore } from '../../server/store/SqliteDistrictStore';
import { ADMIN_TOKEN } from './districtHttp';
import { citusAvailable, createCitusTestDatabase, createTestDatabase } from './postgresDatabase';
import { listenOnLoopback } from './loopback';

export interface TestDistrictServer {
  readonly url: string;
  readonly store: DistrictStore;
  readonly district: DistrictServer;
  /** Every log line, as `where message {fields}`. */
  readonly logLines: string[];
  setNow(iso: string): void;
  close(): Promise<void>;
}

/** Both stores, for `describe.each`: a fresh SQLite file or a fresh PostgreSQL database. */
export const DISTRICT_STORES: ReadonlyArray<readonly [string, () => Promise<DistrictStore>]> = [
  [
    'SQLite',
    async () => new SqliteDistrictStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'district-')), 'district.sqlite')),
  ],
  ['PostgreSQL', async () => PostgresDistrictStore.connect(await createTestDatabase())],
];

/**
 * Both stores and, where Citus is installed, a database on the run's coordinator with two workers:
 * for the suites whose queries differ on Citus (routing by venue, the trace's window reads).
 */
export const STORES_WITH_CITUS: ReadonlyArray<readonly [string, () => Promise<DistrictStore>]> = [
  ...DISTRICT_STORES,
  ...(citusAvailable()
    ? [['Citus', async () => PostgresDistrictStore.connect(await createCitusTestDatabase())] as const]
    : []),
];

export async function startDistrictServer(
  store: DistrictStore,
  options: Partial<DistrictServerOptions> = {},
  now = '2026-11-25T03:00:00.000Z',
): Promise<TestDistrictServer> {
  let clock = new Date(now);
  const logLines: string[] = [];
  const district = new DistrictServer({
    store,
    adminToken: ADMIN_TOKEN,
    now: () => clock,
    publicUrl: 'http://district.test',
    log: (where, message, fields) => logLines.push(`${where} ${message} ${JSON.stringify(fields ?? {})}`),
    ...options,
  });
  const http: Server = createServer(district.handle);
  const url = await listenOnLoopback(http);
  return {
    url,
    store,
    district,
    logLines,
    setNow: (iso) => {
      clock = new Date(iso);
    },
    close: async () => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await store.close();
    },
  };
}
