/**
 * The renderer's one way to the core. In Electron the preload's `window.kiosk` carries the calls;
 * in the browser kiosk host a WebSocket does, opened first with the one-use launch link from the
 * page URL, then with the token the host hands over on that socket (kept in this tab's storage).
 */
import { KIOSK_METHODS } from '../shared/contract';
import type {
  KioskApi,
  KioskBridge,
  KioskError,
  KioskEvent,
  KioskEventListener,
  KioskMethodName,
  Result,
} from '../shared/contract';
import { HostMessageSchema } from '../shared/hostMessages';

declare global {
  interface Window {
    readonly kiosk?: KioskBridge;
  }
}

export type ConnectionListener = (connected: boolean) => void;

export interface KioskConnection extends KioskBridge {
  readonly onConnectionChange: (listener: ConnectionListener) => () => void;
}

const TOKEN_KEY = 'kiosk-launch-token';

/** How this page proves itself: the token, or a launch link not spent yet. */
type Credential = { readonly token: string } | { readonly launch: string };

/**
 * Reads `#launch=` or `#token=` (then hides it from the address bar), else the token kept in this
 * tab's storage (a reload: the launch link is spent by then).
 */
function takeCredential(): Credential {
  const match = /(launch|token)=([\w-]+)/.exec(window.location.hash);
  if (match) {
    history.replaceState(null, '', window.location.pathname);
    if (match[1] === 'launch') return { launch: match[2] };
    sessionStorage.setItem(TOKEN_KEY, match[2]);
    return { token: match[2] };
  }
  return { token: sessionStorage.getItem(TOKEN_KEY) ?? '' };
}

function connectWebSocket(): KioskConnection {
  let credential = takeCredential();
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const eventListeners = new Set<KioskEventListener>();
  const connectionListeners = new Set<ConnectionListener>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket;
  let retryMs = 250;

  const setConnected = (connected: boolean) => connectionListeners.forEach((listener) => listener(connected));

  const open = () => {
    const query =
      'launch' in credential
        ? `launch=${encodeURIComponent(credential.launch)}`
        : `token=${encodeURIComponent(credential.token)}`;
    socket = new WebSocket(`ws://${window.location.host}/ws?${query}`);
    socket.addEventListener('open', () => {
      retryMs = 250;
      setConnected(true);
      while (queue.length > 0) socket.send(queue.shift() as string);
    });
    socket.addEventListener('message', (message: MessageEvent<string>) => {
      let parsed;
      try {
        parsed = HostMessageSchema.safeParse(JSON.parse(message.data));
      } catch {
        return;
      }
      if (!parsed.success) return;
      const data = parsed.data;
      if ('launchToken' in data) {
        sessionStorage.setItem(TOKEN_KEY, data.launchToken);
        credential = { token: data.launchToken };
      } else if ('event' in data) {
        // The payload's shape per event is the core's promise (the contract); the name is checked.
        const event = { name: data.event, payload: data.payload } as KioskEvent;
        eventListeners.forEach((listener) => listener(event));
      } else if (data.id !== null) {
        pending.get(data.id)?.(data.result.ok ? data.result : { ok: false, error: data.result.error as KioskError });
        pending.delete(data.id);
      }
    });
    socket.addEventListener('close', () => {
      setConnected(false);
      for (const [id, resolve] of pending) {
        resolve({ ok: false, error: { code: 'internal', message: 'kioskClient: connection lost before the answer' } });
        pending.delete(id);
      }
      setTimeout(open, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    });
  };
  open();

  const call = <M extends KioskMethodName>(method: M, input: unknown) =>
    new Promise<Result<unknown>>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      const message = JSON.stringify({ id, method, input });
      if (socket.readyState === WebSocket.OPEN) socket.send(message);
      else queue.push(message);
    });

  // One function per method of the contract, so a new method needs no change here.
  const api = Object.fromEntries(
    (Object.keys(KIOSK_METHODS) as KioskMethodName[]).map((method) => [
      method,
      (input: unknown) => call(method, input),
    ]),
  ) as unknown as KioskApi;

  return {
    ...api,
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
}

/** Connects to the core through whichever transport this page runs under. */
export function connectKiosk(): KioskConnection {
  const bridge = window.kiosk;
  if (bridge) return { ...bridge, onConnectionChange: () => () => undefined };
  return connectWebSocket();
}
