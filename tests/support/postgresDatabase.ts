import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** Creates an empty database for one suite on the run's PostgreSQL; returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const admin = new URL(inject('postgresUrl'));
  const name = `kiosk_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  admin.pathname = `/${name}`;
  return admin.toString();
}
