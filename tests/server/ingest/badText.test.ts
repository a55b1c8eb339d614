/**
 * One bad character never sinks a batch: a NUL, a C0 control or a lone surrogate in any text field
 * of one scan rejects that scan alone, with the reason, and the rest of the batch is stored (both
 * stores; PostgreSQL refuses such text outright, which used to answer the whole batch 500).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanBatchResponse, UploadedScan } from '../../../shared/district';
import { ADMIN_TOKEN, createVenue, enrollDevice, postBatch } from '../../support/districtHttp';
import { uploadedScan } from '../../support/districtSamples';
import { DISTRICT_STORES, startDistrictServer, type TestDistrictServer } from '../../support/districtServer';

const BAD_TEXTS = ['Nguy\u0000ễn', 'Lê\u001bThu', 'Trần\uD800', '\uDC00Bình', 'line\nbreak'];
const TEXT_FIELDS = ['idNumber', 'fullName', 'birthDate', 'address', 'codeText', 'contextLabel', 'reason'] as const;

describe.each(DISTRICT_STORES)('bad characters on %s', (_name, open) => {
  let server: TestDistrictServer;
  let token: string;

  beforeAll(async () => {
    server = await startDistrictServer(await open());
    token = (await enrollDevice(server.url, (await createVenue(server.url, 'Cảng Lý Sơn', 'port')).code)).deviceToken;
  });
  afterAll(() => server.close());

  it('rejects each scan with bad text alone, with the field, and stores the rest', async () => {
    let second = 0;
    const scan = (overrides: Partial<UploadedScan>) =>
      uploadedScan(`2026-11-25T02:00:${String((second += 1)).padStart(2, '0')}.000Z`, overrides);
    const bad = TEXT_FIELDS.flatMap((field, i) => [scan({ [field]: BAD_TEXTS[i % BAD_TEXTS.length] })]);
    const badProblem = scan({ problems: ['layout', 'x\u0000'] });
    const good = [scan({ idNumber: '001099000001' }), scan({ idNumber: '001099000002', fullName: 'Đặng Thị Ánh' })];
    const before = await server.store.countScans();
    const response = await postBatch(server.url, token, {
      sentAt: '2026-11-25T03:00:00.000Z',
      appVersion: '0.1.0',
      pendingCount: 0,
      scans: [good[0], ...bad, badProblem, good[1]],
    });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as ScanBatchResponse;
    const byId = new Map(results.map((r) => [r.id, r]));
    bad.forEach((item, i) =>
      expect(byId.get(item.id)).toEqual({ id: item.id, status: 'rejected', reason: `invalid-text: ${TEXT_FIELDS[i]}` }),
    );
    expect(byId.get(badProblem.id)).toEqual({
      id: badProblem.id,
      status: 'rejected',
      reason: 'invalid-text: problems',
    });
    for (const item of good) expect(byId.get(item.id)?.status).toBe('accepted');
    expect(await server.store.countScans()).toBe(before + good.length);
  });

  it('answers bad text in enrollment, device names, app versions and trace queries with 400, never 500', async () => {
    const enrollment = await fetch(`${server.url}/api/v1/enrollments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ venueName: 'Cảng\u0000', venueType: 'port' }),
    });
    expect(enrollment.status).toBe(400);
    const code = (await createVenue(server.url, 'Chợ', 'shop')).code;
    const enroll = await fetch(`${server.url}/api/v1/enroll`, {
      method: 'POST',
      body: JSON.stringify({ code, deviceName: 'Quầy\uD800' }),
    });
    expect(enroll.status).toBe(400);
    const batch = await postBatch(server.url, token, {
      sentAt: '2026-11-25T03:00:00.000Z',
      appVersion: '0.1\u0000',
      pendingCount: 0,
      scans: [],
    });
    expect(batch.status).toBe(400);
    const trace = await fetch(
      `${server.url}/api/v1/trace?idNumber=0371%00&from=2026-11-24T00:00:00Z&to=2026-11-26T00:00:00Z`,
      { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } },
    );
    expect(trace.status).toBe(400);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
