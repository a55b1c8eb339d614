/**
 * The kiosk reports in every upload cycle even with nothing to send (an empty batch: its heartbeat),
 * so the district tells a switched-off kiosk from a quiet one; a cycle that sent scans sends no
 * heartbeat too. The clock is vitest's (fake timers, no sleeps); the district is a stub `fetch`
 * that records what arrives (the real server's handling of an empty batch is tested in
 * `tests/server/routes/deviceLiveness.test.ts`).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { Kiosk } from '../../../../electron/core/Kiosk';
import { memoryLogger } from '../../../../electron/core/log';

interface ArrivedBatch {
  readonly sentAt: string;
  readonly pendingCount: number;
  readonly appVersion: string;
  readonly scans: readonly { id: string }[];
}

const INTERVAL_MS = 180_000;
let arrived: ArrivedBatch[] = [];
let answerStatus = 200;
let kiosk: Kiosk | null = null;

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', Date: new Date().toUTCString() },
  });
}

beforeEach(() => {
  arrived = [];
  answerStatus = 200;
  // Timers and the clock are fake; setImmediate stays real, so `until` can let gzip and the stub answer.
  vi.useFakeTimers({
    now: Date.parse('2026-11-25T03:00:00.000Z'),
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  });
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init: { body: Uint8Array }) => {
      if (url.endsWith('/api/v1/enroll'))
        return Promise.resolve(
          answer(201, {
            deviceId: '0193a0b0-0000-7000-8000-000000000001',
            deviceToken: 'token',
            venueId: '0193a0b0-0000-7000-8000-000000000002',
            venueName: 'Cảng Sa Kỳ',
            venueType: 'port',
            carryUnsentScans: false,
          }),
        );
      const batch = JSON.parse(gunzipSync(Buffer.from(init.body)).toString('utf8')) as ArrivedBatch;
      arrived.push(batch);
      if (answerStatus !== 200) return Promise.resolve(answer(answerStatus, { error: 'revoked', message: 'revoked' }));
      return Promise.resolve(
        answer(200, {
          results: batch.scans.map((scan) => ({ id: scan.id, status: 'accepted' })),
          receivedAt: new Date().toISOString(),
        }),
      );
    }),
  );
});
afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  await kiosk?.close();
  kiosk = null;
});

/**
 * Lets real work finish (gzip runs on libuv's pool, not on a timer) until `done` holds, then a few
 * turns more so the answer is applied; no fake time passes meanwhile.
 */
async function until(done: () => boolean): Promise<void> {
  const started = performance.now();
  while (!done()) {
    if (performance.now() - started > 5_000) throw new Error('until: not done in 5 s');
    await new Promise((resolve) => setImmediate(resolve));
  }
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

async function enrolledKiosk(): Promise<Kiosk> {
  const k = Kiosk.open({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'kiosk-heartbeat-')),
    logger: memoryLogger(),
    serverUrl: 'http://district.test',
    uploadIntervalMs: INTERVAL_MS,
  });
  kiosk = k;
  k.start();
  await k.parts.enrollment.enroll('ABCDEFGHJK');
  return k;
}

it('sends an empty batch every upload cycle while there is nothing to send, and none in a cycle that sent scans', async () => {
  const k = await enrolledKiosk();
  await vi.advanceTimersByTimeAsync(0);
  await until(() => arrived.length === 1);
  expect(arrived).toEqual([
    expect.objectContaining({ scans: [], pendingCount: 0, sentAt: '2026-11-25T03:00:00.000Z' }),
  ]);

  // Nothing until the next cycle, then one more heartbeat.
  await vi.advanceTimersByTimeAsync(INTERVAL_MS - 1);
  await until(() => true);
  expect(arrived).toHaveLength(1);
  await vi.advanceTimersByTimeAsync(1);
  await until(() => arrived.length === 2);
  expect(arrived[1]).toMatchObject({ scans: [], sentAt: '2026-11-25T03:03:00.000Z' });

  // A cycle with a scan to send sends the scan, and no heartbeat beside it.
  expect(k.parts.pipeline.submit({ raw: 'VE-SK-0001', source: 'serial' }).outcome).toBe('recorded');
  await vi.advanceTimersByTimeAsync(INTERVAL_MS);
  await until(() => arrived.length === 3);
  expect(arrived[2].scans).toHaveLength(1);
  expect(k.parts.uploader.status().pendingCount).toBe(0);

  // Quiet again: the heartbeat comes back at the next cycle.
  await vi.advanceTimersByTimeAsync(INTERVAL_MS);
  await until(() => arrived.length === 4);
  expect(arrived.map((batch) => batch.scans.length)).toEqual([0, 0, 1, 0]);
});

it('learns from a heartbeat that it was revoked, with no scan to send', async () => {
  const k = await enrolledKiosk();
  await vi.advanceTimersByTimeAsync(0);
  await until(() => arrived.length === 1);
  expect(k.parts.uploader.status().lastError).toBeNull();
  answerStatus = 403;
  await vi.advanceTimersByTimeAsync(INTERVAL_MS);
  await until(() => k.parts.uploader.status().lastError !== null);
  expect(arrived.map((batch) => batch.scans.length)).toEqual([0, 0]);
  expect(k.parts.uploader.status().lastError).toEqual({ code: 'revoked', status: 403 });
});
