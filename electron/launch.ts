/**
 * `npm start`: the Electron shell where its runtime is installed and the shell is built, otherwise
 * the browser kiosk host (which prints its URL and opens Chromium/Chrome in app mode if found).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electronRuntime';
import { main as startWebHost } from './web-host';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const binary = electronBinary();
const shell = path.join(PROJECT_ROOT, 'dist-electron', 'main.mjs');
if (binary && existsSync(shell)) {
  const child = spawn(binary, [PROJECT_ROOT, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stderr.write('launch: Electron runtime or shell not present; starting the browser kiosk host\n');
  startWebHost(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
