/**
 * Another commit's tree for a bench's baseline: `git archive` of `rev` unpacked once in the temporary
 * folder, with this tree's node_modules linked in, so the same run measures before and after on the
 * same machine and load.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** This repository's root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The folder holding the tree of `rev` (unpacked on first use). */
export function baselineTree(rev: string): string {
  const sha = execFileSync('git', ['rev-parse', '--short', rev], { cwd: ROOT, encoding: 'utf8' }).trim();
  const tree = path.join(os.tmpdir(), `kiosk-bench-tree-${sha}`);
  if (!existsSync(path.join(tree, 'server', 'main.ts'))) {
    mkdirSync(tree, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${sha} | tar -x -C "${tree}"`], { cwd: ROOT });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(tree, 'node_modules'));
  }
  return tree;
}
