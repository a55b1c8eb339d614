import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect as connectTcp } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { memoryLogger } from '../../electron/core/log';
import { startKioskHost, startSecretOf, type KioskHost } from '../../electron/web-host';
import { KIOSK_ERROR_CODES, KIOSK_METHODS } from '../../shared/contract';
import { SAMPLE_CCCD } from '../support/cccdSamples';
import { exchangeLaunchUrl } from '../support/kioskSocket';

let host: KioskHost;
let origin: string;
let token: string;

beforeAll(async () => {
  const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-page-'));
  mkdirSync(path.join(rendererDir, 'assets'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>k</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  host = await startKioskHost({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'kiosk-host-')),
    port: 0,
    rendererDir,
    logger: memoryLogger(),
  });
  origin = `http://127.0.0.1:${host.port}`;
  // A second launch link for the other tests; `host.url`'s stays unspent for the launch test.
  token = new URL(await exchangeLaunchUrl(host.newLaunchUrl())).hash.replace('#token=', '');
});
afterAll(() => host.close());

function get(
  pathname: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path: pathname, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(query: string, wsOrigin = origin): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws${query}`, { origin: wsOrigin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function connectWithHost(query: string, hostHeader: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws${query}`, { origin, headers: { Host: hostHeader } });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function ask(
  ws: WebSocket,
  message: string,
): Promise<{ id: number | null; result: { ok: boolean; value?: unknown; error?: { code: string } } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString()) as { id?: number | null; event?: string };
      if (parsed.event) return;
      ws.off('message', onMessage);
      resolve(parsed as never);
    };
    ws.on('message', onMessage);
    ws.send(message);
  });
}

describe('secrets given at start (admin PIN, enrollment code)', () => {
  it('reads the enrollment code from --enroll-file or KIOSK_ENROLL_CODE, and warns when it is a flag (seen in ps)', () => {
    const names = { flag: '--enroll', fileFlag: '--enroll-file', env: 'KIOSK_ENROLL_CODE' };
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'enroll-')), 'code');
    writeFileSync(file, 'ABCD-EFGH-JKLM\n', { mode: 0o600 });
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    expect(startSecretOf(names, { file, flag: 'FLAG', env: 'ENV' }, warn)).toBe('ABCD-EFGH-JKLM');
    expect(startSecretOf(names, { env: 'ENV-CODE' }, warn)).toBe('ENV-CODE');
    expect(startSecretOf(names, {}, warn)).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(startSecretOf(names, { flag: 'FLAG-CODE', env: 'ENV-CODE' }, warn)).toBe('FLAG-CODE');
    expect(warnings).toEqual([
      'web-host: --enroll is visible to every user in `ps`; use --enroll-file or KIOSK_ENROLL_CODE',
    ]);
  });
});

