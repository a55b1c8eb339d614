/**
 * What is waiting to be sent (count, oldest, how many are past retention). The full summary reads
 * every pending row (half a second with a million pending), so between full reads the count is
 * kept exact in memory (rows written, rows acknowledged), and the full read is repeated at most
 * every {@link SUMMARY_MIN_AGE_MS} or 100 times its own cost, whichever is longer, or when the
 * retention cutoff moves to another day.
 */
import type { SqliteDatabase } from '../store/openDatabase';
import { readUploadCursor, summarisePending, type PendingSummary } from '../store/uploadQueries';

/** Shortest time between two full reads of the pending summary, ms. */
export const SUMMARY_MIN_AGE_MS = 5_000;

interface KeptSummary extends PendingSummary {
  readonly cutoffDay: string;
  readonly computedAt: number;
  readonly costMs: number;
}

export class PendingSummaryCache {
  private kept: KeptSummary | null = null;

  constructor(
    private readonly db: SqliteDatabase,
    /** Clock of the cache's age, ms. */
    private readonly now: () => number,
  ) {}

  /** The summary against `cutoff` (ISO: rows scanned before it are past retention). */
  get(cutoff: string): PendingSummary {
    const kept = this.kept;
    const age = this.now() - (kept?.computedAt ?? Number.NEGATIVE_INFINITY);
    if (
      kept &&
      kept.cutoffDay === cutoff.slice(0, 10) &&
      age >= 0 &&
      age < Math.max(SUMMARY_MIN_AGE_MS, kept.costMs * 100)
    )
      return kept;
    const started = performance.now();
    const summary = summarisePending(this.db, readUploadCursor(this.db), cutoff);
    this.kept = {
      ...summary,
      cutoffDay: cutoff.slice(0, 10),
      computedAt: this.now(),
      costMs: performance.now() - started,
    };
    return summary;
  }

  /** A row was committed: it is pending until sent. */
  rowWritten(scannedAt: string): void {
    const kept = this.kept;
    if (kept)
      this.kept = {
        ...kept,
        count: kept.count + 1,
        oldest: kept.oldest === null || scannedAt < kept.oldest ? scannedAt : kept.oldest,
      };
  }

  /** The cursor moved over `passed` rows. */
  rowsSent(passed: number): void {
    const kept = this.kept;
    if (!kept) return;
    const count = Math.max(0, kept.count - passed);
    // The oldest pending time is left as it was (never younger than the truth) until the next full read.
    this.kept = {
      ...kept,
      count,
      oldest: count === 0 ? null : kept.oldest,
      olderThanCutoff: Math.min(kept.olderThanCutoff, count),
    };
  }

  /** Rows went without being sent (a purge): read afresh next time. */
  forget(): void {
    this.kept = null;
  }
}
