/**
 * Throwaway PostgreSQL clusters for the test suite and benchmarks: Debian's initdb in a temporary
 * folder, on free loopback ports, fsync off (`server/localCluster.ts`). One plain server, or with
 * `workers` a Citus coordinator and its workers. Used when TEST_DATABASE_URL is not given.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCluster } from '../../server/localCluster';

export interface PostgresCluster {
  /** The coordinator's (or the one server's) `postgres` database. */
  readonly url: string;
  /** Every worker's `postgres` database (none for a plain server). */
  readonly workerUrls: readonly string[];
  readonly cluster: LocalCluster;
  stop(): void;
}

export async function startPostgresCluster(workers = 0): Promise<PostgresCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), workers > 0 ? 'kiosk-citus-' : 'kiosk-pg-'));
  let cluster: LocalCluster;
  try {
    cluster = await LocalCluster.start({ dir, workers });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`tests: ${(error as Error).message}`);
  }
  return {
    url: cluster.url,
    workerUrls: cluster.workers.map((worker) => worker.url),
    cluster,
    stop() {
      try {
        cluster.stop('immediate');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
