/**
 * What follows each committed scan row and each full disk: the uploader counts the row, the screens
 * hear the new "not sent yet" count (once per burst of rows, after the scan's own answer), a WAL
 * checkpoint is planned, and a disk reserve given back to make room is made again once a write has
 * gone through.
 */
import type { UploadStatus } from '../../shared/kioskStatus';
import type { Logger } from './log';
import type { SqliteDatabase } from './store/openDatabase';
import { freeDiskSpace, keepDiskReserve } from './store/DiskReserve';
import { WalCheckpointer } from './store/WalCheckpointer';
import type { ScanUploader } from './upload/ScanUploader';

export interface WriteFollowUpOptions {
  readonly dataDir: string;
  /** The kiosk's current database (it changes when a stand-in is replaced by the real file). */
  readonly db: () => SqliteDatabase;
  /** The kiosk's current uploader (a new one comes with the real database). */
  readonly uploader: () => ScanUploader;
  readonly logger: Logger;
  /** WAL checkpoint timings, ms (default: the checkpointer's). */
  readonly checkpointTiming?: { readonly quietMs: number; readonly maxDelayMs: number };
  /** The screens hear the upload status (`upload-status-changed`). */
  readonly uploadStatusChanged: (status: UploadStatus) => void;
}

export class WriteFollowUp {
  private statusSoon: NodeJS.Immediate | null = null;
  /** The disk reserve was given back: made again once a write has gone through. */
  private reserveWanted = false;

  private readonly checkpointer: WalCheckpointer;

  constructor(private readonly options: WriteFollowUpOptions) {
    const { db, logger, checkpointTiming } = options;
    this.checkpointer = new WalCheckpointer(db, logger, checkpointTiming?.quietMs, checkpointTiming?.maxDelayMs);
  }

  /** After each committed row: the uploader counts it, the screens hear, a checkpoint is planned. */
  rowWritten(scannedAt: string): void {
    const { options } = this;
    options.uploader().noteRowWritten(scannedAt);
    // The screens' "not sent yet" count follows each row, after the scan's own answer.
    if (!this.statusSoon) {
      this.statusSoon = setImmediate(() => {
        this.statusSoon = null;
        if (this.reserveWanted) {
          this.reserveWanted = false;
          keepDiskReserve(options.dataDir);
        }
        if (options.db().open) options.uploadStatusChanged(options.uploader().status());
      });
    }
    this.checkpointer.rowWritten();
  }

  /** The disk is full: see {@link freeDiskSpace}. The reserve is made again after the next write. */
  freeSpace(): boolean {
    this.reserveWanted = true;
    return freeDiskSpace(this.options.dataDir, this.checkpointer);
  }

  /** The kiosk is closing: no more checkpoints, and a planned status event is dropped. */
  stop(): void {
    this.checkpointer.stop();
    if (this.statusSoon) clearImmediate(this.statusSoon);
  }
}
