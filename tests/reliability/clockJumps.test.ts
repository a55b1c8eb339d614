/**
 * The device clock set back or forward by hours between scans: local order (seq) and upload are
 * unaffected, and the server's corrected times are right for scans sent while the clock was wrong.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kiosk } from '../../electron/core/Kiosk';
import { memoryLogger } from '../../electron/core/log';
import { createVenue, startInProcessServer, type InProcessServer } from '../support/districtHttp';

const HOUR = 3_600_000;
let server: InProcessServer;
beforeAll(async () => {
  server = await startInProcessServer();
});
afterAll(() => server.close());

describe('clock jumps', () => {
  it('keeps order and exactly-once upload, and the server corrects a clock that was wrong at scan and send', async () => {
    const real = Date.parse('2026-11-25T02:00:00.000Z');
    let realNow = real;
    let skew = -3 * HOUR; // the device clock starts three hours behind
    const kiosk = Kiosk.open({
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'kiosk-clock-')),
      logger: memoryLogger(),
      serverUrl: server.url,
      now: () => new Date(realNow + skew),
      settingsOverride: { directionMode: 'in' },
    });
    server.setNow(new Date(realNow).toISOString());
    const { code } = await createVenue(server.url, 'Cảng Lý Sơn', 'port');
    await kiosk.parts.enrollment.enroll(code);

    const scan = (raw: string) => kiosk.parts.pipeline.submit({ raw, source: 'serial' });
    expect(scan('PERSON-A').outcome).toBe('recorded'); // real 02:00, device 23:00 the day before
    realNow += 10 * 60_000;
    expect(scan('PERSON-B').outcome).toBe('recorded'); // real 02:10
    // Sent while still three hours behind: the server sees sentAt three hours off and corrects.
    server.setNow(new Date(realNow).toISOString());
    expect((await kiosk.parts.uploader.sendNow()).pendingCount).toBe(0);

    skew = 5 * HOUR; // someone sets the clock five hours ahead
    realNow += 10 * 60_000;
    expect(scan('PERSON-C').outcome).toBe('recorded'); // real 02:20
    skew = 0; // and then right, before the next upload
    realNow += 10 * 60_000;
    expect(scan('PERSON-D').outcome).toBe('recorded'); // real 02:30
    server.setNow(new Date(realNow).toISOString());
    expect((await kiosk.parts.uploader.sendNow()).pendingCount).toBe(0);
    await kiosk.close();

    const scans = await server.store.scansAtVenue(
      (await server.store.listVenues())[0].id,
      '2026-11-24T00:00:00Z',
      '2026-11-26T23:00:00Z',
    );
    const byCode = new Map(scans.map((s) => [s.codeText, s]));
    expect(scans).toHaveLength(4);
    expect([...scans].sort((a, b) => a.seq - b.seq).map((s) => s.codeText)).toEqual([
      'PERSON-A',
      'PERSON-B',
      'PERSON-C',
      'PERSON-D',
    ]);
    expect(byCode.get('PERSON-A')?.correctedAt).toBe('2026-11-25T02:00:00.000Z');
    expect(byCode.get('PERSON-B')?.correctedAt).toBe('2026-11-25T02:10:00.000Z');
    expect(byCode.get('PERSON-D')?.correctedAt).toBe('2026-11-25T02:30:00.000Z');
    // C was scanned under a clock five hours fast and sent under a right one: its device time is kept
    // as it was and cannot be corrected from the batch alone (documented limit).
    expect(byCode.get('PERSON-C')?.scannedAt).toBe('2026-11-25T07:20:00.000Z');
  });
});
