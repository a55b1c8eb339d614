/**
 * The district server dies between its commit and its answer (an injected hook, test mode only):
 * the kiosk sees no answer and re-sends the same batch to the restarted server, which absorbs
 * every item as `duplicate`; no scan is stored twice and none is lost.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ScanBatchResponse } from '../../shared/district';
import { ADMIN_TOKEN, createVenue, enrollDevice, postBatch } from '../support/districtHttp';
import { uploadedScan } from '../support/districtSamples';
import { startDistrictProcess } from '../support/districtServerProcess';

function storedIds(dataDir: string): string[] {
  const db = new Database(path.join(dataDir, 'district.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT id FROM scans ORDER BY id').all() as { id: string }[]).map((row) => row.id);
  } finally {
    db.close();
  }
}

describe('district server killed between commit and answer', () => {
  it('absorbs the re-sent batch as duplicates, each scan stored once', async () => {
    const env = { NODE_ENV: 'test', DISTRICT_ADMIN_TOKEN: ADMIN_TOKEN };
    const now = Date.now();
    const scans = Array.from({ length: 50 }, (_, i) =>
      uploadedScan(new Date(now - 3_600_000 + i * 1000).toISOString(), {
        seq: i + 1,
        idNumber: `0790000${String(i).padStart(5, '0')}`,
      }),
    );
    const batch = { sentAt: new Date(now).toISOString(), appVersion: '0.1.0', pendingCount: 0, scans };

    const doomed = await startDistrictProcess({ env: { ...env, DISTRICT_FAULT_AFTER_COMMIT: 'exit' } });
    const { deviceToken } = await enrollDevice(doomed.url, (await createVenue(doomed.url, 'Cảng Sa Kỳ', 'port')).code);
    await expect(postBatch(doomed.url, deviceToken, batch)).rejects.toThrow();
    expect(await doomed.exited).toBe(86);
    // The commit happened: the rows are on disk although no answer left the server.
    expect(storedIds(doomed.dataDir)).toEqual(scans.map((s) => s.id).sort());

    const restarted = await startDistrictProcess({ dataDir: doomed.dataDir, env });
    try {
      const response = await postBatch(restarted.url, deviceToken, batch);
      expect(response.status).toBe(200);
      const { results } = (await response.json()) as ScanBatchResponse;
      expect(results).toEqual(scans.map((s) => ({ id: s.id, status: 'duplicate' })));
    } finally {
      await restarted.stop();
    }
    expect(storedIds(doomed.dataDir)).toEqual(scans.map((s) => s.id).sort());
  }, 60_000);

  it('ignores the fault switch outside test mode', async () => {
    const server = await startDistrictProcess({
      env: { NODE_ENV: 'production', DISTRICT_ADMIN_TOKEN: ADMIN_TOKEN, DISTRICT_FAULT_AFTER_COMMIT: 'exit' },
    });
    try {
      const { deviceToken } = await enrollDevice(server.url, (await createVenue(server.url, 'Chợ', 'shop')).code);
      const scan = uploadedScan(new Date().toISOString());
      const response = await postBatch(server.url, deviceToken, {
        sentAt: new Date().toISOString(),
        appVersion: '0.1.0',
        pendingCount: 0,
        scans: [scan],
      });
      expect(((await response.json()) as ScanBatchResponse).results).toEqual([{ id: scan.id, status: 'accepted' }]);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
