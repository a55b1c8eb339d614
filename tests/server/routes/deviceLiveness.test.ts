/**
 * Devices that say what they are and whether they are alive, on both stores: an empty scan batch
 * (the kiosk's heartbeat every upload cycle) records the device's report; the overview and the venue
 * list tell a switched-off kiosk (no report for over 15 minutes) and a revoked one from a quiet one;
 * IT renames a device (CSRF as every state-changing route), nobody else can.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceSummary, EnrollmentSheet, OverviewResponse, VenueSummary } from '../../../shared/console';
import { addTestUser, ConsoleClient } from '../../support/consoleClient';
import { enrollDevice, postBatch } from '../../support/districtHttp';
import { uploadedScan } from '../../support/districtSamples';
import { DISTRICT_STORES, startDistrictServer, type TestDistrictServer } from '../../support/districtServer';

describe.each(DISTRICT_STORES)('device liveness and names on %s', (_name, open) => {
  let server: TestDistrictServer;
  let it_: ConsoleClient;
  let viewer: ConsoleClient;
  let port: EnrollmentSheet;
  let device: { deviceToken: string; deviceId: string };

  beforeAll(async () => {
    server = await startDistrictServer(await open());
    await addTestUser(server.store, 'it', 'it');
    await addTestUser(server.store, 'xem', 'viewer');
    it_ = await ConsoleClient.signIn(server.url, 'it');
    viewer = await ConsoleClient.signIn(server.url, 'xem');
    port = (await (await it_.post('/api/v1/venues', { name: 'Cảng Sa Kỳ', type: 'port' })).json()) as EnrollmentSheet;
    device = await enrollDevice(server.url, port.code, 'vm');
    // Two scans this morning (25 Nov local), sent at 03:00 UTC.
    const sent = await postBatch(server.url, device.deviceToken, {
      sentAt: '2026-11-25T03:00:00.000Z',
      appVersion: '0.2.0',
      pendingCount: 0,
      scans: [
        uploadedScan('2026-11-25T01:00:00.000Z', { seq: 1 }),
        uploadedScan('2026-11-25T01:05:00.000Z', { seq: 2 }),
      ],
    });
    expect(sent.status).toBe(200);
  });
  afterAll(() => server.close());

  /** Moves the server's clock; sessions idle past their limit are signed in again. */
  const at = async (iso: string) => {
    server.setNow(iso);
    it_ = await ConsoleClient.signIn(server.url, 'it');
    viewer = await ConsoleClient.signIn(server.url, 'xem');
  };

  const venue = async (): Promise<VenueSummary> => {
    const overview = (await (await viewer.get('/api/v1/overview')).json()) as OverviewResponse;
    return overview.venues.find((v) => v.id === port.venueId) as VenueSummary;
  };
  const flagged = async (): Promise<DeviceSummary[]> =>
    ((await (await viewer.get('/api/v1/overview')).json()) as OverviewResponse).flaggedDevices;

  it('records the report of an empty batch (the heartbeat): last report, pending count, version, clock', async () => {
    await at('2026-11-25T03:40:00.000Z');
    expect((await venue()).lastReportAt).toBe('2026-11-25T03:00:00.000Z');
    // Forty minutes without a report: flagged, though it scanned today.
    expect((await flagged()).map((d) => d.id)).toEqual([device.deviceId]);

    const beat = await postBatch(server.url, device.deviceToken, {
      sentAt: '2026-11-25T03:38:00.000Z',
      appVersion: '0.3.0',
      pendingCount: 0,
      scans: [],
    });
    expect(beat.status).toBe(200);
    expect(await beat.json()).toMatchObject({ results: [] });
    expect(await venue()).toMatchObject({ lastReportAt: '2026-11-25T03:40:00.000Z', scansToday: 2, activeDevices: 1 });
    expect(await flagged()).toEqual([]);
    const [listed] = (await server.store.listDevices()).filter((d) => d.id === device.deviceId);
    expect(listed).toMatchObject({
      lastUploadAt: '2026-11-25T03:40:00.000Z',
      appVersion: '0.3.0',
      pendingCount: 0,
      clockOffsetMs: 2 * 60_000,
    });
    // No scan came with it.
    expect(await server.store.countScans()).toBe(2);

    // 16 minutes later with no report: gone quiet (switched off), still with today's scans.
    await at('2026-11-25T03:56:00.000Z');
    expect((await flagged()).map((d) => d.id)).toEqual([device.deviceId]);
  });

  it('lets IT rename a device, with the CSRF token; a viewer or a request without the token cannot', async () => {
    const path = `/api/v1/devices/${device.deviceId}/name`;
    expect((await viewer.post(path, { name: 'Quầy vé 1' })).status).toBe(403);
    expect((await it_.post(path, { name: 'Quầy vé 1' }, { csrf: false })).status).toBe(403);
    expect((await it_.post(path, { name: '  ' })).status).toBe(400);
    expect((await it_.post(path, { name: 'x'.repeat(81) })).status).toBe(400);
    expect((await it_.post('/api/v1/devices/00000000-0000-7000-8000-000000000000/name', { name: 'A' })).status).toBe(
      404,
    );
    expect((await it_.post(path, { name: '  Quầy vé 1 ' })).status).toBe(200);
    const devices = ((await (await viewer.get('/api/v1/stats/devices')).json()) as { devices: DeviceSummary[] })
      .devices;
    expect(devices.map((d) => d.name)).toEqual(['Quầy vé 1']);
  });

  it('a venue whose only device is revoked has no device reporting', async () => {
    await at('2026-11-25T04:00:00.000Z');
    expect((await it_.post(`/api/v1/devices/${device.deviceId}/revoke`)).status).toBe(200);
    expect(await venue()).toMatchObject({ activeDevices: 0, lastReportAt: null, scansToday: 2 });
    // Revoked devices are not flagged: IT did it on purpose.
    expect(await flagged()).toEqual([]);
  });
});
