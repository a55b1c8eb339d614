/**
 * Green means durable on every path, not only a plain scan: the direction asked of staff (`ask`
 * mode), the self-service health declaration, manual entry, undo and flip, each with the disk full
 * under it (a small tmpfs, root only: CI and these machines run as root). The answer is never
 * "recorded" (nor "voided") unless its row is in the SQLite file, read after; the kiosk says it
 * cannot record; and the same path records again once the disk has room.
 */
import { appendFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Kiosk } from '../../electron/core/Kiosk';
import { memoryLogger } from '../../electron/core/log';
import type { ScanResult } from '../../shared/kioskScans';
import type { SettingsPatch } from '../../shared/kioskSettings';
import { cccdText } from '../support/cccdSamples';
import { canMount, mountTmpfs, type Tmpfs } from '../support/tmpfs';
import { waitUntil } from '../support/waitUntil';

interface Row {
  readonly id: string;
  readonly direction: string | null;
  readonly voids: string | null;
  readonly source: string;
  readonly declaration: string | null;
}

/** A visitor's card, one per `n`. */
function card(n: number): string {
  return cccdText({
    id: `0371880${String(n).padStart(5, '0')}`,
    name: 'Phạm Thị Hồng',
    birth: '23071988',
    gender: 'Nữ',
    address: 'Xóm 3, Xã Ninh Hải, Huyện Hoa Lư, Ninh Bình',
    issue: '09092021',
  });
}

