/**
 * Preload: exposes the KioskApi functions by name (one IPC channel each) and the core's events, as
 * `window.kiosk`, typed from the one contract. No generic invoke, no sendSync, no Node objects.
 * Bundled into one file (a sandboxed preload cannot require the project's files). It reads the
 * channel names from the contract's method table, so its bundle carries the schemas too (zod): a
 * second hand-kept list of names would be the copy the house style rules out.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  KIOSK_CHANNELS,
  KIOSK_EVENTS,
  type KioskBridge,
  type KioskEvent,
  type KioskEventListener,
  type KioskEventName,
  type KioskMethodName,
} from '../shared/contract';

const methods = Object.fromEntries(
  (Object.keys(KIOSK_CHANNELS) as KioskMethodName[]).map((name) => [
    name,
    (input: unknown) => ipcRenderer.invoke(KIOSK_CHANNELS[name], input),
  ]),
);

const bridge = {
  ...methods,
  onEvent(listener: KioskEventListener) {
    const handlers = (Object.keys(KIOSK_EVENTS) as KioskEventName[]).map((name) => {
      // The main process sends each event's payload on that event's own channel.
      const handler = (_event: IpcRendererEvent, payload: unknown) => listener({ name, payload } as KioskEvent);
      ipcRenderer.on(KIOSK_EVENTS[name].channel, handler);
      return [KIOSK_EVENTS[name].channel, handler] as const;
    });
    return () => handlers.forEach(([channel, handler]) => ipcRenderer.removeListener(channel, handler));
  },
} as unknown as KioskBridge;

contextBridge.exposeInMainWorld('kiosk', bridge);
