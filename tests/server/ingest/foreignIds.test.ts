/**
 * Another venue's scan ids tell a device nothing: an id that already belongs to another device is
 * answered exactly as a new id would be (`accepted` the first time, `duplicate` after), and it is
 * not stored again nor moved. A device's own re-sends are `duplicate` as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanBatchResponse, UploadedScan } from '../../../shared/district';
import { createVenue, enrollDevice, postBatch } from '../../support/districtHttp';
import { uploadedScan } from '../../support/districtSamples';
import { DISTRICT_STORES, startDistrictServer, type TestDistrictServer } from '../../support/districtServer';

describe.each(DISTRICT_STORES)('scan ids of other venues on %s', (_name, open) => {
  let server: TestDistrictServer;
  let ownerToken: string;
  let proberToken: string;
  const send = async (token: string, scans: UploadedScan[]) =>
    (
      (await (
        await postBatch(server.url, token, {
          sentAt: '2026-11-25T03:00:00.000Z',
          appVersion: '0.1.0',
          pendingCount: 0,
          scans,
        })
      ).json()) as ScanBatchResponse
    ).results.map((r) => r.status);

  beforeAll(async () => {
    server = await startDistrictServer(await open());
    ownerToken = (await enrollDevice(server.url, (await createVenue(server.url, 'Khách sạn A', 'hotel')).code))
      .deviceToken;
    proberToken = (await enrollDevice(server.url, (await createVenue(server.url, 'Cửa hàng B', 'shop')).code))
      .deviceToken;
  });
  afterAll(() => server.close());

  it('answers an existing id from another device like a new one, and stores nothing for it', async () => {
    const owners = uploadedScan('2026-11-25T01:00:00.000Z', { idNumber: '036000000001', fullName: 'Hoàng Văn Nam' });
    const fresh = uploadedScan('2026-11-25T01:00:01.000Z', { idNumber: '036000000002' });
    expect(await send(ownerToken, [owners])).toEqual(['accepted']);
    const before = await server.store.countScans();
    // The prober cannot tell the owner's id from its own new one, on the first send or the next.
    const probe = { ...owners, idNumber: '000000000000', fullName: 'x' };
    expect(await send(proberToken, [probe, fresh])).toEqual(['accepted', 'accepted']);
    expect(await send(proberToken, [probe, fresh])).toEqual(['duplicate', 'duplicate']);
    expect(await server.store.countScans()).toBe(before + 1);
    const [kept] = await server.store.scansOfPerson('036000000001', '2026-11-24T00:00:00Z', '2026-11-26T00:00:00Z');
    expect(kept).toMatchObject({ id: owners.id, fullName: 'Hoàng Văn Nam' });
    expect(await server.store.scansOfPerson('000000000000', '2026-11-24T00:00:00Z', '2026-11-26T00:00:00Z')).toEqual(
      [],
    );
    expect(await send(ownerToken, [owners])).toEqual(['duplicate']);
  });
});
