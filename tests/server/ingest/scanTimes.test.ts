/**
 * Times are sane per item: a scan whose (corrected) time is more than 400 days before or a day
 * after the server's now is rejected alone with the reason; a `sentAt` too far off to be a clock
 * error (year 0) is not used to correct times, so no absurd corrected time is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanBatchResponse } from '../../../shared/district';
import { createVenue, enrollDevice, postBatch } from '../../support/districtHttp';
import { uploadedScan } from '../../support/districtSamples';
import { DISTRICT_STORES, startDistrictServer, type TestDistrictServer } from '../../support/districtServer';

describe.each(DISTRICT_STORES)('scan times on %s', (_name, open) => {
  let server: TestDistrictServer;
  let token: string;
  const batch = (scans: unknown[], sentAt: string) => ({ sentAt, appVersion: '0.1.0', pendingCount: 0, scans });

  beforeAll(async () => {
    server = await startDistrictServer(await open());
    token = (await enrollDevice(server.url, (await createVenue(server.url, 'Trường THPT', 'school')).code)).deviceToken;
  });
  afterAll(() => server.close());

  it('rejects a scan outside the plausible window alone, and stores the rest', async () => {
    const year0 = {
      ...uploadedScan('2026-11-25T01:00:00.000Z', { idNumber: '001000000001' }),
      scannedAt: '0000-01-01T00:00:00.000Z',
    };
    const year2099 = {
      ...uploadedScan('2026-11-25T01:00:01.000Z', { idNumber: '001000000002' }),
      scannedAt: '2099-01-01T00:00:00.000Z',
    };
    const tooOld = uploadedScan('2025-10-01T00:00:00.000Z', { idNumber: '001000000003' });
    const tomorrow = uploadedScan('2026-11-26T02:00:00.000Z', { idNumber: '001000000004' });
    const good = uploadedScan('2026-11-25T01:00:02.000Z', { idNumber: '001000000005' });
    const response = await postBatch(
      server.url,
      token,
      batch([year0, year2099, tooOld, tomorrow, good], '2026-11-25T03:00:00.000Z'),
    );
    const { results } = (await response.json()) as ScanBatchResponse;
    expect(results).toEqual([
      ...[year0, year2099, tooOld].map((s) => ({
        id: s.id,
        status: 'rejected',
        reason: 'implausible-time: scannedAt',
      })),
      { id: tomorrow.id, status: 'accepted' },
      { id: good.id, status: 'accepted' },
    ]);
  });

  it('ignores the clock correction when sentAt is implausible, so corrected times stay real', async () => {
    const scan = uploadedScan('2026-11-25T02:30:00.000Z', { idNumber: '001000000006' });
    const response = await postBatch(server.url, token, batch([scan], '0001-01-01T00:00:00.000Z'));
    expect(((await response.json()) as ScanBatchResponse).results).toEqual([{ id: scan.id, status: 'accepted' }]);
    const [stored] = await server.store.scansOfPerson('001000000006', '2026-11-01T00:00:00Z', '2027-01-01T00:00:00Z');
    expect(stored.correctedAt).toBe('2026-11-25T02:30:00.000Z');
  });

  it('corrects a kiosk whose clock battery died: its scans and sentAt both back in 1970', async () => {
    const scan = uploadedScan('1970-01-01T00:10:00.000Z', { idNumber: '001000000008' });
    const response = await postBatch(server.url, token, batch([scan], '1970-01-01T00:20:00.000Z'));
    expect(((await response.json()) as ScanBatchResponse).results).toEqual([{ id: scan.id, status: 'accepted' }]);
    const [stored] = await server.store.scansOfPerson('001000000008', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
    expect(Date.parse(stored.correctedAt)).toBeGreaterThan(Date.parse('2026-01-01T00:00:00Z'));
    // Counted on the day it happened at the kiosk (UTC+7), not on 1 January 1970.
    expect(stored.localDay).toBe('2026-11-25');
    expect(await server.store.dailyCounts('1970-01-01', '1970-01-01')).toEqual([]);
  });

  it('keeps the corrected scans of a 1970 kiosk through the retention purge, and purges by corrected time', async () => {
    const lost = uploadedScan('1970-01-02T00:10:00.000Z', { idNumber: '001000000009' });
    await postBatch(server.url, token, batch([lost], '1970-01-02T00:20:00.000Z'));
    const old = uploadedScan('2026-10-01T01:00:00.000Z', { idNumber: '001000000010' });
    await postBatch(server.url, token, batch([old], '2026-11-25T03:00:00.000Z'));
    await server.store.purgeScansBefore('2026-10-26T00:00:00.000Z');
    const year = [Date.parse('2026-01-01T00:00:00Z'), Date.parse('2027-01-01T00:00:00Z')] as const;
    expect(
      await server.store.scansOfPerson('001000000009', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'),
    ).toHaveLength(1);
    expect(await server.store.presenceOfPerson('001000000009', ...year)).toHaveLength(1);
    expect(await server.store.scansOfPerson('001000000010', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toEqual(
      [],
    );
    expect(await server.store.presenceOfPerson('001000000010', ...year)).toEqual([]);
  });

  it('still corrects a clock some hours off', async () => {
    const scan = uploadedScan('2026-11-25T05:30:00.000Z', { idNumber: '001000000007' });
    await postBatch(server.url, token, batch([scan], '2026-11-25T08:00:00.000Z'));
    const [stored] = await server.store.scansOfPerson('001000000007', '2026-11-01T00:00:00Z', '2027-01-01T00:00:00Z');
    expect(stored.correctedAt).toBe('2026-11-25T00:30:00.000Z');
  });
});
