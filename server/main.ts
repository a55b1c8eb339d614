/**
 * District server CLI.
 *   npm run server -- --data DIR --port N [--admin-token-file PATH] [--public-url URL] [--retention-days 30]
 *     admin token: --admin-token-file, or DISTRICT_ADMIN_TOKEN, or --admin-token (visible in ps; warned)
 *   npm run server -- enroll --data DIR --venue-name NAME --venue-type port|hotel|school|office|shop|transport|other [--address A]
 *   npm run server -- user add --data DIR --name NAME --role tracer|it|viewer   prints a one-time password
 *   npm run server -- openapi          prints the OpenAPI document
 *   npm run server -- import --data DIR FILE [--receipt-png PNG]   imports a kiosk's sealed scan file (USB):
 *     prints what came in and the receipt text the kiosk scans (PNG: the receipt as a QR image); exit 2 when refused
 *   npm run server -- district-key rotate --data DIR   adds a new current district key (older ones kept)
 * District key: DIR/district-keys.json (0600, made at first start), or --district-key-file FILE; with
 *   DATABASE_URL one of --data or --district-key-file is required (processes of one database share it).
 *   npm run server -- local-cluster --data DIR [--workers 2] [--port 9700]   starts PostgreSQL on loopback (a
 *     Citus coordinator and N workers; 0 workers: one plain server) in DIR and prints its DATABASE_URL;
 *     `local-cluster stop --data DIR` stops it. For trying the server; Citus must be installed.
 * The built console (dist/console, `npm run build:console`) is served at `/` when present
 * (`--console-dir` to choose another folder); `--time-zone` (default Asia/Ho_Chi_Minh) sets local days;
 * `--max-trace-days` (default 28) bounds the window of one trace.
 * Storage: SQLite in DIR, or PostgreSQL when DATABASE_URL is set; traces read a hot-standby replica
 * when DATABASE_READ_URL is set too (the trace audit stays on the primary).
 */
import { existsSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { RoleSchema, UserNameSchema } from '../shared/console';
import { CreateEnrollmentRequestSchema } from '../shared/district';
import { serverBaseUrl } from '../shared/serverAddress';
import { addUser } from './accounts/userAccounts';
import { districtKeyFilePath, loadDistrictKeys, rotateDistrictKey } from './districtKeyFile';
import { ScanImportRefused } from './ingest/importScanFile';
import { faultAfterCommitRequested, resolveAdminToken } from './config';
import { DEFAULT_MAX_TRACE_DAYS, DEFAULT_TIME_ZONE, DistrictServer } from './DistrictServer';
import { DEFAULT_RETENTION_DAYS, startRetention } from './retention';
import { openApiDocument } from './routes/index';
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
  const store = new SqliteDistrictStore(path.join(path.resolve(dataDir), 'district.sqlite'));
  if (store.folderShared) {
    log(
      'server.store',
      'the data folder holds other files too: its mode is left as it was (the database file is 0600); give the server a folder of its own',
      { dataDir: path.resolve(dataDir) },
    );
  }
  return store;
}

/** A PostgreSQL read replica for traces when DATABASE_READ_URL is set (with DATABASE_URL), else null. */
async function openTraceStore(): Promise<DistrictStore | null> {
  const url = process.env.DATABASE_READ_URL;
  if (!url) return null;
  if (!process.env.DATABASE_URL)
    throw new Error('server: DATABASE_READ_URL is a PostgreSQL replica of DATABASE_URL; set both');
  const { PostgresDistrictStore } = await import('./store/PostgresDistrictStore');
  return PostgresDistrictStore.connectReplica(url);
}

/** `local-cluster [stop]`: PostgreSQL (with Citus workers) on loopback for trying the server. */
async function localClusterCommand(
  subcommand: string | undefined,
  values: { data?: string; workers?: string; port?: string },
): Promise<void> {
  if (!values.data) throw new Error('server local-cluster: --data DIR is required (the nodes live there)');
  const workers = Number(values.workers ?? 2);
  if (!Number.isInteger(workers) || workers < 0 || workers > 16)
    throw new Error('server local-cluster: --workers must be 0 to 16');
  const port = values.port === undefined ? 9700 : Number(values.port);
  if (!Number.isInteger(port) || port < 1024 || port > 65_000)
    throw new Error('server local-cluster: --port must be 1024-65000');
  const { LocalCluster } = await import('./localCluster');
  const dir = path.resolve(values.data);
  if (subcommand === 'stop') {
    LocalCluster.stopIn(dir);
    process.stdout.write(`stopped the cluster in ${dir}\n`);
    return;
  }
  const cluster = await LocalCluster.start({ dir, workers, port, durable: true });
  process.stdout.write(
    `${cluster.citus ? `Citus coordinator on port ${cluster.coordinator.port}, workers on ${cluster.workers.map((w) => w.port).join(', ')}` : `PostgreSQL on port ${cluster.coordinator.port}`} (data in ${dir})\n` +
      `DATABASE_URL=${cluster.url}\n`,
  );
}

