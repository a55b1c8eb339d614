/**
 * The database on a full or read-only file system: small tmpfs mounts made for the test (root
 * only: CI and these machines run as root). The screen must never say "recorded" for a row not on
 * disk, must say in words that it cannot record, and must record again by itself when it can.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Kiosk } from '../../electron/core/Kiosk';
import { memoryLogger } from '../../electron/core/log';
import { createVenue } from '../support/districtHttp';
import { startServerProcess } from '../support/serverProcess';
import { canMount, mountTmpfs, type Tmpfs } from '../support/tmpfs';
import { waitUntil } from '../support/waitUntil';

describe.runIf(canMount)('disk trouble (tmpfs, needs root)', () => {
  let disk: Tmpfs;
  let mountPoint = '';
  beforeAll(() => {
    disk = mountTmpfs('1m', 'kiosk-tmpfs');
    mountPoint = disk.path;
  });
  afterAll(() => disk.unmount());

  it('answers "failed" (never recorded) on a full disk, keeps every confirmed row, and records again when space returns', async () => {
    const dataDir = path.join(mountPoint, 'data');
    const kiosk = Kiosk.open({ dataDir, logger: memoryLogger(), storageRetryMs: 50 });
    kiosk.start();
    const storageEvents = collectStorageEvents(kiosk);
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
      const result = kiosk.parts.pipeline.submit({ raw: `VE-FULL-${i}-${'z'.repeat(50)}`, source: 'serial' });
      expect(['recorded', 'failed']).toContain(result.outcome);
      if (result.outcome === 'recorded' && result.scanId) confirmed.push(result.scanId);
      else {
        failed += 1;
        expect(result).toMatchObject({ reason: 'store-full', scanId: null });
      }
    }
    expect(failed).toBeGreaterThan(0);
    // Said on screen until it clears, not only on the card of each failed scan.
    expect(kiosk.parts.state.read().storageProblem).toBe('full');
    expect(storageEvents).toEqual(['full']);
    rmSync(filler);
    // Cleared by the kiosk's own retry, before anyone scans again.
    await waitUntil(() => storageEvents.length === 2, 'the storage state');
    expect(storageEvents).toEqual(['full', null]);
    expect(kiosk.parts.state.read().storageProblem).toBeNull();
    expect(kiosk.parts.pipeline.submit({ raw: 'VE-AFTER-SPACE', source: 'serial' }).outcome).toBe('recorded');
    await kiosk.close();
    const reopened = Kiosk.open({ dataDir, logger: memoryLogger() });
    const ids = new Set(reopened.parts.state.read().recent.map((entry) => entry.scanId));
    expect(reopened.parts.state.read().counts.in).toBe(confirmed.length + 1);
    for (const id of confirmed.slice(-15)) expect(ids.has(id)).toBe(true);
    await reopened.close();
  });
});

describe.runIf(canMount)('a disk filled by the WAL itself (2 MiB tmpfs, needs root)', () => {
  let disk: Tmpfs;
  beforeEach(() => {
    disk = mountTmpfs('2m', 'kiosk-wal');
  });
  afterEach(() => disk.unmount());

  it('records a steady stream that never leaves a quiet second, without the WAL filling the disk', async () => {
    const dataDir = path.join(disk.path, 'steady');
    // One scan every 0.7 s at a boarding queue, against the real 1 s quiet time and 5 s longest
    // delay, on a fake clock: the 0.7 s between scans are exactly 0.7 s, so no quiet second ever
    // comes, and only the longest delay can checkpoint the WAL (nothing is left to the machine's load).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const kiosk = Kiosk.open({
      dataDir,
      logger: memoryLogger(),
      settingsOverride: { directionMode: 'in', privacyProfile: 'full', serialPort: null },
      checkpointTiming: { quietMs: 1_000, maxDelayMs: 5_000 },
    });
    try {
      kiosk.start();
      const outcomes = new Map<string, number>();
      let largestWal = 0;
      for (let i = 0; i < 300; i += 1) {
        const outcome = kiosk.parts.pipeline.submit({
          raw: `00109${String(9000000 + i).padStart(7, '0')}||Nguyễn Văn Khách ${i}|01021999|Nam|${'Thôn Đông, Xã An Hải, Huyện Lý Sơn, Quảng Ngãi '.repeat(3)}|15032022`,
          source: 'serial',
        }).outcome;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        largestWal = Math.max(
          largestWal,
          existsSync(path.join(dataDir, 'kiosk.sqlite-wal'))
            ? statSync(path.join(dataDir, 'kiosk.sqlite-wal')).size
            : 0,
        );
        // The row's follow-up (setImmediate, not faked) runs, then 0.7 s pass on the fake clock.
        await new Promise((resolve) => setImmediate(resolve));
        vi.advanceTimersByTime(700);
      }
      expect(Object.fromEntries(outcomes)).toEqual({ recorded: 300 });
      expect(largestWal).toBeLessThan(1024 * 1024);
    } finally {
      vi.useRealTimers();
      await kiosk.close();
    }
  });

  it('says the disk is full, not offline, when the upload’s answer cannot be kept', async () => {
    const district = await startServerProcess();
    const kiosk = Kiosk.open({
      dataDir: path.join(disk.path, 'upload'),
      logger: memoryLogger(),
      settingsOverride: { directionMode: 'in' },
    });
    const filler = path.join(disk.path, 'filler');
    try {
      const { code } = await createVenue(district.url, 'Cảng Lý Sơn', 'port');
      await kiosk.parts.enrollment.enroll(code, district.url);
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const result = kiosk.parts.pipeline.submit({ raw: `VE-UPLOAD-${i}`, source: 'serial' });
        expect(result.outcome).toBe('recorded');
        ids.push(result.scanId ?? '');
      }
      fillDisk(filler);
      expect(await kiosk.parts.uploader.sendNow()).toMatchObject({ pendingCount: 5, lastError: { code: 'disk-full' } });
      // The district took the batch; the kiosk could not keep the answer, so it sends it again once
      // there is room, and the server's per-id "duplicate" answer moves the cursor: one copy each.
      expect(district.scanIds()).toEqual([...ids].sort());
      rmSync(filler);
      expect(await kiosk.parts.uploader.sendNow()).toMatchObject({ pendingCount: 0, lastError: null });
      expect(district.scanIds()).toEqual([...ids].sort());
    } finally {
      rmSync(filler, { force: true });
      await kiosk.close();
      await district.stop();
    }
  });

  it('opens and records after a restart on a disk left full, by giving back its reserve', async () => {
    const dataDir = path.join(disk.path, 'restart');
    const first = Kiosk.open({ dataDir, logger: memoryLogger(), settingsOverride: { directionMode: 'in' } });
    first.start();
    expect(first.parts.pipeline.submit({ raw: 'VE-BEFORE-FULL', source: 'serial' }).outcome).toBe('recorded');
    await first.close();
    const filler = path.join(disk.path, 'filler');
    fillDisk(filler);
    try {
      const kiosk = Kiosk.open({ dataDir, logger: memoryLogger() });
      kiosk.start();
      expect(kiosk.parts.state.read().storageProblem).toBeNull();
      expect(kiosk.parts.pipeline.submit({ raw: 'VE-AFTER-RESTART', source: 'serial' }).outcome).toBe('recorded');
      await kiosk.close();
    } finally {
      rmSync(filler);
    }
  });
});

/** Writes `file` until the disk has no room left. */
function fillDisk(file: string): void {
  let size = 64 * 1024 * 1024;
  writeFileSync(file, '');
  while (size >= 512) {
    try {
      appendFileSync(file, Buffer.alloc(size));
    } catch {
      size = Math.floor(size / 2);
    }
  }
}

