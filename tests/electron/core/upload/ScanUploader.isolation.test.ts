/**
 * No single scan blocks the queue, against a real district server (a child process): a front that
 * answers 500 for any batch holding one scan the server "cannot take" gets every other scan there,
 * and that one is set aside on the kiosk; a scan the server itself rejects by id (its per-id answer)
 * is set aside in the same request; a server that fails everything gets nothing set aside. The
 * district's scans are compared as whole lists: none missing, none doubled, none extra.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Kiosk } from '../../../../electron/core/Kiosk';
import { memoryLogger } from '../../../../electron/core/log';
import { createVenue } from '../../../support/districtHttp';
import { startRefusingFront, type RefusingFront } from '../../../support/refusingFront';
import { startServerProcess, type ServerProcess } from '../../../support/serverProcess';

let server: ServerProcess;
let front: RefusingFront | null = null;
let kiosk: Kiosk | null = null;
beforeEach(async () => {
  server = await startServerProcess();
});
afterEach(async () => {
  await kiosk?.close();
  kiosk = null;
  await front?.close();
  front = null;
  await server.stop();
});

interface KioskRows {
  readonly kiosk: Kiosk;
  readonly dataDir: string;
  /** The id of each scan, by its code text. */
  readonly ids: ReadonlyMap<string, string>;
}

/** A kiosk enrolled with the real server through a front that refuses what `refuses` names. */
async function kioskWith(
  scans: readonly string[],
  refuses: (texts: readonly (string | null)[]) => boolean,
  clock: () => Date = () => new Date(),
): Promise<KioskRows> {
  front = await startRefusingFront(server.url, refuses);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-isolate-'));
  const opened = Kiosk.open({
    dataDir,
    logger: memoryLogger(),
    now: clock,
    uploaderTuning: { batchSize: 16, backoffBaseMs: 1, backoffMaxMs: 2 },
  });
  kiosk = opened;
  const { code } = await createVenue(server.url, 'Cảng Lý Sơn', 'port');
  await opened.parts.enrollment.enroll(code, front.url);
  const ids = new Map<string, string>();
  for (const raw of scans) {
    const result = opened.parts.pipeline.submit({ raw, source: 'serial' });
    expect(result.outcome).toBe('recorded');
    ids.set(raw, result.scanId ?? '');
  }
  return { kiosk: opened, dataDir, ids };
}

async function drain(target: Kiosk, attempts: number) {
  for (let i = 0; i < attempts; i += 1) {
    const status = await target.parts.uploader.sendNow();
    if (status.pendingCount === 0) break;
  }
  return target.parts.uploader.status();
}

/** The ids of `texts`' scans, sorted as the server lists them. */
function idsOf(rows: KioskRows, texts: readonly string[]): string[] {
  return texts.map((text) => rows.ids.get(text) ?? `missing ${text}`).sort();
}

function rejections(dataDir: string): { scan_id: string; reason: string }[] {
  const db = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT scan_id, reason FROM upload_rejections ORDER BY scan_id').all() as {
      scan_id: string;
      reason: string;
    }[];
  } finally {
    db.close();
  }
}

