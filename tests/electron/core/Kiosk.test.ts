/**
 * The kiosk core as the transports call it: recording, events, checkpoints, refusals, dispatch,
 * drivers, the scanner test. Past 300 lines: one fixture serves every group.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Kiosk } from '../../../electron/core/Kiosk';
import { dispatchKioskCall } from '../../../electron/core/dispatchKioskCall';
import type { ScanResult, SubmitScanInput } from '../../../shared/kioskScans';
import { SAMPLE_CCCD, typedOnAzerty } from '../../support/cccdSamples';
import { openKioskFixture, type KioskFixture } from '../../support/kioskFixture';

const OTHER = '001099012345||Nguyễn Văn An|01021999|Nam|Phường Láng Hạ, Quận Đống Đa, Hà Nội|15032022';
let fixture: KioskFixture;
const wedge = (raw: string, extra: Partial<SubmitScanInput> = {}): ScanResult =>
  fixture.kiosk.parts.pipeline.submit({ raw, source: 'wedge', ...extra });

afterEach(async () => fixture?.kiosk.close());

describe('recording', () => {
  it('records a CCCD once with a UUIDv7 id, device time with offset, and today counts', () => {
    fixture = openKioskFixture();
    const result = wedge(SAMPLE_CCCD);
    expect(result).toMatchObject({
      outcome: 'recorded',
      kind: 'cccd',
      direction: 'in',
      displayName: 'Phạm Thị Hồng',
      maskedId: '••••••••0123',
    });
    expect(result.scanId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(result.counts).toMatchObject({ in: 1, out: 0 });
    const [row] = fixture.rows();
    expect(row).toMatchObject({
      seq: 1,
      id: result.scanId,
      scanned_at: '2026-11-25T01:00:00.000Z',
      source: 'wedge',
      outcome: 'recorded',
    });
    expect(typeof row.utc_offset_min).toBe('number');
  });

  it('minimal profile keeps ID, name and birth year only: other fields are never written', () => {
    fixture = openKioskFixture({ privacyProfile: 'minimal' });
    wedge(SAMPLE_CCCD);
    expect(fixture.rows()[0]).toMatchObject({
      id_number: '037188000123',
      full_name: 'Phạm Thị Hồng',
      birth_date: '1988',
      gender: null,
      address: null,
      code_text: null,
    });
  });

  it('full profile keeps every field (hotel residence declaration)', () => {
    fixture = openKioskFixture({ privacyProfile: 'full' });
    wedge(SAMPLE_CCCD);
    expect(fixture.rows()[0]).toMatchObject({
      birth_date: '1988-07-23',
      gender: 'female',
      address: 'Xóm 3, Xã Ninh Hải, Huyện Hoa Lư, Ninh Bình',
    });
  });

  it('answers already recorded within the duplicate window without a second row, and records after it', () => {
    fixture = openKioskFixture({ duplicateWindowSeconds: 60, directionMode: 'in' });
    const first = wedge(SAMPLE_CCCD);
    fixture.advance(59_000);
    expect(wedge(SAMPLE_CCCD)).toMatchObject({ outcome: 'duplicate', scanId: first.scanId });
    expect(fixture.rows()).toHaveLength(1);
    fixture.advance(2_000);
    expect(wedge(SAMPLE_CCCD).outcome).toBe('recorded');
    expect(fixture.rows()).toHaveLength(2);
  });

  it('auto direction alternates per person per day and starts each day with an entry', () => {
    fixture = openKioskFixture({ directionMode: 'auto', duplicateWindowSeconds: 10 });
    const directions = () => {
      const d = wedge(SAMPLE_CCCD).direction;
      fixture.advance(60_000);
      return d;
    };
    expect([directions(), directions(), directions()]).toEqual(['in', 'out', 'in']);
    expect(wedge(OTHER).direction).toBe('in');
    fixture.advance(24 * 3600_000);
    expect(directions()).toBe('in');
  });

  it('ask mode records nothing until the operator chooses the direction of the waiting scan', () => {
    fixture = openKioskFixture({ directionMode: 'ask' });
    expect(() => fixture.kiosk.parts.pipeline.chooseDirection('in')).toThrow(/no scan is waiting/);
    expect(wedge(SAMPLE_CCCD).outcome).toBe('needs-direction');
    expect(fixture.rows()).toHaveLength(0);
    expect(fixture.kiosk.parts.pipeline.chooseDirection('out')).toMatchObject({
      outcome: 'recorded',
      direction: 'out',
      displayName: 'Phạm Thị Hồng',
    });
    expect(fixture.rows()).toEqual([expect.objectContaining({ direction: 'out', id_number: '037188000123' })]);
    expect(() => fixture.kiosk.parts.pipeline.chooseDirection('out')).toThrow(/no scan is waiting/);
  });

  it('tags scans with the current context label', () => {
    fixture = openKioskFixture({ contextLabel: 'Tàu 07:30 Sa Kỳ → Lý Sơn' });
    expect(wedge(SAMPLE_CCCD).contextLabel).toBe('Tàu 07:30 Sa Kỳ → Lý Sơn');
    expect(fixture.rows()[0].context_label).toBe('Tàu 07:30 Sa Kỳ → Lý Sơn');
  });

  it('records a layout-damaged CCCD by its recovered ID without the unreadable name', () => {
    fixture = openKioskFixture();
    expect(wedge(typedOnAzerty(SAMPLE_CCCD))).toMatchObject({
      outcome: 'recorded',
      recovered: true,
      displayName: null,
      maskedId: '••••••••0123',
    });
    expect(fixture.rows()[0]).toMatchObject({
      id_number: '037188000123',
      full_name: null,
      recovered: 1,
      problems: 'keyboard-layout',
    });
  });
});

describe('what the screens hear after a scan', () => {
  it('the scan’s result, then the upload status with the new row counted as not sent', async () => {
    fixture = openKioskFixture({ directionMode: 'in' });
    const heard: string[] = [];
    fixture.kiosk.subscribe((event) => {
      heard.push(event.name === 'upload-status-changed' ? `${event.name}:${event.payload.pendingCount}` : event.name);
    });
    wedge('VE-EVENTS-1');
    wedge('VE-EVENTS-2');
    await new Promise((resolve) => setImmediate(resolve));
    expect(heard).toEqual(['scan-handled', 'scan-handled', 'upload-status-changed:2']);
  });
});

describe('WAL checkpoints', () => {
  /** Rows in the main database file alone, as if its WAL were lost: what a checkpoint has copied. */
  const rowsInMainFile = (dataDir: string): number => {
    const copy = path.join(mkdtempSync(path.join(os.tmpdir(), 'kiosk-main-only-')), 'copy.sqlite');
    copyFileSync(path.join(dataDir, 'kiosk.sqlite'), copy);
    const db = new Database(copy);
    try {
      const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'scans'").get() !== undefined;
      return hasTable ? (db.prepare('SELECT COUNT(*) AS n FROM scans').get() as { n: number }).n : 0;
    } finally {
      db.close();
    }
  };

  it('copies written rows into the main file in the first quiet second, not during a visitor’s scan', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      fixture = openKioskFixture({ directionMode: 'in' });
      for (let i = 0; i < 5; i += 1) expect(wedge(`VE-CKPT-${i}`).outcome).toBe('recorded');
      // Right after the scans the rows are in the WAL only: no scan paid for a checkpoint.
      vi.advanceTimersByTime(999);
      expect(rowsInMainFile(fixture.dataDir)).toBe(0);
      vi.advanceTimersByTime(1);
      expect(rowsInMainFile(fixture.dataDir)).toBe(5);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('refusals', () => {
  it.each([
    ['NZCOVIDTRACER:eyJnbG4iOiIzMzMzMyJ9', 'foreign-venue'],
    ['KIOSK-ENROLL:ABCD2345', 'enrollment-code'],
    ['abc\u0007def', 'unreadable'],
    ['9'.repeat(5000), 'too-long'],
    [SAMPLE_CCCD.replace('037188', '037190'), 'invalid-card'],
    ['HC1:6BFOXN%TS3DH0YOJ58S', 'kind-not-accepted'],
    ['&é"\'(-è_çà', 'keyboard-layout'],
  ])('refuses %j as %s and logs it without personal fields', (raw, reason) => {
    fixture = openKioskFixture();
    expect(wedge(raw)).toMatchObject({ outcome: 'refused', reason, displayName: null, maskedId: null });
    const rows = fixture.rows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      outcome: 'refused',
      reason,
      id_number: null,
      full_name: null,
      code_text: null,
      subject_key: null,
    });
  });

  it('refuses kinds the venue does not accept', () => {
    fixture = openKioskFixture({ acceptedKinds: ['cccd'] });
    expect(wedge('VE-LS-2026-000731')).toMatchObject({ outcome: 'refused', reason: 'kind-not-accepted' });
  });

  it('never answers recorded when the store cannot write, and records again once it can', () => {
    fixture = openKioskFixture();
    const saboteur = new Database(path.join(fixture.dataDir, 'kiosk.sqlite'));
    saboteur.exec(
      "CREATE TRIGGER fail_inserts BEFORE INSERT ON scans BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
    );
    expect(wedge(SAMPLE_CCCD)).toMatchObject({ outcome: 'failed', reason: 'store-failed', scanId: null });
    saboteur.exec('DROP TRIGGER fail_inserts');
    saboteur.close();
    expect(wedge(SAMPLE_CCCD).outcome).toBe('recorded');
    expect(fixture.rows()).toHaveLength(1);
  });

  it('keeps personal data out of the log', () => {
    fixture = openKioskFixture();
    wedge(SAMPLE_CCCD);
    wedge(typedOnAzerty(SAMPLE_CCCD));
    wedge('KIOSK-ENROLL:SECRET99');
    const log = fixture.logger.lines.join('\n');
    expect(fixture.logger.lines.length).toBeGreaterThanOrEqual(3);
    for (const secret of ['037188000123', 'Phạm', 'Ninh Hải', '23071988', 'SECRET99'])
      expect(log).not.toContain(secret);
  });
});

