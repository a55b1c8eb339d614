/**
 * The kiosk's side of the USB hand-over, for a venue with no network: setting up offline from a
 * setup sheet, exporting every unsent scan to one sealed file, and taking the district's receipt
 * back (which marks those scans delivered). Where the file goes is the shell's choice (a
 * {@link ScanFileDestination}): a save dialog, a folder, a download.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { checkReceipt } from '../../../hosting/sealedScans/receipt';
import { KioskMethodError } from '../../../shared/contract';
import { parseEnrollmentText } from '../../../shared/district';
import type { ReceiptAccepted, UsbExportProgress, UsbExportResult } from '../../../shared/handover';
import type { UploadStatus } from '../../../shared/kioskStatus';
import type { Logger } from '../log';
import type { StorageGuard } from '../StorageGuard';
import type { SqliteDatabase } from '../store/openDatabase';
import { readSetting, writeSetting } from '../store/settingsStore';
import { countScansInSeqRange, readHighestSeq, readUploadCursor, writeUploadCursor } from '../store/uploadQueries';
import type { ScanUploader } from '../upload/ScanUploader';
import { ensureDeviceKey, keyForEnrollment, knownDistrictKeys, ownFingerprint, rememberDistrictKey } from './kioskKeys';
import { writeUnsentScanFile } from './unsentScanFile';

/** Where an exported file goes; each shell gives its own. */
export interface ScanFileDestination {
  /** The path to write the file `fileName` at; null: the person chose not to (a dialog closed). */
  pathFor(fileName: string): Promise<string | null>;
  /** The file is complete at `filePath`: where the page is told it went. */
  written(filePath: string, fileName: string): Promise<{ savedTo: string | null; downloadUrl: string | null }>;
}

/** Without a shell's choice: the `exports` folder of the data folder (IT takes it from there). */
export function dataFolderDestination(dataDir: string): ScanFileDestination {
  const folder = path.join(dataDir, 'exports');
  return folderDestination(folder);
}

/** Files written into one folder (the browser host's `--export-dir`, a mounted stick). */
export function folderDestination(folder: string): ScanFileDestination {
  return {
    pathFor(fileName) {
      mkdirSync(folder, { recursive: true });
      return Promise.resolve(path.join(folder, fileName));
    },
    written: (filePath) => Promise.resolve({ savedTo: filePath, downloadUrl: null }),
  };
}

export interface UsbHandoverOptions {
  readonly db: () => SqliteDatabase;
  readonly now: () => Date;
  readonly logger: Logger;
  readonly uploader: () => Pick<ScanUploader, 'status' | 'noteCursorMoved'>;
  readonly storage: Pick<StorageGuard, 'requireSaving'>;
  readonly destination: ScanFileDestination;
  /** The name offered for this kiosk (see `DistrictEnrollment.defaultDeviceName`). */
  readonly defaultDeviceName: () => string;
  readonly progress: (progress: UsbExportProgress) => void;
}

export class UsbHandover {
  private exporting: Promise<UsbExportResult> | null = null;

  constructor(private readonly options: UsbHandoverOptions) {}

  /** Makes the device key if this kiosk has none yet (at first start, so setup never waits for it). */
  ensureKey(): void {
    ensureDeviceKey(this.options.db());
  }

