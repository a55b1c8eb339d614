/**
 * The browser kiosk host's way out for an exported scan file: either a folder IT named
 * (`--export-dir`, a mounted USB stick), or a one-time download link on the host's own origin
 * (`/export/<random>`): the page opens it, the browser saves the file, the host deletes its copy.
 * The file is sealed to the district; the link is random, spent once, and expires.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { folderDestination, type ScanFileDestination } from './core/handover/UsbHandover';
import { pageHeaders } from '../hosting/pagePolicy';

/** How long an unspent download link lasts, ms. */
const LINK_TTL_MS = 10 * 60_000;
const LINK_PATH = /^\/export\/([A-Za-z0-9_-]{32})$/;

interface Waiting {
  readonly filePath: string;
  readonly fileName: string;
  readonly timer: NodeJS.Timeout;
}

export interface ExportDownloads {
  readonly destination: ScanFileDestination;
  /** Answers a `/export/<link>` request; false when the request is not one (the page's files then). */
  serve(request: IncomingMessage, response: ServerResponse): boolean;
  /** Deletes files never downloaded. */
  close(): void;
}

/** `exportDir`: files go there; otherwise into `pendingDir` until their one download. */
export function exportDownloads(exportDir: string | undefined, pendingDir: string): ExportDownloads {
  const waiting = new Map<string, Waiting>();
  const drop = (link: string) => {
    const entry = waiting.get(link);
    if (!entry) return;
    waiting.delete(link);
    clearTimeout(entry.timer);
    rmSync(entry.filePath, { force: true });
  };
  const destination: ScanFileDestination = exportDir
    ? folderDestination(exportDir)
    : {
        pathFor(fileName) {
          mkdirSync(pendingDir, { recursive: true, mode: 0o700 });
          return Promise.resolve(path.join(pendingDir, `${randomBytes(8).toString('hex')}-${fileName}`));
        },
        written(filePath, fileName) {
          const link = randomBytes(24).toString('base64url');
          const timer = setTimeout(() => drop(link), LINK_TTL_MS);
          timer.unref();
          waiting.set(link, { filePath, fileName, timer });
          return Promise.resolve({ savedTo: null, downloadUrl: `/export/${link}` });
        },
      };
  return {
    destination,
    serve(request, response) {
      const match = LINK_PATH.exec(request.url ?? '');
      if (!match) return false;
      const entry = waiting.get(match[1]);
      if (!entry || request.method !== 'GET') {
        response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return true;
      }
      // Spent now: a second request (or one read from a log) finds nothing.
      waiting.delete(match[1]);
      clearTimeout(entry.timer);
      response.writeHead(200, {
        ...pageHeaders(),
        'Content-Type': 'application/octet-stream',
        // The name is ASCII by construction (scanFileName); quoted all the same.
        'Content-Disposition': `attachment; filename="${entry.fileName.replace(/[^\w.-]/g, '_')}"`,
      });
      const stream = createReadStream(entry.filePath);
      stream.pipe(response);
      const remove = () => rmSync(entry.filePath, { force: true });
      stream.on('close', remove);
      stream.on('error', () => response.destroy());
      return true;
    },
    close() {
      for (const link of [...waiting.keys()]) drop(link);
    },
  };
}
