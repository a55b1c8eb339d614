import type { TestProject } from 'vitest/node';
import { startPostgresCluster, type PostgresCluster } from './postgresCluster';
import { useRunTmpDir } from './runTmpDir';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

let cluster: PostgresCluster | null = null;

/**
 * One PostgreSQL for the whole run (or TEST_DATABASE_URL); each suite makes its own database. The
 * run's temporary files live in one folder removed at the end.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const removeTmp = useRunTmpDir('kiosk-vitest-');
  const given = process.env.TEST_DATABASE_URL;
  try {
    if (!given) cluster = await startPostgresCluster();
  } catch (error) {
    removeTmp();
    throw error;
  }
  project.provide('postgresUrl', given ?? (cluster as PostgresCluster).url);
  return () => {
    try {
      cluster?.stop();
    } finally {
      removeTmp();
    }
  };
}
