/**
 * Uploads recorded scans to the district server: rows past the acknowledged cursor, in gzip JSON
 * batches; the cursor advances in one transaction with the server's per-id answer, so a crash or a
 * lost answer only ever re-sends (the server's ingest is idempotent by scan id). The HTTP exchange
 * is in `DistrictClient`, enrollment in `enrollDevice`, the pending count in `PendingSummaryCache`,
 * reading batches in `batches`, finding a scan the server cannot take in `BatchIsolation`.
 *
 * Why past 300 lines: what is left is one state machine (schedule, backoff, attempt, answer, status)
 * whose steps share the timer and failure count; split further, they would pass that state around.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { UploadStatus } from '../../../shared/kioskStatus';
import type { Logger } from '../log';
import { storageProblemOf, type SqliteDatabase } from '../store/openDatabase';
import { rememberDistrictKey } from '../handover/kioskKeys';
import { readSetting, type DeviceCredentials } from '../store/settingsStore';
import {
  countRejections,
  countScansInSeqRange,
  insertRejection,
  readUploadCursor,
  writeUploadCursor,
} from '../store/uploadQueries';
import { readBatch, type BatchRow, type PreparedBatch } from './batches';
import { EnrollmentRefused, postScanBatch, UploadFailure } from './DistrictClient';
import { KioskMethodError } from '../../../shared/contract';
import { enrollDevice, type EnrollmentOutcome } from './enrollDevice';
import { BatchIsolation } from './BatchIsolation';
import { PendingSummaryCache } from './PendingSummaryCache';

const gzipAsync = promisify(gzip);
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
  /** ISO instant before which pending scans count as past retention. */
  readonly retentionCutoff: () => string;
  readonly random?: () => number;
  readonly onStatus?: (status: UploadStatus) => void;
  /** After each upload cycle (the kiosk purges what retention allows). */
  readonly afterCycle?: () => void;
}

