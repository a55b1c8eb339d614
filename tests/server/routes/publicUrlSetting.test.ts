/**
 * The address kiosks reach, kept as a server setting: a server started as the README showed (no
 * `--public-url`) and opened on its own machine gets the address on the first-run page, and every
 * later sheet carries it, after a restart too. `--public-url` wins and cannot be changed here.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EnrollmentSheet, PublicUrlSetting } from '../../../shared/console';
import { SqliteDistrictStore } from '../../../server/store/SqliteDistrictStore';
import { addTestUser, ConsoleClient } from '../../support/consoleClient';
import { DISTRICT_STORES, startDistrictServer, type TestDistrictServer } from '../../support/districtServer';

describe.each(DISTRICT_STORES)('the public URL setting on %s', (_name, open) => {
  const servers: TestDistrictServer[] = [];
  afterAll(() => Promise.all(servers.map((server) => server.close())));

  it('is given once (a bare host taken as http://) and carried by every later sheet', async () => {
    const server = await startDistrictServer(await open(), { publicUrl: '' });
    servers.push(server);
    expect(await (await fetch(`${server.url}/api/v1/settings/public-url`)).json()).toEqual({
      publicUrl: '',
      fromFlag: false,
    });
    await addTestUser(server.store, 'lan.it', 'it');
    await addTestUser(server.store, 'viewer', 'viewer');
    const it_ = await ConsoleClient.signIn(server.url, 'lan.it');
    const viewer = await ConsoleClient.signIn(server.url, 'viewer');
    expect((await viewer.post('/api/v1/settings/public-url', { publicUrl: '10.0.0.5:8700' })).status).toBe(403);
    const bad = await it_.post('/api/v1/settings/public-url', { publicUrl: 'ftp://10.0.0.5' });
    expect(bad.status).toBe(400);
    const kept = await it_.post('/api/v1/settings/public-url', { publicUrl: '192.168.1.10:8610' });
    expect([kept.status, await kept.json()]).toEqual([200, { publicUrl: 'http://192.168.1.10:8610', fromFlag: false }]);
    const made = await it_.post('/api/v1/venues', { name: 'Cảng Lý Sơn', type: 'port' });
    const sheet = (await made.json()) as EnrollmentSheet;
    expect([sheet.publicUrl, sheet.qrText]).toEqual([
      'http://192.168.1.10:8610',
      `KIOSK-ENROLL:${sheet.code}@http://192.168.1.10:8610#${server.district.districtKeys[0].publicKey.text}`,
    ]);
    expect(await server.store.readSetting('public-url')).toBe('http://192.168.1.10:8610');
  });

  it('saved as https://, still lets people sign in over plain http (only --public-url makes cookies Secure)', async () => {
    const server = await startDistrictServer(await open(), { publicUrl: '' });
    servers.push(server);
    await addTestUser(server.store, 'lan.it', 'it');
    const it_ = await ConsoleClient.signIn(server.url, 'lan.it');
    const kept = await it_.post('/api/v1/settings/public-url', { publicUrl: 'https://kiosk.huyen.example.gov.vn' });
    expect(kept.status).toBe(200);
    // A browser drops a Secure cookie over http: with one, nobody could sign in to undo the setting.
    const again = await ConsoleClient.signIn(server.url, 'lan.it');
    expect(again.setCookie).toMatch(/^district_session=/);
    expect(again.setCookie).not.toMatch(/Secure/);
    expect((await again.post('/api/v1/settings/public-url', { publicUrl: '192.168.1.10:8610' })).status).toBe(200);
  });

  it('gives way to --public-url, which the console cannot change', async () => {
    const server = await startDistrictServer(await open(), { publicUrl: 'https://kiosk.huyen.example.gov.vn' });
    servers.push(server);
    await addTestUser(server.store, 'lan.it', 'it');
    const it_ = await ConsoleClient.signIn(server.url, 'lan.it');
    const refused = await it_.post('/api/v1/settings/public-url', { publicUrl: '10.0.0.5:8700' });
    expect(refused.status).toBe(409);
    expect((await (await it_.get('/api/v1/settings/public-url')).json()) as PublicUrlSetting).toEqual({
      publicUrl: 'https://kiosk.huyen.example.gov.vn',
      fromFlag: true,
    });
  });
});

describe('the public URL setting across a restart', () => {
  it('is read back by a new server process on the same database', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'district-url-')), 'district.sqlite');
    const first = await startDistrictServer(new SqliteDistrictStore(file), { publicUrl: '' });
    await first.store.writeSetting('public-url', 'http://192.168.1.10:8610');
    await first.close();
    const second = await startDistrictServer(new SqliteDistrictStore(file), { publicUrl: '' });
    try {
      expect(await (await fetch(`${second.url}/api/v1/settings/public-url`)).json()).toEqual({
        publicUrl: 'http://192.168.1.10:8610',
        fromFlag: false,
      });
    } finally {
      await second.close();
    }
  });
});
