import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, pageHeaders, readPageFile } from '../../hosting/pagePolicy';

function builtPage(): string {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'page-policy-'));
  const root = path.join(parent, 'renderer');
  mkdirSync(path.join(root, 'assets', 'nested'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'export {}');
  writeFileSync(path.join(parent, 'secret.txt'), 'outside the page');
  symlinkSync(path.join(parent, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  return root;
}

describe('page policy', () => {
  it('allows no remote or inline script, and connections only where the host says', () => {
    expect(contentSecurityPolicy()).toContain("script-src 'self'");
    expect(contentSecurityPolicy()).toContain("connect-src 'none'");
    expect(contentSecurityPolicy('ws://127.0.0.1:8620')).toContain('connect-src ws://127.0.0.1:8620');
    expect(contentSecurityPolicy()).not.toContain('unsafe');
    expect(pageHeaders()).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
  });

  it('serves built files and nothing else: folders, escapes and broken paths are null, never a throw', async () => {
    const root = builtPage();
    expect(await readPageFile(root, '/')).toMatchObject({ contentType: 'text/html; charset=utf-8' });
    expect(await readPageFile(root, '/assets/app.js')).toMatchObject({ contentType: 'text/javascript; charset=utf-8' });
    for (const bad of [
      '/assets',
      '/assets/',
      '/assets/nested',
      '/assets/link.txt',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%E0%A4%A',
      '/index.html%00.js',
      '/missing.js',
    ]) {
      expect(await readPageFile(root, bad), bad).toBeNull();
    }
  });

  it('answers any request path without throwing', async () => {
    const root = builtPage();
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), async (tail) => {
        const file = await readPageFile(root, `/${tail}`);
        expect(file === null || Buffer.isBuffer(file.body)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
