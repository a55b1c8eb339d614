/**
 * HID POS scanners through node-hid: the only file that touches node-hid. Finds scanners by usage
 * page 0x8C and usage 0x02 (not by vendor lists; Honeywell's vendor collection 0xFF8C with the same
 * ids is skipped), reads every one of them, re-opens after unplug with backoff, and enumerates every
 * few seconds (cheap next to a read loop, and the only portable way to see a replug).
 */
import { createRequire } from 'node:module';
import { HidPosAssembler, type HidPosEvent } from './HidPosAssembler';
import type { Logger } from '../log';

export const HID_POS_USAGE_PAGE = 0x8c;
export const HID_POS_USAGE_SCANNER = 0x02;

export interface HidDeviceInfo {
  readonly path?: string;
  readonly vendorId: number;
  readonly productId: number;
  readonly product?: string;
  readonly usagePage?: number;
  readonly usage?: number;
}

export interface HidHandle {
  on(event: 'data', listener: (data: Buffer) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  close(): void;
}

/** The seam tests replace: what node-hid gives. */
export interface HidSeam {
  devices(): HidDeviceInfo[];
  open(path: string): HidHandle;
}

interface NodeHidModule {
  devices(): HidDeviceInfo[];
  HID: new (path: string) => HidHandle;
}

/** node-hid, loaded lazily so a machine without libusb still runs the kiosk (wedge only). */
export function nodeHidSeam(): HidSeam {
  const hid = createRequire(import.meta.url)('node-hid') as NodeHidModule;
  return { devices: () => hid.devices(), open: (path) => new hid.HID(path) };
}

export interface ScannerStatus {
  readonly id: string;
  readonly name: string;
  readonly connected: boolean;
  readonly lastReadAt: string | null;
}

export interface HidScan {
  readonly scannerId: string;
  readonly text: string;
  readonly aim: string | null;
  readonly symbology: string | null;
}

interface OpenScanner {
  readonly handle: HidHandle;
  readonly assembler: HidPosAssembler;
  readonly name: string;
  lastReadAt: string | null;
}

export interface HidDriverOptions {
  readonly seam: HidSeam;
  readonly logger: Logger;
  readonly onScan: (scan: HidScan) => void;
  /** Malformed or truncated reports: the kiosk shows them as unreadable, never silently drops. */
  readonly onProblem: (scannerId: string, message: string) => void;
  readonly enumerateEveryMs?: number;
  readonly now?: () => number;
}

export class HidScannerDriver {
  private readonly open = new Map<string, OpenScanner>();
  private readonly retryAt = new Map<string, { at: number; delayMs: number }>();
  private readonly known = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly options: HidDriverOptions) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.scan();
    this.timer = setInterval(() => this.scan(), this.options.enumerateEveryMs ?? 3000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const [path, scanner] of this.open) this.closeScanner(path, scanner);
  }

  status(): ScannerStatus[] {
    return [...this.known].map(([path, name]) => ({
      id: path,
      name,
      connected: this.open.has(path),
      lastReadAt: this.open.get(path)?.lastReadAt ?? null,
    }));
  }

  /** Enumerates and opens every HID POS scanner not open yet (respecting per-path backoff). */
  scan(): void {
    let devices: HidDeviceInfo[];
    try {
      devices = this.options.seam.devices();
    } catch (error) {
      this.options.logger.error('hid.enumerate', 'enumeration failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    for (const device of devices) {
      if (device.usagePage !== HID_POS_USAGE_PAGE || device.usage !== HID_POS_USAGE_SCANNER || !device.path) continue;
      const path = device.path;
      this.known.set(path, device.product ?? `${device.vendorId.toString(16)}:${device.productId.toString(16)}`);
      if (this.open.has(path)) continue;
      const retry = this.retryAt.get(path);
      if (retry && this.now() < retry.at) continue;
      this.openScanner(path, this.known.get(path) as string, retry?.delayMs ?? 0);
    }
  }

  private openScanner(path: string, name: string, previousDelayMs: number): void {
    let handle: HidHandle;
    try {
      handle = this.options.seam.open(path);
    } catch (error) {
      this.backoff(path, previousDelayMs);
      this.options.logger.error('hid.open', 'could not open scanner', {
        error: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    const scanner: OpenScanner = { handle, assembler: new HidPosAssembler(), name, lastReadAt: null };
    this.open.set(path, scanner);
    this.retryAt.delete(path);
    this.options.logger.info('hid.open', 'scanner connected', { name });
    handle.on('data', (data) => {
      scanner.lastReadAt = new Date(this.now()).toISOString();
      for (const event of scanner.assembler.push(new Uint8Array(data), this.now())) this.deliver(path, event);
    });
    handle.on('error', (error) => {
      // Unplugged (or the OS took it back): close now, re-open on a later enumeration.
      this.options.logger.error('hid.read', 'scanner read failed', { error: error.message });
      this.closeScanner(path, scanner);
      this.backoff(path, 0);
    });
  }

  private deliver(path: string, event: HidPosEvent): void {
    if (event.type === 'scan')
      this.options.onScan({ scannerId: path, text: event.text, aim: event.aim, symbology: event.symbology });
    else this.options.onProblem(path, event.message);
  }

  private backoff(path: string, previousDelayMs: number): void {
    const delayMs = Math.min(30_000, Math.max(1000, previousDelayMs * 2));
    this.retryAt.set(path, { at: this.now() + delayMs, delayMs });
  }

  private closeScanner(path: string, scanner: OpenScanner): void {
    this.open.delete(path);
    try {
      scanner.handle.close();
    } catch {
      // Already gone with the device.
    }
  }
}
