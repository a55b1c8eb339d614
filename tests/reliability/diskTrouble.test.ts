/**
 * The database on a full file system: a small tmpfs mounted for the test (root only:
 * CI and these machines run as root). The screen must never say "recorded" for a row not on disk.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kiosk } from '../../electron/core/Kiosk';
import { memoryLogger } from '../../electron/core/log';

const isRoot = process.getuid?.() === 0;
const mountPoint = mkdtempSync(path.join(os.tmpdir(), 'kiosk-tmpfs-'));

describe.runIf(isRoot)('disk trouble (tmpfs, needs root)', () => {
  beforeAll(() => execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint]));
  afterAll(() => {
    execFileSync('umount', ['-l', mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('answers "failed" (never recorded) on a full disk, keeps every confirmed row, and records again when space returns', async () => {
    const dataDir = path.join(mountPoint, 'data');
    const kiosk = Kiosk.open({ dataDir, logger: memoryLogger() });
    // Leave a little room, then scan until the disk is full.
    const filler = path.join(mountPoint, 'filler');
    let size = 700 * 1024;
    for (;;) {
      try {
        writeFileSync(filler, Buffer.alloc(size));
        break;
      } catch {
        size -= 32 * 1024;
      }
    }
    const confirmed: string[] = [];
    let failed = 0;
    for (let i = 0; i < 5000 && failed < 20; i += 1) {
      const result = kiosk.submitScan({ raw: `VE-FULL-${i}-${'z'.repeat(150)}`, source: 'serial' });
      expect(['recorded', 'failed']).toContain(result.outcome);
      if (result.outcome === 'recorded' && result.scanId) confirmed.push(result.scanId);
      else failed += 1;
    }
    expect(failed).toBeGreaterThan(0);
    rmSync(filler);
    expect(kiosk.submitScan({ raw: 'VE-AFTER-SPACE', source: 'serial' }).outcome).toBe('recorded');
    await kiosk.close();
    const reopened = Kiosk.open({ dataDir, logger: memoryLogger() });
    const ids = new Set(reopened.getState().recent.map((entry) => entry.scanId));
    expect(reopened.getState().counts.in).toBe(confirmed.length + 1);
    for (const id of confirmed.slice(-15)) expect(ids.has(id)).toBe(true);
    await reopened.close();
  });
});

if (!isRoot) console.log('disk trouble tests: SKIPPED (mounting a tmpfs needs root; CI runs as root)');
