import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One temporary folder for a whole test run: `TMPDIR` points into it for the runner's workers and
 * every process they start (kiosk hosts, servers, PostgreSQL), and the returned teardown removes it,
 * so the hundreds of `mkdtemp` folders the tests make (databases, data folders, PDFs) do not pile up
 * in /tmp run after run. Open to other users to traverse: PostgreSQL runs as its own user when the
 * tests run as root.
 */
export function useRunTmpDir(prefix: string): () => void {
  const before = process.env.TMPDIR;
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755);
  process.env.TMPDIR = dir;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(dir, { recursive: true, force: true });
  };
}
