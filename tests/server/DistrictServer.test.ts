/**
 * The district server over HTTP end to end: enrollment, ingest, trace and statistics, the served
 * OpenAPI document. Past 300 lines: one running server and its fixtures serve every group.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_WRITE_COMMAND } from '../../server/http/openApiDocument';
import { openApiDocument } from '../../server/routes/index';
import { uploadedScan } from '../support/districtSamples';
import {
  adminHeaders,
  createVenue,
  enrollDevice,
  postBatch,
  startInProcessServer,
  type InProcessServer,
} from '../support/districtHttp';

let server: InProcessServer;
let portToken: string;
let hotelToken: string;

const batch = (scans: unknown[], sentAt = '2026-11-25T03:00:00.000Z') => ({
  sentAt,
  appVersion: '0.1.0',
  pendingCount: 0,
  scans,
});
const traceUrl = (idNumber: string, extra = '') =>
  `${server.url}/api/v1/trace?idNumber=${idNumber}&from=2026-11-24T00:00:00Z&to=2026-11-26T00:00:00Z${extra}`;

beforeAll(async () => {
  server = await startInProcessServer();
  portToken = (await enrollDevice(server.url, (await createVenue(server.url, 'Cảng Lý Sơn', 'port')).code)).deviceToken;
  hotelToken = (
    await enrollDevice(server.url, (await createVenue(server.url, 'Khách sạn Biển Xanh', 'hotel')).code, 'Lễ tân')
  ).deviceToken;
});
afterAll(() => server.close());

describe('enrollment', () => {
  it('gives a one-time code as QR text and refuses it a second time', async () => {
    const created = await createVenue(server.url, 'Trường THCS An Vĩnh', 'school');
    expect(created.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    // The district's key travels on the sheet too, for a kiosk that is never online (dk1.<X25519>.<Ed25519>).
    expect(created.qrText).toMatch(
      new RegExp(`^KIOSK-ENROLL:${created.code}@http://district\\.test#dk1\\.[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}$`),
    );
    const first = await enrollDevice(server.url, created.code.toLowerCase());
    expect(first).toMatchObject({ venueName: 'Trường THCS An Vĩnh' });
    const again = await fetch(`${server.url}/api/v1/enroll`, {
      method: 'POST',
      body: JSON.stringify({ code: created.code, deviceName: 'x' }),
    });
    expect(again.status).toBe(410);
  });

  it('refuses expired codes', async () => {
    const created = await createVenue(server.url, 'Cửa hàng', 'shop');
    server.setNow('2026-12-09T00:00:00.000Z');
    const late = await fetch(`${server.url}/api/v1/enroll`, {
      method: 'POST',
      body: JSON.stringify({ code: created.code, deviceName: 'x' }),
    });
    server.setNow('2026-11-25T03:00:00.000Z');
    expect(late.status).toBe(410);
    expect(await late.json()).toMatchObject({ error: 'enrollment-expired' });
  });

  it('requires the admin token for admin routes', async () => {
    const noToken = await fetch(`${server.url}/api/v1/enrollments`, {
      method: 'POST',
      body: JSON.stringify({ venueName: 'x', venueType: 'port' }),
    });
    expect(noToken.status).toBe(401);
    const wrong = await fetch(`${server.url}/api/v1/stats/devices`, { headers: { Authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const trace = await fetch(traceUrl('037188000123'), { headers: { Authorization: `Bearer ${portToken}` } });
    expect(trace.status).toBe(401);
  });
});

describe('ingest', () => {
  it('accepts each id once and answers per id, rejecting bad items without sinking the batch', async () => {
    const good = uploadedScan('2026-11-25T01:00:00.000Z');
    const response = await postBatch(
      server.url,
      portToken,
      batch([
        good,
        { id: 'not-a-uuid', seq: 2 },
        { ...good, id: uploadedScan('2026-11-25T01:00:01.000Z').id, direction: 'sideways' },
      ]),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: { id: string; status: string; reason?: string }[] };
    expect(body.results).toEqual([
      { id: 'not-a-uuid', status: 'rejected', reason: expect.any(String) },
      expect.objectContaining({ status: 'rejected', reason: expect.stringContaining('direction') }),
      { id: good.id, status: 'accepted' },
    ]);
    const again = (await (await postBatch(server.url, portToken, batch([good]))).json()) as { results: unknown[] };
    expect(again.results).toEqual([{ id: good.id, status: 'duplicate' }]);
  });

  it('corrects device clock error from sentAt and the receive time', async () => {
    // The device clock is 2 hours behind: its scan at 22:00 was really at 00:00.
    const scan = uploadedScan('2026-11-24T22:00:00.000Z', { idNumber: '051300000111', fullName: 'Trần Văn Bình' });
    await postBatch(server.url, portToken, batch([scan], '2026-11-25T01:00:00.000Z'));
    const [row] = await server.store.scansOfPerson(
      '051300000111',
      '2026-11-24T00:00:00.000Z',
      '2026-11-26T00:00:00.000Z',
    );
    expect(row.correctedAt).toBe('2026-11-25T00:00:00.000Z');
    const devices = (await (await fetch(`${server.url}/api/v1/stats/devices`, { headers: adminHeaders() })).json()) as {
      devices: { clockOffsetMs: number }[];
    };
    expect(devices.devices.some((d) => d.clockOffsetMs === 7_200_000)).toBe(true);
  });

  it('refuses unknown and revoked tokens, oversize bodies and gzip bombs with clear errors', async () => {
    expect((await postBatch(server.url, 'unknown-token', batch([]))).status).toBe(401);
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    const bombed = await fetch(`${server.url}/api/v1/scans:batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${portToken}`, 'Content-Encoding': 'gzip' },
      body: bomb,
    });
    expect(bombed.status).toBe(413);
    const tooMany = await postBatch(server.url, portToken, batch(Array.from({ length: 5001 }, () => ({}))));
    expect(tooMany.status).toBe(400);
    const notGzip = await fetch(`${server.url}/api/v1/scans:batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${portToken}`, 'Content-Encoding': 'gzip' },
      body: 'plain',
    });
    expect(notGzip.status).toBe(400);
  });

  it('answers any JSON body with a clear status, never a crash, and writes no row from it', async () => {
    const before = await server.store.countScans();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const response = await postBatch(server.url, portToken, value);
        expect([200, 400]).toContain(response.status);
        await response.body?.cancel();
      }),
      { numRuns: 60 },
    );
    expect(await server.store.countScans()).toBe(before);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('trace and statistics', () => {
  it('pairs entries and exits into visits and finds overlapping contacts, in JSON and CSV', async () => {
    const index = '038190000777';
    await postBatch(
      server.url,
      portToken,
      batch([
        uploadedScan('2026-11-25T00:30:00.000Z', {
          seq: 10,
          idNumber: index,
          direction: 'in',
          contextLabel: 'Tàu 07:30 Sa Kỳ → Lý Sơn',
        }),
        uploadedScan('2026-11-25T00:35:00.000Z', {
          seq: 11,
          idNumber: '001099012345',
          fullName: 'Nguyễn Văn An',
          direction: 'in',
        }),
        uploadedScan('2026-11-25T01:10:00.000Z', { seq: 12, idNumber: index, direction: 'out' }),
        uploadedScan('2026-11-25T01:20:00.000Z', { seq: 13, idNumber: '001099012345', direction: 'out' }),
        uploadedScan('2026-11-25T05:00:00.000Z', {
          seq: 14,
          idNumber: '079300000222',
          fullName: 'Lê Thu',
          direction: 'in',
        }),
      ]),
    );
    await postBatch(
      server.url,
      hotelToken,
      batch([uploadedScan('2026-11-25T02:00:00.000Z', { seq: 1, idNumber: index, direction: 'in' })]),
    );
    const trace = (await (await fetch(traceUrl(index), { headers: adminHeaders() })).json()) as {
      visits: unknown[];
      contacts: unknown[];
    };
    expect(trace.visits).toEqual([
      expect.objectContaining({
        venueName: 'Cảng Lý Sơn',
        venueType: 'port',
        entryAt: '2026-11-25T00:30:00.000Z',
        exitAt: '2026-11-25T01:10:00.000Z',
        closedBy: 'exit',
        contextLabel: 'Tàu 07:30 Sa Kỳ → Lý Sơn',
      }),
      expect.objectContaining({
        venueName: 'Khách sạn Biển Xanh',
        entryAt: '2026-11-25T02:00:00.000Z',
        exitAt: '2026-11-26T02:00:00.000Z',
        closedBy: 'default-stay',
      }),
    ]);
    expect(trace.contacts).toContainEqual(
      expect.objectContaining({
        idNumber: '001099012345',
        fullName: 'Nguyễn Văn An',
        venueName: 'Cảng Lý Sơn',
        overlapMinutes: 35,
      }),
    );
    // Also at the port then: the ingest test's visitor (01:00, no exit: default stay) and the clock test's
    // (corrected to 00:00); not Lê Thu, who came at 05:00, long after the exit at 01:10.
    expect((trace.contacts as { idNumber: string }[]).map((c) => c.idNumber).sort()).toEqual([
      '001099012345',
      '037188000123',
      '051300000111',
    ]);
    // A window that ends before it starts is refused, and not written in the audit as a trace.
    const audits = (await server.store.listTraceAudits(1000)).length;
    const backwards = await fetch(
      `${server.url}/api/v1/trace?idNumber=${index}&from=2026-11-26T00:00:00Z&to=2026-11-24T00:00:00Z`,
      { headers: adminHeaders() },
    );
    expect([backwards.status, await backwards.json()]).toEqual([
      400,
      expect.objectContaining({
        message: expect.stringMatching(/to.*must be after from/),
        fields: [{ field: 'to', reason: 'other' }],
      }),
    ]);
    expect(await server.store.listTraceAudits(1000)).toHaveLength(audits);
    // Typed with the separators people write: the same person.
    const spaced = (await (await fetch(traceUrl('038%20190.000-777'), { headers: adminHeaders() })).json()) as {
      visits: unknown[];
    };
    expect(spaced.visits).toEqual(trace.visits);
    const csv = await (await fetch(traceUrl(index, '&format=csv'), { headers: adminHeaders() })).text();
    expect(csv).toContain('role,idNumber,fullName,venueId,venueName');
    expect(csv).toContain('contact,"=""001099012345""",Nguyễn Văn An');
  });

  it("ends a visit with no exit on the district's day, not the kiosk PC's: a school kiosk left on UTC", async () => {
    const schoolToken = (
      await enrollDevice(server.url, (await createVenue(server.url, 'Trường TH Lý Sơn', 'school')).code)
    ).deviceToken;
    // 04:48 and 10:00 on 25 November in Vietnam; the PC's clock says UTC (offset 0). Neither leaves by the kiosk.
    await postBatch(
      server.url,
      schoolToken,
      batch([
        uploadedScan('2026-11-24T21:48:00.000Z', { seq: 1, idNumber: '051090001234', utcOffsetMin: 0 }),
        uploadedScan('2026-11-25T03:00:00.000Z', { seq: 2, idNumber: '051090005678', utcOffsetMin: 0 }),
      ]),
    );
    const url = `${server.url}/api/v1/trace?idNumber=051090001234&from=2026-11-24T00:00:00Z&to=2026-11-26T00:00:00Z`;
    const trace = (await (await fetch(url, { headers: adminHeaders() })).json()) as {
      visits: unknown[];
      contacts: { idNumber: string }[];
    };
    // The school's default stay (10 h, to 14:48), not cut at the PC's midnight (07:00 in Vietnam).
    expect(trace.visits).toEqual([
      expect.objectContaining({
        venueName: 'Trường TH Lý Sơn',
        exitAt: '2026-11-25T07:48:00.000Z',
        closedBy: 'default-stay',
      }),
    ]);
    expect(trace.contacts.map((c) => c.idNumber)).toEqual(['051090005678']);
  });

  it('does not keep the traced person at a venue they left for another: an entry elsewhere ends a stay with no exit', async () => {
    const pier = (await enrollDevice(server.url, (await createVenue(server.url, 'Bến tàu Sa Kỳ', 'port')).code))
      .deviceToken;
    const market = (await enrollDevice(server.url, (await createVenue(server.url, 'Chợ Lý Sơn', 'shop')).code))
      .deviceToken;
    // 08:00 at the pier (no exit scanned), 08:05 into the market; someone else at the pier 08:40-09:00.
    await postBatch(
      server.url,
      pier,
      batch([
        uploadedScan('2026-11-25T01:00:00.000Z', { seq: 1, idNumber: '051090002222' }),
        uploadedScan('2026-11-25T01:40:00.000Z', { seq: 2, idNumber: '051090003333' }),
        uploadedScan('2026-11-25T02:00:00.000Z', { seq: 3, idNumber: '051090003333', direction: 'out' }),
      ]),
    );
    await postBatch(
      server.url,
      market,
      batch([uploadedScan('2026-11-25T01:05:00.000Z', { seq: 1, idNumber: '051090002222' })]),
    );
    const url = `${server.url}/api/v1/trace?idNumber=051090002222&from=2026-11-24T00:00:00Z&to=2026-11-26T00:00:00Z&marginMinutes=15`;
    const trace = (await (await fetch(url, { headers: adminHeaders() })).json()) as {
      visits: { venueName: string; exitAt: string }[];
      contacts: { idNumber: string }[];
    };
    expect(trace.visits.map((v) => [v.venueName, v.exitAt])).toEqual([
      ['Bến tàu Sa Kỳ', '2026-11-25T01:05:00.000Z'],
      ['Chợ Lý Sơn', '2026-11-25T02:05:00.000Z'],
    ]);
    expect(trace.contacts.map((c) => c.idNumber)).not.toContain('051090003333');
  });

  it('finds every contact of a visit when a stay with no recorded entry is moved after it', async () => {
    const gate = (await enrollDevice(server.url, (await createVenue(server.url, 'Cổng cảng Bến Đình', 'port')).code))
      .deviceToken;
    const kiosk = (await enrollDevice(server.url, (await createVenue(server.url, 'Quán nước Bến Đình', 'shop')).code))
      .deviceToken;
    // At the gate 07:00-07:10, in the shop 07:20-07:40, then an exit at the gate at 08:00 with no entry
    // (taken to begin at 07:40, when the shop stay ended). Someone else was at the gate 06:50-07:05.
    await postBatch(
      server.url,
      gate,
      batch([
        uploadedScan('2026-11-24T23:50:00.000Z', { seq: 1, idNumber: '051090004444' }),
        uploadedScan('2026-11-25T00:00:00.000Z', { seq: 2, idNumber: '051090005555' }),
        uploadedScan('2026-11-25T00:05:00.000Z', { seq: 3, idNumber: '051090004444', direction: 'out' }),
        uploadedScan('2026-11-25T00:10:00.000Z', { seq: 4, idNumber: '051090005555', direction: 'out' }),
        uploadedScan('2026-11-25T01:00:00.000Z', { seq: 5, idNumber: '051090005555', direction: 'out' }),
      ]),
    );
    await postBatch(
      server.url,
      kiosk,
      batch([
        uploadedScan('2026-11-25T00:20:00.000Z', { seq: 1, idNumber: '051090005555' }),
        uploadedScan('2026-11-25T00:40:00.000Z', { seq: 2, idNumber: '051090005555', direction: 'out' }),
      ]),
    );
    const url = `${server.url}/api/v1/trace?idNumber=051090005555&from=2026-11-24T00:00:00Z&to=2026-11-26T00:00:00Z&marginMinutes=5`;
    const trace = (await (await fetch(url, { headers: adminHeaders() })).json()) as {
      visits: { entryAt: string }[];
      contacts: { idNumber: string }[];
    };
    expect(trace.visits.map((v) => v.entryAt)).toEqual([
      '2026-11-25T00:00:00.000Z',
      '2026-11-25T00:20:00.000Z',
      '2026-11-25T00:40:00.000Z',
    ]);
    expect(trace.contacts.map((c) => c.idNumber)).toEqual(['051090004444']);
  });

  it('reports scans per venue and day, devices and silent venues, in JSON and CSV', async () => {
    const daily = (await (
      await fetch(`${server.url}/api/v1/stats/daily?from=2026-11-25&to=2026-11-25`, { headers: adminHeaders() })
    ).json()) as { days: { venueName: string; in: number; out: number }[] };
    // Port entries so far in this file: the ingest test (1), the clock test (1), the trace test (3).
    expect(daily.days.find((d) => d.venueName === 'Cảng Lý Sơn')).toMatchObject({ in: 5, out: 2 });
    const csv = Buffer.from(
      await (
        await fetch(`${server.url}/api/v1/stats/daily?from=2026-11-25&to=2026-11-25&format=csv`, {
          headers: adminHeaders(),
        })
      ).arrayBuffer(),
    );
    // A UTF-8 byte order mark, so spreadsheet programs show Vietnamese names right.
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8', 3).split('\r\n')[0]).toBe('day,venueId,venueName,venueType,in,out,refused');
    const silent = (await (
      await fetch(`${server.url}/api/v1/stats/silent-venues`, { headers: adminHeaders() })
    ).json()) as { venues: { name: string }[] };
    expect(silent.venues.map((v) => v.name)).toContain('Trường THCS An Vĩnh');
    expect(silent.venues.map((v) => v.name)).not.toContain('Cảng Lý Sơn');
  });

  it('neutralises spreadsheet formulas in CSV exports', async () => {
    await postBatch(
      server.url,
      portToken,
      batch([uploadedScan('2026-11-25T06:00:00.000Z', { seq: 30, idNumber: '=HYPERLINK("x")', direction: 'in' })]),
    );
    const csv = await (await fetch(traceUrl('=HYPERLINK("x")', '&format=csv'), { headers: adminHeaders() })).text();
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe('OpenAPI', () => {
  it('is generated from the route table and the committed docs/openapi.json is current', async () => {
    const served = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
    expect(served).toEqual(openApiDocument());
    expect(
      JSON.parse(readFileSync('docs/openapi.json', 'utf8')),
      `docs/openapi.json is stale; regenerate it with: ${OPENAPI_WRITE_COMMAND}`,
    ).toEqual(openApiDocument());
  });
});
