/**
 * upload.drain: N pending scans drained to a district server process on loopback, scans/s and the
 * kiosk's peak RSS, while scanning goes on at 5 scans/s; scan.record p99 during the drain against idle.
 * kiosk.start: opening (and checking) the N-row database, against an empty one.
 */
import { performance } from 'node:perf_hooks';
import { Kiosk } from '../electron/core/Kiosk';
import { memoryLogger } from '../electron/core/log';
import { createVenue } from '../tests/support/districtHttp';
import { startServerProcess } from '../tests/support/serverProcess';
import { kioskWithPendingScans } from './kioskData';
import { percentiles } from './scanRecord';
import type { Figure } from './run';

export async function uploadDrainFigures(count: number): Promise<Figure[]> {
  const dataDir = await kioskWithPendingScans(count);
  // The data were made in this process: let their memory go before measuring the drain.
  (globalThis as { gc?: () => void }).gc?.();
  const emptyDir = await kioskWithPendingScans(0);

  const timeOpen = async (dir: string) => {
    const samples: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const t = performance.now();
      const kiosk = Kiosk.open({ dataDir: dir, logger: memoryLogger() });
      kiosk.parts.state.read();
      samples.push(performance.now() - t);
      await kiosk.close();
    }
    return Math.min(...samples);
  };
  const startFull = await timeOpen(dataDir);
  const startEmpty = await timeOpen(emptyDir);

  const server = await startServerProcess();
  try {
    const { code } = await createVenue(server.url, 'Bench venue', 'port');
    const kiosk = Kiosk.open({
      dataDir,
      logger: memoryLogger(),
      serverUrl: server.url,
      uploadIntervalMs: 3_600_000,
      uploaderTuning: { batchSize: 5000 },
    });
    await kiosk.parts.enrollment.enroll(code);

    // Idle scan.record p99 first, on the same database.
    const idle: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const t = performance.now();
      kiosk.parts.pipeline.submit({ raw: `IDLE-${i}`, source: 'wedge' });
      idle.push(performance.now() - t);
    }

    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const during: number[] = [];
    let scanIndex = 0;
    const scanner = setInterval(() => {
      const t = performance.now();
      kiosk.parts.pipeline.submit({ raw: `DRAIN-${scanIndex++}`, source: 'wedge' });
      during.push(performance.now() - t);
    }, 200);
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 100);
    const t = performance.now();
    const status = await kiosk.parts.uploader.sendNow();
    const seconds = (performance.now() - t) / 1000;
    clearInterval(scanner);
    clearInterval(sampler);
    await kiosk.close();
    if (status.pendingCount > 5) throw new Error(`bench: drain left ${status.pendingCount} pending`);

    const idleP99 = percentiles(idle).p99;
    const drainP99 = during.length > 0 ? percentiles(during).p99 : Number.NaN;
    return [
      {
        name: `upload.drain ${count} scans`,
        value: Math.round(count / seconds),
        unit: 'scans/s',
        baseline: 20_000,
        ratio: Number((count / seconds / 20_000).toFixed(2)),
        note: 'baseline = target 20,000 scans/s; server: SQLite, separate process on loopback',
      },
      {
        name: 'upload.drain peak RSS (kiosk process)',
        value: Math.round(peakRss / 2 ** 20),
        unit: 'MB',
        baseline: 250,
        ratio: Number((peakRss / 2 ** 20 / 250).toFixed(2)),
        note: 'baseline = target 250 MB',
      },
      {
        name: 'scan.record p99 during drain',
        value: Number(drainP99.toFixed(3)),
        unit: 'ms',
        baseline: Number(idleP99.toFixed(3)),
        ratio: Number((drainP99 / idleP99).toFixed(2)),
        note: `baseline = idle p99 on the same database; ${during.length} scans at 5/s during the drain`,
      },
      {
        name: `kiosk.start with ${count} rows`,
        value: Number(startFull.toFixed(1)),
        unit: 'ms',
        baseline: Number(startEmpty.toFixed(1)),
        ratio: Number((startFull / startEmpty).toFixed(1)),
        note: 'baseline = empty database; includes quick_check',
      },
    ];
  } finally {
    await server.stop();
  }
}
