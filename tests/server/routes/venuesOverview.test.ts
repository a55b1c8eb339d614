/**
 * Venues and the overview as the console uses them: create (with the setup sheet's one-time code
 * and QR text), edit, retire (devices revoked, codes expired), a new code; which venues scan today
 * and in 7 days, silent venues first, flagged devices, registered vs scanning per area and type,
 * scans per day; the trace CSV with Vietnamese headers and local times.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  EnrollmentSheet,
  OverviewResponse,
  VenueDetailResponseSchema,
  VenueListResponseSchema,
} from '../../../shared/console';
import type { z } from 'zod';
import { enrollDevice, postBatch } from '../../support/districtHttp';
import { uploadedScan } from '../../support/districtSamples';
import { addTestUser, ConsoleClient } from '../../support/consoleClient';
import { DISTRICT_STORES, startDistrictServer, type TestDistrictServer } from '../../support/districtServer';

describe.each(DISTRICT_STORES)('venues and overview on %s', (_name, open) => {
  let server: TestDistrictServer;
  let it_: ConsoleClient;
  let viewer: ConsoleClient;
  let port: EnrollmentSheet;
  let hotel: EnrollmentSheet;
  let school: EnrollmentSheet;
  let portDevice: { deviceToken: string; deviceId: string };

  const createVenue = async (body: object) => {
    const response = await it_.post('/api/v1/venues', body);
    expect(response.status).toBe(201);
    return (await response.json()) as EnrollmentSheet;
  };

  beforeAll(async () => {
    server = await startDistrictServer(await open());
    await addTestUser(server.store, 'it', 'it');
    await addTestUser(server.store, 'xem', 'viewer');
    it_ = await ConsoleClient.signIn(server.url, 'it');
    viewer = await ConsoleClient.signIn(server.url, 'xem');
    // Venues pick their commune from the district's list, which IT keeps.
    for (const name of ['Xã An Vĩnh', 'Xã An Hải'])
      expect((await it_.post('/api/v1/communes', { name })).status).toBe(201);
    port = await createVenue({ name: 'Cảng Lý Sơn', type: 'port', area: 'Xã An Vĩnh', address: 'Thôn Đông' });
    // Its commune typed with decomposed accents (as some keyboards send them): the same commune as the port's.
    hotel = await createVenue({ name: 'Khách sạn Biển Xanh', type: 'hotel', area: 'Xã An Vĩnh'.normalize('NFD') });
    school = await createVenue({ name: 'Trường THCS An Hải', type: 'school', area: 'Xã An Hải' });
    portDevice = await enrollDevice(server.url, port.code);
    const hotelDevice = await enrollDevice(server.url, hotel.code, 'Lễ tân');
    // The port scans today (25 Nov local) and 3 days ago; the hotel only 3 days ago, its clock 7 minutes slow and 4 scans left.
    expect(
      (
        await postBatch(server.url, portDevice.deviceToken, {
          sentAt: '2026-11-25T03:00:00.000Z',
          appVersion: '0.2.0',
          pendingCount: 0,
          scans: [
            uploadedScan('2026-11-25T01:00:00.000Z', { seq: 1 }),
            uploadedScan('2026-11-25T01:10:00.000Z', { seq: 2, idNumber: '001099000777', fullName: 'Lê Văn Tâm' }),
            uploadedScan('2026-11-22T01:00:00.000Z', { seq: 3 }),
          ],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await postBatch(server.url, hotelDevice.deviceToken, {
          sentAt: '2026-11-25T02:53:00.000Z',
          appVersion: '0.2.0',
          pendingCount: 4,
          scans: [uploadedScan('2026-11-22T02:00:00.000Z', { seq: 1 })],
        })
      ).status,
    ).toBe(200);
  });
  afterAll(() => server.close());

  it('creates a venue with a one-time code whose QR text carries the public URL', () => {
    expect(port.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(port.qrText).toBe(
      `KIOSK-ENROLL:${port.code}@http://district.test#${server.district.districtKeys[0].publicKey.text}`,
    );
    expect(port.expiresAt).toBe('2026-12-02T03:00:00.000Z');
  });

  it('lists venues with area, activity and devices for viewers, and lets only IT change them', async () => {
    const list = (await (await viewer.get('/api/v1/venues')).json()) as z.infer<typeof VenueListResponseSchema>;
    expect(list.today).toBe('2026-11-25');
    expect(list.venues.find((v) => v.id === port.venueId)).toMatchObject({
      name: 'Cảng Lý Sơn',
      area: 'Xã An Vĩnh',
      address: 'Thôn Đông',
      scansToday: 2,
      scans7Days: 3,
      activeDevices: 1,
      lastUploadAt: '2026-11-25T03:00:00.000Z',
    });
    expect((await viewer.post(`/api/v1/venues/${school.venueId}`, { name: 'x', type: 'school' })).status).toBe(403);
    expect(
      (
        await it_.post(`/api/v1/venues/${school.venueId}`, {
          name: 'Trường THCS An Hải (cơ sở 2)',
          type: 'school',
          area: 'Xã An Hải',
        })
      ).status,
    ).toBe(200);
    const detail = (await (await viewer.get(`/api/v1/venues/${port.venueId}`)).json()) as z.infer<
      typeof VenueDetailResponseSchema
    >;
    expect(detail.devices).toEqual([
      expect.objectContaining({ id: portDevice.deviceId, name: 'Quầy 1', appVersion: '0.2.0', pendingCount: 0 }),
    ]);
  });

  it('shows which venues scan: silent first, counts, flagged devices, coverage and scans per day', async () => {
    const overview = (await (await viewer.get('/api/v1/overview')).json()) as OverviewResponse;
    expect(overview).toMatchObject({
      today: '2026-11-25',
      registeredVenues: 3,
      venuesUploadedToday: 1,
      venuesUploaded7Days: 2,
      scansToday: 2,
    });
    expect(overview.venues.map((v) => v.name)).toEqual([
      'Trường THCS An Hải (cơ sở 2)',
      'Khách sạn Biển Xanh',
      'Cảng Lý Sơn',
    ]);
    expect(overview.flaggedDevices).toEqual([
      expect.objectContaining({ venueName: 'Khách sạn Biển Xanh', pendingCount: 4, clockOffsetMs: 7 * 60_000 }),
    ]);
    expect(overview.byArea).toEqual([
      { key: 'Xã An Hải', registered: 1, scanning7Days: 0 },
      { key: 'Xã An Vĩnh', registered: 2, scanning7Days: 2 },
    ]);
    expect(overview.byType).toEqual([
      { key: 'hotel', registered: 1, scanning7Days: 1 },
      { key: 'port', registered: 1, scanning7Days: 1 },
      { key: 'school', registered: 1, scanning7Days: 0 },
    ]);
    expect(overview.scansPerDay).toHaveLength(14);
    expect(overview.scansPerDay.filter((d) => d.scans > 0)).toEqual([
      { day: '2026-11-22', scans: 2 },
      { day: '2026-11-25', scans: 2 },
    ]);
  });

  it('gives a new code for an active venue; retiring revokes its devices, expires its codes and hides it from the overview', async () => {
    const sheet = (await (await it_.post(`/api/v1/venues/${school.venueId}/codes`)).json()) as EnrollmentSheet;
    expect(sheet.venueName).toBe('Trường THCS An Hải (cơ sở 2)');
    const spare = (await (await it_.post(`/api/v1/venues/${port.venueId}/codes`)).json()) as EnrollmentSheet;
    expect((await it_.post(`/api/v1/venues/${port.venueId}/retire`)).status).toBe(200);
    expect((await it_.post(`/api/v1/venues/${port.venueId}/retire`)).status).toBe(409);
    expect((await it_.post(`/api/v1/venues/${port.venueId}/codes`)).status).toBe(409);
    expect(
      (
        await postBatch(server.url, portDevice.deviceToken, {
          sentAt: '2026-11-25T03:00:00.000Z',
          appVersion: '0.2.0',
          pendingCount: 0,
          scans: [],
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await fetch(`${server.url}/api/v1/enroll`, {
          method: 'POST',
          body: JSON.stringify({ code: spare.code, deviceName: 'x' }),
        })
      ).status,
    ).toBe(410);
    const overview = (await (await viewer.get('/api/v1/overview')).json()) as OverviewResponse;
    expect(overview.registeredVenues).toBe(2);
    await enrollDevice(server.url, sheet.code);
  });

  it('exports a trace as CSV with Vietnamese headers and local times', async () => {
    await addTestUser(server.store, 'csv', 'tracer');
    const tracer = await ConsoleClient.signIn(server.url, 'csv');
    const response = await tracer.get(
      '/api/v1/trace?idNumber=037188000123&from=2026-11-24T00:00:00%2B07:00&to=2026-11-26T00:00:00%2B07:00&caseRef=BN-1&format=csv&lang=vi',
    );
    expect(response.status).toBe(200);
    const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
    expect(
      text.startsWith(
        '\uFEFFLoại,Số giấy tờ,Họ tên,Địa điểm,Vào,Ra,Số phút trùng,Kết thúc,Chuyến tàu / phòng,Tiếp xúc,Giờ tàu chạy\r\n',
      ),
    ).toBe(true);
    // ID numbers as ="…" (spreadsheets keep the leading zero); the traced person's name from their scans.
    expect(text).toMatch(/\r\nmốc dịch tễ,"=""037188000123""",[^,\r\n]+,Cảng Lý Sơn,25\/11\/2026 08:00,/);
    expect(text).toContain('người tiếp xúc,"=""001099000777""",Lê Văn Tâm,Cảng Lý Sơn,25/11/2026 08:10,');
  });
});
