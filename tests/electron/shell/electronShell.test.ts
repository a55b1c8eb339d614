/**
 * The Electron shell's wiring, run where the Electron runtime is absent: `electron/main.ts` and
 * `electron/preload.ts` run against a stand-in of the `electron` module (the stand-in is the seam) on
 * a real kiosk core in a temporary data folder. `tests/e2e/electron.spec.ts` runs the same shell on
 * the real runtime where it exists.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KIOSK_CHANNELS, KIOSK_EVENTS, type KioskBridge, type KioskEvent } from '../../../shared/contract';
import {
  cancellableEvent,
  ownPageEvent,
  recorded,
  rendererListenerCount,
  type StandInIpcEvent,
} from './electronStandIn';

vi.mock('electron', async () => await import('./electronStandIn'));

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-shell-'));
const savedDataDir = process.env.KIOSK_DATA_DIR;

beforeAll(async () => {
  process.env.KIOSK_DATA_DIR = dataDir;
  await import('../../../electron/main');
  // main.ts starts on import; it has finished when the window loads the page (or it gave up and exited).
  await Promise.race([
    recorded.loaded.promise,
    recorded.exited.promise.then((code) => {
      throw new Error(`main.ts exited with ${code} while starting`);
    }),
  ]);
  await import('../../../electron/preload');
});

afterAll(async () => {
  // The app's own way out: before-quit is held until the core has closed, then the app exits 0.
  const quit = cancellableEvent();
  recorded.appEvents.emit('before-quit', quit);
  expect(quit.prevented).toBe(true);
  expect(await recorded.exited.promise).toBe(0);
  if (savedDataDir === undefined) delete process.env.KIOSK_DATA_DIR;
  else process.env.KIOSK_DATA_DIR = savedDataDir;
  rmSync(dataDir, { recursive: true, force: true });
});

interface Answer {
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: { readonly code: string; readonly message: string };
}

function handlerOf(channel: string): (event: StandInIpcEvent, ...args: unknown[]) => Promise<unknown> {
  const handler = recorded.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler;
}

async function call(event: StandInIpcEvent, channel: string, input: unknown): Promise<Answer> {
  return (await handlerOf(channel)(event, input)) as Answer;
}

function bridge(): KioskBridge {
  return recorded.exposed.get('kiosk') as KioskBridge;
}

describe('windows', () => {
  it('opens every window sandboxed, context-isolated, without Node, with the bundled preload, loading the app origin', () => {
    expect(recorded.windows.length).toBeGreaterThan(0);
    for (const window of recorded.windows) {
      const options = window.options as { webPreferences?: Record<string, unknown> };
      const preferences = options.webPreferences ?? {};
      expect(preferences.sandbox).toBe(true);
      expect(preferences.contextIsolation).toBe(true);
      expect(preferences.nodeIntegration).toBe(false);
      expect(preferences.nodeIntegrationInWorker).toBe(false);
      expect(preferences.webviewTag).toBe(false);
      // webSecurity left at Electron's default (on); turning it off would be explicit.
      expect(preferences.webSecurity).not.toBe(false);
      expect(preferences.allowRunningInsecureContent).not.toBe(true);
      expect(preferences.experimentalFeatures).not.toBe(true);
      expect(preferences.preload).toBe(path.resolve('electron', 'preload.cjs'));
      expect(window.loadedUrl).toBe('app://kiosk/index.html');
    }
  });

  it('denies every window.open, navigation and redirect away from the app, and every webview', () => {
    for (const { webContents } of recorded.windows) {
      for (const url of ['https://evil.example/', 'app://kiosk/index.html', 'file:///etc/passwd']) {
        expect(webContents.windowOpenHandler?.({ url }), url).toEqual({ action: 'deny' });
      }
      for (const name of ['will-navigate', 'will-redirect']) {
        for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:1']) {
          const event = cancellableEvent();
          expect(webContents.emit(name, event, url), name).toBeGreaterThan(0);
          expect(event.prevented, `${name} ${url}`).toBe(true);
        }
        const own = cancellableEvent();
        webContents.emit(name, own, 'app://kiosk/index.html');
        expect(own.prevented, `${name} within the app`).toBe(false);
      }
      const webview = cancellableEvent();
      expect(webContents.emit('will-attach-webview', webview)).toBeGreaterThan(0);
      expect(webview.prevented).toBe(true);
    }
  });

  it('denies every permission the page asks for or checks', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'hid', 'serial', 'clipboard-read']) {
      const answers: boolean[] = [];
      recorded.permissionRequestHandler?.({}, permission, (allow) => answers.push(allow));
      expect(answers, permission).toEqual([false]);
      expect(recorded.permissionCheckHandler?.({}, permission), permission).toBe(false);
    }
  });

  it('serves the page only from app://kiosk/ and nothing outside the page folder', async () => {
    expect(recorded.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    const serve = recorded.protocolHandlers.get('app');
    if (!serve) throw new Error('no app:// handler');
    for (const url of [
      'app://kiosk/%2e%2e/package.json',
      'app://kiosk/..%2f..%2fpackage.json',
      'app://kiosk/%2e%2e%2f%2e%2e%2fpackage.json',
      'app://other/index.html',
    ]) {
      const response = await serve(new Request(url));
      expect(response.status, url).toBe(404);
    }
  });
});

describe('IPC handlers', () => {
  it('registers one handler per contract method and no synchronous listener', () => {
    expect([...recorded.ipcHandlers.keys()].sort()).toEqual(Object.values(KIOSK_CHANNELS).sort());
    expect(recorded.ipcListeners).toEqual([]);
  });

  it("answers the app's own page", async () => {
    const answer = await call(ownPageEvent(), KIOSK_CHANNELS.getState, {});
    expect(answer.ok).toBe(true);
  });

  it('refuses every call from a frame that is not the app’s own, on every channel', async () => {
    const own = ownPageEvent();
    const forged: Record<string, StandInIpcEvent> = {
      'another webContents': { ...own, sender: { id: own.sender.id + 1000 } },
      'a foreign page in the window': { ...own, senderFrame: { url: 'https://evil.example/', parent: null } },
      'an iframe of the app page': { ...own, senderFrame: { url: 'app://kiosk/index.html', parent: {} } },
      'no frame': { ...own, senderFrame: null },
    };
    for (const channel of Object.values(KIOSK_CHANNELS)) {
      for (const [who, event] of Object.entries(forged)) {
        const answer = await call(event, channel, {});
        expect(answer.ok, `${channel} from ${who}`).toBe(false);
        expect(answer.error?.message, `${channel} from ${who}`).toContain('sender refused');
      }
    }
  });

  it('a refused call changes nothing in the core', async () => {
    const own = ownPageEvent();
    const language = ((await call(own, KIOSK_CHANNELS.getState, {})).value as { settings: { language: string } })
      .settings.language;
    const other = language === 'vi' ? 'en' : 'vi';
    const forged = { ...own, sender: { id: own.sender.id + 1000 } };
    expect((await call(forged, KIOSK_CHANNELS.setLanguage, { language: other })).ok).toBe(false);
    const after = (await call(own, KIOSK_CHANNELS.getState, {})).value as { settings: { language: string } };
    expect(after.settings.language).toBe(language);
  });

  it('refuses a call carrying more than its one input', async () => {
    const answer = (await handlerOf(KIOSK_CHANNELS.getState)(ownPageEvent(), {}, { extra: true })) as Answer;
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});

describe('preload', () => {
  it('exposes only window.kiosk: the contract’s methods and onEvent, all functions, no generic invoke', () => {
    expect([...recorded.exposed.keys()]).toEqual(['kiosk']);
    const api = bridge() as unknown as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...Object.keys(KIOSK_CHANNELS), 'onEvent'].sort());
    for (const [name, value] of Object.entries(api)) expect(typeof value, name).toBe('function');
    for (const name of ['invoke', 'send', 'sendSync', 'on', 'ipcRenderer', 'require', 'process']) {
      expect(api[name], name).toBeUndefined();
    }
  });

  it('sends each method on its own channel with exactly its one input, never synchronously', async () => {
    const api = bridge() as unknown as Record<string, (input: unknown) => Promise<unknown>>;
    for (const [name, channel] of Object.entries(KIOSK_CHANNELS)) {
      const before = recorded.invokes.length;
      // An input with no field the method reads: the call goes the whole way and answers a Result.
      const answer = (await api[name]?.({ notAnInput: 1 })) as Answer;
      expect(recorded.invokes.slice(before), name).toEqual([{ channel, args: [{ notAnInput: 1 }] }]);
      expect(typeof answer.ok, name).toBe('boolean');
    }
    expect(recorded.rendererSends).toEqual([]);
  });

  it('carries a call to the core and the core’s event back to the page, and unsubscribes', async () => {
    const kiosk = bridge();
    const events: KioskEvent[] = [];
    const before = rendererListenerCount();
    const unsubscribe = kiosk.onEvent((event) => events.push(event));
    expect(rendererListenerCount()).toBe(before + Object.keys(KIOSK_EVENTS).length);
    const state = await kiosk.getState({});
    if (!state.ok) throw new Error(state.error.message);
    const other = state.value.settings.language === 'vi' ? 'en' : 'vi';
    const changed = await kiosk.setLanguage({ language: other });
    expect(changed).toMatchObject({ ok: true, value: { language: other } });
    expect(events).toContainEqual(
      expect.objectContaining({ name: 'settings-changed', payload: expect.objectContaining({ language: other }) }),
    );
    unsubscribe();
    expect(rendererListenerCount()).toBe(before);
  });
});