describe('dispatchKioskCall', () => {
  it('answers invalid input, unknown methods and valid calls with a Result', async () => {
    fixture = openKioskFixture();
    const call = (method: unknown, input: unknown) =>
      dispatchKioskCall(fixture.kiosk.parts, method, input, fixture.logger);
    expect(await call('submitScan', { raw: 42, source: 'wedge' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await call('submitScan', { raw: 'x', source: 'telepathy' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await call('updateSettings', { venueName: '', adminPin: '1' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await call('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await call('constructor', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await call('enroll', { code: 'ABCDEFGH23' })).toMatchObject({ ok: false, error: { code: 'enroll-failed' } });
    expect(await call('submitScan', { raw: SAMPLE_CCCD, source: 'hid' })).toMatchObject({
      ok: true,
      value: { outcome: 'recorded' },
    });
    expect(await call('getState', {})).toMatchObject({
      ok: true,
      value: { counts: { in: 1 }, upload: { enrolled: false, pendingCount: 1 } },
    });
    expect(fixture.rows()).toHaveLength(1);
  });

  it('keeps settings across a restart', async () => {
    fixture = openKioskFixture();
    await dispatchKioskCall(
      fixture.kiosk.parts,
      'updateSettings',
      { venueName: 'Cảng Lý Sơn', language: 'en' },
      fixture.logger,
    );
    await fixture.kiosk.close();
    const reopened = Kiosk.open({ dataDir: fixture.dataDir, logger: fixture.logger });
    expect(reopened.parts.settings.get()).toMatchObject({ venueName: 'Cảng Lý Sơn', language: 'en' });
    await reopened.close();
  });
});

describe('scanner drivers in the pipeline', () => {
  it('records a HID POS scan with its source and tells every page', async () => {
    const { EventEmitter } = await import('node:events');
    const { encodeHidPosReports } = await import('../../../electron/core/scanners/HidPosAssembler');
    const handle = Object.assign(new EventEmitter(), { close: () => undefined });
    fixture = openKioskFixture({ serialPort: null });
    const kiosk = Kiosk.open({
      dataDir: fixture.dataDir,
      logger: fixture.logger,
      hidSeam: {
        devices: () => [{ path: '/dev/hidraw0', vendorId: 0x0c2e, productId: 0x0b8f, usagePage: 0x8c, usage: 2 }],
        open: () => handle,
      },
    });
    await fixture.kiosk.close();
    const handled: string[] = [];
    kiosk.subscribe((event) => {
      if (event.name === 'scan-handled') handled.push(`${event.payload.source}:${event.payload.outcome}`);
    });
    kiosk.start();
    for (const report of encodeHidPosReports(new TextEncoder().encode(`${SAMPLE_CCCD}\r\n`)))
      handle.emit('data', Buffer.from(report));
    handle.emit('data', Buffer.from([2, 1]));
    expect(handled).toEqual(['hid:recorded', 'hid:refused']);
    expect(kiosk.parts.state.read().scanners).toEqual([expect.objectContaining({ kind: 'hid', connected: true })]);
    expect(fixture.rows()).toEqual([
      expect.objectContaining({ source: 'hid', outcome: 'recorded', full_name: 'Phạm Thị Hồng' }),
      expect.objectContaining({ source: 'hid', outcome: 'refused', reason: 'unreadable' }),
    ]);
    await kiosk.close();
  });
});

describe('scanner test mode', () => {
  it('diagnoses scans without writing anything, and switches itself off when left idle', () => {
    fixture = openKioskFixture();
    expect(fixture.kiosk.parts.pipeline.setScannerTest(true)).toBe(true);
    const tested = wedge('Ab\u0007', { layoutSuspected: true });
    expect(tested).toMatchObject({
      outcome: 'tested',
      reason: 'unreadable',
      diagnosis: { length: 3, characters: ['U+0041 A', 'U+0062 b', 'U+0007'], layoutSuspected: true },
    });
    expect(wedge(SAMPLE_CCCD)).toMatchObject({ outcome: 'tested', reason: null, kind: 'cccd' });
    expect(fixture.rows()).toHaveLength(0);
    expect(fixture.kiosk.parts.state.read().scannerTest).toBe(true);
    fixture.advance(121_000);
    expect(fixture.kiosk.parts.state.read().scannerTest).toBe(false);
    expect(wedge(SAMPLE_CCCD).outcome).toBe('recorded');
  });
});
