/** The browser host's ways out for an exported file: `--export-dir`, or one download from a one-time link. */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDownloads } from '../../electron/exportDownloads';
import { listenOnLoopback } from '../support/loopback';

describe('exportDownloads', () => {
  it('with --export-dir writes into it and says where', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-export-dir-'));
    const { destination } = exportDownloads(path.join(dir, 'stick'), path.join(dir, 'pending'));
    const target = await destination.pathFor('quet-a-1-luot.kiosk-scans');
    expect(target).toBe(path.join(dir, 'stick', 'quet-a-1-luot.kiosk-scans'));
    expect(await destination.written(target ?? '', 'quet-a-1-luot.kiosk-scans')).toEqual({
      savedTo: target,
      downloadUrl: null,
    });
  });

  it('without it serves the file once from a random link, then deletes it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-export-dl-'));
    const downloads = exportDownloads(undefined, path.join(dir, 'pending'));
    const server = createServer((request, response) => {
      if (!downloads.serve(request, response)) response.writeHead(418).end();
    });
    const url = await listenOnLoopback(server);
    try {
      const target = (await downloads.destination.pathFor('quet-a-2-luot.kiosk-scans')) ?? '';
      writeFileSync(target, 'KIOSK-SCANS/1\nsealed');
      const { downloadUrl, savedTo } = await downloads.destination.written(target, 'quet-a-2-luot.kiosk-scans');
      expect(savedTo).toBeNull();
      expect(downloadUrl).toMatch(/^\/export\/[A-Za-z0-9_-]{32}$/);
      expect((await fetch(`${url}/export/${'x'.repeat(32)}`)).status).toBe(404);
      const first = await fetch(`${url}${downloadUrl}`);
      expect(first.status).toBe(200);
      expect(first.headers.get('content-disposition')).toBe('attachment; filename="quet-a-2-luot.kiosk-scans"');
      expect(await first.text()).toBe('KIOSK-SCANS/1\nsealed');
      expect((await fetch(`${url}${downloadUrl}`)).status).toBe(404);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(existsSync(target)).toBe(false);
      expect((await fetch(`${url}/index.html`)).status).toBe(418);
    } finally {
      downloads.close();
      server.closeAllConnections();
      server.close();
    }
  });
});
