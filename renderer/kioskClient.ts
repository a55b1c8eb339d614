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

/**
 * Why this page cannot reach the kiosk at all: `no-link`, it was opened without the launch link the
 * host prints (`#launch=`) and holds no token; `refused`, the host never let it in (a launch link
 * already spent, a token of an earlier launch).
 */
export type AdmissionProblem = 'no-link' | 'refused';
export type AdmissionListener = (problem: AdmissionProblem | null) => void;

export interface KioskConnection extends KioskBridge {
  readonly onConnectionChange: (listener: ConnectionListener) => () => void;
  /** Told at once and on each change; absent where the page cannot be refused (Electron's preload). */
  readonly onAdmissionProblem?: (listener: AdmissionListener) => () => void;
}

/** Handshakes refused in a row, on a page never let in, before the page says it is refused. */
const REFUSALS_BEFORE_TELLING = 3;

const TOKEN_KEY = 'kiosk-launch-token';

/** How this page proves itself: the token, or a launch link not spent yet. */
type Credential = { readonly token: string } | { readonly launch: string };

/**
 * Reads `#launch=` or `#token=` (then hides it from the address bar), else the token kept in this
 * tab's storage (a reload: the launch link is spent by then); null when the page has neither.
 */
function takeCredential(): Credential | null {
  const match = /(launch|token)=([\w-]+)/.exec(window.location.hash);
  if (match) {
    history.replaceState(null, '', window.location.pathname);
    if (match[1] === 'launch') return { launch: match[2] };
    sessionStorage.setItem(TOKEN_KEY, match[2]);
    return { token: match[2] };
  }
  const kept = sessionStorage.getItem(TOKEN_KEY);
  return kept ? { token: kept } : null;
}

function connectWebSocket(): KioskConnection {
  const taken = takeCredential();
  let credential: Credential = taken ?? { token: '' };
  const admissionListeners = new Set<AdmissionListener>();
  let admission: AdmissionProblem | null = taken ? null : 'no-link';
  let everOpened = false;
  let refusals = 0;
  const setAdmission = (problem: AdmissionProblem | null) => {
    if (problem === admission) return;
    admission = problem;
    admissionListeners.forEach((listener) => listener(problem));
  };
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const eventListeners = new Set<KioskEventListener>();
  const connectionListeners = new Set<ConnectionListener>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket | undefined;
  let retryMs = 250;

  const setConnected = (connected: boolean) => connectionListeners.forEach((listener) => listener(connected));

  const open = () => {
    const query =
      'launch' in credential
        ? `launch=${encodeURIComponent(credential.launch)}`
        : `token=${encodeURIComponent(credential.token)}`;
    const ws = new WebSocket(`ws://${window.location.host}/ws?${query}`);
    socket = ws;
    ws.addEventListener('open', () => {
      retryMs = 250;
      everOpened = true;
      setAdmission(null);
      setConnected(true);
      while (queue.length > 0) ws.send(queue.shift() as string);
    });
    ws.addEventListener('message', (message: MessageEvent<string>) => {
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
    ws.addEventListener('close', () => {
      setConnected(false);
      // A page the host never let in: say so instead of a blank page (it keeps trying, in case the
      // host was only starting).
      if (!everOpened && (refusals += 1) >= REFUSALS_BEFORE_TELLING) setAdmission('refused');
      for (const [id, resolve] of pending) {
        resolve({ ok: false, error: { code: 'internal', message: 'kioskClient: connection lost before the answer' } });
        pending.delete(id);
      }
      setTimeout(open, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    });
  };
  // Without a link or a token no handshake can succeed: the page says what to do and tries nothing.
  if (taken) open();

  const call = <M extends KioskMethodName>(method: M, input: unknown) =>
    new Promise<Result<unknown>>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      const message = JSON.stringify({ id, method, input });
      if (socket?.readyState === WebSocket.OPEN) socket.send(message);
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
    onAdmissionProblem(listener) {
      admissionListeners.add(listener);
      listener(admission);
      return () => admissionListeners.delete(listener);
    },
  };
}

/** Connects to the core through whichever transport this page runs under. */
export function connectKiosk(): KioskConnection {
  const bridge = window.kiosk;
  if (bridge) return { ...bridge, onConnectionChange: () => () => undefined };
  return connectWebSocket();
}
