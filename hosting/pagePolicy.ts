/**
 * The page's one policy, used by both hosts (Electron's `app://kiosk` protocol and the browser
 * kiosk host): its Content Security Policy and response headers, and which request path is which
 * built file. Plain Node, no Electron. Its own folder (`hosting/`), so the kiosk hosts and the
 * district server's console share it without either reaching into the other's folder.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The CSP of the kiosk page. `connectSrc` is where the page may open connections: nothing under
 * Electron (IPC needs none), the host's own WebSocket in the browser kiosk host.
 */
export function contentSecurityPolicy(connectSrc = "'none'"): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "media-src 'self' data:",
    `connect-src ${connectSrc}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers of every page response. */
export function pageHeaders(connectSrc?: string): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(connectSrc),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wav': 'audio/wav',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/** A built file of the page, ready to answer. */
export interface PageFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/** Largest file served, bytes (the page's files are a few hundred KB). */
const MAX_FILE_BYTES = 16 * 2 ** 20;

/**
 * The built file a request path names, or null for anything else: a folder, a missing file, a path
 * outside `root` (`..`, encoded or not), a malformed escape, a NUL. Never throws: whatever the path,
 * the host answers 404 and goes on.
 */
export async function readPageFile(root: string, requestPath: string): Promise<PageFile | null> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestPath, 'http://page').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  if (!file.startsWith(path.resolve(root) + path.sep)) return null;
  try {
    // A link inside the folder must not lead out of it.
    if (!(await realpath(file)).startsWith((await realpath(root)) + path.sep)) return null;
    const info = await stat(file);
    if (!info.isFile() || info.size > MAX_FILE_BYTES) return null;
    return { body: await readFile(file), contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
