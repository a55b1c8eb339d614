/**
 * The district server as a child process with its arguments and environment open (unlike
 * `serverProcess.ts`, which fixes them): a data folder to reuse across restarts, stderr kept.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitForLine } from './serverProcess';

export interface DistrictProcess {
  readonly url: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code when the process ends. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

export interface DistrictProcessOptions {
  readonly dataDir?: string;
  readonly args?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

export async function startDistrictProcess(options: DistrictProcessOptions = {}): Promise<DistrictProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'district-proc-'));
  const env = { ...process.env, DISTRICT_ADMIN_TOKEN: '', ...options.env };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--data', dataDir, '--port', '0', ...(options.args ?? [])], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const match = await waitForLine(child, /listening on (\S+)/, 'district server');
  return {
    url: match[1],
    dataDir,
    child,
    stderr: () => stderr,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
