/**
 * usb.handover: N pending scans of a kiosk set up offline, exported to one sealed file by IT's CLI
 * (`cli -- export`) and imported by the district's (`server -- import`), each in its own process
 * under GNU time (wall time and peak RSS); the file's size; and, in the same run, the same number of
 * scans uploaded over HTTP by an enrolled kiosk to a district server process on loopback (the
 * import's peer: the way the scans come when there is a network).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { Kiosk } from '../electron/core/Kiosk';
import { memoryLogger } from '../electron/core/log';
import { createVenue } from '../tests/support/districtHttp';
import { startServerProcess } from '../tests/support/serverProcess';
import { kioskWithPendingScans } from './kioskData';
import type { Figure } from './run';

interface Timed {
  readonly seconds: number;
  readonly peakMb: number;
  readonly stdout: string;
}

/** Runs a TypeScript entry point of this tree under GNU time: its wall seconds and peak resident memory. */
function timed(args: readonly string[]): Timed {
  const report = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-time-')), 'time');
  let stdout: string;
  try {
    stdout = execFileSync(
      '/usr/bin/time',
      ['-o', report, '-f', '%e %M', process.execPath, '--import', 'tsx', ...args],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  } catch (error) {
    throw new Error(`bench: ${args.join(' ')} failed: ${(error as { stderr?: string }).stderr ?? String(error)}`);
  }
  const [seconds, kilobytes] = readFileSync(report, 'utf8').trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
  return { seconds, peakMb: kilobytes / 1024, stdout };
}

function districtScanCount(dataDir: string): number {
  const db = new Database(path.join(dataDir, 'district.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM scans').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

export async function handoverFigures(count: number): Promise<Figure[]> {
  // The offline venue: a kiosk set up from a setup sheet (code and district key), N scans waiting.
  const offline = await startServerProcess();
  const sheet = await createVenue(offline.url, 'Trường THCS An Hải', 'school');
  // Stopped first: the kiosk must not find the district (it would enroll and upload instead).
  await offline.stop();
  const kioskDir = await kioskWithPendingScans(count);
  const kiosk = Kiosk.open({ dataDir: kioskDir, logger: memoryLogger() });
  kiosk.parts.handover.setupOffline(sheet.qrText, offline.url, 'may-quet-truong');
  await kiosk.close();

  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-usb-')), 'quet.kiosk-scans');
  const exported = timed(['electron/core/cli.ts', 'export', '--data', kioskDir, '--out', file]);
  const bytes = statSync(file).size;
  const imported = timed(['server/main.ts', 'import', '--data', offline.dataDir, file]);
  const held = districtScanCount(offline.dataDir);
  if (held !== count) throw new Error(`bench: the import left ${held} scans of ${count}`);

  // The peer in the same run: the same number of scans uploaded over HTTP by an enrolled kiosk.
  const online = await startServerProcess();
  let uploadSeconds: number;
  try {
    const venue = await createVenue(online.url, 'Trường THCS An Hải', 'school');
    const uploadingDir = await kioskWithPendingScans(count);
    const uploading = Kiosk.open({
      dataDir: uploadingDir,
      logger: memoryLogger(),
      serverUrl: online.url,
      uploadIntervalMs: 3_600_000,
      uploaderTuning: { batchSize: 5000 },
    });
    await uploading.parts.enrollment.enroll(venue.code);
    const t = performance.now();
    const status = await uploading.parts.uploader.sendNow();
    uploadSeconds = (performance.now() - t) / 1000;
    await uploading.close();
    if (status.pendingCount > 0) throw new Error(`bench: the upload left ${status.pendingCount} pending`);
  } finally {
    await online.stop();
  }

  const importRate = count / imported.seconds;
  const uploadRate = count / uploadSeconds;
  const note = `${count} scans; each CLI its own process under GNU time (wall time includes Node and tsx start, ~1 s)`;
  return [
    { name: `usb.export ${count} scans`, value: round(exported.seconds, 1), unit: 's', note },
    { name: 'usb.export peak RSS (CLI process)', value: round(exported.peakMb, 0), unit: 'MB', note },
    {
      name: 'usb.file size',
      value: round(bytes / 2 ** 20, 1),
      unit: 'MB',
      note: `${round(bytes / count, 1)} bytes a scan, sealed and deflated`,
    },
    { name: `usb.import ${count} scans`, value: round(imported.seconds, 1), unit: 's', note },
    { name: 'usb.import peak RSS (server CLI process)', value: round(imported.peakMb, 0), unit: 'MB', note },
    {
      name: 'usb.import speed',
      value: Math.round(importRate),
      unit: 'scans/s',
      baseline: Math.round(uploadRate),
      ratio: round(importRate / uploadRate),
      note: 'baseline = the same number of scans uploaded over HTTP (kiosk and server processes on loopback, SQLite), same run',
    },
  ];
}
