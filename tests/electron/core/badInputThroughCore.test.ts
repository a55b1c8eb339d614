/**
 * Bad input is answered, never fatal, through the whole core: arbitrary text and bytes (fast-check)
 * through the core's submit-scan entry (`dispatchKioskCall`, as a page calls it) to the store, and
 * garbage bytes on a real serial line (a socat pty pair) through the scanner driver. Each input gets
 * a clear answer (refused, recorded or already recorded; or the call refused as invalid input),
 * a refused one leaves no personal field in the file, and a real scan right after it is recorded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchKioskCall } from '../../../electron/core/dispatchKioskCall';
import { Kiosk } from '../../../electron/core/Kiosk';
import { memoryLogger } from '../../../electron/core/log';
import { MAX_RAW_CHARS, type ScanResult } from '../../../shared/kioskScans';
import { cccdText } from '../../support/cccdSamples';
import { openKioskFixture, type KioskFixture } from '../../support/kioskFixture';
import { waitUntil } from '../../support/waitUntil';

/** The answers a person can read at once; anything else (`failed` on a good disk, a throw) is a bug. */
const CLEAR_OUTCOMES = ['recorded', 'refused', 'duplicate'];
const PERSONAL = ['id_number', 'full_name', 'birth_date', 'gender', 'address', 'code_text', 'subject_key'] as const;

/** A real visitor's card, one per `n` (never within another's duplicate window). */
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

function readRow(dataDir: string, id: string): Record<string, unknown> | undefined {
  const db = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT * FROM scans WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  } finally {
    db.close();
  }
}

/** One answer to bad input, checked against the file: clear, and nothing personal kept when refused. */
function expectClearAnswer(dataDir: string, result: ScanResult): void {
  expect(CLEAR_OUTCOMES).toContain(result.outcome);
  if (result.outcome === 'refused') {
    expect(result.reason).not.toBeNull();
    expect(result).toMatchObject({ displayName: null, maskedId: null });
    // Logged as a row (the venue sees refusals), without any personal field.
    const row = readRow(dataDir, result.scanId ?? '');
    expect(row).toMatchObject({ outcome: 'refused' });
    for (const field of PERSONAL) expect(row?.[field]).toBeNull();
  }
  if (result.outcome === 'recorded')
    expect(readRow(dataDir, result.scanId ?? '')).toMatchObject({ outcome: 'recorded' });
}

function expectRealScanRecorded(dataDir: string, result: ScanResult, n: number): void {
  expect(result).toMatchObject({ outcome: 'recorded', kind: 'cccd' });
  expect(readRow(dataDir, result.scanId ?? '')).toMatchObject({ outcome: 'recorded', kind: 'cccd' });
  expect(result.maskedId?.slice(-3)).toBe(String(n).padStart(5, '0').slice(-3));
}

describe('arbitrary input through submitScan to the store', () => {
  let fixture: KioskFixture | null = null;
  afterEach(async () => {
    await fixture?.kiosk.close();
    fixture = null;
  });

  async function submitThenRealScan(raw: string, n: number): Promise<void> {
    const f = fixture;
    if (!f) throw new Error('no kiosk');
    const answer = await dispatchKioskCall(f.kiosk.parts, 'submitScan', { raw, source: 'serial' }, f.logger);
    if (answer.ok) expectClearAnswer(f.dataDir, answer.value as ScanResult);
    // Only what the contract refuses outright (longer than a scan can be) is answered as an error.
    else {
      expect(answer.error.code).toBe('invalid-input');
      expect(raw.length).toBeGreaterThan(MAX_RAW_CHARS);
    }
    f.advance(1_000);
    const real = await dispatchKioskCall(f.kiosk.parts, 'submitScan', { raw: card(n), source: 'serial' }, f.logger);
    expect(real.ok).toBe(true);
    if (real.ok) expectRealScanRecorded(f.dataDir, real.value as ScanResult, n);
    f.advance(1_000);
  }

  it('answers any text clearly, keeps nothing personal of what it refuses, and records the next real scan', async () => {
    fixture = openKioskFixture({ directionMode: 'in', privacyProfile: 'full', duplicateWindowSeconds: 60 });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.string({ unit: 'grapheme', maxLength: 300 }),
          // Near a real card: a CCCD with characters changed, cut or doubled.
          fc
            .tuple(fc.nat({ max: 80 }), fc.string({ unit: 'binary', maxLength: 8 }), fc.nat({ max: 80 }))
            .map(([at, noise, cut]) => {
              const text = card(99_999);
              return `${text.slice(0, at)}${noise}${text.slice(at + (cut % 5))}`;
            }),
        ),
        async (raw) => {
          n += 1;
          await submitThenRealScan(raw, n);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers any bytes clearly (read as UTF-8 and as Latin-1), and records the next real scan', async () => {
    fixture = openKioskFixture({ directionMode: 'in', privacyProfile: 'full' });
    let n = 50_000;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.boolean(), async (bytes, utf8) => {
        n += 1;
        await submitThenRealScan(Buffer.from(bytes).toString(utf8 ? 'utf8' : 'latin1'), n);
      }),
      { numRuns: 300 },
    );
  });

  it('answers text past the longest scan as invalid input, and records the next real scan', async () => {
    fixture = openKioskFixture({ directionMode: 'in' });
    await submitThenRealScan('9'.repeat(MAX_RAW_CHARS + 1), 1);
  });
});

