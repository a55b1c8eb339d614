/**
 * Exactly once at the district: a real server process on loopback behind a fault proxy; every
 * recorded scan must end on the server once, with no extra, whatever the network does. Each test
 * has its own server, so the district's scans are exactly this test's: compared as whole lists (a
 * missing scan and a doubled or stray one both fail). Timing is stated by order (the proxy's fault
 * queue) and by the kiosk's own clock, held still, never by the wall clock.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Kiosk } from '../../../../electron/core/Kiosk';
import { memoryLogger } from '../../../../electron/core/log';
import { kioskScanIds } from '../../../e2e/kioskHostProcess';
import { createVenue } from '../../../support/districtHttp';
import { startFaultProxy, type FaultProxy } from '../../../support/faultProxy';
import { waitUntil } from '../../../support/waitUntil';
import { startServerProcess, waitForLine, type ServerProcess } from '../../../support/serverProcess';

/** The kiosk's clock, held still: every delay the uploader plans is read off its status exactly. */
const FROZEN = Date.parse('2026-11-25T03:00:00.000Z');

let server: ServerProcess;
let proxy: FaultProxy | null = null;
let kiosk: Kiosk | null = null;

beforeEach(async () => {
  server = await startServerProcess();
});
afterEach(async () => {
  await kiosk?.close();
  kiosk = null;
  await proxy?.close();
  proxy = null;
  await server.stop();
});

interface EnrolledKiosk {
  readonly kiosk: Kiosk;
  readonly dataDir: string;
  readonly proxy: FaultProxy;
}

/**
 * A kiosk enrolled through a new proxy, with `count` recorded scans. `requestTimeoutMs` only where a
 * test needs the kiosk to give up on a held answer; elsewhere the default (30 s), so no request that
 * is answered ever counts as a timeout.
 */
async function enrolledKiosk(
  count: number,
  tuning: { batchSize?: number; requestTimeoutMs?: number; frozenClock?: boolean } = {},
): Promise<EnrolledKiosk> {
  const opened = await startFaultProxy(server.url);
  proxy = opened;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-upload-'));
  const k = Kiosk.open({
    dataDir,
    logger: memoryLogger(),
    serverUrl: opened.url,
    uploadIntervalMs: 60_000,
    ...(tuning.frozenClock ? { now: () => new Date(FROZEN) } : {}),
    uploaderTuning: {
      batchSize: tuning.batchSize ?? 5,
      backoffBaseMs: 20,
      backoffMaxMs: 200,
      ...(tuning.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: tuning.requestTimeoutMs }),
    },
  });
  kiosk = k;
  const { code } = await createVenue(server.url, `Venue ${path.basename(dataDir)}`, 'port');
  await k.parts.enrollment.enroll(code);
  for (let i = 0; i < count; i += 1)
    expect(k.parts.pipeline.submit({ raw: `VE-LS-${path.basename(dataDir)}-${i}`, source: 'serial' }).outcome).toBe(
      'recorded',
    );
  return { kiosk: k, dataDir, proxy: opened };
}

/** The district holds exactly the kiosk's scans, each once: no scan missing, none doubled, none extra. */
function expectExactlyOnce(dataDir: string, count: number): void {
  const local = kioskScanIds(dataDir);
  expect(local).toHaveLength(count);
  expect(server.scanIds()).toEqual(local);
}

function batchRequests(seen: FaultProxy['seen']): FaultProxy['seen'] {
  return seen.filter((r) => r.path === '/api/v1/scans:batch');
}

async function drain(target: Kiosk, attempts = 40): Promise<void> {
  for (let i = 0; i < attempts; i += 1) {
    const status = await target.parts.uploader.sendNow();
    if (status.pendingCount === 0) return;
  }
  throw new Error('upload did not drain');
}