describe('uploader: one scan the server cannot take (real district server)', () => {
  it('is found, set aside on the kiosk with its reason, and every other scan reaches the district once', async () => {
    const scans = Array.from({ length: 40 }, (_, i) => (i === 13 ? 'VE-POISON' : `VE-OK-${i}`));
    const rows = await kioskWith(scans, (texts) => texts.includes('VE-POISON'));
    const status = await drain(rows.kiosk, 10);
    expect(status).toMatchObject({ pendingCount: 0, rejectedCount: 1 });
    expect(rejections(rows.dataDir)).toEqual([{ scan_id: rows.ids.get('VE-POISON'), reason: 'server-refused-500' }]);
    expect(server.scanIds()).toEqual(
      idsOf(
        rows,
        scans.filter((text) => text !== 'VE-POISON'),
      ),
    );
    // Halving finds it in a handful of requests, not one request per scan.
    expect(front?.batches).toBeLessThan(30);
  });

  it('sends a scan the server failed alone three times, once the server takes it again, instead of setting it aside', async () => {
    // VE-FLAKY fails in every batch until, after failing alone three times, the scan after it is
    // sent alone as the probe: from then on the server takes it.
    let aloneRefusals = 0;
    let probed = false;
    const scans = Array.from({ length: 12 }, (_, i) => (i === 4 ? 'VE-FLAKY' : `VE-OK-${i}`));
    const rows = await kioskWith(scans, (texts) => {
      if (probed) return false;
      if (texts.length === 1 && texts[0] === 'VE-FLAKY') aloneRefusals += 1;
      else if (texts.length === 1 && aloneRefusals >= 3) probed = true;
      return texts.includes('VE-FLAKY') && !probed;
    });
    expect(await drain(rows.kiosk, 10)).toMatchObject({ pendingCount: 0, rejectedCount: 0 });
    expect({ aloneRefusals, probed }).toEqual({ aloneRefusals: 3, probed: true });
    expect(rejections(rows.dataDir)).toEqual([]);
    expect(server.scanIds()).toEqual(idsOf(rows, scans));
    // The probe's scan was taken once as a probe (its answer not applied), then sent again in order:
    // the real server answered that second time "duplicate", and the kiosk went on past it.
    const probeId = rows.ids.get('VE-OK-5');
    expect(front?.answers.filter((answer) => answer.id === probeId).map((answer) => answer.status)).toEqual([
      'accepted',
      'duplicate',
    ]);
  });

  it('sets aside a scan the server rejects by id (an impossible time), in the same request, and takes the others', async () => {
    // The kiosk's clock was back in 1970 for one scan (a dead clock battery), then put right.
    let clock = Date.now();
    const scans = Array.from({ length: 10 }, (_, i) => `VE-TIME-${i}`);
    const rows = await kioskWith(
      scans.slice(0, 3),
      () => false,
      () => new Date(clock),
    );
    clock = Date.parse('1970-01-02T00:00:00Z');
    const old = rows.kiosk.parts.pipeline.submit({ raw: scans[3], source: 'serial' });
    expect(old.outcome).toBe('recorded');
    clock = Date.now();
    const later = scans.slice(4).map((raw) => rows.kiosk.parts.pipeline.submit({ raw, source: 'serial' }));
    expect(later.map((result) => result.outcome)).toEqual(Array(6).fill('recorded'));
    expect(await drain(rows.kiosk, 3)).toMatchObject({ pendingCount: 0, rejectedCount: 1, lastError: null });
    const rejected = rejections(rows.dataDir);
    expect(rejected).toEqual([{ scan_id: old.scanId, reason: expect.stringMatching(/^implausible-time/) as string }]);
    // One request: a per-id answer needs no halving.
    expect(front?.batches).toBe(1);
    expect(front?.answers.filter((answer) => answer.status === 'rejected').map((answer) => answer.id)).toEqual([
      old.scanId,
    ]);
    const others = [...idsOf(rows, scans.slice(0, 3)), ...later.map((result) => result.scanId ?? '')];
    expect(server.scanIds()).toEqual(others.sort());
  });

  it('sets nothing aside while the server fails every batch, and sends it all once the server is well', async () => {
    let down = true;
    const scans = Array.from({ length: 10 }, (_, i) => `VE-DOWN-${i}`);
    const rows = await kioskWith(scans, () => down);
    const status = await drain(rows.kiosk, 8);
    expect(status).toMatchObject({
      pendingCount: 10,
      rejectedCount: 0,
      lastError: { code: 'server-error', status: 500 },
    });
    expect(server.scanIds()).toEqual([]);
    down = false;
    expect(await drain(rows.kiosk, 4)).toMatchObject({ pendingCount: 0, rejectedCount: 0 });
    expect(server.scanIds()).toEqual(idsOf(rows, scans));
  });
});
