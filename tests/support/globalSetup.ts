import type { TestProject } from 'vitest/node';
import { citusInstalled } from '../../server/localCluster';
import { startPostgresCluster, type PostgresCluster } from './postgresCluster';
import { useRunTmpDir } from './runTmpDir';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    /** A Citus coordinator's and its two workers' `postgres` databases; null where Citus is not installed. */
    citusNodes: { coordinator: string; workers: string[] } | null;
  }
}

const clusters: PostgresCluster[] = [];

/**
 * One PostgreSQL for the whole run (or TEST_DATABASE_URL), and a Citus coordinator with two workers
 * where Citus is installed; each suite makes its own database. The run's temporary files live in one
 * folder removed at the end.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const removeTmp = useRunTmpDir('kiosk-vitest-');
  const stopAll = () => {
    try {
      for (const cluster of clusters.splice(0)) cluster.stop();
    } finally {
      removeTmp();
    }
  };
  const given = process.env.TEST_DATABASE_URL;
  let citus: PostgresCluster | null = null;
  try {
    if (!given) clusters.push(await startPostgresCluster());
    if (citusInstalled()) {
      citus = await startPostgresCluster(2);
      clusters.push(citus);
    } else {
      process.stdout.write(
        'Citus is not installed: the distributed tests are skipped ("bash scripts/install.sh --citus" installs it)\n',
      );
    }
  } catch (error) {
    stopAll();
    throw error;
  }
  project.provide('postgresUrl', given ?? clusters[0].url);
  project.provide('citusNodes', citus ? { coordinator: citus.url, workers: [...citus.workerUrls] } : null);
  return stopAll;
}
