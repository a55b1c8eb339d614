/**
 * USB-COM (CDC serial) scanners through the `serialport` package: the only file that touches it.
 * Each code arrives as its bytes followed by CR or CR LF; UTF-8 is decoded per whole line (never
 * per chunk, so a character split between two reads comes out whole). Reconnects after unplug.
 */
import { SerialPort } from 'serialport';
import type { Logger } from '../log';

/** Longest line kept, bytes; longer input is cut and still delivered (the decoder names it too-long). */
export const MAX_LINE_BYTES = 16_384;

export interface SerialDriverOptions {
  /** Device path (`/dev/ttyACM0`, `COM3`); or null to find one by vendor id. */
  readonly path: string | null;
  /** USB vendor ids (hex, lower case) to look for when no path is set. */
  readonly vendorIds?: readonly string[];
  readonly baudRate?: number;
  readonly logger: Logger;
  readonly onScan: (scan: { readonly scannerId: string; readonly text: string }) => void;
  readonly reconnectMinMs?: number;
  readonly reconnectMaxMs?: number;
}

/** Vendor ids of common scanner makers (Honeywell, Zebra/Symbol, Datalogic, Newland, Netum/generic CH34x). */
export const SCANNER_VENDOR_IDS = ['0c2e', '05e0', '05f9', '1eab', '1a86', '0483'];

export class SerialScannerDriver {
  private port: SerialPort | null = null;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private delayMs: number;
  private stopped = true;
  private connectedPath: string | null = null;
  private lastReadAt: string | null = null;

  constructor(private readonly options: SerialDriverOptions) {
    this.delayMs = options.reconnectMinMs ?? 1000;
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  status(): { readonly id: string; readonly connected: boolean; readonly lastReadAt: string | null } {
    return {
      id: this.connectedPath ?? this.options.path ?? 'serial',
      connected: this.port?.isOpen === true,
      lastReadAt: this.lastReadAt,
    };
  }

  private async findPath(): Promise<string | null> {
    if (this.options.path) return this.options.path;
    const wanted = this.options.vendorIds ?? SCANNER_VENDOR_IDS;
    const ports = await SerialPort.list();
    return ports.find((port) => port.vendorId && wanted.includes(port.vendorId.toLowerCase()))?.path ?? null;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const path = await this.findPath().catch(() => null);
    if (!path) return this.retry();
    const port = new SerialPort({ path, baudRate: this.options.baudRate ?? 9600, autoOpen: false });
    port.open((error) => {
      if (error) {
        this.options.logger.error('serial.open', 'could not open the serial scanner', { error: error.message });
        return this.retry();
      }
      if (this.stopped) return void port.close();
      this.port = port;
      this.connectedPath = path;
      this.delayMs = this.options.reconnectMinMs ?? 1000;
      this.options.logger.info('serial.open', 'serial scanner connected');
    });
    port.on('data', (chunk: Buffer) => this.onData(path, chunk));
    port.on('close', () => {
      if (this.port === port) this.port = null;
      this.pending = [];
      this.pendingBytes = 0;
      if (!this.stopped) {
        this.options.logger.error('serial.read', 'serial scanner disconnected');
        this.retry();
      }
    });
    port.on('error', (error) => this.options.logger.error('serial.read', 'serial error', { error: error.message }));
  }

  private retry(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(), this.delayMs);
    this.timer.unref();
    this.delayMs = Math.min(this.options.reconnectMaxMs ?? 30_000, this.delayMs * 2);
  }

  private onData(path: string, chunk: Buffer): void {
    this.lastReadAt = new Date().toISOString();
    let start = 0;
    for (let i = 0; i < chunk.length; i += 1) {
      const byte = chunk[i];
      if (byte !== 0x0d && byte !== 0x0a) continue;
      this.append(chunk.subarray(start, i));
      start = i + 1;
      const line = Buffer.concat(this.pending).toString('utf8');
      this.pending = [];
      this.pendingBytes = 0;
      // CR LF gives an empty line after the CR: nothing to deliver.
      if (line.length > 0) this.options.onScan({ scannerId: path, text: line });
    }
    this.append(chunk.subarray(start));
  }

  private append(bytes: Buffer): void {
    const room = MAX_LINE_BYTES - this.pendingBytes;
    if (room <= 0 || bytes.length === 0) return;
    const kept = bytes.subarray(0, room);
    this.pending.push(Buffer.from(kept));
    this.pendingBytes += kept.length;
  }
}