describe('garbage bytes on a serial port (socat pty pair)', () => {
  let socat: ChildProcess | null = null;
  let kiosk: Kiosk | null = null;
  afterEach(async () => {
    await kiosk?.close();
    kiosk = null;
    socat?.kill('SIGKILL');
    socat = null;
  });

  it('answers every garbage line clearly, keeps nothing personal of what it refuses, and records the real scan after each', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-serial-garbage-'));
    const scannerEnd = path.join(dir, 'scanner');
    const kioskEnd = path.join(dir, 'kiosk');
    socat = spawn('socat', [`pty,raw,echo=0,link=${scannerEnd}`, `pty,raw,echo=0,link=${kioskEnd}`], {
      stdio: 'ignore',
    });
    await waitUntil(() => existsSync(scannerEnd) && existsSync(kioskEnd), 'socat pty pair');
    const dataDir = path.join(dir, 'data');
    const k = Kiosk.open({
      dataDir,
      logger: memoryLogger(),
      settingsOverride: { directionMode: 'in', privacyProfile: 'full', serialPort: kioskEnd, hidEnabled: false },
    });
    kiosk = k;
    const heard: ScanResult[] = [];
    k.subscribe((event) => {
      if (event.name === 'scan-handled') heard.push(event.payload);
    });
    k.start();
    await waitUntil(() => k.parts.state.read().scanners.some((s) => s.kind === 'serial' && s.connected), 'the port');

    const fixed: Buffer[] = [
      Buffer.alloc(64, 0x00),
      Buffer.alloc(64, 0xff),
      Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc]), // invalid UTF-8
      Buffer.from('\u001b[2J\u001b[31mVE\u0007\u0008\u007f'),
      Buffer.from(`${card(1).slice(0, 20)}\u0000${card(1).slice(20)}`), // a card with a NUL inside
      Buffer.from(card(2).slice(0, 30)), // a card cut short
      Buffer.alloc(20_000, 0x41), // past the longest line: cut, still answered
    ];
    const generated = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 200 }), { numRuns: 25, seed: 26 });
    const garbage = [...fixed, ...generated.map((bytes) => Buffer.from(bytes))];
    let before = 0;
    for (const [i, bytes] of garbage.entries()) {
      const n = 100 + i;
      // Lines end at CR or LF; empty ones are not scans.
      const lines = bytes
        .toString('latin1')
        .split(/[\r\n]/)
        .filter((line) => line.length > 0).length;
      const fd = openSync(scannerEnd, 'w');
      try {
        writeSync(fd, bytes);
        writeSync(fd, Buffer.from(`\r\n${card(n)}\r\n`));
      } finally {
        closeSync(fd);
      }
      await waitUntil(() => heard.length === before + lines + 1, `the answers to garbage ${i} and the real scan`);
      const answers = heard.slice(before);
      before = heard.length;
      for (const answer of answers.slice(0, -1)) expectClearAnswer(dataDir, answer);
      expectRealScanRecorded(dataDir, answers[answers.length - 1], n);
    }
    expect(k.parts.state.read().scanners.find((s) => s.kind === 'serial')).toMatchObject({ connected: true });
  });
});
