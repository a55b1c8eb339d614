import { describe, expect, it } from 'vitest';
import { KIOSK_CHANNELS, KIOSK_METHODS } from '../../../shared/contract';
import {
  decidePermission,
  decideWindowOpen,
  isAllowedNavigation,
  isTrustedSender,
  methodOfChannel,
  runShutdown,
  shouldBlockInput,
  singleIpcArgument,
} from '../../../electron/shell/securityPolicy';

const key = (k: string, mods: Partial<{ control: boolean; alt: boolean; meta: boolean; shift: boolean }> = {}) => ({
  type: 'keyDown',
  key: k,
  control: false,
  alt: false,
  meta: false,
  shift: false,
  ...mods,
});

describe('navigation, permissions, windows', () => {
  it('allows navigation only within the app origin', () => {
    expect(isAllowedNavigation('app://kiosk/index.html')).toBe(true);
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://other/index.html',
      'javascript:alert(1)',
      'data:text/html,x',
      'not a url',
      'http://127.0.0.1:8620/',
    ]) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });

  it('denies every permission and every window.open', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'hid',
      'serial',
      'clipboard-read',
      'fullscreen',
      'openExternal',
    ])
      expect(decidePermission(permission)).toBe(false);
    expect(decideWindowOpen('app://kiosk/index.html')).toEqual({ action: 'deny' });
  });
});

describe('IPC', () => {
  it('trusts only the main window’s top frame showing the app', () => {
    const ok = { webContentsId: 3, frameUrl: 'app://kiosk/index.html', isTopFrame: true };
    expect(isTrustedSender(ok, 3)).toBe(true);
    expect(isTrustedSender({ ...ok, webContentsId: 4 }, 3)).toBe(false);
    expect(isTrustedSender({ ...ok, isTopFrame: false }, 3)).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: 'https://evil.example/' }, 3)).toBe(false);
    expect(isTrustedSender(ok, null)).toBe(false);
  });

  it('maps every channel to its method and nothing else', () => {
    for (const [method, channel] of Object.entries(KIOSK_CHANNELS)) expect(methodOfChannel(channel)).toBe(method);
    expect(methodOfChannel('kiosk:anything')).toBeNull();
    expect(Object.keys(KIOSK_METHODS).sort()).toEqual(Object.keys(KIOSK_CHANNELS).sort());
  });

  it('takes exactly one argument per call', () => {
    expect(singleIpcArgument('submitScan', [{ raw: 'x', source: 'wedge' }])).toEqual({
      ok: true,
      value: { raw: 'x', source: 'wedge' },
    });
    expect(singleIpcArgument('submitScan', [])).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(singleIpcArgument('submitScan', [{}, {}])).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});

describe('kiosk keys', () => {
  it('blocks the shortcuts that leave or break the kiosk', () => {
    for (const input of [
      key('F4', { alt: true }),
      key('w', { control: true }),
      key('q', { meta: true }),
      key('r', { control: true }),
      key('F5'),
      key('F11'),
      key('F12'),
      key('I', { control: true, shift: true }),
      key('n', { control: true }),
      key('=', { control: true }),
      key('p', { control: true }),
    ]) {
      expect(shouldBlockInput(input), JSON.stringify(input)).toBe(true);
    }
  });

  it('lets typing and scanning keys through', () => {
    for (const input of [
      key('a'),
      key('A', { shift: true }),
      key('|', { shift: true }),
      key('Enter'),
      key('Tab'),
      key('Backspace'),
      key('7'),
      key('c', { control: true }),
      key('v', { control: true }),
    ]) {
      expect(shouldBlockInput(input), JSON.stringify(input)).toBe(false);
    }
    expect(shouldBlockInput({ ...key('F5'), type: 'keyUp' })).toBe(false);
  });
});

describe('shutdown', () => {
  it('runs the steps in order, bounds each, and goes on after a failure', async () => {
    const order: string[] = [];
    const report = await runShutdown(
      [
        ['scanners', () => void order.push('scanners')],
        [
          'uploader flush',
          () =>
            new Promise<void>((resolve) => setTimeout(() => resolve(order.push('uploader') as unknown as void), 10)),
        ],
        ['stuck step', () => new Promise<void>(() => undefined)],
        ['broken step', () => Promise.reject(new Error('boom'))],
        ['database close', () => void order.push('database')],
      ],
      50,
    );
    expect(order).toEqual(['scanners', 'uploader', 'database']);
    expect(report).toEqual([
      'scanners: done',
      'uploader flush: done',
      'stuck step: timeout',
      'broken step: failed (boom)',
      'database close: done',
    ]);
  });
});
