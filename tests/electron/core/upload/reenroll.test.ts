/**
 * A revoked or moved kiosk enrolls again with a new code, against a real district server on
 * loopback. Its unsent scans reach the district under the new enrollment only when the district
 * chose so on the code; otherwise they stay on the kiosk (counted, exported) and are never uploaded.
 * A restart with `--enroll` enrolls again only with a code other than the one used.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Kiosk } from '../../../../electron/core/Kiosk';
import { memoryLogger, type Logger } from '../../../../electron/core/log';
import { startKioskCore } from '../../../../electron/core/startKioskCore';
import { adminHeaders, createVenue, startInProcessServer, type InProcessServer } from '../../../support/districtHttp';

let server: InProcessServer;
const kiosks: Kiosk[] = [];

beforeEach(async () => {
  server = await startInProcessServer();
  // The server's clock is the kiosk's (real time), so no scan is refused as implausible.
  server.setNow(new Date().toISOString());
});
afterEach(async () => {
  for (const kiosk of kiosks.splice(0)) await kiosk.close();
  await server.close();
});

async function newCode(venueId: string, carryUnsentScans: boolean): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/venues/${venueId}/codes`, {
    method: 'POST',
    headers: adminHeaders(),
    body: JSON.stringify({ carryUnsentScans }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { code: string }).code;
}

async function revoke(deviceId: string): Promise<void> {
  const response = await fetch(`${server.url}/api/v1/devices/${deviceId}/revoke`, {
    method: 'POST',
    headers: adminHeaders(),
  });
  expect(response.status).toBe(200);
}

function record(kiosk: Kiosk, tag: string, count: number): void {
  for (let i = 0; i < count; i += 1)
    expect(kiosk.parts.pipeline.submit({ raw: `VE-LS-${tag}-${i}`, source: 'serial' }).outcome).toBe('recorded');
}

/** Scans the district holds per venue id (every day of the test's week). */
async function districtScansByVenue(): Promise<Map<string, number>> {
  const today = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  expect(today >= from).toBe(true);
  const byVenue = new Map<string, number>();
  for (const row of await server.store.dailyCounts(from, to))
    byVenue.set(row.venueId, (byVenue.get(row.venueId) ?? 0) + Number(row.in) + Number(row.out) + Number(row.refused));
  return byVenue;
}

/** A kiosk enrolled at venue A that uploaded 2 scans, was revoked, then recorded 3 more. */
async function revokedKioskWithUnsentScans(logger: Logger = memoryLogger()): Promise<{
  kiosk: Kiosk;
  dataDir: string;
  venueA: string;
}> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-reenroll-'));
  const kiosk = Kiosk.open({ dataDir, logger, serverUrl: server.url, deviceName: 'vm' });
  kiosks.push(kiosk);
  const venueA = await createVenue(server.url, 'Cảng Sa Kỳ', 'port');
  await kiosk.parts.enrollment.enroll(venueA.code);
  record(kiosk, 'a', 2);
  expect((await kiosk.parts.uploader.sendNow()).pendingCount).toBe(0);
  const [device] = await server.store.listDevices();
  await revoke(device.id);
  record(kiosk, 'b', 3);
  const status = await kiosk.parts.uploader.sendNow();
  expect(status.lastError?.code).toBe('revoked');
  expect(status.pendingCount).toBe(3);
  return { kiosk, dataDir, venueA: venueA.venueId };
}