describe.runIf(canMount)('green means durable on every path (2 MiB tmpfs, needs root)', () => {
  let disk: Tmpfs;
  let kiosk: Kiosk | null = null;
  beforeEach(() => {
    disk = mountTmpfs('2m', 'kiosk-paths');
  });
  afterEach(async () => {
    await kiosk?.close();
    kiosk = null;
    disk.unmount();
  });

  /** A started kiosk on the tmpfs that hears every result and every storage change. */
  function openKiosk(settings: SettingsPatch): {
    kiosk: Kiosk;
    dataDir: string;
    announced: ScanResult[];
    storage: (string | null)[];
  } {
    const dataDir = path.join(disk.path, 'data');
    const opened = Kiosk.open({ dataDir, logger: memoryLogger(), storageRetryMs: 50, settingsOverride: settings });
    kiosk = opened;
    opened.start();
    const announced: ScanResult[] = [];
    const storage: (string | null)[] = [];
    opened.subscribe((event) => {
      if (event.name === 'scan-handled') announced.push(event.payload);
      if (event.name === 'storage-changed') storage.push(event.payload);
    });
    // A first visitor while there is room (the install's first write also keeps its salt).
    const first = opened.parts.pipeline.recordManual({
      fullName: 'Lê Thị Thu Hà',
      idNumber: '037300000001',
      direction: 'in',
    });
    expect(first.outcome).toBe('recorded');
    return { kiosk: opened, dataDir, announced, storage };
  }

  /**
   * Fills the disk until a scan cannot be recorded even after the kiosk frees what it can (its
   * reserve, the WAL). Scans carrying their direction, from the counter (source manual: no
   * declaration asked): an open in/out question stays open.
   */
  function fillUntilWritesFail(target: Kiosk): void {
    for (let round = 0; round < 20; round += 1) {
      fillDisk(path.join(disk.path, `filler-${round}`));
      for (let i = 0; i < 50; i += 1) {
        const raw = `VE-FILL-${round}-${i}`;
        const result = target.parts.pipeline.submit({ raw, source: 'manual', direction: 'in' });
        if (result.outcome === 'failed') {
          expect(result).toMatchObject({ reason: 'store-full', scanId: null });
          // What freeing gave back and the failed write did not use is taken too.
          fillDisk(path.join(disk.path, `filler-${round}-last`));
          return;
        }
      }
    }
    throw new Error('the disk never filled');
  }

  /** Room again: the kiosk's own retry clears the trouble, said on screen. */
  async function freeDisk(storage: (string | null)[]): Promise<void> {
    for (const name of readdirSync(disk.path)) if (name.startsWith('filler-')) rmSync(path.join(disk.path, name));
    await waitUntil(() => storage.at(-1) === null, 'the storage state to clear');
  }

  function rowsOnDisk(dataDir: string): Map<string, Row> {
    const db = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
    try {
      const rows = db.prepare('SELECT id, direction, voids, source, declaration FROM scans').all() as Row[];
      return new Map(rows.map((row) => [row.id, row]));
    } finally {
      db.close();
    }
  }

  /**
   * The promise, read from the file after the kiosk closed: every "recorded" or "voided" answer it
   * gave (returned or announced) names a row on disk; every "failed" names none.
   */
  async function expectEveryGreenOnDisk(dataDir: string, answers: readonly ScanResult[]): Promise<void> {
    await kiosk?.close();
    kiosk = null;
    const rows = rowsOnDisk(dataDir);
    const green = answers.filter((answer) => answer.outcome === 'recorded' || answer.outcome === 'voided');
    expect(green.filter((answer) => answer.scanId === null || !rows.has(answer.scanId))).toEqual([]);
    expect(answers.filter((answer) => answer.outcome === 'failed' && answer.scanId !== null)).toEqual([]);
  }

  it('the direction asked of staff ("ask" mode): never recorded on a full disk, nor the scans waiting behind it', async () => {
    const { kiosk: k, dataDir, announced, storage } = openKiosk({ directionMode: 'ask' });
    expect(k.parts.pipeline.submit({ raw: card(1), source: 'serial' }).outcome).toBe('needs-direction');
    // A second visitor waits behind the open question, and is handled when staff answer it.
    expect(k.parts.pipeline.submit({ raw: card(2), source: 'serial' })).toMatchObject({ waitingScans: 1 });
    fillUntilWritesFail(k);
    const before = rowsOnDisk(dataDir).size;
    const heard = announced.length;
    const chosen = k.parts.pipeline.chooseDirection('in');
    expect(chosen).toMatchObject({ outcome: 'failed', reason: 'store-full', scanId: null });
    // The visitor behind is asked about in turn (its own question), and answered "failed" too.
    expect(announced.slice(heard).map((answer) => [answer.outcome, answer.reason])).toEqual([
      ['failed', 'store-full'],
      ['needs-direction', null],
    ]);
    const behind = k.parts.pipeline.chooseDirection('out');
    expect(behind).toMatchObject({ outcome: 'failed', reason: 'store-full', scanId: null });
    expect(rowsOnDisk(dataDir).size).toBe(before);
    expect(k.parts.state.read().storageProblem).toBe('full');

    await freeDisk(storage);
    expect(k.parts.pipeline.submit({ raw: card(1), source: 'serial' }).outcome).toBe('needs-direction');
    const again = k.parts.pipeline.chooseDirection('out');
    expect(again).toMatchObject({ outcome: 'recorded', direction: 'out' });
    expect(rowsOnDisk(dataDir).get(again.scanId ?? '')).toMatchObject({ direction: 'out' });
    await expectEveryGreenOnDisk(dataDir, [chosen, behind, again, ...announced]);
  });

  it('the self-service health declaration: never recorded on a full disk', async () => {
    const {
      kiosk: k,
      dataDir,
      announced,
      storage,
    } = openKiosk({
      kioskMode: 'self-service',
      directionMode: 'in',
      healthQuestions: ['Có sốt không?', 'Có ho không?'],
    });
    fillUntilWritesFail(k);
    // Asking writes nothing: the visitor is asked even on a full disk.
    expect(k.parts.pipeline.submit({ raw: card(3), source: 'serial' }).outcome).toBe('needs-declaration');
    const before = rowsOnDisk(dataDir).size;
    const declared = k.parts.pipeline.submitDeclaration([false, true]);
    expect(declared).toMatchObject({ outcome: 'failed', reason: 'store-full', scanId: null });
    expect(rowsOnDisk(dataDir).size).toBe(before);

    await freeDisk(storage);
    expect(k.parts.pipeline.submit({ raw: card(3), source: 'serial' }).outcome).toBe('needs-declaration');
    const again = k.parts.pipeline.submitDeclaration([false, true]);
    expect(again).toMatchObject({ outcome: 'recorded', declaredYes: true });
    expect(rowsOnDisk(dataDir).get(again.scanId ?? '')).toMatchObject({ declaration: 'yes:2' });
    await expectEveryGreenOnDisk(dataDir, [declared, again, ...announced]);
  });

  it('manual entry: never recorded on a full disk', async () => {
    const { kiosk: k, dataDir, announced, storage } = openKiosk({ directionMode: 'auto' });
    fillUntilWritesFail(k);
    const before = rowsOnDisk(dataDir).size;
    const entry = { fullName: 'Nguyễn Văn An', idNumber: '079200001234', direction: 'in' } as const;
    const manual = k.parts.pipeline.recordManual(entry);
    expect(manual).toMatchObject({ outcome: 'failed', reason: 'store-full', scanId: null });
    expect(rowsOnDisk(dataDir).size).toBe(before);

    await freeDisk(storage);
    const again = k.parts.pipeline.recordManual(entry);
    expect(again).toMatchObject({ outcome: 'recorded', direction: 'in' });
    expect(rowsOnDisk(dataDir).get(again.scanId ?? '')).toMatchObject({ source: 'manual', direction: 'in' });
    await expectEveryGreenOnDisk(dataDir, [manual, again, ...announced]);
  });

  it('undo: refused in words on a full disk, the scan left as it was; voided once there is room', async () => {
    const { kiosk: k, dataDir, announced, storage } = openKiosk({ directionMode: 'in' });
    fillUntilWritesFail(k);
    const last = k.parts.corrections.correctable();
    expect(last).not.toBeNull();
    const before = rowsOnDisk(dataDir).size;
    expect(() => k.parts.corrections.undo()).toThrow(expect.objectContaining({ code: 'storage-unavailable' }));
    expect(rowsOnDisk(dataDir).size).toBe(before);
    expect(k.parts.corrections.correctable()?.id).toBe(last?.id);

    await freeDisk(storage);
    const undone = k.parts.corrections.undo();
    expect(undone).toMatchObject({ outcome: 'voided', voidsScanId: last?.id });
    expect(rowsOnDisk(dataDir).get(undone.scanId ?? '')).toMatchObject({ voids: last?.id });
    await expectEveryGreenOnDisk(dataDir, [undone, ...announced]);
  });

  it('flip: refused in words on a full disk, neither row written; flipped once there is room', async () => {
    const { kiosk: k, dataDir, announced, storage } = openKiosk({ directionMode: 'in' });
    fillUntilWritesFail(k);
    const last = k.parts.corrections.correctable();
    expect(last).toMatchObject({ direction: 'in' });
    const before = rowsOnDisk(dataDir).size;
    expect(() => k.parts.corrections.flip()).toThrow(expect.objectContaining({ code: 'storage-unavailable' }));
    expect(rowsOnDisk(dataDir).size).toBe(before);

    await freeDisk(storage);
    const flipped = k.parts.corrections.flip();
    expect(flipped).toMatchObject({ outcome: 'recorded', direction: 'out', voidsScanId: last?.id });
    const rows = rowsOnDisk(dataDir);
    expect(rows.get(flipped.scanId ?? '')).toMatchObject({ direction: 'out', voids: null });
    expect([...rows.values()].filter((row) => row.voids === last?.id)).toHaveLength(1);
    await expectEveryGreenOnDisk(dataDir, [flipped, ...announced]);
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
