/**
 * Uploads recorded scans to the district server: rows past the acknowledged cursor, in gzip JSON
 * batches; the cursor advances in one transaction with the server's per-id answer, so a crash or a
 * lost answer only ever re-sends (the server's ingest is idempotent by scan id).
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { ScanBatchResponseSchema, EnrollResponseSchema, parseEnrollmentText, type UploadedScan } from '../../../shared/district';
import { KioskMethodError, type UploadErrorCode, type UploadStatus } from '../../../shared/contract';
import type { Logger } from '../log';
import type { SqliteDatabase } from '../store/openDatabase';
import type { ScanRow } from '../store/scanQueries';
import { readSetting, writeSetting } from '../store/settingsQueries';
import {
  countRejections,
  insertRejection,
  listScansAfter,
  purgeUploadedScansBefore,
  readUploadCursor,
  summarisePending,
  writeUploadCursor,
  type PendingSummary,
} from '../store/uploadQueries';

const gzipAsync = promisify(gzip);
const DEVICE_KEY = 'district-device';
/** Longest wait a server's Retry-After can impose, ms. */
const MAX_RETRY_AFTER_MS = 3_600_000;
/** Rows read and serialised in one go while a batch is built (about 3 ms of work). */
const BUILD_SLICE_ROWS = 500;

type BatchRow = Pick<ScanRow, 'id' | 'seq'>;

/** A batch read and serialised. */
interface PreparedBatch {
  /** What the answer is matched on: the full rows are not kept once serialised. */
  readonly rows: readonly BatchRow[];
  /** The scans as JSON array elements, without the brackets. */
  readonly scansJson: string;
}

/** Shortest time between two full reads of the pending summary, ms. */
const SUMMARY_MIN_AGE_MS = 5_000;

/** What enrollment gave this kiosk. The token never leaves the core. */
interface DeviceCredentials {
  readonly serverUrl: string;
  readonly deviceId: string;
  readonly deviceToken: string;
  readonly venueId: string;
  readonly venueName: string;
  readonly venueType: string;
}

export interface UploaderOptions {
  readonly db: SqliteDatabase;
  readonly logger: Logger;
  readonly appVersion: string;
  readonly now?: () => Date;
  /** Time between scheduled uploads, ms. */
  readonly intervalMs?: number;
  readonly batchSize?: number;
  readonly requestTimeoutMs?: number;
  /** First retry delay and the cap of exponential backoff, ms. */
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** Days after which uploaded rows are purged. */
  readonly retentionDays?: () => number;
  readonly random?: () => number;
  readonly onStatus?: (status: UploadStatus) => void;
}

type AttemptOutcome = { readonly kind: 'drained' } | { readonly kind: 'retry'; readonly delayMs: number } | { readonly kind: 'wait' };

class UploadFailure extends Error {
  constructor(
    readonly code: UploadErrorCode,
    readonly status: number | null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(`upload: ${code}${status ? ` (HTTP ${status})` : ''}`);
  }
}

