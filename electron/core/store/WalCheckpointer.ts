/**
 * WAL checkpoints at a quiet moment: after each written row, a checkpoint is planned for the first
 * quiet second, so copying pages into the main file never falls on a visitor's scan.
 * (`wal_autocheckpoint` in openDatabase is the safety net for a long unbroken rush.)
 */
import type { Logger } from '../log';
import type { SqliteDatabase } from './openDatabase';

/** Quiet time after the last written row before a WAL checkpoint, ms. */
export const QUIET_CHECKPOINT_MS = 1_000;

export class WalCheckpointer {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: () => SqliteDatabase,
    private readonly logger: Logger,
    private readonly quietMs = QUIET_CHECKPOINT_MS,
  ) {}

  /** A row was written: (re)plans the checkpoint for the next quiet moment. */
  rowWritten(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.checkpoint('PASSIVE');
    }, this.quietMs);
    this.timer.unref();
  }

  /**
   * Checkpoints now. `TRUNCATE` also empties the WAL file, giving its space back to the disk; it
   * waits for readers, which in this one-process kiosk means none. Answers whether it completed.
   */
  checkpoint(mode: 'PASSIVE' | 'TRUNCATE'): boolean {
    const db = this.db();
    try {
      if (!db.open) return false;
      const [result] = db.pragma(`wal_checkpoint(${mode})`) as { busy: number }[];
      return result?.busy === 0;
    } catch (error) {
      this.logger.error('kiosk.checkpoint', 'WAL checkpoint failed', { mode, error: error instanceof Error ? error.message : String(error) });
      return false;
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
