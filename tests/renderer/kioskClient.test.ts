// @vitest-environment jsdom
// Message handling the real host cannot be made to send (answers out of order, garbage, a close with a
// call pending). Queueing, reconnection and the token run against the real host in kioskClientHost.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskEvent } from '../../shared/contract';
import { connectKiosk } from '../../renderer/kioskClient';

type Listener = (event: { readonly data?: string }) => void;

/** Stands in for the browser's WebSocket: records what the page sends, and plays the host's part. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static made: FakeSocket[] = [];

  readyState = FakeSocket.CONNECTING;
  readonly sent: { id: number; method: string; input: unknown }[] = [];
  private readonly listeners = new Map<string, Listener[]>();

  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }

  opened(): void {
    this.readyState = FakeSocket.OPEN;
    this.fire('open', {});
  }

  receive(message: unknown): void {
    this.fire('message', { data: typeof message === 'string' ? message : JSON.stringify(message) });
  }

  closed(): void {
    this.readyState = FakeSocket.CLOSED;
    this.fire('close', {});
  }

  private fire(type: string, event: { readonly data?: string }): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

const latestSocket = () => FakeSocket.made[FakeSocket.made.length - 1];

/** Connects, and the host accepts the socket. */
function openedKiosk() {
  const kiosk = connectKiosk();
  const socket = latestSocket();
  socket.opened();
  return { kiosk, socket };
}

/** Whether a promise has settled, once pending callbacks have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

beforeEach(() => {
  FakeSocket.made = [];
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  vi.stubGlobal('WebSocket', FakeSocket);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('connectKiosk over the browser host WebSocket', () => {
  it('connects with the launch token from the address, then hides it from the address bar', () => {
    window.location.hash = '#token=launch-7';
    connectKiosk();
    expect(latestSocket().url).toMatch(/\/ws\?token=launch-7$/);
    expect(window.location.hash).toBe('');
  });

  it('matches each answer to its call by id, whatever the order the answers come in', async () => {
    const { kiosk, socket } = openedKiosk();
    const purged = kiosk.purgeExpired({});
    const unlocked = kiosk.unlockAdmin({ pin: '2468' });
    const [purgeCall, unlockCall] = socket.sent;
    socket.receive({
      id: unlockCall.id,
      result: { ok: false, error: { code: 'pin-wrong', message: 'AdminSession: wrong PIN' } },
    });
    socket.receive({ id: purgeCall.id, result: { ok: true, value: 3 } });
    await expect(purged).resolves.toEqual({ ok: true, value: 3 });
    await expect(unlocked).resolves.toEqual({
      ok: false,
      error: { code: 'pin-wrong', message: 'AdminSession: wrong PIN' },
    });
  });

  it('ignores malformed and unknown messages, and the call still gets its answer', async () => {
    const { kiosk, socket } = openedKiosk();
    const heard: KioskEvent[] = [];
    kiosk.onEvent((event) => heard.push(event));
    const answer = kiosk.sendNow({});
    const { id } = socket.sent[0];
    for (const message of [
      'not json {',
      '42',
      { id, answer: 'no result' },
      { id: id + 1, result: { ok: true, value: 'someone else' } },
      { event: 'kiosk-exploded', payload: {} },
      { id: 'one', result: { ok: true, value: 1 } },
    ]) {
      expect(() => socket.receive(message)).not.toThrow();
    }
    expect(await settled(answer)).toBe(false);
    expect(heard).toEqual([]);
    socket.receive({ id, result: { ok: true, value: 'sent' } });
    await expect(answer).resolves.toEqual({ ok: true, value: 'sent' });
  });

  it('hands each event to every listener as { name, payload } until it unsubscribes', () => {
    const { kiosk, socket } = openedKiosk();
    const first: KioskEvent[] = [];
    const second: KioskEvent[] = [];
    const stopFirst = kiosk.onEvent((event) => first.push(event));
    kiosk.onEvent((event) => second.push(event));
    socket.receive({ event: 'storage-changed', payload: 'full' });
    stopFirst();
    socket.receive({ event: 'storage-changed', payload: null });
    expect(first).toEqual([{ name: 'storage-changed', payload: 'full' }]);
    expect(second).toEqual([
      { name: 'storage-changed', payload: 'full' },
      { name: 'storage-changed', payload: null },
    ]);
  });

  it('answers calls pending when the socket closes with an internal error, says so, and reconnects', async () => {
    const kiosk = connectKiosk();
    const connected: boolean[] = [];
    kiosk.onConnectionChange((isConnected) => connected.push(isConnected));
    const first = latestSocket();
    first.opened();
    const answer = kiosk.getState({});
    first.closed();
    await expect(answer).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(connected).toEqual([true, false]);

    expect(FakeSocket.made).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeSocket.made).toHaveLength(2);
    const second = latestSocket();
    second.opened();
    expect(connected).toEqual([true, false, true]);
    void kiosk.getState({});
    expect(second.sent).toMatchObject([{ method: 'getState' }]);
    expect(first.sent).toHaveLength(1);
  });
});
