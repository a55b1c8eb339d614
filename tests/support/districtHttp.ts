import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DistrictServer } from '../../server/DistrictServer';
import type { DistrictStore } from '../../server/store/DistrictStore';
import { SqliteDistrictStore } from '../../server/store/SqliteDistrictStore';
import { listenOnLoopback } from './loopback';

export const ADMIN_TOKEN = 'test-admin-token-0123456789-abcdefgh';

export interface InProcessServer {
  readonly url: string;
  readonly store: DistrictStore;
  setNow(iso: string): void;
  close(): Promise<void>;
}

/** A district server on a free loopback port with a controllable clock. */
export async function startInProcessServer(
  store: DistrictStore = new SqliteDistrictStore(
    path.join(mkdtempSync(path.join(os.tmpdir(), 'district-')), 'district.sqlite'),
  ),
): Promise<InProcessServer> {
  let now = new Date('2026-11-25T03:00:00.000Z');
  const district = new DistrictServer({
    store,
    adminToken: ADMIN_TOKEN,
    now: () => now,
    publicUrl: 'http://district.test',
  });
  const http: Server = createServer(district.handle);
  const url = await listenOnLoopback(http);
  return {
    url,
    store,
    setNow: (iso) => {
      now = new Date(iso);
    },
    close: async () => {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await store.close();
    },
  };
}

export function adminHeaders(): Record<string, string> {
  return { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' };
}

export async function createVenue(
  url: string,
  venueName: string,
  venueType: string,
): Promise<{ code: string; venueId: string; qrText: string }> {
  const response = await fetch(`${url}/api/v1/enrollments`, {
    method: 'POST',
    headers: adminHeaders(),
    body: JSON.stringify({ venueName, venueType }),
  });
  if (response.status !== 201) throw new Error(`createVenue: ${response.status} ${await response.text()}`);
  return (await response.json()) as { code: string; venueId: string; qrText: string };
}

export async function enrollDevice(
  url: string,
  code: string,
  deviceName = 'Quầy 1',
): Promise<{ deviceToken: string; deviceId: string; venueId: string; venueName: string }> {
  const response = await fetch(`${url}/api/v1/enroll`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code, deviceName }),
  });
  if (response.status !== 201) throw new Error(`enrollDevice: ${response.status} ${await response.text()}`);
  return (await response.json()) as { deviceToken: string; deviceId: string; venueId: string; venueName: string };
}

export function postBatch(url: string, token: string, batch: unknown): Promise<Response> {
  return fetch(`${url}/api/v1/scans:batch`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
    body: gzipSync(JSON.stringify(batch)),
  });
}
