import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { prepareCitusDatabase } from '../../server/localCluster';

const databaseName = () => `kiosk_test_${randomBytes(6).toString('hex')}`;

/** Creates an empty database for one suite on the run's PostgreSQL; returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const admin = new URL(inject('postgresUrl'));
  const name = databaseName();
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  admin.pathname = `/${name}`;
  return admin.toString();
}

/** Whether the run has a Citus cluster (Citus installed); the distributed tests skip without it. */
export const citusAvailable = (): boolean => inject('citusNodes') !== null;

/** Creates an empty database for one suite on the run's Citus cluster (every node, workers added); returns its coordinator URL. */
export async function createCitusTestDatabase(): Promise<string> {
  const nodes = inject('citusNodes');
  if (!nodes) throw new Error('tests: no Citus cluster in this run (Citus is not installed)');
  return prepareCitusDatabase(nodes.coordinator, nodes.workers, databaseName());
}
