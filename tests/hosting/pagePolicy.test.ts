import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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
  writeFileSync(path.join(root, 'assets', 'nested', 'deep.css'), 'body {}');
  writeFileSync(path.join(parent, 'secret.txt'), 'outside the page');
  // A sibling whose name starts with the page folder's: a prefix check without the separator would let it through.
  mkdirSync(path.join(parent, 'renderer-old'));
  writeFileSync(path.join(parent, 'renderer-old', 'index.html'), 'the sibling folder');
  symlinkSync(path.join(parent, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  return root;
}

/** The page folder's own files by their contents (each file's text is unique). */
const INSIDE = ['index.html', 'assets/app.js', 'assets/nested/deep.css'];

/** Path pieces that reach the page's files, climb out of the folder (plain, encoded, backslashed) and name what lies outside. */
const piece = fc.oneof(
  fc.constantFrom(
    '..',
    '.',
    '%2e%2e',
    '%2E%2E',
    '.%2e',
    '..%2f',
    '..%5c',
    '..\\',
    '%2f',
    '',
    'assets',
    'nested',
    'index.html',
    'app.js',
    'deep.css',
    'link.txt',
    'secret.txt',
    'renderer',
    'renderer-old',
    '%00',
  ),
  fc.string({ maxLength: 8 }),
);

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

  it('answers any request path with a file of the page folder or nothing: never a file outside it, never a throw', async () => {
    const root = builtPage();
    const inside = new Set(INSIDE.map((name) => readFileSync(path.join(root, name), 'utf8')));
    const freeForm = fc
      .tuple(fc.array(piece, { maxLength: 8 }), fc.constantFrom('/', '\\'))
      .map(([pieces, separator]) => `/${pieces.join(separator)}`);
    // Climbs the URL parser leaves in place (it resolves a plain `..` itself), then a file outside.
    const climbing = fc
      .tuple(
        fc.array(fc.constantFrom('assets', 'nested', '.', ''), { maxLength: 3 }),
        fc.array(fc.constantFrom('..%2f', '..%2F', '%2e%2e%2f', '.%2e%2f', '..%5c', '../', '%2e%2e/'), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.constantFrom('secret.txt', 'renderer-old/index.html', 'renderer/index.html', 'renderer/assets/link.txt'),
      )
      .map(([inner, climbs, target]) => `/${[...inner, ''].join('/')}${climbs.join('')}${target}`);
    const requestPath = fc.oneof(freeForm, climbing);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          requestPath,
          fc.string({ maxLength: 60 }).map((tail) => `/${tail}`),
        ),
        async (request) => {
          const file = await readPageFile(root, request);
          if (file !== null) expect(inside, request).toContain(file.body.toString('utf8'));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('serves each of the page folder’s files however the path inside the folder is spelled', async () => {
    const root = builtPage();
    const spellings: Record<string, string> = {
      '/assets/./app.js': 'assets/app.js',
      '/assets/nested/../app.js': 'assets/app.js',
      '/assets/nested/%2e%2e/app.js': 'assets/app.js',
      '/assets/%61pp.js': 'assets/app.js',
      '/./index.html': 'index.html',
      '/assets/nested/deep.css': 'assets/nested/deep.css',
    };
    for (const [request, name] of Object.entries(spellings)) {
      const file = await readPageFile(root, request);
      expect(file?.body.toString('utf8'), request).toBe(readFileSync(path.join(root, name), 'utf8'));
    }
  });
});