type AttemptOutcome =
  { readonly kind: 'drained' } | { readonly kind: 'retry'; readonly delayMs: number } | { readonly kind: 'wait' };

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
  private readonly pending: PendingSummaryCache;
  private readonly isolation = new BatchIsolation();
  private state: Omit<
    UploadStatus,
    'enrolled' | 'venueName' | 'venueType' | 'pendingCount' | 'oldestPendingAt' | 'stalePendingCount' | 'rejectedCount'
  > = {
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
    this.pending = new PendingSummaryCache(this.db, () => this.now().getTime());
  }

  private credentials(): DeviceCredentials | null {
    return readSetting(this.db, 'district-device') ?? null;
  }

  /** The kiosk tells the uploader of every row it commits (every row is pending until sent). */
  noteRowWritten(scannedAt: string): void {
    this.pending.rowWritten(scannedAt);
  }

  /** Rows were deleted (a purge): the pending summary is read afresh. */
  noteRowsPurged(): void {
    this.pending.forget();
  }

  /** The cursor was moved by something else (a district receipt): the pending summary is read afresh, and told. */
  noteCursorMoved(): void {
    this.pending.forget();
    this.publish();
  }

  status(): UploadStatus {
    const device = this.credentials();
    const pending = this.pending.get(this.options.retentionCutoff());
    return {
      ...this.state,
      enrolled: device !== null,
      venueName: device?.venueName ?? null,
      venueType: device?.venueType ?? null,
      pendingCount: pending.count,
      oldestPendingAt: pending.oldest,
      stalePendingCount: pending.olderThanCutoff,
      rejectedCount: countRejections(this.db),
      keptUnsentCount: this.keptUnsentCount(),
      offlineSetup: readSetting(this.db, 'offline-setup') !== undefined,
      districtKeyKnown: (readSetting(this.db, 'district-keys') ?? []).length > 0,
    };
  }

  /** Scans re-enrollments left on this kiosk that are still here (retention purges them as uploaded ones). */
  private keptUnsentCount(): number {
    return (readSetting(this.db, 'kept-unsent') ?? []).reduce(
      (sum, range) => sum + countScansInSeqRange(this.db, range.afterSeq, range.throughSeq),
      0,
    );
  }

  /**
   * Redeems an enrollment code (see `enrollDevice`), then uploads at once. A kiosk enrolled before
   * first lets a running upload end, so no batch goes out half under the old token, half the new.
   */
  async enroll(codeText: string, serverUrl: string | undefined, deviceName: string): Promise<EnrollmentOutcome> {
    while (this.running) await this.running;
    const enrolling = enrollDevice(
      this.db,
      { codeText, serverUrl, deviceName, appVersion: this.options.appVersion, timeoutMs: this.requestTimeoutMs },
      this.logger,
    );
    // Held as the running work: a scheduled cycle or "send now" during the exchange waits for it, so
    // no batch goes out under the old token once the new enrollment has moved the cursor.
    const held = enrolling.then(
      () => undefined,
      () => undefined,
    );
    this.running = held;
    let outcome: EnrollmentOutcome;
    try {
      outcome = await enrolling;
    } finally {
      if (this.running === held) this.running = null;
    }
    // The old enrollment's troubles (revoked, backoff, a scan being isolated) are not the new one's.
    this.pending.forget();
    this.failures = 0;
    this.isolation.succeeded(this.batchSize);
    this.state = { ...this.state, lastError: null };
    this.publish();
    if (!this.stopped) this.schedule(0);
    return outcome;
  }

  start(): void {
    this.stopped = false;
    this.options.afterCycle?.();
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
      await Promise.race([
        this.attempt().catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, flushTimeoutMs).unref()),
      ]);
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
      this.options.afterCycle?.();
      this.publish();
      this.schedule(next.kind === 'retry' ? next.delayMs : this.intervalMs);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private onFailure(error: unknown): AttemptOutcome {
    // The answer could not be kept (the cursor is on a full disk): say so, not "offline".
    const failure =
      error instanceof UploadFailure
        ? error
        : new UploadFailure(storageProblemOf(error) === 'full' ? 'disk-full' : 'offline', null);
    this.state = { ...this.state, lastError: { code: failure.code, status: failure.status } };
    this.logger.error('upload.attempt', 'upload failed', { code: failure.code, status: failure.status });
    switch (failure.code) {
      case 'disk-full':
      case 'offline':
      case 'server-down':
      case 'timeout':
      case 'server-error':
      case 'rate-limited':
      case 'bad-answer': {
        this.failures += 1;
        // Full jitter: a random delay up to the exponential bound, so kiosks of a district spread out.
        const bound = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** (this.failures - 1));
        // The server's Retry-After is honoured as asked, up to an hour (a wrong header must not silence a kiosk).
        const delayMs = failure.cappedRetryAfterMs ?? Math.floor(this.random() * bound);
        return { kind: 'retry', delayMs };
      }
      case 'unauthorized':
      case 'setup-code-refused':
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
    const device = this.credentials() ?? (await this.enrollSetUpOffline());
    if (!device) return { kind: 'wait' };
    for (let sent = 0; ; sent += 1) {
      const batch = await readBatch(this.db, readUploadCursor(this.db), this.isolation.batchSize(this.batchSize));
      if (!batch) {
        // Nothing to send: the cycle reports in anyway (the heartbeat), so the district tells a
        // switched-off kiosk from a quiet one, and a revoked kiosk learns it without a scan.
        if (sent === 0) await this.sendHeartbeat(device);
        break;
      }
      try {
        if ((await this.sendBatch(device, batch, 'apply')) === 'sent') this.isolation.succeeded(this.batchSize);
      } catch (error) {
        if (!(error instanceof UploadFailure)) throw error;
        const step = this.isolation.failed(batch.rows[0].id, batch.rows.length, error);
        if (step === 'split') continue;
        if (step === 'probe' && (await this.probePast(device, batch, error))) continue;
        throw error;
      }
    }
    this.failures = 0;
    return { kind: 'drained' };
  }

  /**
   * A kiosk set up offline from a setup sheet enrolls with the code it kept (and its device key's
   * proof) as soon as the district answers; the district may already know the device from an
   * imported file. No network: an `offline` failure, retried with backoff like an upload. A code
   * the district refuses: the kiosk waits (staff see why) and keeps its scans.
   */
  private async enrollSetUpOffline(): Promise<DeviceCredentials | null> {
    const kept = readSetting(this.db, 'offline-setup');
    if (!kept) return null;
    try {
      const { credentials } = await enrollDevice(
        this.db,
        {
          codeText: kept.code,
          serverUrl: kept.serverUrl,
          deviceName: kept.deviceName,
          appVersion: this.options.appVersion,
          timeoutMs: this.requestTimeoutMs,
        },
        this.logger,
      );
      this.pending.forget();
      return credentials;
    } catch (error) {
      if (error instanceof EnrollmentRefused) {
        // A district in trouble is retried; a code it will not take (used, expired, unknown) waits for
        // a new sheet, and staff are told so, not that the kiosk must enroll again.
        if (error.status >= 500) throw new UploadFailure('server-error', error.status);
        if (error.status === 429) throw new UploadFailure('rate-limited', error.status);
        throw new UploadFailure('setup-code-refused', error.status);
      }
      if (error instanceof KioskMethodError)
        throw new UploadFailure(error.code === 'enroll-unreachable' ? 'offline' : 'unauthorized', null);
      throw error;
    }
  }

  /**
   * Decides whether `suspect` (failing alone, again and again) or the server is at fault. The scan
   * after it is sent alone as a probe, its answer not applied (the cursor must not pass the suspect;
   * the probe's scan is sent again later and answered as a duplicate). If the server takes the probe,
   * the suspect is sent alone once more: taken now, it goes on as usual; failing again, it is set
   * aside as rejected on the kiosk (the HTTP status as the reason) and the cursor moves past it.
   * Answers false when there is no scan to probe with or the probe fails too (the server is at fault).
   */
  private async probePast(device: DeviceCredentials, suspect: PreparedBatch, failure: UploadFailure): Promise<boolean> {
    const probe = await readBatch(this.db, suspect.rows[0].seq, 1);
    if (!probe) return false;
    try {
      if ((await this.sendBatch(device, probe, 'probe')) !== 'sent') return false;
    } catch (error) {
      if (!(error instanceof UploadFailure)) throw error;
      this.isolation.probeFailed();
      return false;
    }
    try {
      if ((await this.sendBatch(device, suspect, 'apply')) === 'sent') {
        this.isolation.succeeded(this.batchSize);
        return true;
      }
    } catch (error) {
      if (!(error instanceof UploadFailure) || !BatchIsolation.isItemFailure(error)) throw error;
    }
    const row = suspect.rows[0];
    this.applyAnswer(
      [row],
      [{ id: row.id, status: 'rejected', reason: `server-refused-${failure.status ?? 'error'}` }],
    );
    this.logger.error('upload.isolate', 'one scan the server cannot take was set aside; the others go on', {
      status: failure.status,
    });
    this.isolation.succeeded(this.batchSize);
    return true;
  }

  /**
   * Sends one batch. `apply`: its answer moves the cursor; `probe`: the answer is only looked at.
   * Answers `too-large` when the server wants smaller batches (nothing was taken).
   */
  private async sendBatch(
    device: DeviceCredentials,
    batch: PreparedBatch,
    mode: 'apply' | 'probe',
  ): Promise<'sent' | 'too-large'> {
    const { rows } = batch;
    const sentAt = this.now();
    this.state = { ...this.state, lastAttemptAt: sentAt.toISOString() };
    const pendingAfter = Math.max(0, this.pending.get(this.options.retentionCutoff()).count - rows.length);
    // sentAt is taken now (the server corrects clocks with it); the scans were serialised before.
    const head = JSON.stringify({
      sentAt: sentAt.toISOString(),
      appVersion: this.options.appVersion,
      pendingCount: pendingAfter,
      devicePublicKey: this.devicePublicKey(),
    });
    const body = await gzipAsync(`${head.slice(0, -1)},"scans":[${batch.scansJson}]}`);
    const answer = await postScanBatch(device, body, this.requestTimeoutMs, () => this.now().getTime());
    this.noteServerClock(sentAt, answer.serverDate);
    if (answer.kind === 'too-large') {
      if (this.batchSize === 1) throw new UploadFailure('rejected-request', 413);
      this.batchSize = Math.max(1, Math.floor(this.batchSize / 2));
      return 'too-large';
    }
    this.keepDistrictKey(answer.response.districtKey);
    if (mode === 'apply') this.applyAnswer(rows, answer.response.results);
    return 'sent';
  }

  /**
   * An empty batch: the report every batch carries (pending count, app version, the clock through
   * `sentAt`) and nothing else. The upload route already records that report per device, so a
   * heartbeat needs no second route, token check or table. Throws {@link UploadFailure}.
   */
  private async sendHeartbeat(device: DeviceCredentials): Promise<void> {
    const sentAt = this.now();
    this.state = { ...this.state, lastAttemptAt: sentAt.toISOString() };
    const head = {
      sentAt: sentAt.toISOString(),
      appVersion: this.options.appVersion,
      pendingCount: 0,
      devicePublicKey: this.devicePublicKey(),
      scans: [],
    };
    const answer = await postScanBatch(device, await gzipAsync(JSON.stringify(head)), this.requestTimeoutMs, () =>
      this.now().getTime(),
    );
    this.noteServerClock(sentAt, answer.serverDate);
    if (answer.kind === 'answered') this.keepDistrictKey(answer.response.districtKey);
    // Not "last sent": nothing was sent. The district answered, so the last error is over.
    this.state = { ...this.state, lastError: null };
  }

  /** Every answer carries the district's current key: a rotated one replaces it (the old kept after it). */
  /**
   * This kiosk's device public key, sent with every batch: a kiosk enrolled before device keys
   * existed registers its key this way (the district keeps the first one a device sends), so a file
   * it exports later is recognised as its own. Undefined when none is kept (JSON leaves it out).
   */
  private devicePublicKey(): string | undefined {
    try {
      return readSetting(this.db, 'device-key')?.publicKey;
    } catch {
      return undefined;
    }
  }

  private keepDistrictKey(text: string | undefined): void {
    try {
      rememberDistrictKey(this.db, text);
    } catch (error) {
      // A disk that refuses the write: the key comes again with the next answer.
      this.logger.error('upload.district-key', 'district key not kept', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private noteServerClock(sentAt: Date, serverDate: number | null): void {
    if (serverDate === null) return;
    const receivedAt = this.now().getTime();
    // The Date header has 1 s resolution; the midpoint of the round trip is the best local match.
    this.state = { ...this.state, clockOffsetMs: Math.round(serverDate + 500 - (sentAt.getTime() + receivedAt) / 2) };
  }

  /** Advances the cursor over the answered prefix and keeps rejections, in one transaction. */
  private applyAnswer(
    rows: readonly BatchRow[],
    results: readonly { id: string; status: string; reason?: string }[],
  ): void {
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
    this.pending.rowsSent(passed);
    if (!rows.every((row) => answers.has(row.id))) throw new UploadFailure('bad-answer', 200);
    this.state = { ...this.state, lastSuccessAt: at, lastError: null };
  }

  private publish(): void {
    try {
      this.options.onStatus?.(this.status());
    } catch (error) {
      this.logger.error('upload.publish', 'status listener failed', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
