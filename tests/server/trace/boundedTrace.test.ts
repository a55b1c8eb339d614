/**
 * The worst trace (a person with 2,000 scans at a venue with 5,000 other scans, over three days)
 * leaves the server answering: /healthz is answered while it runs, and the contacts come in pages
 * with the total and a cursor, the pages together being every contact once.
 */
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceResponse } from '../../../shared/district';
import type { DeviceRecord, DistrictStore, StoredScan } from '../../../server/store/DistrictStore';
import { adminHeaders } from '../../support/districtHttp';
import { uploadedScan } from '../../support/districtSamples';
import { STORES_WITH_CITUS, startDistrictServer, type TestDistrictServer } from '../../support/districtServer';
import { ingestScans } from '../../../server/ingest/ingestScans';

const INDEX = '038000000001';
const START = Date.parse('2026-11-22T00:00:00.000Z');
const THREE_DAYS = 3 * 86_400_000;

/** 2,000 scans of the index person (in and out in turn) and 5,000 of 1,000 others, spread over three days. */
async function fillBusyVenue(server: TestDistrictServer): Promise<void> {
  const store = server.store;
  const venueId = uuidv7();
  const now = '2026-11-25T03:00:00.000Z';
  await store.createEnrollment({
    venue: { id: venueId, name: 'Bến tàu', type: 'port', address: null },
    codeHash: 'busy',
    createdAt: now,
    expiresAt: '2026-12-01T00:00:00.000Z',
  });
  await store.redeemEnrollment('busy', now, { id: uuidv7(), name: 'Cổng', tokenHash: 'busy-token', appVersion: null });
  const device = (await store.findDeviceByTokenHash('busy-token')) as DeviceRecord;
  const row = (at: number, idNumber: string, direction: 'in' | 'out', seq: number): StoredScan => {
    const iso = new Date(at).toISOString();
    return {
      ...uploadedScan(iso, { idNumber, direction, seq }),
      id: uuidv7({ msecs: at }),
      venueId,
      deviceId: device.id,
      receivedAt: now,
      correctedAt: iso,
      localDay: iso.slice(0, 10),
    };
  };
  const rows: StoredScan[] = [];
  for (let i = 0; i < 2000; i += 1)
    rows.push(row(START + Math.floor((i * THREE_DAYS) / 2000), INDEX, i % 2 === 0 ? 'in' : 'out', i + 1));
  for (let i = 0; i < 5000; i += 1)
    rows.push(
      row(
        START + Math.floor((i * THREE_DAYS) / 5000) + 7,
        `04900${String(i % 1000).padStart(7, '0')}`,
        i < 2500 ? 'in' : 'out',
        10_000 + i,
      ),
    );
  const report = { receivedAt: now, sentAt: now, clockOffsetMs: 0, pendingCount: 0, appVersion: 't' };
  for (let i = 0; i < rows.length; i += 1000) await ingestScans(store, device, rows.slice(i, i + 1000), report);
}

/** GET that resolves with the answer, and puts `name` in `arrivals` when its head arrives (the server has done its work). */
function timedGet(
  url: string,
  headers: Record<string, string>,
  arrivals: string[],
  name: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      arrivals.push(name);
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body });
      });
    })
      .on('error', reject)
      .end();
  });
}

/**
 * The store the trace reads through, telling `onContactRead` after each page of other visitors' presence
 * it reads: the trace's own progress, seen from the server side.
 */
function watchedTraceStore(store: DistrictStore, onContactRead: () => void): DistrictStore {
  return new Proxy(store, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      if (key !== 'presenceInWindows') return value.bind(target) as unknown;
      return async (...args: Parameters<DistrictStore['presenceInWindows']>) => {
        const page = await target.presenceInWindows(...args);
        onContactRead();
        return page;
      };
    },
  });
}

