// @vitest-environment jsdom
/**
 * The page's kiosk client against the real browser kiosk host: the page's URL is the host's, its
 * WebSocket (the `ws` package's) carries the page's Origin as a browser's does, calls go to a real
 * core. (jsdom's own WebSocket keeps the Origin of the URL the environment started with.)
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { memoryLogger } from '../../electron/core/log';
import { startKioskHost, type KioskHost } from '../../electron/web-host';
import type { KioskEvent } from '../../shared/contract';
import { connectKiosk, type KioskConnection } from '../../renderer/kioskClient';

const page = (globalThis as unknown as { jsdom: JSDOM }).jsdom;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-client-host-'));
const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-client-page-'));
const token = 'launch-token-for-the-client-test';
let host: KioskHost;

function start(port: number): Promise<KioskHost> {
  return startKioskHost({ dataDir, port, rendererDir, token, logger: memoryLogger() });
}

/** Opens the page at the host's address with `launchToken` in the fragment, as the host's launcher does. */
function openPage(launchToken: string): void {
  page.reconfigure({ url: `http://127.0.0.1:${host.port}/#token=${launchToken}` });
}

/** Resolves with the next connection change the client reports. */
function nextConnectionChange(kiosk: KioskConnection): Promise<boolean> {
  return new Promise((resolve) => {
    const stop = kiosk.onConnectionChange((connected) => {
      stop();
      resolve(connected);
    });
  });
}

/**
 * A browser's WebSocket as the page has it: it sends the page's origin, and a refused or failed
 * connection is an `error` event then a `close`, never a thrown error.
 */
class PageWebSocket extends NodeWebSocket {
  constructor(url: string) {
    super(url, { origin: window.location.origin });
    this.on('error', () => undefined);
  }
}

beforeAll(async () => {
  vi.stubGlobal('WebSocket', PageWebSocket);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>k</title>');
  mkdirSync(path.join(rendererDir, 'assets'));
  host = await start(0);
});
afterAll(async () => {
  await host.close();
  vi.unstubAllGlobals();
});

describe('kioskClient against the browser kiosk host', () => {
  it('sends calls made before the socket opens, in order, once it opens', async () => {
    openPage(token);
    const kiosk = connectKiosk();
    const changed = kiosk.setLanguage({ language: 'en' });
    const state = kiosk.getState({});
    expect(await changed).toMatchObject({ ok: true, value: { language: 'en' } });
    // Answered after the language changed: the calls reached the core in the order they were made.
    expect(await state).toMatchObject({ ok: true, value: { settings: { language: 'en' } } });
  });

  it('delivers calls made while the host is down once it is back, and hears the core’s events again', async () => {
    openPage(token);
    const kiosk = connectKiosk();
    const events: KioskEvent[] = [];
    kiosk.onEvent((event) => events.push(event));
    expect(await nextConnectionChange(kiosk)).toBe(true);

    const lost = nextConnectionChange(kiosk);
    const port = host.port;
    await host.close();
    expect(await lost).toBe(false);

    const back = nextConnectionChange(kiosk);
    const queued = kiosk.submitScan({ raw: 'VE-QUEUED-WHILE-DOWN', source: 'wedge' });
    const then = kiosk.listScans({ query: 'VE-QUEUED' });
    host = await start(port);
    expect(await back).toBe(true);
    const recorded = await queued;
    expect(recorded).toMatchObject({ ok: true, value: { outcome: 'recorded' } });
    const listed = await then;
    expect(listed.ok && listed.value.map((entry) => entry.scanId)).toEqual([recorded.ok && recorded.value.scanId]);
    // The scan-handled event of the queued scan came over the new connection.
    expect(events).toContainEqual(
      expect.objectContaining({ name: 'scan-handled', payload: expect.objectContaining({ outcome: 'recorded' }) }),
    );
  });

  it('is refused with a wrong token: never connected, and its calls reach no core', async () => {
    openPage('not-the-launch-token');
    const kiosk = connectKiosk();
    const first = nextConnectionChange(kiosk);
    void kiosk.submitScan({ raw: 'VE-FROM-A-STRANGER', source: 'wedge' });
    expect(await first).toBe(false);

    openPage(token);
    const own = connectKiosk();
    const listed = await own.listScans({ query: 'VE-FROM-A-STRANGER' });
    expect(listed).toEqual({ ok: true, value: [] });
  });
});