  /**
   * Keeps a setup sheet's code, server address and district key while the district cannot be
   * reached: the kiosk scans as usual, its scans wait for the district (export, or upload once
   * the uploader has enrolled with the kept code). Throws {@link KioskMethodError}.
   */
  setupOffline(codeText: string, serverUrl?: string, deviceName?: string): UploadStatus {
    this.options.storage.requireSaving();
    const db = this.options.db();
    if (readSetting(db, 'district-device'))
      throw new KioskMethodError('invalid-input', 'handover.setup-offline: this kiosk is enrolled already');
    const sheet = parseEnrollmentText(codeText);
    if (!sheet) throw new KioskMethodError('invalid-input', 'handover.setup-offline: invalid code');
    if (!sheet.districtKey)
      throw new KioskMethodError('no-district-key', 'handover.setup-offline: the sheet carries no district key');
    const server = (sheet.serverUrl ?? serverUrl ?? '').replace(/\/+$/, '');
    if (!server) throw new KioskMethodError('enroll-failed', 'handover.setup-offline: no server address');
    // Another sheet than the one this kiosk was set up with: a new key, a new device at the district.
    const { key, fresh } = keyForEnrollment(db, sheet.code);
    const { districtKey } = sheet;
    db.transaction(() => {
      if (fresh) writeSetting(db, 'device-key', key);
      writeSetting(db, 'offline-setup', {
        code: sheet.code.toUpperCase(),
        serverUrl: server,
        districtKey,
        deviceName: deviceName?.trim() || this.options.defaultDeviceName(),
        at: this.options.now().toISOString(),
      });
      rememberDistrictKey(db, districtKey);
    })();
    this.options.logger.info('handover.setup-offline', 'set up offline from a setup sheet; enrolls when online');
    this.options.uploader().noteCursorMoved();
    return this.options.uploader().status();
  }

  /** Writes every unsent scan to one sealed file (one export at a time: a second call joins the first). */
  exportScans(): Promise<UsbExportResult> {
    this.exporting ??= this.runExport().finally(() => {
      this.exporting = null;
    });
    return this.exporting;
  }

  private async runExport(): Promise<UsbExportResult> {
    const { destination, logger } = this.options;
    const file = await writeUnsentScanFile(this.options.db(), {
      now: this.options.now(),
      fallbackDeviceName: this.options.defaultDeviceName(),
      choosePath: (fileName) => destination.pathFor(fileName),
      onProgress: (written, total) => this.options.progress({ written, total }),
    });
    if (!file) return { status: 'cancelled' };
    const place = await destination.written(file.path, file.fileName);
    logger.info('handover.export', 'unsent scans exported to a sealed file', {
      scans: file.header.scanCount,
      bytes: file.bytes,
    });
    return {
      status: 'written',
      fileName: file.fileName,
      scanCount: file.header.scanCount,
      bytes: file.bytes,
      ...place,
    };
  }

  /**
   * Takes a district receipt: checked against the district keys this kiosk knows and its own
   * device key, then the upload cursor moves to the receipt's sequence in one transaction (never
   * back, never past the last scan). A receipt refused changes nothing. Throws {@link KioskMethodError}.
   */
  scanReceipt(text: string): ReceiptAccepted {
    this.options.storage.requireSaving();
    const db = this.options.db();
    const check = checkReceipt(text, knownDistrictKeys(db), ownFingerprint(db));
    if (!check.ok) {
      this.options.logger.info('handover.receipt', 'receipt refused', { reason: check.reason });
      throw new KioskMethodError(`receipt-${check.reason}`, `handover.receipt: ${check.reason}`);
    }
    const { seqThrough, issuedAt, exportId } = check.receipt;
    // Only for an export this kiosk made, and never past that export's last scan.
    const made = (readSetting(db, 'usb-exports') ?? []).find((kept) => kept.exportId === exportId);
    if (!made) {
      this.options.logger.info('handover.receipt', 'receipt refused', { reason: 'unknown-export' });
      throw new KioskMethodError('receipt-unknown-export', 'handover.receipt: no export of this kiosk has this id');
    }
    const cleared = db.transaction((): number => {
      const cursor = readUploadCursor(db);
      const through = Math.min(seqThrough, made.seqTo, readHighestSeq(db));
      if (through <= cursor) return 0;
      writeUploadCursor(db, through);
      return countScansInSeqRange(db, cursor, through);
    })();
    // The uploader's pending count is kept in memory: it reads it afresh, and the screens are told.
    this.options.uploader().noteCursorMoved();
    this.options.logger.info('handover.receipt', 'district receipt taken', { cleared });
    return {
      seqThrough,
      cleared,
      pendingCount: this.options.uploader().status().pendingCount,
      issuedAt: issuedAt.toISOString(),
    };
  }
}
