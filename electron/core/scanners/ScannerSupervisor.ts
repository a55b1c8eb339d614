/**
 * Starts and stops the scanner drivers the settings ask for, feeds their scans into the pipeline,
 * and reports their status. A driver that cannot load (no libusb) is logged, and the kiosk keeps
 * scanning with the others.
 */
import type { SubmitScanInput } from '../../../shared/kioskScans';
import type { KioskSettings } from '../../../shared/kioskSettings';
import type { ScannerStatus } from '../../../shared/kioskStatus';
import type { Logger } from '../log';
import { HidScannerDriver, nodeHidSeam, type HidSeam } from './HidScannerDriver';
import { SerialScannerDriver } from './SerialScannerDriver';

export interface ScannerSupervisorOptions {
  readonly logger: Logger;
  readonly submit: (input: SubmitScanInput) => void;
  readonly hidSeam?: HidSeam;
}

export class ScannerSupervisor {
  private hid: HidScannerDriver | null = null;
  private serial: SerialScannerDriver | null = null;
  private serialPath: string | null = null;

  constructor(private readonly options: ScannerSupervisorOptions) {}

  /** Brings the running drivers in line with the settings. */
  apply(settings: KioskSettings): void {
    if (settings.hidEnabled && !this.hid) this.startHid();
    if (!settings.hidEnabled && this.hid) {
      this.hid.stop();
      this.hid = null;
    }
    if (settings.serialPort !== this.serialPath) {
      void this.serial?.stop();
      this.serial = null;
      this.serialPath = settings.serialPort;
      if (settings.serialPort) {
        this.serial = new SerialScannerDriver({
          path: settings.serialPort === 'auto' ? null : settings.serialPort,
          logger: this.options.logger,
          onScan: (scan) => this.options.submit({ raw: scan.text, source: 'serial' }),
          reconnectMaxMs: 30_000,
        });
        this.serial.start();
      }
    }
  }

  private startHid(): void {
    let seam: HidSeam;
    try {
      seam = this.options.hidSeam ?? nodeHidSeam();
    } catch (error) {
      this.options.logger.error('scanners.hid', 'HID POS unavailable (is libusb-1.0-0 installed?)', {
        error: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    this.hid = new HidScannerDriver({
      seam,
      logger: this.options.logger,
      onScan: (scan) => this.options.submit({ raw: scan.text, source: 'hid' }),
      // Broken reports still reach the screen as an unreadable scan: never silently dropped.
      onProblem: () => this.options.submit({ raw: '\uFFFD', source: 'hid' }),
    });
    this.hid.start();
  }

  status(): ScannerStatus[] {
    const hid = (this.hid?.status() ?? []).map((s) => ({ ...s, kind: 'hid' as const }));
    const serialStatus = this.serial?.status();
    // `auto` with no scanner found is not a fault: list the serial scanner once there is one.
    const listed = serialStatus && (serialStatus.connected || this.serialPath !== 'auto');
    const serial = listed ? [{ ...serialStatus, kind: 'serial' as const, name: 'USB-COM' }] : [];
    return [...hid, ...serial];
  }

  async stop(): Promise<void> {
    this.hid?.stop();
    this.hid = null;
    await this.serial?.stop();
    this.serial = null;
    this.serialPath = null;
  }
}
