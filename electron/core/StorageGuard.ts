/**
 * Whether scans can be recorded now, and getting back to recording by itself. Two kinds of trouble:
 * the database could not even be opened (the kiosk runs on an in-memory stand-in that never records
 * a scan), or writes to the open file fail (a full or read-only disk). While in trouble it tries
 * again every few seconds (reopen the file, or a small write), and the screens hear when it clears.
 */
import { KioskMethodError } from '../../shared/contract';
import type { StorageProblem } from '../../shared/kioskStatus';
import type { Logger } from './log';
import { storageProblemOf } from './store/openDatabase';

/** Why scans cannot be recorded; `standIn`: the file could not be opened at all. */
export interface StorageTrouble {
  readonly problem: StorageProblem;
  readonly standIn: boolean;
}

export interface StorageGuardOptions {
  readonly dataDir: string;
  readonly logger: Logger;
  /** While in trouble, how often to try again, ms (default 5 s). */
  readonly retryMs?: number;
  /** Opens the real database in place of the stand-in; throws what the disk says when it cannot. */
  readonly reopen: () => void;
  /** Makes one small write to the open database; throws when the disk still refuses it. */
  readonly probe: () => void;
  readonly onChange: (problem: StorageProblem | null) => void;
}

export class StorageGuard {
  private trouble: StorageTrouble | null;
  private retry: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly options: StorageGuardOptions,
    initial: StorageTrouble | null,
  ) {
    this.trouble = initial;
  }

  get problem(): StorageProblem | null {
    return this.trouble?.problem ?? null;
  }

  /** The database file is not open: nothing can be recorded or saved. */
  get standIn(): boolean {
    return this.trouble?.standIn === true;
  }

  /** Starts retrying while in trouble. */
  start(): void {
    this.running = true;
    if (this.trouble) this.scheduleRetry();
  }

  stop(): void {
    this.running = false;
    this.stopRetry();
  }

  /** Refuses what must be saved (settings, PIN, enrollment) while only the stand-in is open. */
  requireSaving(): void {
    if (this.trouble?.standIn)
      throw new KioskMethodError(
        'storage-unavailable',
        `kiosk: the database cannot be opened (${this.trouble.problem}); nothing can be saved`,
      );
  }

  /** A write succeeded: whatever the trouble was, it is over. */
  wrote(): void {
    if (this.trouble && !this.trouble.standIn) this.set(null);
  }

  /** A write failed: answers what it means for recording, and starts retrying. */
  writeFailed(error: unknown): StorageProblem {
    const problem = storageProblemOf(error, this.options.dataDir) ?? 'unavailable';
    this.set({ problem, standIn: this.standIn });
    return problem;
  }

  /** Tries once now to get back to recording. */
  retryNow(): void {
    const trouble = this.trouble;
    if (!trouble) return this.stopRetry();
    try {
      if (trouble.standIn) this.options.reopen();
      else this.options.probe();
      this.options.logger.info('kiosk.storage', 'the database can be written again', { was: trouble.problem });
      this.set(null);
    } catch (error) {
      const problem = storageProblemOf(error, this.options.dataDir) ?? 'unavailable';
      if (problem !== trouble.problem) this.set({ ...trouble, problem });
    }
  }

  private set(trouble: StorageTrouble | null): void {
    const changed = trouble?.problem !== this.trouble?.problem;
    this.trouble = trouble;
    if (trouble) this.scheduleRetry();
    else this.stopRetry();
    if (changed) this.options.onChange(trouble?.problem ?? null);
  }

  private scheduleRetry(): void {
    if (this.retry || !this.running) return;
    this.retry = setInterval(() => this.retryNow(), this.options.retryMs ?? 5_000);
    this.retry.unref();
  }

  private stopRetry(): void {
    if (this.retry) clearInterval(this.retry);
    this.retry = null;
  }
}
