/**
 * District server CLI.
 *   npm run server -- --data DIR --port N [--admin-token-file PATH] [--public-url URL] [--retention-days 30]
 *     admin token: --admin-token-file, or DISTRICT_ADMIN_TOKEN, or --admin-token (visible in ps; warned)
 *   npm run server -- enroll --data DIR --venue-name NAME --venue-type port|hotel|school|office|shop|transport|other [--address A]
 *   npm run server -- openapi          prints the OpenAPI document
 * Storage: SQLite in DIR, or PostgreSQL when DATABASE_URL is set.
 */
import { createServer } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CreateEnrollmentRequestSchema } from '../shared/district';
import { faultAfterCommitRequested, resolveAdminToken } from './config';
import { DistrictServer } from './DistrictServer';
import { DEFAULT_RETENTION_DAYS, startRetention } from './retention';
import { buildOpenApiDocument } from './openapi';
import type { DistrictStore } from './store/DistrictStore';

function log(where: string, message: string, fields: Record<string, string | number> = {}): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), where, message, ...fields })}\n`);
}

/** Each store is imported only when chosen: a PostgreSQL deployment never loads better-sqlite3. */
async function openStore(dataDir: string | undefined): Promise<DistrictStore> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const { PostgresDistrictStore } = await import('./store/PostgresDistrictStore');
    return PostgresDistrictStore.connect(url);
  }
  if (!dataDir) throw new Error('server: --data DIR is required (or DATABASE_URL)');
  const { SqliteDistrictStore } = await import('./store/SqliteDistrictStore');
  return new SqliteDistrictStore(path.join(path.resolve(dataDir), 'district.sqlite'));
}

async function main(argv: readonly string[]): Promise<void> {
  const command = argv[0] && !argv[0].startsWith('-') ? argv[0] : 'serve';
  const args = command === 'serve' ? argv : argv.slice(1);
  const { values } = parseArgs({
    args: [...args],
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      'admin-token': { type: 'string' },
      'admin-token-file': { type: 'string' },
      'retention-days': { type: 'string' },
      'public-url': { type: 'string' },
      'venue-name': { type: 'string' },
      'venue-type': { type: 'string' },
      address: { type: 'string' },
      'ttl-hours': { type: 'string' },
    },
  });
  if (command === 'openapi') {
    process.stdout.write(`${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
    return;
  }
  const retentionDays = Number(values['retention-days'] ?? DEFAULT_RETENTION_DAYS);
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new Error('server: --retention-days must be a whole number of days, 1 or more');
  const adminToken = resolveAdminToken(
    { file: values['admin-token-file'], env: process.env.DISTRICT_ADMIN_TOKEN, flag: values['admin-token'] },
    (message) => process.stderr.write(`${message}\n`),
  );
  const store = await openStore(values.data);
  const server = new DistrictServer({
    store,
    adminToken,
    publicUrl: values['public-url'],
    log,
    // Test mode only: die between the commit and the answer, as a power cut would.
    afterIngestCommit: faultAfterCommitRequested(process.env) ? () => process.exit(86) : undefined,
  });
  if (command === 'enroll') {
    const request = CreateEnrollmentRequestSchema.safeParse({
      venueName: values['venue-name'],
      venueType: values['venue-type'],
      address: values.address,
      ttlHours: values['ttl-hours'] ? Number(values['ttl-hours']) : undefined,
    });
    if (!request.success) throw new Error(`server enroll: ${request.error.issues.map((i) => `--${String(i.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`).join('; ')}`);
    const created = await server.createEnrollment(request.data);
    process.stdout.write(`${JSON.stringify(created)}\n`);
    await store.close();
    return;
  }
  if (command !== 'serve') throw new Error(`server: unknown command ${command}`);
  const port = Number(values.port ?? 8700);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error('server: --port must be 0-65535');
  const stopRetention = startRetention({ store, retentionDays, now: () => new Date(), log });
  const http = createServer(server.handle);
  http.requestTimeout = 60_000;
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  const address = http.address();
  process.stdout.write(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}\n`);
  const stop = () => {
    stopRetention();
    http.close(() => void store.close().then(() => process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
