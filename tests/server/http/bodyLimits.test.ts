/**
 * Unauthenticated memory is bounded: the open enroll route takes 16 KiB at most (on the wire and
 * inflated), and all bodies in flight share one budget, over which the answer is 503 with
 * Retry-After. The server keeps answering through a flood of gzip bombs.
 */
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createVenue, enrollDevice } from '../../support/districtHttp';
import { DISTRICT_STORES, startDistrictServer, type TestDistrictServer } from '../../support/districtServer';

const [sqlite] = DISTRICT_STORES;

describe('body limits', () => {
  let server: TestDistrictServer;

  beforeAll(async () => {
    server = await startDistrictServer(await sqlite[1](), { bodyBudgetBytes: 2 * 1024 * 1024 });
  });
  afterAll(() => server.close());

  it('refuses each of many parallel gzip bombs to /api/v1/enroll with 413 and keeps answering', async () => {
    // 1 MiB of spaces: about 1 KB gzipped. Old limits inflated it all (32 MiB allowed).
    const bomb = gzipSync(Buffer.alloc(1024 * 1024, 0x20));
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        fetch(`${server.url}/api/v1/enroll`, { method: 'POST', headers: { 'Content-Encoding': 'gzip' }, body: bomb }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(413));
    expect(await answers[0].json()).toMatchObject({ error: 'too-large' });
    const plain = await fetch(`${server.url}/api/v1/enroll`, {
      method: 'POST',
      body: JSON.stringify({ code: '0000000000', deviceName: 'x'.repeat(20_000) }),
    });
    expect(plain.status).toBe(413);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const { code } = await createVenue(server.url, 'Trạm y tế', 'office');
    expect((await enrollDevice(server.url, code)).deviceToken).toEqual(expect.any(String));
    expect(server.district.bodyBytesInFlight).toBe(0);
  });

  it('answers 503 with Retry-After when the bodies in flight would pass the budget, and frees it after', async () => {
    const { code } = await createVenue(server.url, 'Cảng cá', 'port');
    const { deviceToken } = await enrollDevice(server.url, code);
    // A slow upload holds 1.5 MiB of the 2 MiB budget while its body is still arriving.
    const slow = request(`${server.url}/api/v1/scans:batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${deviceToken}`, 'Content-Length': String(1792 * 1024) },
    });
    const slowAnswer = new Promise<number>((resolve) =>
      slow.on('response', (response) => resolve(response.statusCode ?? 0)),
    );
    slow.on('error', () => undefined);
    slow.write(Buffer.alloc(1536 * 1024, 0x20));
    await vi.waitFor(() => expect(server.district.bodyBytesInFlight).toBeGreaterThanOrEqual(1536 * 1024), {
      timeout: 10_000,
      interval: 10,
    });
    const over = await fetch(`${server.url}/api/v1/scans:batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${deviceToken}` },
      body: Buffer.alloc(1024 * 1024, 0x20),
    });
    expect(over.status).toBe(503);
    expect(over.headers.get('retry-after')).toBe('5');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    slow.end(Buffer.alloc(256 * 1024, 0x20));
    expect(await slowAnswer).toBe(400);
    await vi.waitFor(() => expect(server.district.bodyBytesInFlight).toBe(0), { timeout: 10_000, interval: 10 });
    const after = await fetch(`${server.url}/api/v1/scans:batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${deviceToken}` },
      body: JSON.stringify({ sentAt: '2026-11-25T03:00:00.000Z', appVersion: '1', pendingCount: 0, scans: [] }),
    });
    expect(after.status).toBe(200);
  });
});