describe('uploader, exactly once', () => {
  it('re-sends after a lost acknowledgement; the server answers duplicate and keeps one copy', async () => {
    const { kiosk: k, dataDir, proxy: p } = await enrolledKiosk(12);
    p.queue({ kind: 'pass' }, { kind: 'lose-ack' });
    const failed = await k.parts.uploader.sendNow();
    expect(failed.lastError?.code).toBe('server-down');
    expect(failed.pendingCount).toBe(7);
    await drain(k);
    expect(k.parts.uploader.status()).toMatchObject({ pendingCount: 0, lastError: null });
    expectExactlyOnce(dataDir, 12);
    // 12 scans in batches of 5: the second batch's answer is lost, so it goes twice. No request can
    // time out (30 s), so the sequence is exact by order alone.
    expect(batchRequests(p.seen).map((r) => r.fault)).toEqual(['pass', 'lose-ack', 'pass', 'pass']);
  });

  it('survives 500s, a timeout and a 429 honouring its Retry-After', async () => {
    const { kiosk: k, dataDir, proxy: p } = await enrolledKiosk(8, { requestTimeoutMs: 2_000, frozenClock: true });
    // The held answer never comes (the proxy holds it past the test): the kiosk must give up on it.
    p.queue(
      { kind: 'status', status: 500 },
      { kind: 'stall', ms: 600_000 },
      { kind: 'status', status: 429, retryAfter: '600' },
      { kind: 'status', status: 503 },
    );
    k.start();
    // After the 429 the next attempt is ten minutes away (the 20 ms backoff would have come at once):
    // the kiosk waits, as its status says, and nothing reaches the proxy meanwhile.
    await waitUntil(() => k.parts.uploader.status().lastError?.code === 'rate-limited', 'the 429 to be heard');
    const waiting = k.parts.uploader.status();
    expect(Date.parse(waiting.nextAttemptAt ?? '') - FROZEN).toBe(600_000);
    expect(batchRequests(p.seen).map((r) => r.fault)).toEqual(['status', 'stall', 'status']);
    // "Send now" goes on: the 503, then a short backoff, then the rest.
    await k.parts.uploader.sendNow();
    await waitUntil(() => k.parts.uploader.status().pendingCount === 0, 'the kiosk to drain');
    expect(k.parts.uploader.status()).toMatchObject({ pendingCount: 0, lastError: null });
    const faults = batchRequests(p.seen).map((r) => r.fault);
    expect(faults.slice(0, 4)).toEqual(['status', 'stall', 'status', 'status']);
    expect(faults.slice(4).every((fault) => fault === 'pass')).toBe(true);
    expectExactlyOnce(dataDir, 8);
  });

  it('keeps retrying with bounded backoff while the server is down, and drains when it is back', async () => {
    const { kiosk: k, dataDir, proxy: p } = await enrolledKiosk(6, { frozenClock: true });
    p.setDefault({ kind: 'reset' });
    k.start();
    // With the kiosk's clock held still, each planned wait is exactly nextAttemptAt - now. Ten
    // failures in a row: the uncapped bound would be 20 ms * 2^9 = 10 s; the cap (200 ms) holds.
    const planned: number[] = [];
    for (let i = 1; i <= 10; i += 1) {
      await p.waitForRequests(p.seen.length + 1);
      planned.push(Date.parse(k.parts.uploader.status().nextAttemptAt ?? '') - FROZEN);
    }
    expect(planned.filter((ms) => !(ms >= 0 && ms <= 200))).toEqual([]);
    expect(k.parts.uploader.status()).toMatchObject({ pendingCount: 6, lastError: { code: 'server-down' } });
    expect(batchRequests(p.seen).every((r) => r.fault === 'reset')).toBe(true);
    p.setDefault({ kind: 'pass' });
    await waitUntil(() => k.parts.uploader.status().pendingCount === 0, 'the kiosk to drain');
    expect(k.parts.uploader.status()).toMatchObject({ pendingCount: 0, lastError: null });
    expectExactlyOnce(dataDir, 6);
  });

  it('keeps the pending count exact between full reads: scans, refusals, a lost acknowledgement, then more scans', async () => {
    const { kiosk: k, dataDir, proxy: p } = await enrolledKiosk(12);
    const unsent = () => {
      const db = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
      try {
        const cursor =
          (db.prepare("SELECT value FROM settings WHERE key = 'upload-cursor'").get() as { value: string } | undefined)
            ?.value ?? '0';
        return (db.prepare('SELECT COUNT(*) AS n FROM scans WHERE seq > ?').get(Number(cursor)) as { n: number }).n;
      } finally {
        db.close();
      }
    };
    expect(k.parts.uploader.status().pendingCount).toBe(12);
    p.queue({ kind: 'pass' }, { kind: 'lose-ack' });
    expect((await k.parts.uploader.sendNow()).pendingCount).toBe(unsent());
    for (let i = 0; i < 3; i += 1) k.parts.pipeline.submit({ raw: `VE-MORE-${i}`, source: 'serial' });
    k.parts.pipeline.submit({ raw: '\u0001garbage', source: 'serial' });
    expect(k.parts.pipeline.submit({ raw: 'VE-MORE-0', source: 'serial' }).outcome).toBe('duplicate');
    expect(k.parts.uploader.status().pendingCount).toBe(unsent());
    expect(unsent()).toBe(11);
    await drain(k);
    expect(k.parts.uploader.status().pendingCount).toBe(0);
    expect(unsent()).toBe(0);
    // 12 + 3 recorded + 1 refusal (logged, uploaded without personal fields); the duplicate wrote nothing.
    expectExactlyOnce(dataDir, 16);
  });

  it('surfaces a revoked device instead of retrying fast', async () => {
    const { kiosk: k, proxy: p } = await enrolledKiosk(2);
    p.queue({ kind: 'status', status: 403 });
    k.start();
    await p.waitForRequests(p.seen.length + 1);
    await waitUntil(() => k.parts.uploader.status().lastError !== null, 'the upload error');
    const status = k.parts.uploader.status();
    expect(status).toMatchObject({ pendingCount: 2, lastError: { code: 'revoked', status: 403 } });
    expect(Date.parse(status.nextAttemptAt ?? '') - Date.parse(status.lastAttemptAt ?? '')).toBeGreaterThan(30_000);
    expect(server.scanIds()).toEqual([]);
  });

  it('ends with every scan once after a kill -9 of the kiosk mid-upload', async () => {
    const p = await startFaultProxy(server.url);
    proxy = p;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-kill-'));
    const seeded = Kiosk.open({ dataDir, logger: memoryLogger() });
    for (let i = 0; i < 40; i += 1) seeded.parts.pipeline.submit({ raw: `VE-KILL-${i}`, source: 'serial' });
    await seeded.close();
    const { code } = await createVenue(server.url, 'Bến tàu Sa Kỳ', 'port');

    const startHost = () => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'electron/web-host.ts',
          '--data',
          dataDir,
          '--port',
          '0',
          '--no-open',
          '--server',
          p.url,
          '--enroll',
          code,
          '--upload-interval',
          '1',
        ],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      return {
        child,
        ready: waitForLine(child, /kiosk ready/, 'kiosk host'),
        exited: new Promise<void>((resolve) => child.once('exit', () => resolve())),
      };
    };
    // First request enrolls; the first batch is committed by the server but its answer is held.
    p.queue({ kind: 'pass' }, { kind: 'stall', ms: 60_000 });
    const first = startHost();
    await first.ready;
    await p.waitForRequests(2);
    // Killed only once the district has committed the batch (the proxy holds its answer): the
    // restarted kiosk must send it again and be answered "duplicate".
    await waitUntil(() => server.scanIds().length === 40, 'the district to commit the first batch');
    first.child.kill('SIGKILL');
    await first.exited;
    expect(server.scanIds()).toHaveLength(40);

    const second = startHost();
    await second.ready;
    const total = kioskScanIds(dataDir).length;
    await waitUntil(
      () => kioskScanIds(dataDir).every((id) => server.scanIds().includes(id)),
      'every scan at the district',
    );
    second.child.kill('SIGTERM');
    await second.exited;
    expect(total).toBe(40);
    expectExactlyOnce(dataDir, 40);
  });
});