describe('enrolling again', () => {
  it('keeps the unsent scans on the kiosk when the new code does not ask for them, and never uploads them', async () => {
    const { kiosk, venueA } = await revokedKioskWithUnsentScans();
    const venueB = await createVenue(server.url, 'Bến tàu Đảo Bé', 'port');
    const code = await newCode(venueB.venueId, false);

    const status = await kiosk.parts.enrollment.enroll(code, undefined, 'Lễ tân 2');
    expect(status).toMatchObject({ enrolled: true, venueName: 'Bến tàu Đảo Bé', lastError: null });
    expect(status.pendingCount).toBe(0);
    expect(status.keptUnsentCount).toBe(3);
    expect((await kiosk.parts.uploader.sendNow()).lastError).toBeNull();
    // The district has venue A's 2 and nothing at venue B; the 3 scans are still on the kiosk for the CSV.
    expect(await districtScansByVenue()).toEqual(new Map([[venueA, 2]]));
    expect(await server.store.countScans()).toBe(2);
    expect(kiosk.parts.log.exportScans(undefined, undefined).rows).toHaveLength(5);
    expect(kiosk.parts.state.read().deviceName).toBe('Lễ tân 2');

    // What is scanned after goes to venue B under the new device.
    record(kiosk, 'c', 1);
    expect((await kiosk.parts.uploader.sendNow()).pendingCount).toBe(0);
    expect(await districtScansByVenue()).toEqual(
      new Map([
        [venueA, 2],
        [venueB.venueId, 1],
      ]),
    );
    const devices = await server.store.listDevices();
    expect(devices.map((d) => [d.name, d.venueId, d.revokedAt === null])).toEqual(
      expect.arrayContaining([
        ['vm', venueA, false],
        ['Lễ tân 2', venueB.venueId, true],
      ]),
    );
    expect(kiosk.parts.uploader.status().keptUnsentCount).toBe(3);
  });

  it('holds a "send now" made during the exchange until the new enrollment is in place', async () => {
    // A kiosk moved to venue B while its old device at A is still valid, 3 scans not sent yet.
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-reenroll-'));
    const kiosk = Kiosk.open({ dataDir, logger: memoryLogger(), serverUrl: server.url, deviceName: 'vm' });
    kiosks.push(kiosk);
    const venueA = await createVenue(server.url, 'Cảng Sa Kỳ', 'port');
    await kiosk.parts.enrollment.enroll(venueA.code);
    record(kiosk, 'a', 2);
    expect((await kiosk.parts.uploader.sendNow()).pendingCount).toBe(0);
    record(kiosk, 'b', 3);
    const venueB = await createVenue(server.url, 'Bến tàu Đảo Bé', 'port');
    const code = await newCode(venueB.venueId, false);

    const [status, sent] = await Promise.all([kiosk.parts.enrollment.enroll(code), kiosk.parts.uploader.sendNow()]);
    // The same outcome as without the concurrent send: the 3 kept on the kiosk, none sent under A's token.
    expect(status.keptUnsentCount).toBe(3);
    expect(sent.keptUnsentCount).toBe(3);
    expect(await districtScansByVenue()).toEqual(new Map([[venueA.venueId, 2]]));
  });

  it('sends the unsent scans under the new enrollment when the district asked for them on the code', async () => {
    const { kiosk, venueA } = await revokedKioskWithUnsentScans();
    const code = await newCode(venueA, true);

    const status = await kiosk.parts.enrollment.enroll(code);
    expect(status.keptUnsentCount).toBe(0);
    expect((await kiosk.parts.uploader.sendNow()).pendingCount).toBe(0);
    expect(await districtScansByVenue()).toEqual(new Map([[venueA, 5]]));
    // The new device, named as before, sent them; the revoked one stays revoked.
    const devices = await server.store.listDevices();
    expect(devices.filter((d) => d.revokedAt === null).map((d) => d.name)).toEqual(['vm']);
    expect(devices).toHaveLength(2);
  });

  it('on a restart with --enroll: the same code does nothing, a new one enrolls again and says so on screen, a bad one is said on stderr and screen', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-reenroll-flag-'));
    const venue = await createVenue(server.url, 'Cảng Bến Đình', 'port');
    const start = async (enrollCode: string) => {
      const lines: string[] = [];
      const logger = memoryLogger();
      const kiosk = await startKioskCore({
        dataDir,
        serverUrl: server.url,
        enrollCode,
        logger: {
          info: (where, message, fields) => {
            lines.push(`${where} ${message}`);
            logger.info(where, message, fields);
          },
          error: (where, message, fields) => {
            lines.push(`${where} ${message}`);
            logger.error(where, message, fields);
          },
        },
      });
      kiosks.push(kiosk);
      return { kiosk, lines };
    };

    const first = await start(venue.code);
    expect(first.kiosk.parts.uploader.status().enrolled).toBe(true);
    record(first.kiosk, 'x', 2);
    await first.kiosk.close();
    kiosks.length = 0;

    const same = await start(venue.code);
    expect(same.lines.filter((line) => line.includes('again'))).toEqual([]);
    expect((await server.store.listDevices()).length).toBe(1);
    await same.kiosk.close();
    kiosks.length = 0;

    const refused = await start('ZZZZZZZZZZ');
    expect(refused.lines).toContain('kiosk.start the new enrollment code was not used; the kiosk keeps its enrollment');
    expect(refused.kiosk.parts.state.read().notices.map((n) => n.code)).toEqual(['enroll-failed']);
    expect(refused.kiosk.parts.uploader.status().venueName).toBe('Cảng Bến Đình');
    await refused.kiosk.close();
    kiosks.length = 0;

    const second = await start(await newCode(venue.venueId, false));
    expect(second.lines).toContain('kiosk.start enrolled again with the new code');
    const notices = second.kiosk.parts.state.read().notices;
    expect(notices.at(-1)).toMatchObject({ code: 'reenrolled' });
    // Whatever the first upload had not sent yet when the kiosk closed stays here, and the screen says how many.
    expect(Number(notices.at(-1)?.detail)).toBe(second.kiosk.parts.uploader.status().keptUnsentCount);
    expect((await server.store.listDevices()).filter((d) => d.revokedAt === null)).toHaveLength(2);
  });
});
