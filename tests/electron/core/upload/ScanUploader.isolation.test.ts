/**
 * No single scan blocks the queue: a district server that answers 500 for any batch holding one
 * scan it cannot take gets every other scan, and that one is set aside on the kiosk; a server that
 * fails everything gets nothing set aside.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Kiosk } from '../../../../electron/core/Kiosk';
import { memoryLogger } from '../../../../electron/core/log';
import { fakeDistrict, type FakeDistrict } from '../../../support/fakeDistrict';

let kiosk: Kiosk | null = null;
let district: FakeDistrict | null = null;
afterEach(async () => {
  await kiosk?.close();
  await district?.close();
  kiosk = null;
});

async function kioskWith(scans: readonly string[]): Promise<Kiosk> {
  const opened = Kiosk.open({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'kiosk-isolate-')),
    logger: memoryLogger(),
    uploaderTuning: { batchSize: 16, backoffBaseMs: 1, backoffMaxMs: 2 },
  });
  kiosk = opened;
  await opened.parts.enrollment.enroll('ABCDEFGH23', district?.url);
  for (const raw of scans) expect(opened.parts.pipeline.submit({ raw, source: 'serial' }).outcome).toBe('recorded');
  return opened;
}

async function drain(target: Kiosk, attempts: number) {
  for (let i = 0; i < attempts; i += 1) {
    const status = await target.parts.uploader.sendNow();
    if (status.pendingCount === 0) break;
  }
  return target.parts.uploader.status();
}

describe('uploader: one scan the server cannot take', () => {
  it('is found, set aside on the kiosk with its reason, and every other scan reaches the district', async () => {
    district = await fakeDistrict((texts) => texts.includes('VE-POISON'));
    const scans = Array.from({ length: 40 }, (_, i) => (i === 13 ? 'VE-POISON' : `VE-OK-${i}`));
    const k = await kioskWith(scans);
    const status = await drain(k, 10);
    expect(status).toMatchObject({ pendingCount: 0, rejectedCount: 1 });
    expect(district.stored.size).toBe(39);
    // Halving finds it in a handful of requests, not one request per scan.
    expect(district.batches).toBeLessThan(30);
  });

  it('sends a scan the server failed alone three times, once the server takes it again, instead of setting it aside', async () => {
    let probed = false;
    district = await fakeDistrict((texts) => {
      if (texts.length === 1 && !texts.includes('VE-FLAKY')) probed = true;
      return texts.includes('VE-FLAKY') && !probed;
    });
    const k = await kioskWith(Array.from({ length: 12 }, (_, i) => (i === 4 ? 'VE-FLAKY' : `VE-OK-${i}`)));
    expect(await drain(k, 10)).toMatchObject({ pendingCount: 0, rejectedCount: 0 });
    expect(probed).toBe(true);
    expect(district.stored.size).toBe(12);
  });

  it('sets nothing aside while the server fails every batch, and sends it all once the server is well', async () => {
    let down = true;
    district = await fakeDistrict(() => down);
    const k = await kioskWith(Array.from({ length: 10 }, (_, i) => `VE-DOWN-${i}`));
    const status = await drain(k, 8);
    expect(status).toMatchObject({
      pendingCount: 10,
      rejectedCount: 0,
      lastError: { code: 'server-error', status: 500 },
    });
    expect(district.stored.size).toBe(0);
    down = false;
    expect(await drain(k, 4)).toMatchObject({ pendingCount: 0, rejectedCount: 0 });
    expect(district.stored.size).toBe(10);
  });
});