describe.runIf(canMount)('read-only disk (tmpfs remounted read-only, needs root)', () => {
  let disk: Tmpfs;
  beforeAll(() => {
    disk = mountTmpfs('8m', 'kiosk-ro');
  });
  afterAll(() => disk.unmount());

  it('starts saying it cannot record, never answers green, keeps the venue and PIN, and records when the disk is writable again', async () => {
    const dataDir = path.join(disk.path, 'data');
    const first = Kiosk.open({ dataDir, logger: memoryLogger() });
    first.parts.settings.update({ venueName: 'Cảng Sa Kỳ', setupDone: true, directionMode: 'in' });
    first.parts.admin.setPin('2468');
    const kept = first.parts.pipeline.submit({ raw: 'VE-BEFORE-RO', source: 'serial' });
    expect(kept.outcome).toBe('recorded');
    await first.close();

    disk.remount('ro');
    const logger = memoryLogger();
    const kiosk = Kiosk.open({ dataDir, logger, storageRetryMs: 50 });
    kiosk.start();
    const storageEvents = collectStorageEvents(kiosk);
    try {
      const state = kiosk.parts.state.read();
      expect(state.storageProblem).toBe('read-only');
      expect(state.settings.venueName).toBe('Cảng Sa Kỳ');
      for (let i = 0; i < 3; i += 1) {
        expect(kiosk.parts.pipeline.submit({ raw: `VE-WHILE-RO-${i}`, source: 'serial' })).toMatchObject({
          outcome: 'failed',
          reason: 'store-read-only',
          scanId: null,
        });
      }
      // Garbage is still refused in words; nothing pretends to be logged.
      expect(kiosk.parts.pipeline.submit({ raw: '\u0007\u0000', source: 'serial' })).toMatchObject({
        outcome: 'refused',
        scanId: null,
      });
      // The PIN from the file still opens admin; what cannot be saved is refused, not lost quietly.
      kiosk.parts.admin.unlock('2468');
      expect(() => kiosk.parts.settings.updateFromPage({ venueName: 'Lost' })).toThrow(
        expect.objectContaining({ code: 'storage-unavailable' }),
      );
      expect(logger.lines.map((line) => JSON.parse(line) as { where: string; problem?: string })).toContainEqual(
        expect.objectContaining({ where: 'kiosk.open', problem: 'read-only' }),
      );
    } finally {
      disk.remount('rw');
    }
    await waitUntil(() => storageEvents.includes(null), 'the storage state');
    expect(kiosk.parts.state.read()).toMatchObject({ storageProblem: null, settings: { venueName: 'Cảng Sa Kỳ' } });
    const after = kiosk.parts.pipeline.submit({ raw: 'VE-AFTER-RO', source: 'serial' });
    expect(after.outcome).toBe('recorded');
    expect(after.counts.in).toBe(2);
    await kiosk.close();

    const reopened = Kiosk.open({ dataDir, logger: memoryLogger() });
    const recent = reopened.parts.state.read().recent.map((entry) => entry.scanId);
    expect(recent.sort()).toEqual([kept.scanId, after.scanId].sort());
    await reopened.close();
  });

  it('starts saying it cannot record when a power cut left the WAL behind (SQLite would open it read-only)', async () => {
    const dataDir = path.join(disk.path, 'cut');
    const first = Kiosk.open({ dataDir, logger: memoryLogger() });
    await first.close();
    // A process that writes and dies without closing, as in a power cut: -wal and -shm stay.
    const file = path.join(dataDir, 'kiosk.sqlite');
    const script = `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(file)}); db.prepare("INSERT INTO settings (key, value) VALUES ('cut', '1')").run(); process.kill(process.pid, 'SIGKILL');`;
    expect(spawnSync(process.execPath, ['-e', script], { stdio: 'ignore' }).signal).toBe('SIGKILL');
    expect(existsSync(`${file}-wal`) && existsSync(`${file}-shm`)).toBe(true);

    disk.remount('ro');
    try {
      const kiosk = Kiosk.open({ dataDir, logger: memoryLogger(), settingsOverride: { setupDone: true } });
      expect(kiosk.parts.state.read().storageProblem).toBe('read-only');
      expect(kiosk.parts.pipeline.submit({ raw: 'VE-AFTER-CUT', source: 'serial' })).toMatchObject({
        outcome: 'failed',
        reason: 'store-read-only',
      });
      await kiosk.close();
    } finally {
      disk.remount('rw');
    }
  });

  it('starts on the scan screen, not an open setup wizard, when nothing of the file can be read', async () => {
    const dataDir = path.join(disk.path, 'empty');
    disk.remount('ro');
    try {
      const kiosk = Kiosk.open({ dataDir, logger: memoryLogger() });
      expect(kiosk.parts.state.read()).toMatchObject({
        storageProblem: 'read-only',
        adminUnlocked: false,
        settings: { setupDone: true },
      });
      expect(kiosk.parts.pipeline.submit({ raw: 'VE-NO-FILE', source: 'serial' })).toMatchObject({
        outcome: 'failed',
        reason: 'store-read-only',
      });
      await kiosk.close();
    } finally {
      disk.remount('rw');
    }
  });
});

function collectStorageEvents(kiosk: Kiosk): (string | null)[] {
  const events: (string | null)[] = [];
  kiosk.subscribe((event) => {
    if (event.name === 'storage-changed') events.push(event.payload);
  });
  return events;
}

if (!canMount) console.log('disk trouble tests: SKIPPED (mounting a tmpfs needs root; CI runs as root)');