/** A loopback connection opened ahead, so a request written on it later reaches the server at its next turn. */
function openConnection(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

describe.each(STORES_WITH_CITUS)('the worst trace on %s', (_name, open) => {
  let server: TestDistrictServer;
  const traceUrl = (extra = '') =>
    `${server.url}/api/v1/trace?idNumber=${INDEX}&from=2026-11-21T00:00:00Z&to=2026-11-26T00:00:00Z${extra}`;

  /** Called after each page of others' presence the trace reads. */
  let onContactRead: () => void = () => undefined;

  beforeAll(async () => {
    const store = await open();
    server = await startDistrictServer(store, { traceStore: watchedTraceStore(store, () => onContactRead()) });
    await fillBusyVenue(server);
  }, 120_000);
  afterAll(() => server.close());

  it('answers /healthz while the trace runs', async () => {
    const arrivals: string[] = [];
    const healthConnection = await openConnection(server.url);
    const health = new Promise<string>((resolve) => {
      let answer = '';
      healthConnection.setEncoding('utf8');
      healthConnection.once('data', () => arrivals.push('healthz'));
      healthConnection.on('data', (chunk: string) => (answer += chunk));
      healthConnection.on('end', () => resolve(answer));
    });
    // How many pages of other visitors' presence this trace reads (the same every run).
    let contactReads = 0;
    onContactRead = () => (contactReads += 1);
    expect((await timedGet(traceUrl('&limit=5000'), adminHeaders(), [], 'count')).status).toBe(200);
    const pages = contactReads;
    expect(pages).toBeGreaterThan(0);
    // /healthz is asked once the trace is known to be running and to have only its own work left: it
    // has read its last page (no store round trip gives the server a turn from here on), and has its
    // comparing still to do. Its answer begins only once that work is done: /healthz answered before
    // that was answered while the trace ran, in the turns the trace gave back.
    contactReads = 0;
    onContactRead = () => {
      contactReads += 1;
      if (contactReads === pages)
        healthConnection.end(`GET /healthz HTTP/1.1\r\nHost: district.test\r\nConnection: close\r\n\r\n`);
    };
    const trace = timedGet(traceUrl('&limit=5000'), adminHeaders(), arrivals, 'trace');
    expect(await health).toMatch(/^HTTP\/1\.1 200 /);
    const traced = await trace;
    onContactRead = () => undefined;
    expect(contactReads).toBe(pages);
    expect(traced.status).toBe(200);
    expect(arrivals).toEqual(['healthz', 'trace']);
    const body = JSON.parse(traced.body) as TraceResponse;
    expect(body.visits).toHaveLength(1000);
    expect(body.contacts).toHaveLength(5000);
    expect(body.contactsTotal).toBeGreaterThan(5000);
    expect(body.more).toBe(true);
  }, 120_000);

  it('pages contacts with a cursor: pages join without gap or repeat, the total told on every page', async () => {
    const get = async (extra: string) =>
      (await (await fetch(traceUrl(extra), { headers: adminHeaders() })).json()) as TraceResponse;
    const key = (c: TraceResponse['contacts'][number]) => `${c.idNumber}|${c.entryAt}|${c.exitAt}|${c.overlapMinutes}`;
    const twenty = await get('&limit=20');
    const [first, second] = [await get('&limit=10'), await get('&limit=10&cursor=c10')];
    expect([first.contacts.length, first.more, first.nextCursor]).toEqual([10, true, 'c10']);
    expect([...first.contacts, ...second.contacts].map(key)).toEqual(twenty.contacts.map(key));
    expect(new Set(twenty.contacts.map(key)).size).toBe(20);
    const total = twenty.contactsTotal;
    expect(second.contactsTotal).toBe(total);
    expect(second.visits).toEqual(twenty.visits);
    const last = await get(`&limit=5000&cursor=c${total - 3}`);
    expect([last.contacts.length, last.more, last.nextCursor, last.contactsTotal]).toEqual([3, false, null, total]);
    const csv = await fetch(traceUrl('&limit=10&format=csv'), { headers: adminHeaders() });
    expect([csv.headers.get('x-contacts-total'), csv.headers.get('x-next-cursor')]).toEqual([String(total), 'c10']);
  }, 120_000);
});
