/**
 * WAL checkpoints at a quiet moment: after each written row, a checkpoint is planned for the first
 * quiet second, so copying pages into the main file never falls on a visitor's scan.
 * (`wal_autocheckpoint` in openDatabase is the safety net for a long unbroken rush.)
 */
import type { Logger } from '../log';
import type { SqliteDatabase } from './openDatabase';

/** Quiet time after the last written row before a WAL checkpoint, ms. */
export const QUIET_CHECKPOINT_MS = 1_000;
/**
 * Longest time a written row waits for its checkpoint, ms. A steady stream of scans (one every
 * 0.7 s at a boarding queue) never leaves a quiet second; without this bound the WAL grew until it
 * filled the disk. The checkpoint still runs between scans, never inside one.
 */
export const MAX_CHECKPOINT_DELAY_MS = 5_000;

export class WalCheckpointer {
  private timer: NodeJS.Timeout | null = null;
  /** When the oldest row not yet checkpointed was written, ms; null when none waits. */
  private waitingSince: number | null = null;

  constructor(
    private readonly db: () => SqliteDatabase,
    private readonly logger: Logger,
    private readonly quietMs = QUIET_CHECKPOINT_MS,
    private readonly maxDelayMs = MAX_CHECKPOINT_DELAY_MS,
  ) {}

  /** A row was written: (re)plans the checkpoint for the next quiet moment, at most the longest delay away. */
  rowWritten(): void {
    const now = Date.now();
    this.waitingSince ??= now;
    if (this.timer) clearTimeout(this.timer);
    const delay = Math.max(0, Math.min(this.quietMs, this.waitingSince + this.maxDelayMs - now));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.waitingSince = null;
      this.checkpoint('PASSIVE');
    }, delay);
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
      this.logger.error('kiosk.checkpoint', 'WAL checkpoint failed', {
        mode,
        error: error instanceof Error ? error.message : String(error),
      });
      return false;
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waitingSince = null;
  }
}