/** `import FILE`: a kiosk's sealed scan file into the district, as the console's import page does. */
async function importCommand(
  server: DistrictServer,
  files: readonly string[],
  receiptPng: string | undefined,
): Promise<void> {
  if (files.length !== 1) throw new Error('server import: the command is: import --data DIR FILE [--receipt-png PNG]');
  // A folder or a missing path is said in words, before anything is opened or audited.
  const given = await stat(files[0]).catch(() => null);
  if (!given?.isFile()) {
    process.stderr.write(
      `server import: ${given ? 'that is a folder, not a scan file' : 'no such file'}: ${files[0]} (nothing imported)\n`,
    );
    process.exitCode = 2;
    return;
  }
  let result: Awaited<ReturnType<DistrictServer['importScanFile']>>;
  try {
    result = await server.importScanFile(path.resolve(files[0]), 'cli');
  } catch (error) {
    if (error instanceof ScanImportRefused) {
      process.stderr.write(`server import: refused (import-${error.problem}), nothing imported: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  const { counts, header } = result;
  process.stdout.write(
    `imported ${header.scanCount} scans of ${result.deviceName} (${result.venueName})${result.enrolledNow ? ', kiosk enrolled now' : ''}\n` +
      `new: ${counts.accepted}\nalready there: ${counts.duplicate}\nrefused: ${counts.rejected}\n` +
      result.refusals.map((r) => `  ${r.count} × ${r.reason}\n`).join('') +
      (result.receipt
        ? `receipt (scan it at the kiosk):\n${result.receipt}\n`
        : 'no receipt (the file held no scan)\n'),
  );
  if (result.receipt && receiptPng) {
    const QRCode = (await import('qrcode')).default;
    await QRCode.toFile(path.resolve(receiptPng), result.receipt, { errorCorrectionLevel: 'M', width: 600 });
    process.stdout.write(`receipt QR written to ${path.resolve(receiptPng)}\n`);
  }
}

/** Where `npm run build:console` puts the console. */
const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../dist/console', import.meta.url));

async function main(argv: readonly string[]): Promise<void> {
  const command = argv[0] && !argv[0].startsWith('-') ? argv[0] : 'serve';
  const hasSubcommand =
    command === 'user' || command === 'district-key' || (command === 'local-cluster' && argv[1] === 'stop');
  const subcommand = hasSubcommand ? argv[1] : undefined;
  const args = command === 'serve' ? argv : argv.slice(hasSubcommand ? 2 : 1);
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: command === 'import',
    options: {
      'district-key-file': { type: 'string' },
      'receipt-png': { type: 'string' },
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
      name: { type: 'string' },
      role: { type: 'string' },
      'time-zone': { type: 'string' },
      'max-trace-days': { type: 'string' },
      'console-dir': { type: 'string' },
      workers: { type: 'string' },
    },
  });
  if (command === 'openapi') {
    process.stdout.write(`${JSON.stringify(openApiDocument(), null, 2)}\n`);
    return;
  }
  if (command === 'local-cluster') {
    await localClusterCommand(subcommand, values);
    return;
  }
  // The data folder holds the SQLite file and the district key: a path naming a file is said in
  // words, for either store (Node's EEXIST/ENOTDIR line before).
  if (values.data !== undefined && existsSync(values.data) && !statSync(values.data).isDirectory())
    throw new Error(
      `server: --data ${values.data} is a file, not a folder (the district's data and key are kept in a folder)`,
    );
  const retentionDays = Number(values['retention-days'] ?? DEFAULT_RETENTION_DAYS);
  if (!Number.isInteger(retentionDays) || retentionDays < 1)
    throw new Error('server: --retention-days must be a whole number of days, 1 or more');
  const adminToken = resolveAdminToken(
    { file: values['admin-token-file'], env: process.env.DISTRICT_ADMIN_TOKEN, flag: values['admin-token'] },
    (message) => process.stderr.write(`${message}\n`),
  );
  const timeZone = values['time-zone'] ?? DEFAULT_TIME_ZONE;
  const maxTraceDays = Number(values['max-trace-days'] ?? DEFAULT_MAX_TRACE_DAYS);
  if (!Number.isInteger(maxTraceDays) || maxTraceDays < 1 || maxTraceDays > 400)
    throw new Error('server: --max-trace-days must be a whole number of days, 1 to 400');
  // Typed as the IT officer says it: a bare host (192.168.1.10:8700) is http://192.168.1.10:8700.
  const publicUrl = values['public-url'] === undefined ? undefined : serverBaseUrl(values['public-url']);
  if (publicUrl === null)
    throw new Error(
      'server: --public-url must be an address such as https://kiosk.huyen.example.gov.vn or 192.168.1.10:8700',
    );
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new Error(`server: --time-zone ${timeZone} is not an IANA time zone`);
  }
  if (command === 'user') {
    if (subcommand !== 'add')
      throw new Error('server user: the command is: user add --data DIR --name NAME --role tracer|it|viewer');
    const name = UserNameSchema.safeParse(values.name ?? '');
    if (!name.success) throw new Error('server user add: --name: ASCII letters, digits, . _ - (2 to 40 characters)');
    const role = RoleSchema.safeParse(values.role);
    if (!role.success) throw new Error('server user add: --role must be tracer, it or viewer');
    const store = await openStore(values.data);
    try {
      const created = await addUser(store, name.data, role.data, new Date());
      if (!created) throw new Error(`server user add: an account named ${name.data} exists`);
      process.stdout.write(
        `account ${name.data} (${role.data}) created; one-time password (to be changed at first sign-in):\n${created.oneTimePassword}\n`,
      );
    } finally {
      await store.close();
    }
    return;
  }
  const keyFile = districtKeyFilePath({ keyFile: values['district-key-file'], dataDir: values.data });
  if (command === 'district-key') {
    if (subcommand !== 'rotate' || !keyFile)
      throw new Error(
        'server district-key: the command is: district-key rotate --data DIR (or --district-key-file FILE)',
      );
    const text = rotateDistrictKey(keyFile, new Date());
    process.stdout.write(
      `new current district key (kiosks learn it at their next upload; older keys still open older files):\n${text}\n`,
    );
    return;
  }
  if (!keyFile)
    throw new Error(
      'server: with DATABASE_URL, give --data DIR (the district key is kept there) or --district-key-file FILE',
    );
  const consoleDir = path.resolve(values['console-dir'] ?? DEFAULT_CONSOLE_DIR);
  const consoleFiles = existsSync(path.join(consoleDir, 'index.html')) ? { root: consoleDir } : null;
  const store = await openStore(values.data);
  // After the store: on first start its folder is made private before the key is written there.
  const districtKeys = loadDistrictKeys(keyFile, new Date());
  const traceStore = command === 'serve' ? await openTraceStore() : null;
  const server = new DistrictServer({
    districtKeys,
    store,
    traceStore: traceStore ?? undefined,
    adminToken,
    publicUrl,
    log,
    timeZone,
    maxTraceDays,
    consoleFiles,
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
    if (!request.success)
      throw new Error(
        `server enroll: ${request.error.issues.map((i) => `--${String(i.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`).join('; ')}`,
      );
    const created = await server.createEnrollment(request.data);
    process.stdout.write(`${JSON.stringify(created)}\n`);
    await store.close();
    return;
  }
  if (command === 'import') {
    try {
      await importCommand(server, positionals, values['receipt-png']);
    } finally {
      await store.close();
    }
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
  if (!consoleFiles)
    process.stderr.write(`server: no console at ${consoleDir} (run npm run build:console); serving the API only\n`);
  if (!publicUrl) {
    process.stderr.write(
      "server: no --public-url: setup sheets carry the address kept on the console's first-run page, else the address the console is opened at, or none when that is this machine (127.0.0.1); start with --public-url https://… (the address kiosks reach)\n",
    );
  }
  process.stdout.write(
    `listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}\n`,
  );
  const stop = () => {
    stopRetention();
    http.close(() => void Promise.all([store.close(), traceStore?.close()]).then(() => process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
