/**
 * A stand-in for the `electron` module, for running `electron/main.ts` and `electron/preload.ts` where
 * the Electron runtime is absent (the package is installed without its binary). It does what the shell
 * asks of Electron and records it: window options, IPC handlers, protocol handlers, what the preload
 * exposes, app events. The preload's `ipcRenderer.invoke` reaches the recorded `ipcMain` handlers as
 * the app's own page would (its window's webContents, top frame, app://kiosk/ URL), and
 * `webContents.send` reaches the preload's listeners, so a call and an event go the whole way round.
 * Replaced at the one seam, the `electron` specifier, by `vi.mock` in the test that uses it.
 */

type Listener = (...args: never[]) => unknown;

/** What a handler receives as the IPC event: the sender's webContents and frame. */
export interface StandInIpcEvent {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: object | null } | null;
}

type IpcHandler = (event: StandInIpcEvent, ...args: unknown[]) => Promise<unknown>;
type ProtocolHandler = (request: Request) => Promise<Response>;
type WindowOpenHandler = (details: { url: string }) => { action: string };
type RendererListener = (event: object, payload: unknown) => void;

/** A cancellable Electron event as handlers receive it; `prevented` says whether a handler cancelled it. */
export interface StandInEvent {
  prevented: boolean;
  preventDefault(): void;
}

export function cancellableEvent(): StandInEvent {
  return {
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

class Emitter {
  readonly listeners = new Map<string, Listener[]>();

  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }

  /** Calls each listener of `name` with `args`; returns how many there were. */
  emit(name: string, ...args: unknown[]): number {
    const listeners = this.listeners.get(name) ?? [];
    for (const listener of listeners) (listener as (...a: unknown[]) => unknown)(...args);
    return listeners.length;
  }
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

let nextWebContentsId = 1;

class StandInWebContents extends Emitter {
  readonly id = nextWebContentsId++;
  windowOpenHandler: WindowOpenHandler | null = null;

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  /** Main → page: delivered to the preload's listeners of that channel. */
  send(channel: string, payload: unknown): void {
    for (const listener of rendererListeners.get(channel) ?? []) listener({}, payload);
  }

  isDestroyed(): boolean {
    return false;
  }
}

/** Everything the shell did through the stand-in, for the test to assert on. */
export const recorded = {
  windows: [] as { readonly options: unknown; readonly webContents: StandInWebContents; loadedUrl: string | null }[],
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, ProtocolHandler>(),
  ipcHandlers: new Map<string, IpcHandler>(),
  /** Channels given to `ipcMain.on` (the synchronous-IPC path the shell must not open). */
  ipcListeners: [] as string[],
  permissionRequestHandler: null as
    ((contents: object, permission: string, callback: (allow: boolean) => void) => void) | null,
  permissionCheckHandler: null as ((contents: object, permission: string) => boolean) | null,
  exposed: new Map<string, unknown>(),
  /** Channels and arguments of every `ipcRenderer.invoke`. */
  invokes: [] as { readonly channel: string; readonly args: readonly unknown[] }[],
  /** Calls to `ipcRenderer.send` / `sendSync` (the preload must make none). */
  rendererSends: [] as string[],
  appEvents: new Emitter(),
  exitCodes: [] as number[],
  /** Resolves with the URL the first window loads (the shell has finished starting). */
  loaded: deferred<string>(),
  /** Resolves with the code of the first `app.exit`. */
  exited: deferred<number>(),
};

const rendererListeners = new Map<string, RendererListener[]>();

/** How many listeners the preload has on the page's side, over all channels. */
export function rendererListenerCount(): number {
  return [...rendererListeners.values()].reduce((sum, list) => sum + list.length, 0);
}

/** The IPC event of the app's own page: its window's webContents, the top frame, showing app://kiosk/. */
export function ownPageEvent(): StandInIpcEvent {
  const window = recorded.windows[0];
  if (!window) throw new Error('electronStandIn: no window yet');
  return { sender: { id: window.webContents.id }, senderFrame: { url: 'app://kiosk/index.html', parent: null } };
}

export const app = {
  isPackaged: false,
  requestSingleInstanceLock: (): boolean => true,
  whenReady: (): Promise<void> => Promise.resolve(),
  getPath: (name: string): string => {
    throw new Error(`electronStandIn: app.getPath(${name}) asked; the test gives KIOSK_DATA_DIR`);
  },
  on(name: string, listener: Listener): void {
    recorded.appEvents.on(name, listener);
  },
  quit(): void {
    recorded.appEvents.emit('before-quit', cancellableEvent());
  },
  exit(code = 0): void {
    recorded.exitCodes.push(code);
    recorded.exited.resolve(code);
  },
  setLoginItemSettings(): void {},
};

export class BrowserWindow {
  readonly webContents = new StandInWebContents();
  private readonly record: (typeof recorded.windows)[number];

  constructor(options: unknown) {
    this.record = { options, webContents: this.webContents, loadedUrl: null };
    recorded.windows.push(this.record);
    // Electron announces every new webContents on the app.
    recorded.appEvents.emit('web-contents-created', cancellableEvent(), this.webContents);
  }

  loadURL(url: string): Promise<void> {
    this.record.loadedUrl = url;
    recorded.loaded.resolve(url);
    return Promise.resolve();
  }

  isDestroyed(): boolean {
    return false;
  }
  reload(): void {}
  focus(): void {}
}

export const ipcMain = {
  handle(channel: string, handler: IpcHandler): void {
    if (recorded.ipcHandlers.has(channel)) throw new Error(`electronStandIn: second handler for ${channel}`);
    recorded.ipcHandlers.set(channel, handler);
  },
  on(channel: string): void {
    recorded.ipcListeners.push(channel);
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    recorded.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    recorded.protocolHandlers.set(scheme, handler);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: typeof recorded.permissionRequestHandler): void {
      recorded.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: typeof recorded.permissionCheckHandler): void {
      recorded.permissionCheckHandler = handler;
    },
  },
};

export const powerSaveBlocker = { start: (): number => 1 };

export const contextBridge = {
  exposeInMainWorld(name: string, api: unknown): void {
    recorded.exposed.set(name, api);
  },
};

export const ipcRenderer = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    recorded.invokes.push({ channel, args });
    const handler = recorded.ipcHandlers.get(channel);
    if (!handler) return Promise.reject(new Error(`electronStandIn: no handler for '${channel}'`));
    return handler(ownPageEvent(), ...args);
  },
  on(channel: string, listener: RendererListener): void {
    rendererListeners.set(channel, [...(rendererListeners.get(channel) ?? []), listener]);
  },
  removeListener(channel: string, listener: RendererListener): void {
    rendererListeners.set(
      channel,
      (rendererListeners.get(channel) ?? []).filter((l) => l !== listener),
    );
  },
  send(channel: string): void {
    recorded.rendererSends.push(channel);
  },
  sendSync(channel: string): void {
    recorded.rendererSends.push(channel);
  },
};
