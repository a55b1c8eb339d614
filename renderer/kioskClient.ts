/**
 * The renderer's one way to the core. In Electron the preload's `window.kiosk` carries the calls;
 * in the browser kiosk host a WebSocket does, authenticated by the launch token from the page URL.
 */
import { KIOSK_METHODS } from '../shared/contract';
import type {
  KioskApi,
  KioskBridge,
  KioskEventListener,
  KioskEventName,
  KioskEventPayloads,
  KioskMethodName,
  Result,
} from '../shared/contract';

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

/** Reads the launch token from `#token=` (then hides it from the address bar) or this tab's storage. */
function takeLaunchToken(): string {
  const match = /token=([\w-]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function connectWebSocket(): KioskConnection {
  const token = takeLaunchToken();
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const eventListeners = new Set<KioskEventListener>();
  const connectionListeners = new Set<ConnectionListener>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket;
  let retryMs = 250;

  const setConnected = (connected: boolean) => connectionListeners.forEach((listener) => listener(connected));

  const open = () => {
    socket = new WebSocket(`ws://${window.location.host}/ws?token=${encodeURIComponent(token)}`);
    socket.addEventListener('open', () => {
      retryMs = 250;
      setConnected(true);
      while (queue.length > 0) socket.send(queue.shift() as string);
    });
    socket.addEventListener('message', (message: MessageEvent<string>) => {
      const data = JSON.parse(message.data) as { id?: number | null; result?: Result<unknown>; event?: KioskEventName; payload?: unknown };
      if (data.event) {
        const event = data.event;
        eventListeners.forEach((listener) => listener(event, data.payload as KioskEventPayloads[typeof event]));
      } else if (typeof data.id === 'number' && data.result) {
        pending.get(data.id)?.(data.result);
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
    (Object.keys(KIOSK_METHODS) as KioskMethodName[]).map((method) => [method, (input: unknown) => call(method, input)]),
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