describe('browser kiosk host', () => {
  it('prints a one-use launch link, never the token: it opens one socket, which is told the token; spent, it is refused', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#launch=[\w-]{32}$/);
    expect(host.url).not.toContain(token);
    const launch = new URL(host.url).hash.replace('#launch=', '');
    // Refused before it is spent: another origin, another Host.
    await expect(connect(`?launch=${launch}`, 'http://evil.example')).rejects.toThrow('403');
    await expect(connectWithHost(`?launch=${launch}`, 'evil.example')).rejects.toThrow('403');
    const firstMessage = new Promise<string>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?launch=${launch}`, { origin });
      ws.once('message', (data: WebSocket.RawData) => {
        resolve(data.toString());
        ws.close();
      });
      ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    });
    expect(JSON.parse(await firstMessage)).toEqual({ launchToken: token });
    // Whoever reads the link later (in `ps`, in a log) gets nothing.
    await expect(connect(`?launch=${launch}`)).rejects.toThrow('403');
    await expect(connect('?launch=')).rejects.toThrow('403');
    const ws = await connect(`?token=${token}`);
    ws.close();
  });

  it('serves the page with a strict Content-Security-Policy', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(page.headers['content-security-policy'])).toContain("object-src 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves nothing outside the page folder and nothing to a foreign Host header', async () => {
    expect((await get('/../../../../etc/passwd')).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await get('/assets/app.js')).status).toBe(200);
    expect((await get('/', { Host: 'evil.example:80' })).status).toBe(421);
    expect((await get('/%E0%A4%A')).status).toBe(404);
    expect((await get('/')).status).toBe(200);
  });

  it('answers 404 for a folder and survives any request line, method or broken request, then still scans', async () => {
    for (const folder of ['/assets', '/assets/', '/assets//', '//'])
      expect((await get(folder)).status, folder).toBe(404);
    const raw = (text: string) =>
      new Promise<string>((resolve) => {
        const socket = connectTcp(host.port, '127.0.0.1', () => socket.end(text));
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk.toString()));
        socket.on('close', () => resolve(answer));
        socket.on('error', () => resolve(answer));
      });
    const hostLine = `Host: 127.0.0.1:${host.port}`;
    const requests = [
      `GET /assets HTTP/1.1\r\n${hostLine}\r\n\r\n`,
      `DELETE / HTTP/1.1\r\n${hostLine}\r\n\r\n`,
      `GET /\u0000 HTTP/1.1\r\n${hostLine}\r\n\r\n`,
      `GET ${'/a'.repeat(20_000)} HTTP/1.1\r\n${hostLine}\r\n\r\n`,
      'NONSENSE\r\n\r\n',
      `GET / HTTP/1.1\r\n${hostLine}\r\nContent-Length: -1\r\n\r\n`,
      `GET / HTTP/1.1\r\n${hostLine}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`,
    ];
    // The same paths as WebSocket upgrades: the upgrade handler must not throw on them either.
    const upgrade = `Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n`;
    requests.push(
      `GET //[ HTTP/1.1\r\n${hostLine}\r\n${upgrade}\r\n`,
      `GET http://[ HTTP/1.1\r\n${hostLine}\r\n${upgrade}\r\n`,
      `GET /ws?token=%zz HTTP/1.1\r\n${hostLine}\r\n${upgrade}\r\n`,
    );
    for (const text of requests) await raw(text);
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 80 }),
        fc.constantFrom('GET', 'HEAD', 'POST', 'OPTIONS', 'PUT'),
        fc.boolean(),
        async (tail, method, asUpgrade) => {
          await raw(`${method} /${tail} HTTP/1.1\r\n${hostLine}\r\n${asUpgrade ? upgrade : ''}\r\n`);
        },
      ),
      { numRuns: 100 },
    );
    expect((await get('/')).status).toBe(200);
    const ws = await connect(`?token=${token}`);
    expect(
      await ask(
        ws,
        JSON.stringify({ id: 3, method: 'submitScan', input: { raw: 'VE-AFTER-FUZZ-1', source: 'wedge' } }),
      ),
    ).toMatchObject({ result: { ok: true, value: { outcome: 'recorded' } } });
    ws.close();
  });

  it('refuses a WebSocket without the token, with a wrong token, from another origin or for another Host', async () => {
    await expect(connect('', origin)).rejects.toThrow('403');
    await expect(connectWithHost(`?token=${token}`, 'evil.example')).rejects.toThrow('403');
    await expect(connect('?token=wrong')).rejects.toThrow('403');
    await expect(connect(`?token=${token}`, 'http://evil.example')).rejects.toThrow('403');
  });

  it('carries KioskApi calls and answers garbage with a clear error, staying up', async () => {
    const ws = await connect(`?token=${token}`);
    expect(await ask(ws, 'not json')).toMatchObject({
      id: null,
      result: { ok: false, error: { code: 'invalid-input' } },
    });
    expect(await ask(ws, JSON.stringify({ id: 7, method: 'dropTables', input: {} }))).toMatchObject({
      id: 7,
      result: { ok: false, error: { code: 'unknown-method' } },
    });
    expect(await ask(ws, JSON.stringify({ id: 8, method: 'submitScan', input: { raw: ['x'] } }))).toMatchObject({
      id: 8,
      result: { ok: false, error: { code: 'invalid-input' } },
    });
    expect(
      await ask(ws, JSON.stringify({ id: 9, method: 'submitScan', input: { raw: SAMPLE_CCCD, source: 'wedge' } })),
    ).toMatchObject({
      id: 9,
      result: { ok: true, value: { outcome: 'recorded' } },
    });
    ws.close();
  });

  it('answers any frame with a well-formed answer to its id, or closes; a real call after it still works', async () => {
    type Frame = { readonly data: string | Uint8Array; readonly callId: number | null };
    const call = fc
      .record({
        id: fc.oneof(
          fc.nat({ max: 1_000_000 }),
          fc.integer({ min: -5, max: -1 }),
          fc.double(),
          fc.string(),
          fc.constant(null),
        ),
        // Known methods, unknown ones, and names that make the message not a call (too long, not text).
        method: fc.oneof(
          fc.constantFrom(...Object.keys(KIOSK_METHODS)),
          fc.string({ maxLength: 64 }),
          fc.string({ minLength: 65, maxLength: 80 }),
          fc.integer(),
          fc.constant(null),
        ),
        input: fc.jsonValue(),
      })
      .map(({ id, method, input }): Frame => {
        const text = JSON.stringify({ id, method, input });
        const parsed = JSON.parse(text) as { id: unknown };
        return {
          data: text,
          callId: Number.isSafeInteger(parsed.id) && (parsed.id as number) >= 0 ? (parsed.id as number) : null,
        };
      });
    const frame: fc.Arbitrary<Frame> = fc.oneof(
      { arbitrary: fc.string().map((data) => ({ data, callId: null })), weight: 2 },
      { arbitrary: fc.json().map((data) => ({ data, callId: null })), weight: 2 },
      { arbitrary: call, weight: 4 },
      { arbitrary: fc.uint8Array({ maxLength: 64 }).map((data) => ({ data, callId: null })), weight: 1 },
      // Past the host's 64 KiB message limit.
      {
        arbitrary: fc
          .integer({ min: 64 * 1024 + 1, max: 80 * 1024 })
          .map((n) => ({ data: 'x'.repeat(n), callId: null })),
        weight: 1,
      },
    );
    const firstAnswerOrClose = (ws: WebSocket) =>
      new Promise<{ answer: string } | { closed: number }>((resolve) => {
        const onMessage = (data: WebSocket.RawData) => {
          const text = data.toString();
          if ((JSON.parse(text) as { event?: string }).event) return;
          ws.off('message', onMessage);
          resolve({ answer: text });
        };
        ws.on('message', onMessage);
        ws.once('close', (code) => resolve({ closed: code }));
      });
    let ws = await connect(`?token=${token}`);
    let closes = 0;
    await fc.assert(
      fc.asyncProperty(frame, async ({ data, callId }) => {
        if (ws.readyState !== WebSocket.OPEN) ws = await connect(`?token=${token}`);
        const outcome = firstAnswerOrClose(ws);
        ws.send(data, { binary: typeof data !== 'string' });
        const seen = await outcome;
        const oversize = typeof data === 'string' && Buffer.byteLength(data) > 64 * 1024;
        if ('closed' in seen) {
          closes += 1;
          ws = await connect(`?token=${token}`);
        }
        expect('closed' in seen, 'closed').toBe(oversize);
        if ('answer' in seen) {
          const answer = JSON.parse(seen.answer) as { id: unknown; result: unknown };
          expect(Object.keys(answer).sort()).toEqual(['id', 'result']);
          // The page matches answers to its calls by id: a call's id comes back, anything else answers null.
          expect(answer.id).toBe(callId);
          const result = answer.result as { ok: unknown; value?: unknown; error?: { code: unknown; message: unknown } };
          if (result.ok === true) expect(Object.keys(result).sort()).toEqual(['ok', 'value']);
          else {
            expect(result.ok).toBe(false);
            expect(KIOSK_ERROR_CODES).toContain(result.error?.code);
            expect(typeof result.error?.message).toBe('string');
          }
        }
        expect(await ask(ws, JSON.stringify({ id: 2_000_000, method: 'getState', input: {} }))).toMatchObject({
          id: 2_000_000,
          result: { ok: true },
        });
      }),
      { numRuns: 150 },
    );
    // The property saw both outcomes.
    expect(closes).toBeGreaterThan(0);
    ws.close();
  });

  it('pushes scan-handled events to every connected page', async () => {
    const watcher = await connect(`?token=${token}`);
    const event = new Promise<{ event: string; payload: { kind: string } }>((resolve) =>
      watcher.once('message', (data) => resolve(JSON.parse(data.toString()))),
    );
    const scanner = await connect(`?token=${token}`);
    await ask(
      scanner,
      JSON.stringify({ id: 1, method: 'submitScan', input: { raw: 'VE-LS-2026-000731', source: 'serial' } }),
    );
    expect(await event).toMatchObject({ event: 'scan-handled', payload: { kind: 'other', source: 'serial' } });
    watcher.close();
    scanner.close();
  });
});
