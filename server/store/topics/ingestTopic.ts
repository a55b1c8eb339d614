/**
 * The steps of one batch's ingest that touch storage, each engine's in its `ingestSteps.ts`. Their
 * order is not here: `server/ingest/ingestScans.ts` writes it once, as a flow that yields each
 * step's answer and that an engine runs inside one transaction of its own (`runIngest`).
 */
import type { DayCountDelta, VoidTarget } from '../../domain/dayCounts';
import type { StoredScan } from '../../domain/storedScan';

export interface IngestReport {
  readonly receivedAt: string;
  readonly sentAt: string;
  readonly clockOffsetMs: number;
  readonly pendingCount: number;
  readonly appVersion: string;
  /**
   * The district's UTC offset (minutes) for the day counts: a scan counts on the district's local day
   * of its corrected time, whatever zone its kiosk's PC is set to. Default +7 (Viet Nam).
   */
  readonly districtOffsetMin?: number;
  /**
   * False when the kiosk reported nothing: its scans came in a file carried by hand (an import), so
   * the device's last upload, pending count, version and clock error stay what its last real upload
   * said (an offline kiosk stays "never reported"). Default true.
   */
  readonly fromDevice?: boolean;
}

/**
 * A step's answer: at once (SQLite: better-sqlite3 runs a transaction synchronously, so its steps
 * answer values) or later (PostgreSQL: a promise).
 */
export type StepAnswer<T> = T | Promise<T>;

/** The scans a batch's corrections void, as `voidedBy` finds them: who voids each and how many times. */
export type VoidedScans = ReadonlyMap<string, { readonly venueId: string; readonly count: number }>;

/** What the day counts need of the scans a batch's corrections void. */
export interface VoidTargets {
  /** The voided scans found stored, on the district's day (`offsetMin`) of their corrected time. */
  readonly targets: ReadonlyMap<string, VoidTarget>;
  /** Per voided scan, every stored correction of it from its venue (this batch's included). */
  readonly corrections: ReadonlyMap<string, number>;
}

/** What one day count loses to a correction. */
export interface DayCountTake {
  readonly venueId: string;
  readonly day: string;
  readonly recordedIn: number;
  readonly recordedOut: number;
}

/** The storage steps of one batch, all on the batch's transaction. */
export interface IngestSteps {
  /** Inserts each scan whose id is not stored yet (at most once by id); answers the scans stored now. */
  insertNewScans(scans: readonly StoredScan[], receivedAt: string): StepAnswer<StoredScan[]>;
  /** Pairs one venue's newly stored scans into its presence intervals, on the district's days (`dayOffsetMin`). */
  pairPresence(venueId: string, stored: readonly StoredScan[], dayOffsetMin: number): StepAnswer<void>;
  /** Pairs anew, without the voided scan, the person of each scan voided by a correction among `stored` (all at `venueId`), only when that scan is of `venueId` too. */
  applyCorrections(venueId: string, stored: readonly StoredScan[], dayOffsetMin: number): StepAnswer<void>;
  /** Adds a batch's deltas to the day counts. */
  addDayCounts(deltas: readonly DayCountDelta[]): StepAnswer<void>;
  /** Reads what the day counts need of the voided scans. */
  readVoidTargets(voided: VoidedScans, offsetMin: number): StepAnswer<VoidTargets>;
  /** Takes voided entries and exits off the day counts. */
  takeFromDayCounts(takes: readonly DayCountTake[]): StepAnswer<void>;
  /**
   * Of `scanIds` (already stored), records as `device`'s claim those stored by another device and
   * not claimed by it yet; answers the ids claimed now.
   */
  claimForeignIds(
    device: { readonly id: string; readonly venueId: string },
    scanIds: readonly string[],
    claimedAt: string,
  ): StepAnswer<string[]>;
  /** Records the device's report of this upload (last upload, pending count, version, clock error). */
  reportUpload(deviceId: string, report: IngestReport): StepAnswer<void>;
}

/** A flow over the steps: yields each step's answer and is resumed with it settled (see `settled`). */
export type IngestFlow<T> = Generator<unknown, T, unknown>;

export interface IngestTransactions {
  /** Runs `flow` in one transaction of this engine: committed when the flow returns, rolled back when it throws. */
  runIngest<T>(flow: (steps: IngestSteps) => IngestFlow<T>): Promise<T>;
}

/** A step's answer, settled: `const stored = yield* settled(steps.insertNewScans(...))`. */
export function* settled<T>(answer: StepAnswer<T>): Generator<StepAnswer<T>, T, unknown> {
  // The runner resumes the flow with the answer it yielded, awaited: a T.
  return (yield answer) as T;
}

/** Runs a flow whose steps answer at once (inside a synchronous transaction). */
export function runFlowAtOnce<T>(flow: IngestFlow<T>): T {
  let step = flow.next();
  while (!step.done) {
    if (step.value instanceof Promise)
      throw new Error('server.store: an ingest step answered a promise inside a synchronous transaction');
    step = flow.next(step.value);
  }
  return step.value;
}

/** Runs a flow whose steps may answer later, awaiting each answer. */
export async function runFlow<T>(flow: IngestFlow<T>): Promise<T> {
  let step = flow.next();
  while (!step.done) step = flow.next(await step.value);
  return step.value;
}
