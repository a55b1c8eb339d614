/**
 * PostgreSQL clusters on this machine's loopback, for trying the server and for its tests: one
 * plain cluster, or a Citus coordinator with N workers (the extension created and the workers added
 * in the database the server uses). Debian's PostgreSQL binaries; as root, the clusters belong to
 * Debian's `postgres` user (initdb refuses root). Nothing here is used by a running district server.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';

/** The newest installed PostgreSQL's bin folder. */
export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const bin = versions.map((v) => path.join(root, v, 'bin')).find((dir) => existsSync(path.join(dir, 'initdb')));
  if (!bin) throw new Error('PostgreSQL is not installed; run "bash scripts/install.sh" (Debian package postgresql)');
  return bin;
}

/** Whether Citus is installed into that PostgreSQL (its control file and library). */
export function citusInstalled(): boolean {
  try {
    const bin = postgresBin();
    const share = execFileSync(path.join(bin, 'pg_config'), ['--sharedir'], { encoding: 'utf8' }).trim();
    const lib = execFileSync(path.join(bin, 'pg_config'), ['--pkglibdir'], { encoding: 'utf8' }).trim();
    return existsSync(path.join(share, 'extension', 'citus.control')) && existsSync(path.join(lib, 'citus.so'));
  } catch {
    return false;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const asRoot = () => process.getuid?.() === 0;

/** Runs one of PostgreSQL's programs, as `postgres` when we are root; throws with its output on failure. */
function runPg(command: string, args: readonly string[]): string {
  const bin = postgresBin();
  const [file, argv] = asRoot()
    ? ['runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args]]
    : [path.join(bin, command), [...args]];
  const result = spawnSync(file, argv, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

/** A folder the clusters' owner may write (as root: handed to `postgres`). */
function ownFolder(dir: string): void {
  mkdirSync(dir, { recursive: true });
  if (!asRoot()) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(dir, uid, gid);
  chmodSync(dir, 0o700);
}

/** One PostgreSQL server of a local cluster: its folder and port; it can be stopped and started again. */
export class LocalNode {
  constructor(
    readonly dir: string,
    readonly port: number,
    private readonly options: { readonly durable: boolean },
  ) {}

  get url(): string {
    return `postgres://kiosk@127.0.0.1:${this.port}/postgres`;
  }

  private get data(): string {
    return path.join(this.dir, 'data');
  }

  /** Makes the cluster (superuser `kiosk`, trust on loopback) unless its folder holds one already. */
  init(citus: boolean): void {
    ownFolder(this.dir);
    if (existsSync(path.join(this.data, 'PG_VERSION'))) return;
    runPg('initdb', ['-D', this.data, '-A', 'trust', '-U', 'kiosk', '--no-sync', '-E', 'UTF8', '--locale=C']);
    const settings = [
      `port = ${this.port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${this.dir}'`,
      // Throwaway clusters for tests trade durability for speed; a cluster for trying keeps it.
      ...(this.options.durable ? [] : ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off']),
      ...(citus ? ["shared_preload_libraries = 'citus'", 'max_prepared_transactions = 100'] : []),
    ];
    writeFileSync(path.join(this.data, 'postgresql.auto.conf'), `${settings.join('\n')}\n`);
    if (asRoot()) execFileSync('chown', ['postgres:postgres', path.join(this.data, 'postgresql.auto.conf')]);
  }

  running(): boolean {
    const bin = postgresBin();
    const argv = ['-D', this.data, 'status'];
    const result = asRoot()
      ? spawnSync('runuser', ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), ...argv])
      : spawnSync(path.join(bin, 'pg_ctl'), argv);
    return result.status === 0;
  }

  start(): void {
    if (this.running()) return;
    runPg('pg_ctl', ['-D', this.data, '-l', path.join(this.dir, 'log'), '-w', 'start']);
  }

  /** `immediate`: as a crashed or unplugged machine (no shutdown checkpoint); `fast` otherwise. */
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    if (!this.running()) return;
    runPg('pg_ctl', ['-D', this.data, '-m', mode, '-w', 'stop']);
  }
}

async function sql(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function createDatabase(nodeUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new Error(`not a database name: ${database}`);
  const { rows } = await sql(nodeUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (rows.length === 0) await sql(nodeUrl, `CREATE DATABASE ${database}`);
}

/**
 * Makes `database` (unless it is `postgres`) on the coordinator and every worker (given by any
 * database's URL on them), creates the Citus extension in each, and adds the workers to the
 * coordinator's copy (Citus keeps its nodes per database). Idempotent; returns the coordinator's URL.
 */
export async function prepareCitusDatabase(
  coordinatorUrl: string,
  workerUrls: readonly string[],
  database: string,
): Promise<string> {
  for (const nodeUrl of [coordinatorUrl, ...workerUrls]) {
    if (database !== 'postgres') await createDatabase(nodeUrl, database);
    await sql(withDatabase(nodeUrl, database), 'CREATE EXTENSION IF NOT EXISTS citus');
  }
  const url = withDatabase(coordinatorUrl, database);
  const port = (u: string) => Number(new URL(u).port);
  await sql(url, 'SELECT citus_set_coordinator_host($1, $2)', ['127.0.0.1', port(coordinatorUrl)]);
  for (const worker of workerUrls) await sql(url, 'SELECT citus_add_node($1, $2)', ['127.0.0.1', port(worker)]);
  return url;
}

export interface LocalClusterOptions {
  /** Folder of the nodes' data (made if missing; a folder from an earlier start is started again). */
  readonly dir: string;
  /** Citus workers; 0 is one plain PostgreSQL server. */
  readonly workers: number;
  /** The coordinator's port (workers take the next ones); absent: free ports (tests). */
  readonly port?: number;
  /** fsync on (for trying with data worth keeping); tests turn it off. */
  readonly durable?: boolean;
}

/** A coordinator and its workers (or one plain server), started on loopback. */
export class LocalCluster {
  private constructor(
    readonly coordinator: LocalNode,
    readonly workers: readonly LocalNode[],
  ) {}

  /** The coordinator's `postgres` database: what the district server's DATABASE_URL names. */
  get url(): string {
    return this.coordinator.url;
  }

  get citus(): boolean {
    return this.workers.length > 0;
  }

  static async start(options: LocalClusterOptions): Promise<LocalCluster> {
    const citus = options.workers > 0;
    if (citus && !citusInstalled())
      throw new Error(
        'Citus is not installed into PostgreSQL: "bash scripts/install.sh --citus" installs it (see the README)',
      );
    ownFolder(options.dir);
    const layoutFile = path.join(options.dir, 'ports.json');
    let ports: number[];
    if (existsSync(layoutFile)) {
      ports = JSON.parse(readFileSync(layoutFile, 'utf8')) as number[];
      if (ports.length !== options.workers + 1)
        throw new Error(`${options.dir} holds a cluster of ${ports.length - 1} workers, not ${options.workers}`);
    } else {
      ports = [];
      for (let i = 0; i <= options.workers; i++)
        ports.push(options.port === undefined ? await freePort() : options.port + i);
      writeFileSync(layoutFile, JSON.stringify(ports));
    }
    const durable = { durable: options.durable ?? false };
    const coordinator = new LocalNode(path.join(options.dir, 'coordinator'), ports[0], durable);
    const workers = ports
      .slice(1)
      .map((port, i) => new LocalNode(path.join(options.dir, `worker${i + 1}`), port, durable));
    for (const node of [coordinator, ...workers]) {
      node.init(citus);
      node.start();
    }
    const cluster = new LocalCluster(coordinator, workers);
    if (citus) await cluster.prepareDatabase('postgres');
    return cluster;
  }

  /** Makes `database` on every node with Citus ready in it (see `prepareCitusDatabase`); returns its URL on the coordinator. */
  async prepareDatabase(database: string): Promise<string> {
    if (!this.citus) {
      if (database !== 'postgres') await createDatabase(this.coordinator.url, database);
      return withDatabase(this.coordinator.url, database);
    }
    return prepareCitusDatabase(
      this.coordinator.url,
      this.workers.map((worker) => worker.url),
      database,
    );
  }

  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    for (const node of [...this.workers, this.coordinator]) node.stop(mode);
  }

  /** Stops the cluster a folder holds (started by `start`, maybe by another process). */
  static stopIn(dir: string): void {
    const layoutFile = path.join(dir, 'ports.json');
    if (!existsSync(layoutFile)) throw new Error(`${dir} holds no local cluster (no ports.json)`);
    const ports = JSON.parse(readFileSync(layoutFile, 'utf8')) as number[];
    const durable = { durable: true };
    new LocalCluster(
      new LocalNode(path.join(dir, 'coordinator'), ports[0], durable),
      ports.slice(1).map((port, i) => new LocalNode(path.join(dir, `worker${i + 1}`), port, durable)),
    ).stop();
  }
}
