/** The district server as a real child process on a free loopback port. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ADMIN_TOKEN } from './districtHttp';

export interface ServerProcess {
  readonly url: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** Every scan id the server holds, with how many times (always 1 if ingest is idempotent). */
  scanIds(): string[];
  stop(): Promise<void>;
}

export async function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start in 20 s: ${stderr}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = pattern.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}: ${stderr}`));
    });
  });
}

/** `cwd`: the tree whose server runs (a benchmark's baseline); `nodeArgs`: before the script (a CPU profile). */
export async function startServerProcess(env: NodeJS.ProcessEnv = {}, options: { cwd?: string; nodeArgs?: readonly string[] } = {}): Promise<ServerProcess> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'district-proc-'));
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'server/main.ts', '--data', dataDir, '--port', '0', '--admin-token', ADMIN_TOKEN], {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const match = await waitForLine(child, /listening on (\S+)/, 'district server');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: match[1],
    dataDir,
    child,
    scanIds() {
      const db = new Database(path.join(dataDir, 'district.sqlite'), { readonly: true });
      try {
        return (db.prepare('SELECT id FROM scans ORDER BY id').all() as { id: string }[]).map((row) => row.id);
      } finally {
        db.close();
      }
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
