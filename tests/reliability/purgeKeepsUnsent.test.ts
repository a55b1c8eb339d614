/**
 * Nothing lost at purge: an enrolled kiosk and a real district server (a child process) behind a
 * fault proxy. The district confirms some scans, takes others without its answer arriving, and then
 * goes down; the kiosk restarts and its clock jumps past the retention period. Every scan the
 * district has not confirmed must still be on the kiosk (retention never deletes what the district
 * may lack) and is delivered once the server is back; the confirmed old ones, and then the
 * delivered ones, are purged; the district ends with every scan exactly once.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Kiosk } from '../../electron/core/Kiosk';
import { memoryLogger } from '../../electron/core/log';
import { kioskScanIds } from '../e2e/kioskHostProcess';
import { createVenue } from '../support/districtHttp';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { waitUntil } from '../support/waitUntil';

const DAY = 86_400_000;
/** The kiosk's default retention period, days. */
const RETENTION_DAYS = 30;

let server: ServerProcess;
let proxy: FaultProxy;
const opened: Kiosk[] = [];
beforeEach(async () => {
  server = await startServerProcess();
  proxy = await startFaultProxy(server.url);
});
afterEach(async () => {
  for (const kiosk of opened.splice(0)) await kiosk.close();
  await proxy.close();
  await server.stop();
});

describe('retention on an enrolled kiosk, against a real district server', () => {
  it('keeps every scan the district has not confirmed across a restart and a clock jump past retention, delivers it, and purges only what the district confirmed', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-purge-'));
    let jumpMs = 0;
    const open = () => {
      const kiosk = Kiosk.open({
        dataDir,
        logger: memoryLogger(),
        now: () => new Date(Date.now() + jumpMs),
        serverUrl: proxy.url,
        uploadIntervalMs: 3_600_000,
        uploaderTuning: { batchSize: 5, backoffBaseMs: 20, backoffMaxMs: 200 },
      });
      opened.push(kiosk);
      return kiosk;
    };
    const first = open();
    expect(first.parts.settings.get().retentionDays).toBe(RETENTION_DAYS);
    const { code } = await createVenue(server.url, 'Cảng Sa Kỳ', 'port');
    await first.parts.enrollment.enroll(code);
    const old = Array.from({ length: 12 }, (_, i) => {
      const result = first.parts.pipeline.submit({ raw: `VE-OLD-${i}`, source: 'serial' });
      expect(result.outcome).toBe('recorded');
      return result.scanId ?? '';
    });

    // Batches of 5: the first is confirmed; the second is taken by the district but its answer is
    // lost; then the district is unreachable.
    proxy.queue({ kind: 'pass' }, { kind: 'lose-ack' });
    proxy.setDefault({ kind: 'reset' });
    expect(await first.parts.uploader.sendNow()).toMatchObject({ pendingCount: 7, lastError: { code: 'server-down' } });
    const confirmed = old.slice(0, 5);
    const unconfirmed = old.slice(5);
    expect(server.scanIds()).toEqual(old.slice(0, 10).sort());
    // A purge now (nothing is past retention yet) takes nothing.
    expect(first.parts.retention.purgeExpired()).toBe(0);
    await first.close();

    // Restart a month and a day later, the district still unreachable. The kiosk purges at start
    // and after each (failing) upload cycle.
    jumpMs = (RETENTION_DAYS + 1) * DAY;
    const second = open();
    second.start();
    // The purge at start: the confirmed old scans are gone; every scan the district has not
    // confirmed is kept, including the five it holds without the kiosk knowing.
    expect(kioskScanIds(dataDir)).toEqual([...unconfirmed].sort());
    // ... and after a failed upload cycle (it purges again).
    const attemptsBefore = proxy.seen.length;
    await proxy.waitForRequests(attemptsBefore + 2);
    await waitUntil(() => second.parts.uploader.status().lastError?.code === 'server-down', 'a failed upload');
    expect(second.parts.retention.purgeExpired()).toBe(0);
    expect(kioskScanIds(dataDir)).toEqual([...unconfirmed].sort());
    const missingAtDistrict = old.filter((id) => !server.scanIds().includes(id));
    expect(missingAtDistrict.filter((id) => !kioskScanIds(dataDir).includes(id))).toEqual([]);
    // Shown as waiting past retention.
    expect(second.parts.uploader.status()).toMatchObject({ pendingCount: 7, stalePendingCount: 7 });
    const fresh = second.parts.pipeline.submit({ raw: 'VE-NEW', source: 'serial' });
    expect(fresh.outcome).toBe('recorded');

    // The district is back: everything is delivered, then the delivered old scans are purged after
    // the cycle; the fresh one stays (within retention).
    proxy.setDefault({ kind: 'pass' });
    await waitUntil(() => second.parts.uploader.status().pendingCount === 0, 'the kiosk to drain');
    await waitUntil(() => kioskScanIds(dataDir).length === 1, 'the purge after the upload');
    expect(kioskScanIds(dataDir)).toEqual([fresh.scanId]);
    expect(second.parts.uploader.status()).toMatchObject({ pendingCount: 0, stalePendingCount: 0, lastError: null });
    expect(server.scanIds()).toEqual([...old, fresh.scanId ?? ''].sort());
    expect(confirmed.every((id) => server.scanIds().includes(id))).toBe(true);
  });
});
