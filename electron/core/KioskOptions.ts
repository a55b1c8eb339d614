/** How the kiosk core is opened: its data folder, and the seams and timings tests and IT may change. */
import type { SettingsPatch } from '../../shared/kioskSettings';
import type { Logger } from './log';
import type { HidSeam } from './scanners/HidScannerDriver';
import type { UploaderOptions } from './upload/ScanUploader';
import type { ScanFileDestination } from './handover/UsbHandover';

/** Options of `Kiosk.open`: the data folder, and seams and timings tests and IT may change. */
export interface KioskOptions {
  readonly dataDir: string;
  /** Clock, injectable for tests. */
  readonly now?: () => Date;
  readonly logger?: Logger;
  /** Settings applied over the stored ones at start (command-line flags). */
  readonly settingsOverride?: SettingsPatch;
  /** District server base URL, for enrolling with a bare code. */
  readonly serverUrl?: string;
  /** Time between scheduled uploads, ms (default 3 minutes). */
  readonly uploadIntervalMs?: number;
  /** Name this kiosk gives itself when enrolling (default: the host name). */
  readonly deviceName?: string;
  /** Replaces node-hid (tests); by default node-hid is loaded when HID is enabled. */
  readonly hidSeam?: HidSeam;
  /** Called after a right PIN on `exitKiosk`: the shell leaves kiosk mode (Electron quits). */
  readonly onExitRequested?: () => void;
  /** While scans cannot be recorded, how often the database is tried again, ms (default 5 s). */
  readonly storageRetryMs?: number;
  /** WAL checkpoint timings, ms (tests scale them with the pace of their scans). */
  readonly checkpointTiming?: { readonly quietMs: number; readonly maxDelayMs: number };
  /** Uploader timings and batch size (tests and benchmarks shorten them). */
  /** Where "Export to USB" writes its sealed file (default: the data folder's `exports`). */
  readonly scanFileDestination?: ScanFileDestination;
  readonly uploaderTuning?: Pick<UploaderOptions, 'backoffBaseMs' | 'backoffMaxMs' | 'requestTimeoutMs' | 'batchSize'>;
}