/** Retry-After as seconds or an HTTP date, in ms from now; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function toUploadedScan(row: ScanRow): UploadedScan {
  return {
    id: row.id,
    seq: row.seq,
    scannedAt: row.scanned_at,
    utcOffsetMin: row.utc_offset_min,
    direction: row.direction,
    source: row.source,
    kind: row.kind as UploadedScan['kind'],
    outcome: row.outcome,
    reason: row.reason,
    problems: row.problems === '' ? [] : row.problems.split(','),
    idNumber: row.id_number,
    fullName: row.full_name,
    birthDate: row.birth_date,
    gender: row.gender === 'male' || row.gender === 'female' ? row.gender : null,
    address: row.address,
    codeText: row.code_text,
    contextLabel: row.context_label,
  };
}

export class ScanUploader {
  private readonly db: SqliteDatabase;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private readonly intervalMs: number;
  private readonly requestTimeoutMs: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly random: () => number;
  private batchSize: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private failures = 0;
  /** The last full pending summary, kept exact in count by {@link noteRowWritten} and the cursor. */
  private pending: (PendingSummary & { readonly cutoffDay: string; readonly computedAt: number; readonly costMs: number }) | null = null;
  private state: Omit<UploadStatus, 'enrolled' | 'venueName' | 'venueType' | 'pendingCount' | 'oldestPendingAt' | 'stalePendingCount' | 'rejectedCount'> = {
    lastSuccessAt: null,
    lastAttemptAt: null,
    lastError: null,
    nextAttemptAt: null,
    clockOffsetMs: null,
  };

  constructor(private readonly options: UploaderOptions) {
    this.db = options.db;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
    this.intervalMs = options.intervalMs ?? 180_000;
    this.batchSize = options.batchSize ?? 2000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.backoffBaseMs = options.backoffBaseMs ?? 2_000;
    this.backoffMaxMs = options.backoffMaxMs ?? 300_000;
    this.random = options.random ?? Math.random;
  }

  private credentials(): DeviceCredentials | null {
    const value = readSetting(this.db, DEVICE_KEY) as DeviceCredentials | undefined;
    return value && typeof value.deviceToken === 'string' ? value : null;
  }

  private retentionCutoff(): string {
    const days = this.options.retentionDays?.() ?? 30;
    return new Date(this.now().getTime() - days * 86_400_000).toISOString();
  }

  /** The kiosk tells the uploader of every row it commits (every row is pending until sent). */
  noteRowWritten(scannedAt: string): void {
    const p = this.pending;
    if (p) this.pending = { ...p, count: p.count + 1, oldest: p.oldest === null || scannedAt < p.oldest ? scannedAt : p.oldest };
  }

  /**
   * What is waiting to be sent. The full summary reads every pending row (half a second with a
   * million pending), so between full reads the count is kept exact in memory (rows written, rows
   * acknowledged) and the full read is repeated at most every {@link SUMMARY_MIN_AGE_MS} or 100
   * times its own cost, whichever is longer, or when the retention cutoff moves to another day.
   */
  private pendingSummary(): PendingSummary {
    const cutoff = this.retentionCutoff();
    const p = this.pending;
    const age = Date.now() - (p?.computedAt ?? 0);
    if (p && p.cutoffDay === cutoff.slice(0, 10) && age < Math.max(SUMMARY_MIN_AGE_MS, p.costMs * 100)) return p;
    const started = performance.now();
    const summary = summarisePending(this.db, readUploadCursor(this.db), cutoff);
    this.pending = { ...summary, cutoffDay: cutoff.slice(0, 10), computedAt: Date.now(), costMs: performance.now() - started };
    return summary;
  }

  /** Rows just acknowledged (the cursor moved over `passed` rows). */
  private notePendingSent(passed: number): void {
    const p = this.pending;
    if (!p) return;
    const count = Math.max(0, p.count - passed);
    // The oldest pending time is left as it was (never younger than the truth) until the next full read.
    this.pending = { ...p, count, oldest: count === 0 ? null : p.oldest, olderThanCutoff: Math.min(p.olderThanCutoff, count) };
  }

  status(): UploadStatus {
    const device = this.credentials();
    const pending = this.pendingSummary();
    return {
      ...this.state,
      enrolled: device !== null,
      venueName: device?.venueName ?? null,
      venueType: device?.venueType ?? null,
      pendingCount: pending.count,
      oldestPendingAt: pending.oldest,
      stalePendingCount: pending.olderThanCutoff,
      rejectedCount: countRejections(this.db),
    };
  }

  /**
   * Redeems an enrollment code (`CODE`, or `KIOSK-ENROLL:CODE@URL` as scanned) with the server.
   * Returns the venue's name. Throws {@link KioskMethodError} with words for the operator.
   */
  async enroll(codeText: string, serverUrl: string | undefined, deviceName: string): Promise<DeviceCredentials> {
    const parsed = parseEnrollmentText(codeText);
    const base = (parsed?.serverUrl ?? serverUrl ?? '').replace(/\/+$/, '');
    if (!parsed || !base) throw new KioskMethodError('enroll-failed', 'upload.enroll: need an enrollment code and the server address');
    let response: Response;
    try {
      response = await fetch(`${base}/api/v1/enroll`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: parsed.code.toUpperCase(), deviceName, appVersion: this.options.appVersion }),
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
    } catch {
      throw new KioskMethodError('enroll-failed', 'upload.enroll: the district server cannot be reached');
    }
    const body = (await response.json().catch(() => null)) as unknown;
    if (!response.ok) {
      const message = (body as { message?: string } | null)?.message ?? `HTTP ${response.status}`;
      throw new KioskMethodError('enroll-failed', `upload.enroll: ${message}`);
    }
    const enrolled = EnrollResponseSchema.parse(body);
    const credentials: DeviceCredentials = { serverUrl: base, ...enrolled };
    writeSetting(this.db, DEVICE_KEY, credentials);
    this.logger.info('upload.enroll', 'enrolled with the district server', { venueType: enrolled.venueType });
    this.publish();
    if (!this.stopped) this.schedule(0);
    return credentials;
  }

  start(): void {
    this.stopped = false;
    this.purgeExpired();
    this.schedule(0);
  }

  /** Uploads now (the "send now" button); resolves after the attempt with the new status. */
  async sendNow(): Promise<UploadStatus> {
    if (this.running) await this.running;
    await this.runCycle();
    return this.status();
  }

  /** Stops scheduling; waits for a running attempt, then tries one last quick flush. */
  async stop(flushTimeoutMs = 3_000): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) await this.running;
    if (this.credentials() && this.status().pendingCount > 0) {
      await Promise.race([this.attempt().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, flushTimeoutMs).unref())]);
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.state = { ...this.state, nextAttemptAt: new Date(this.now().getTime() + delayMs).toISOString() };
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runCycle();
    }, delayMs);
    this.timer.unref();
  }

  private async runCycle(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      let next: AttemptOutcome;
      try {
        next = await this.attempt();
      } catch (error) {
        next = this.onFailure(error);
      }
      this.purgeExpired();
      this.publish();
      this.schedule(next.kind === 'retry' ? next.delayMs : this.intervalMs);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private onFailure(error: unknown): AttemptOutcome {
    const failure = error instanceof UploadFailure ? error : new UploadFailure('offline', null);
    this.state = { ...this.state, lastError: { code: failure.code, status: failure.status } };
    this.logger.error('upload.attempt', 'upload failed', { code: failure.code, status: failure.status });
    switch (failure.code) {
      case 'offline':
      case 'timeout':
      case 'server-error':
      case 'rate-limited':
      case 'bad-answer': {
        this.failures += 1;
        // Full jitter: a random delay up to the exponential bound, so kiosks of a district spread out.
        const bound = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** (this.failures - 1));
        // The server's Retry-After is honoured as asked, up to an hour (a wrong header must not silence a kiosk).
        const delayMs = failure.retryAfterMs === null ? Math.floor(this.random() * bound) : Math.min(failure.retryAfterMs, MAX_RETRY_AFTER_MS);
        return { kind: 'retry', delayMs };
      }
      case 'unauthorized':
      case 'revoked':
      case 'rejected-request':
        // Not retried fast: a person must act (re-enroll, update). Tried again at the normal interval.
        return { kind: 'wait' };
      default: {
        const exhaustive: never = failure.code;
        throw new Error(`upload: unknown failure ${String(exhaustive)}`);
      }
    }
  }

  /**
   * Sends batches until nothing is pending, one at a time (the cursor moves in order). Throws
   * {@link UploadFailure}. (Building the next batch while the server works on the current one was
   * tried: no faster with the server on the same two cores, and a second batch in memory.)
   */
  private async attempt(): Promise<AttemptOutcome> {
    const device = this.credentials();
    if (!device) return { kind: 'wait' };
    for (;;) {
      const batch = await this.prepareBatch(readUploadCursor(this.db), this.batchSize);
      if (!batch) break;
      await this.sendBatch(device, batch);
    }
    this.failures = 0;
    return { kind: 'drained' };
  }

  /**
   * Reads and serialises up to `size` rows after `afterSeq`, {@link BUILD_SLICE_ROWS} at a time with
   * a turn of the event loop between slices, so a scan arriving meanwhile is not held up.
   */
  private async prepareBatch(afterSeq: number, size: number): Promise<PreparedBatch | null> {
    const rows: BatchRow[] = [];
    const json: string[] = [];
    let after = afterSeq;
    while (rows.length < size) {
      const want = Math.min(BUILD_SLICE_ROWS, size - rows.length);
      const slice = listScansAfter(this.db, after, want);
      for (const row of slice) {
        rows.push({ id: row.id, seq: row.seq });
        json.push(JSON.stringify(toUploadedScan(row)));
      }
      if (slice.length < want) break;
      after = slice[slice.length - 1].seq;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return rows.length === 0 ? null : { rows, scansJson: json.join(',') };
  }

  private async sendBatch(device: DeviceCredentials, batch: PreparedBatch): Promise<void> {
    const { rows } = batch;
    const sentAt = this.now();
    this.state = { ...this.state, lastAttemptAt: sentAt.toISOString() };
    const pendingAfter = Math.max(0, this.pendingSummary().count - rows.length);
    // sentAt is taken now (the server corrects clocks with it); the scans were serialised before.
    const head = JSON.stringify({ sentAt: sentAt.toISOString(), appVersion: this.options.appVersion, pendingCount: pendingAfter });
    const body = await gzipAsync(`${head.slice(0, -1)},"scans":[${batch.scansJson}]}`);
    let response: Response;
    try {
      response = await fetch(`${device.serverUrl}/api/v1/scans:batch`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', Authorization: `Bearer ${device.deviceToken}` },
        body,
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
    } catch (error) {
      throw new UploadFailure((error as { name?: string }).name === 'TimeoutError' ? 'timeout' : 'offline', null);
    }
    const receivedAt = this.now().getTime();
    const serverDate = Date.parse(response.headers.get('date') ?? '');
    if (!Number.isNaN(serverDate)) {
      // The Date header has 1 s resolution; the midpoint of the round trip is the best local match.
      this.state = { ...this.state, clockOffsetMs: Math.round(serverDate + 500 - (sentAt.getTime() + receivedAt) / 2) };
    }
    if (response.status === 413 && this.batchSize > 1) {
      this.batchSize = Math.max(1, Math.floor(this.batchSize / 2));
      await response.body?.cancel();
      return;
    }
    if (!response.ok) {
      await response.body?.cancel();
      const status = response.status;
      if (status === 429) throw new UploadFailure('rate-limited', status, parseRetryAfter(response.headers.get('retry-after'), receivedAt));
      if (status === 408 || status >= 500) throw new UploadFailure('server-error', status, parseRetryAfter(response.headers.get('retry-after'), receivedAt));
      if (status === 401) throw new UploadFailure('unauthorized', status);
      if (status === 403) throw new UploadFailure('revoked', status);
      throw new UploadFailure('rejected-request', status);
    }
    let answer;
    try {
      answer = ScanBatchResponseSchema.parse(await response.json());
    } catch {
      throw new UploadFailure('bad-answer', response.status);
    }
    this.applyAnswer(rows, answer.results);
  }

  /** Advances the cursor over the answered prefix and keeps rejections, in one transaction. */
  private applyAnswer(rows: readonly BatchRow[], results: readonly { id: string; status: string; reason?: string }[]): void {
    const answers = new Map(results.map((result) => [result.id, result]));
    const at = this.now().toISOString();
    const passed = this.db.transaction(() => {
      let cursor = readUploadCursor(this.db);
      let moved = 0;
      for (const row of rows) {
        const answer = answers.get(row.id);
        if (!answer) break;
        if (answer.status === 'rejected') insertRejection(this.db, row.id, row.seq, answer.reason ?? 'rejected', at);
        if (row.seq > cursor) moved += 1;
        cursor = Math.max(cursor, row.seq);
      }
      writeUploadCursor(this.db, cursor);
      return moved;
    })();
    this.notePendingSent(passed);
    if (!rows.every((row) => answers.has(row.id))) throw new UploadFailure('bad-answer', 200);
    this.state = { ...this.state, lastSuccessAt: at, lastError: null };
  }

  /** Deletes rows past retention that the district has (all past retention when never enrolled). */
  purgeExpired(): number {
    try {
      // Never enrolled: there is no district copy to wait for, so retention applies to every row.
      const uploadedThrough = this.credentials() ? readUploadCursor(this.db) : Number.MAX_SAFE_INTEGER;
      const purged = purgeUploadedScansBefore(this.db, uploadedThrough, this.retentionCutoff());
      if (purged > 0) {
        this.logger.info('upload.purge', 'purged scans past retention', { purged });
        // Unsent rows may have gone (a kiosk never enrolled): read the summary afresh.
        this.pending = null;
      }
      return purged;
    } catch (error) {
      this.logger.error('upload.purge', 'purge failed', { error: error instanceof Error ? error.message : String(error) });
      return 0;
    }
  }

  private publish(): void {
    try {
      this.options.onStatus?.(this.status());
    } catch (error) {
      this.logger.error('upload.publish', 'status listener failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }
}
