/**
 * Exactly once at the district: a real server process on loopback behind a fault proxy; every
 * recorded scan must end on the server once, with no extra, whatever the network does.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Kiosk } from '../../../../electron/core/Kiosk';
import { memoryLogger } from '../../../../electron/core/log';
import { kioskScanIds } from '../../../e2e/kioskHostProcess';
import { createVenue } from '../../../support/districtHttp';
import { startFaultProxy, type FaultProxy } from '../../../support/faultProxy';
import { waitUntil } from '../../../support/waitUntil';
import { startServerProcess, waitForLine, type ServerProcess } from '../../../support/serverProcess';

let server: ServerProcess;
let proxy: FaultProxy;
let kiosk: Kiosk | null = null;

beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(async () => {
  await server.stop();
});
afterEach(async () => {
  await kiosk?.close();
  kiosk = null;
  await proxy?.close();
});

/** A kiosk enrolled through the proxy, with `count` recorded scans and short timings. */
async function enrolledKiosk(count: number, batchSize = 5): Promise<{ kiosk: Kiosk; dataDir: string }> {
  proxy = await startFaultProxy(server.url);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-upload-'));
  const opened = Kiosk.open({
    dataDir,
    logger: memoryLogger(),
    serverUrl: proxy.url,
    uploadIntervalMs: 60_000,
    uploaderTuning: { batchSize, backoffBaseMs: 20, backoffMaxMs: 200, requestTimeoutMs: 400 },
  });
  kiosk = opened;
  const { code } = await createVenue(server.url, `Venue ${path.basename(dataDir)}`, 'port');
  await opened.parts.enrollment.enroll(code);
  for (let i = 0; i < count; i += 1)
    expect(
      opened.parts.pipeline.submit({ raw: `VE-LS-${path.basename(dataDir)}-${i}`, source: 'serial' }).outcome,
    ).toBe('recorded');
  return { kiosk: opened, dataDir };
}

function expectExactlyOnce(dataDir: string): void {
  const local = kioskScanIds(dataDir);
  const remote = new Set(server.scanIds());
  expect(local.length).toBeGreaterThan(0);
  expect(local.filter((id) => !remote.has(id))).toEqual([]);
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
    const { kiosk: k, dataDir } = await enrolledKiosk(12);
    proxy.queue({ kind: 'pass' }, { kind: 'lose-ack' });
    const failed = await k.parts.uploader.sendNow();
    expect(failed.lastError?.code).toBe('offline');
    expect(failed.pendingCount).toBe(7);
    await drain(k);
    expect(k.parts.uploader.status()).toMatchObject({ pendingCount: 0, lastError: null });
    expectExactlyOnce(dataDir);
    const batchRequests = proxy.seen.filter((r) => r.path === '/api/v1/scans:batch');
    // 12 scans in batches of 5: the second batch's answer is lost, so it goes twice.
    expect(batchRequests.map((r) => r.fault)).toEqual(['pass', 'lose-ack', 'pass', 'pass']);
  });

  it('survives 500s, a timeout and a 429 honouring its Retry-After', async () => {
    const { kiosk: k, dataDir } = await enrolledKiosk(8);
    proxy.queue(
      { kind: 'status', status: 500 },
      { kind: 'stall', ms: 1500 },
      { kind: 'status', status: 429, retryAfter: '1' },
      { kind: 'status', status: 503 },
    );
    k.start();
    await waitUntil(() => k.parts.uploader.status().pendingCount === 0, 'the kiosk to drain');
    expect(k.parts.uploader.status()).toMatchObject({ pendingCount: 0, lastError: null });
    const batches = proxy.seen.filter((r) => r.path === '/api/v1/scans:batch');
    expect(batches.slice(0, 4).map((r) => r.fault)).toEqual(['status', 'stall', 'status', 'status']);
    // The 429 said "Retry-After: 1": the next attempt waits a second, not the 20 ms backoff.
    expect(batches[3].at - batches[2].at).toBeGreaterThanOrEqual(950);
    expectExactlyOnce(dataDir);
  });

  it('keeps retrying with bounded backoff while the server is down, and drains when it is back', async () => {
    const { kiosk: k, dataDir } = await enrolledKiosk(6);
    proxy.setDefault({ kind: 'reset' });
    k.start();
    await proxy.waitForRequests(proxy.seen.length + 6);
    expect(k.parts.uploader.status()).toMatchObject({ pendingCount: 6, lastError: { code: 'offline' } });
    const downAttempts = proxy.seen.filter((r) => r.fault === 'reset');
    const gaps = downAttempts.slice(1).map((r, i) => r.at - downAttempts[i].at);
    // backoffMaxMs is 200: no wait may grow past the cap (plus scheduling slack).
    expect(Math.max(...gaps)).toBeLessThan(1200);
    proxy.setDefault({ kind: 'pass' });
    await waitUntil(() => k.parts.uploader.status().pendingCount === 0, 'the kiosk to drain');
    expect(k.parts.uploader.status()).toMatchObject({ pendingCount: 0, lastError: null });
    expectExactlyOnce(dataDir);
  });

  it('keeps the pending count exact between full reads: scans, refusals, a lost acknowledgement, then more scans', async () => {
    const { kiosk: k, dataDir } = await enrolledKiosk(12);
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
    proxy.queue({ kind: 'pass' }, { kind: 'lose-ack' });
    expect((await k.parts.uploader.sendNow()).pendingCount).toBe(unsent());
    for (let i = 0; i < 3; i += 1) k.parts.pipeline.submit({ raw: `VE-MORE-${i}`, source: 'serial' });
    k.parts.pipeline.submit({ raw: '\u0001garbage', source: 'serial' });
    expect(k.parts.pipeline.submit({ raw: 'VE-MORE-0', source: 'serial' }).outcome).toBe('duplicate');
    expect(k.parts.uploader.status().pendingCount).toBe(unsent());
    expect(unsent()).toBe(11);
    await drain(k);
    expect(k.parts.uploader.status().pendingCount).toBe(0);
    expect(unsent()).toBe(0);
  });

  it('surfaces a revoked device instead of retrying fast', async () => {
    const { kiosk: k } = await enrolledKiosk(2);
    proxy.queue({ kind: 'status', status: 403 });
    k.start();
    await proxy.waitForRequests(proxy.seen.length + 1);
    await waitUntil(() => k.parts.uploader.status().lastError !== null, 'the upload error');
    const status = k.parts.uploader.status();
    expect(status).toMatchObject({ pendingCount: 2, lastError: { code: 'revoked', status: 403 } });
    expect(Date.parse(status.nextAttemptAt ?? '') - Date.parse(status.lastAttemptAt ?? '')).toBeGreaterThan(30_000);
  });

  it('ends with every scan once after a kill -9 of the kiosk mid-upload', async () => {
    proxy = await startFaultProxy(server.url);
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
          proxy.url,
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
    proxy.queue({ kind: 'pass' }, { kind: 'stall', ms: 60_000 });
    const first = startHost();
    await first.ready;
    await proxy.waitForRequests(2);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(server.scanIds().length).toBeGreaterThan(0);

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
    expectExactlyOnce(dataDir);
  });
});
