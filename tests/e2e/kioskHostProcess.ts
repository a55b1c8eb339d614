/**
 * Starts the browser kiosk host as a real child process (so a test can SIGKILL it) on a free
 * port with its own data directory, and reads the database the way an auditor would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { exchangeLaunchUrl } from '../support/kioskSocket';

export interface HostProcess {
  /** The page URL with the token (`#token=`), got by spending the one-use launch link the host printed, so every page of a test may open it. */
  readonly url: string;
  /** The one-use launch link the host printed (spent by the time `startHost` resolves). */
  readonly printedUrl: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
  kill9(): Promise<void>;
}

export function freshDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-'));
}

/** Starts a host; set up already (`--skip-setup`) unless `firstRun` asks for the wizard. */
export async function startHost(
  dataDir = freshDataDir(),
  extraArgs: readonly string[] = [],
  options: { firstRun?: boolean } = {},
): Promise<HostProcess> {
  const setup = options.firstRun ? [] : ['--skip-setup'];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/web-host.ts', '--data', dataDir, '--port', '0', '--no-open', ...setup, ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const printedUrl = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`host did not start in 20 s: ${stderr}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /kiosk ready: (\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await exchangeLaunchUrl(printedUrl);
  return {
    url,
    printedUrl,
    dataDir,
    child,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export interface StoredScan {
  readonly outcome: string;
  readonly kind: string;
  readonly direction: string | null;
  readonly id_number: string | null;
  readonly full_name: string | null;
  readonly birth_date: string | null;
  readonly address: string | null;
  readonly reason: string | null;
}

/** Every row of the kiosk database, oldest first. */
export function readScans(dataDir: string): StoredScan[] {
  const db = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    return db
      .prepare(
        'SELECT outcome, kind, direction, id_number, full_name, birth_date, address, reason FROM scans ORDER BY seq',
      )
      .all() as StoredScan[];
  } finally {
    db.close();
  }
}

/** Every scan id in a kiosk's database. */
export function kioskScanIds(dataDir: string): string[] {
  const db = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT id FROM scans ORDER BY id').all() as { id: string }[]).map((row) => row.id);
  } finally {
    db.close();
  }
}
