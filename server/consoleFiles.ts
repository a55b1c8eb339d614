/**
 * The built console (dist/console) served at `/` by the district server, under the same page
 * policy as the kiosk page (one module for both: CSP with `script-src 'self'`, no inline script,
 * `frame-ancestors 'none'`, nosniff, no-store), with `connect-src 'self'` for the API.
 */
import { readPageFile, pageHeaders } from '../hosting/pagePolicy';
import type { Answer } from './http/answers';

export interface ConsoleFiles {
  /** Folder of the built console (its index.html and assets). */
  readonly root: string;
}

/** The console file a GET path names (`/` is index.html), or null (the caller answers 404). */
export async function consoleAnswer(files: ConsoleFiles, pathname: string): Promise<Answer | null> {
  const file = await readPageFile(files.root, pathname);
  if (!file) return null;
  return { kind: 'file', body: file.body, headers: { 'Content-Type': file.contentType, ...pageHeaders("'self'") } };
}
