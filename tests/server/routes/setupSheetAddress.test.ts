/**
 * The server address on a venue's setup sheet (and in its QR), when the server was started without
 * `--public-url`: the address the IT officer's browser reached the console at, or none (and the
 * console says so) when that is the server machine itself.
 */
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollmentSheet } from '../../../shared/console';
import { sheetAddress } from '../../../server/routes/venues';
import { SqliteDistrictStore } from '../../../server/store/SqliteDistrictStore';
import { addTestUser, ConsoleClient } from '../../support/consoleClient';
import { startDistrictServer, type TestDistrictServer } from '../../support/districtServer';

describe('sheetAddress', () => {
  it('takes --public-url first, else a reachable console origin, never a loopback one', () => {
    expect(sheetAddress('https://kiosk.huyen.example.gov.vn', 'http://10.0.0.5:8700')).toBe(
      'https://kiosk.huyen.example.gov.vn',
    );
    expect(sheetAddress('', 'http://10.0.0.5:8700')).toBe('http://10.0.0.5:8700');
    expect(sheetAddress('', 'https://kiosk.huyen.example.gov.vn')).toBe('https://kiosk.huyen.example.gov.vn');
    for (const loopback of [
      'http://127.0.0.1:8700',
      'http://127.1.2.3',
      'http://localhost:8700',
      'http://kiosk.localhost',
      'http://0.0.0.0:8700',
      'http://[::1]:8700',
      'http://[::ffff:127.0.0.1]:8700',
    ]) {
      expect(sheetAddress('', loopback)).toBe('');
    }
    // A name that merely begins with 127 is a real host.
    expect(sheetAddress('', 'https://127.huyen.example.vn')).toBe('https://127.huyen.example.vn');
    for (const odd of [undefined, '', 'null', 'file:///x']) expect(sheetAddress('', odd)).toBe('');
  });
});

describe('a setup sheet from a server started without --public-url', () => {
  let server: TestDistrictServer;
  let it_: ConsoleClient;
  beforeAll(async () => {
    server = await startDistrictServer(
      new SqliteDistrictStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'district-sheet-')), 'district.sqlite')),
      { publicUrl: '' },
    );
    await addTestUser(server.store, 'it', 'it');
    it_ = await ConsoleClient.signIn(server.url, 'it');
  });
  afterAll(() => server.close());

  it('carries no address when the console is opened on the server machine itself', async () => {
    const response = await it_.post('/api/v1/venues', { name: 'Cảng Lý Sơn', type: 'port' });
    const sheet = (await response.json()) as EnrollmentSheet;
    expect([response.status, sheet.publicUrl, sheet.qrText]).toEqual([
      201,
      '',
      `KIOSK-ENROLL:${sheet.code}#${server.district.districtKeys[0].publicKey.text}`,
    ]);
  });

  it('carries the address the console was opened at, as kiosks on that network reach it', async () => {
    // The console opened as http://10.0.0.5:8700 (the server's LAN address), through the same listener.
    const port = new URL(server.url).port;
    const body = JSON.stringify({ name: 'Khách sạn Biển Xanh', type: 'hotel' });
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/v1/venues',
          method: 'POST',
          headers: {
            Host: `10.0.0.5:${port}`,
            Origin: `http://10.0.0.5:${port}`,
            Cookie: it_.cookie,
            'X-CSRF-Token': it_.session.csrfToken,
            'Content-Type': 'application/json',
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    const sheet = JSON.parse(answer.text) as EnrollmentSheet;
    expect([answer.status, sheet.publicUrl, sheet.qrText]).toEqual([
      201,
      `http://10.0.0.5:${port}`,
      `KIOSK-ENROLL:${sheet.code}@http://10.0.0.5:${port}#${server.district.districtKeys[0].publicKey.text}`,
    ]);
  });
});
