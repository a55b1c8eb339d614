/**
 * Preload: exposes the KioskApi functions by name (one IPC channel each) and the core's events, as
 * `window.kiosk`, typed from the one contract. No generic invoke, no sendSync, no Node objects.
 * Bundled into one file (a sandboxed preload cannot require the project's files).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { KIOSK_CHANNELS, KIOSK_EVENTS } from '../shared/kioskChannels';
import type {
  KioskBridge,
  KioskEventListener,
  KioskEventName,
  KioskEventPayloads,
  KioskMethodName,
} from '../shared/contract';

const methods = Object.fromEntries(
  (Object.keys(KIOSK_CHANNELS) as KioskMethodName[]).map((name) => [name, (input: unknown) => ipcRenderer.invoke(KIOSK_CHANNELS[name], input)]),
);

const bridge = {
  ...methods,
  onEvent(listener: KioskEventListener) {
    const handlers = (Object.keys(KIOSK_EVENTS) as KioskEventName[]).map((event) => {
      const handler = (_event: IpcRendererEvent, payload: unknown) => listener(event, payload as KioskEventPayloads[typeof event]);
      ipcRenderer.on(KIOSK_EVENTS[event].channel, handler);
      return [KIOSK_EVENTS[event].channel, handler] as const;
    });
    return () => handlers.forEach(([channel, handler]) => ipcRenderer.removeListener(channel, handler));
  },
} as unknown as KioskBridge;

contextBridge.exposeInMainWorld('kiosk', bridge);
