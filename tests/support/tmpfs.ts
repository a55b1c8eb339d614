/** A small tmpfs for disk-trouble tests (mounting needs root; CI and these machines run as root). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Tmpfs {
  readonly path: string;
  /** Remounts it read-only or writable again (only while nothing has a file open for writing). */
  remount(mode: 'ro' | 'rw'): void;
  unmount(): void;
}

export const canMount = process.getuid?.() === 0;

export function mountTmpfs(size: string, name: string): Tmpfs {
  const at = mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', at]);
  return {
    path: at,
    remount: (mode) => execFileSync('mount', ['-o', `remount,${mode}`, at]),
    unmount: () => {
      execFileSync('umount', ['-l', at]);
      rmSync(at, { recursive: true, force: true });
    },
  };
}
