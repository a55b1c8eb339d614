/**
 * No single scan blocks the queue. When the district server keeps failing a batch (HTTP 500, or a
 * 400/422 for the whole batch from an older server), the uploader halves the batch until the one
 * scan that fails is alone. Alone, it is tried again at the normal backoff; after
 * {@link POISON_STRIKES} failures in a row, the next scan is sent alone as a probe. If the probe goes
 * through, the server is well and the scan is what it cannot take: that scan is marked rejected on
 * the kiosk (listed for staff) and the rest go on. If the probe fails too, the server is down: nothing
 * is marked, and the uploader backs off as usual. Pure state; the uploader does the sending.
 */
import type { UploadFailure } from './DistrictClient';

/** Failures of one scan alone before a probe decides whether the scan or the server is at fault. */
export const POISON_STRIKES = 3;

/** What to do after a failed batch. */
export type IsolationStep = 'split' | 'probe' | 'back-off';

export class BatchIsolation {
  /** Batch size while a failing scan is being isolated; null when not isolating. */
  private size: number | null = null;
  private strikes: { readonly id: string; readonly count: number } | null = null;

  /** The size of the next batch. */
  batchSize(normal: number): number {
    return Math.min(normal, this.size ?? normal);
  }

  /** Whether this failure could be caused by one scan in the batch (not by the network or a rate limit). */
  static isItemFailure(failure: UploadFailure): boolean {
    return (
      (failure.code === 'server-error' && failure.status === 500) ||
      (failure.code === 'rejected-request' && (failure.status === 400 || failure.status === 422))
    );
  }

  /** A batch starting with scan `firstId`, of `count` scans, failed with `failure`. */
  failed(firstId: string, count: number, failure: UploadFailure): IsolationStep {
    if (!BatchIsolation.isItemFailure(failure)) return 'back-off';
    if (count > 1) {
      this.size = Math.ceil(count / 2);
      return 'split';
    }
    const strikes = this.strikes?.id === firstId ? this.strikes.count + 1 : 1;
    this.strikes = { id: firstId, count: strikes };
    return strikes >= POISON_STRIKES ? 'probe' : 'back-off';
  }

  /** The probe failed too: the server is at fault, so the count starts again. */
  probeFailed(): void {
    this.strikes = null;
  }

  /** A batch went through: grow back towards the normal size. */
  succeeded(normal: number): void {
    this.strikes = null;
    if (this.size === null) return;
    this.size *= 2;
    if (this.size >= normal) this.size = null;
  }
}
