/**
 * The trace as a tracer needs it: one lookup is one audit row (further pages, CSV and print mark
 * that row and never run a second audited trace), the traced person's name from their scans, ID
 * numbers kept as text in the CSV, and the district's bound on the window, on both stores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceAuditEntry, TraceResponse } from '../../../shared/district';
import { addTestUser, ConsoleClient } from '../../support/consoleClient';
import { adminHeaders, createVenue, enrollDevice, postBatch } from '../../support/districtHttp';
import { uploadedScan } from '../../support/districtSamples';
import { DISTRICT_STORES, startDistrictServer, type TestDistrictServer } from '../../support/districtServer';

const WINDOW = 'from=2026-11-24T00:00:00%2B07:00&to=2026-11-26T00:00:00%2B07:00';

describe.each(DISTRICT_STORES)('a lookup on %s', (_name, open) => {
  let server: TestDistrictServer;
  let tracer: ConsoleClient;
  let other: ConsoleClient;

  const audits = async () =>
    (
      (await (await fetch(`${server.url}/api/v1/audit/traces`, { headers: adminHeaders() })).json()) as {
        entries: TraceAuditEntry[];
      }
    ).entries;

  beforeAll(async () => {
    server = await startDistrictServer(await open());
    await addTestUser(server.store, 'thu.tracer', 'tracer');
    await addTestUser(server.store, 'minh.tracer', 'tracer');
    tracer = await ConsoleClient.signIn(server.url, 'thu.tracer');
    other = await ConsoleClient.signIn(server.url, 'minh.tracer');
    const { code } = await createVenue(server.url, 'Cảng Lý Sơn', 'port');
    const { deviceToken } = await enrollDevice(server.url, code);
    const scans = [
      // The traced person: a wedge-damaged scan later than an undamaged one; the name shown is the whole one.
      uploadedScan('2026-11-25T01:00:00.000Z', { idNumber: '037188000123', fullName: 'Phạm Thị Hồng' }),
      uploadedScan('2026-11-25T02:00:00.000Z', { idNumber: '037188000123', fullName: 'Pham Thi Hong', seq: 2 }),
      ...Array.from({ length: 3 }, (_, i) =>
        uploadedScan(`2026-11-25T01:0${i + 1}:00.000Z`, { idNumber: `00109900012${i}`, fullName: null, seq: 3 + i }),
      ),
    ];
    const answer = await postBatch(server.url, deviceToken, {
      sentAt: '2026-11-25T03:00:00.000Z',
      appVersion: '0.1.0',
      pendingCount: 0,
      scans,
    });
    expect(answer.status).toBe(200);
  });
  afterAll(() => server.close());

  it('is one audit row across its pages, with the name from the scans; CSV and print mark that row', async () => {
    const first = await tracer.get(`/api/v1/trace?idNumber=037188000123&${WINDOW}&caseRef=CA-7&limit=2`);
    const page1 = (await first.json()) as TraceResponse;
    expect([first.status, page1.fullName, page1.contacts.length, page1.more]).toEqual([200, 'Phạm Thị Hồng', 2, true]);
    expect(page1.auditId).toEqual(expect.any(Number));
    const second = await tracer.get(
      `/api/v1/trace?idNumber=037188000123&${WINDOW}&caseRef=CA-7&limit=2&cursor=${page1.nextCursor}&auditId=${page1.auditId}`,
    );
    const page2 = (await second.json()) as TraceResponse;
    expect([second.status, page2.auditId, page2.contacts.length]).toEqual([200, page1.auditId, 2]);
    expect(await audits()).toHaveLength(1);

    // Another tracer's page cannot ride on this lookup's row, nor mark it.
    const borrowed = await other.get(
      `/api/v1/trace?idNumber=037188000123&${WINDOW}&caseRef=CA-7&auditId=${page1.auditId}`,
    );
    expect(borrowed.status).toBe(400);
    expect((await other.post(`/api/v1/audit/traces/${page1.auditId}/use`, { use: 'csv' })).status).toBe(404);

    server.setNow('2026-11-25T03:10:00.000Z');
    expect((await tracer.post(`/api/v1/audit/traces/${page1.auditId}/use`, { use: 'csv' })).status).toBe(200);
    server.setNow('2026-11-25T03:12:00.000Z');
    expect((await tracer.post(`/api/v1/audit/traces/${page1.auditId}/use`, { use: 'print' })).status).toBe(200);
    const rows = await audits();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: page1.auditId,
      actor: 'user:thu.tracer',
      caseRef: 'CA-7',
      exportedAt: '2026-11-25T03:10:00.000Z',
      printedAt: '2026-11-25T03:12:00.000Z',
    });
    expect(server.logLines.join('\n')).not.toMatch(/037188000123|Phạm/);
  });

  it('keeps ID numbers as text in the CSV, with the traced person’s name on their visits', async () => {
    const response = await fetch(`${server.url}/api/v1/trace?idNumber=037188000123&${WINDOW}&format=csv&lang=vi`, {
      headers: adminHeaders(),
    });
    const lines = (await response.text()).split('\r\n');
    expect(lines[1]).toMatch(/^mốc dịch tễ,"=""037188000123""",Phạm Thị Hồng,Cảng Lý Sơn,/);
    expect(lines.filter((line) => line.startsWith('mốc dịch tễ,'))).toHaveLength(2);
    expect(lines).toContainEqual(expect.stringMatching(/^người tiếp xúc,"=""001099000120""",/));
  });

  it('refuses a window past the district’s bound (28 days by default), with the reason, and audits nothing', async () => {
    const before = (await audits()).length;
    const response = await tracer.get(
      '/api/v1/trace?idNumber=037188000123&from=2026-10-01T00:00:00Z&to=2026-10-29T00:00:01Z&caseRef=CA-7',
    );
    const body = (await response.json()) as { error: string; message: string };
    expect([response.status, body.error]).toEqual([400, 'trace-window-too-long']);
    expect(body.message).toMatch(/at most 28 days/);
    expect(
      (
        await tracer.get(
          '/api/v1/trace?idNumber=037188000123&from=2026-10-01T00:00:00Z&to=2026-10-29T00:00:00Z&caseRef=CA-7',
        )
      ).status,
    ).toBe(200);
    expect((await audits()).length).toBe(before + 1);
    expect(await (await tracer.get('/api/v1/trace/window')).json()).toEqual({ maxDays: 28 });
  });
});
