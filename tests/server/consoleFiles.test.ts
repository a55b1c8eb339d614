/** The built console served at / under the page policy; the API stays JSON; nothing outside the folder is served. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT_STORES, startDistrictServer, type TestDistrictServer } from '../support/districtServer';

describe('console files', () => {
  let server: TestDistrictServer;
  beforeAll(async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'console-files-'));
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(path.join(root, 'assets', 'app.js'), 'export {};');
    writeFileSync(path.join(path.dirname(root), 'secret.txt'), 'not for you');
    server = await startDistrictServer(await DISTRICT_STORES[0][1](), { consoleFiles: { root } });
  });
  afterAll(() => server.close());

  it('serves index.html at / and assets with a strict CSP that forbids framing', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy') ?? '';
    for (const directive of ["script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "object-src 'none'"])
      expect(csp).toContain(directive);
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${server.url}/assets/app.js`)).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );
  });

  it('answers 404 for paths outside the folder, missing files and unknown API routes', async () => {
    for (const bad of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets', '/nothing.js'])
      expect((await fetch(`${server.url}${bad}`)).status).toBe(404);
    const api = await fetch(`${server.url}/api/v1/nothing`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: 'not-found' });
  });
});
