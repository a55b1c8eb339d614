/**
 * The kiosk core's facade: it opens the database, composes the parts (scan pipeline, read side,
 * admin session, storage guard, uploader, scanner drivers), owns the settings and the events, and
 * starts and stops them in order. Plain Node; never imports 'electron'. Access and input are
 * checked before a call gets here (see `dispatchKioskCall`).
 *
 * Why about 400 lines: half of it is the composition in the constructor and one-line delegations,
 * one per API method, which tests and the dispatcher call; the work is in the parts (see the table in
 * docs/architecture.md).
 */
import { hostname } from 'node:os';
import { KioskMethodError, type KioskEvent, type KioskEventName, type KioskEventPayloads } from '../../shared/contract';
import type {
  Direction,
  HourCount,
  ManualEntryInput,
  Manifest,
  ScanExport,
  ScanLogEntry,
  ScanResult,
  SubmitScanInput,
} from '../../shared/kioskScans';
import { KioskSettingsSchema, type KioskSettings, type SettingsPatch } from '../../shared/kioskSettings';
import type { KioskNotice, KioskState, UploadStatus } from '../../shared/kioskStatus';
import { AdminSession } from './AdminSession';
import { KioskEvents } from './KioskEvents';
import { localTime } from './localTime';
import { stderrLogger, type Logger } from './log';
import { purgeExpiredScans, retentionCutoff } from './RetentionPurge';
import { DayCounter } from './scan/DayCounter';
import { ScanCorrections } from './scan/ScanCorrections';
import { ScanPipeline } from './scan/ScanPipeline';
import { ScanRecorder } from './scan/ScanRecorder';
import { ScannerSupervisor } from './scanners/ScannerSupervisor';
import type { HidSeam } from './scanners/HidScannerDriver';
import { RECENT_SCANS_SHOWN, ScanLog } from './ScanLog';
import { StorageGuard, type StorageTrouble } from './StorageGuard';
import { storageProblemOf, type SqliteDatabase } from './store/openDatabase';
import { openKioskDatabaseFreeingSpace, openKioskStandIn } from './store/openKioskDatabase';
import { countLettersLostOfDay } from './store/scanQueries';
import { readKioskSettings, readSetting, writeSetting } from './store/settingsStore';
import { WalCheckpointer } from './store/WalCheckpointer';
import { freeDiskSpace, keepDiskReserve } from './store/DiskReserve';
import { ScanUploader, type UploaderOptions } from './upload/ScanUploader';

export { DATABASE_FILE } from './store/openKioskDatabase';
export { ADMIN_SESSION_MS } from './AdminSession';
export { DECLARATION_WAIT_MS, SCANNER_TEST_IDLE_MS } from './scan/ScanPipeline';

export const APP_VERSION = '0.1.0';

export interface KioskOptions {
  readonly dataDir: string;
  /** Clock, injectable for tests. */
  readonly now?: () => Date;
  readonly logger?: Logger;
  /** Settings applied over the stored ones at start (command-line flags). */
  readonly settingsOverride?: SettingsPatch;
  /** District server base URL, for enrolling with a bare code. */
  readonly serverUrl?: string;
  /** Time between scheduled uploads, ms (default 3 minutes). */
  readonly uploadIntervalMs?: number;
  /** Name this kiosk gives itself when enrolling (default: the host name). */
  readonly deviceName?: string;
  /** Replaces node-hid (tests); by default node-hid is loaded when HID is enabled. */
  readonly hidSeam?: HidSeam;
  /** Called after a right PIN on `exitKiosk`: the shell leaves kiosk mode (Electron quits). */
  readonly onExitRequested?: () => void;
  /** While scans cannot be recorded, how often the database is tried again, ms (default 5 s). */
  readonly storageRetryMs?: number;
  /** WAL checkpoint timings, ms (tests scale them with the pace of their scans). */
  readonly checkpointTiming?: { readonly quietMs: number; readonly maxDelayMs: number };
  /** Uploader timings and batch size (tests and benchmarks shorten them). */
  readonly uploaderTuning?: Pick<UploaderOptions, 'backoffBaseMs' | 'backoffMaxMs' | 'requestTimeoutMs' | 'batchSize'>;
}

export class Kiosk {
  private db: SqliteDatabase;
  private settings: KioskSettings;
  private uploader: ScanUploader;
  private started = false;
  private statusSoon: NodeJS.Immediate | null = null;
  /** The disk reserve was given back: made again once a write has gone through. */
  private reserveWanted = false;
  private readonly now: () => Date;
  private readonly logger: Logger;
  private readonly events: KioskEvents;
  private readonly storage: StorageGuard;
  private readonly counter: DayCounter;
  private readonly pipeline: ScanPipeline;
  private readonly log: ScanLog;
  private readonly corrections: ScanCorrections;
  private readonly admin: AdminSession;
  private readonly checkpointer: WalCheckpointer;
  private readonly scanners: ScannerSupervisor;

  private constructor(
    db: SqliteDatabase,
    trouble: StorageTrouble | null,
    private readonly options: KioskOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger ?? stderrLogger;
    this.events = new KioskEvents(this.logger);
    this.db = db;
    this.settings = readKioskSettings(db);
    const currentDb = () => this.db;
    const settings = () => this.settings;
    this.storage = new StorageGuard(
      {
        dataDir: options.dataDir,
        logger: this.logger,
        retryMs: options.storageRetryMs,
        reopen: () => this.replaceStandIn(openKioskDatabaseFreeingSpace(options.dataDir, this.now, this.logger)),
        probe: () => {
          if (this.storage.problem === 'full') this.freeSpace();
          writeSetting(this.db, 'storage-checked-at', this.now().toISOString());
        },
        onChange: (problem) => {
          if (problem === null) keepDiskReserve(options.dataDir);
          this.emit('storage-changed', problem);
        },
      },
      trouble,
    );
    this.counter = new DayCounter(currentDb);
    this.checkpointer = new WalCheckpointer(
      currentDb,
      this.logger,
      options.checkpointTiming?.quietMs,
      options.checkpointTiming?.maxDelayMs,
    );
    const recorder = new ScanRecorder({
      db: currentDb,
      logger: this.logger,
      settings,
      storage: this.storage,
      counter: this.counter,
      rowWritten: (at) => this.rowWritten(at),
      freeSpace: () => this.freeSpace(),
    });
    this.pipeline = new ScanPipeline({
      now: this.now,
      logger: this.logger,
      settings,
      recorder,
      counter: this.counter,
      announce: (result) => this.emit('scan-handled', result),
      scannerTestChanged: () => this.emit('settings-changed', this.settings),
      venueType: () => readSetting(this.db, 'district-device')?.venueType ?? null,
    });
    this.log = new ScanLog(currentDb, this.now, this.logger);
    this.corrections = new ScanCorrections({
      db: currentDb,
      now: this.now,
      logger: this.logger,
      storage: this.storage,
      counter: this.counter,
      rowWritten: (at) => this.rowWritten(at),
    });
    this.admin = new AdminSession({
      db: currentDb,
      now: () => this.now().getTime(),
      logger: this.logger,
      setupDone: () => this.settings.setupDone,
    });
    this.scanners = new ScannerSupervisor({
      logger: this.logger,
      hidSeam: options.hidSeam,
      submit: (input) => this.submitScan(input),
    });
    this.uploader = this.newUploader();
  }

  /**
   * Opens the database in `dataDir` (creating both if needed). A damaged file is moved aside and a
   * new database started, so the kiosk keeps scanning; staff are told on screen. A disk that cannot
   * be written (read-only, full, I/O errors) does not stop the kiosk: it starts on a stand-in that
   * answers every scan "not recorded" (red), says why on every screen, and switches to the real
   * database as soon as it opens.
   */
  static open(options: KioskOptions): Kiosk {
    const logger = options.logger ?? stderrLogger;
    const now = options.now ?? (() => new Date());
    let kiosk: Kiosk;
    try {
      kiosk = new Kiosk(openKioskDatabaseFreeingSpace(options.dataDir, now, logger), null, options);
    } catch (error) {
      const problem = storageProblemOf(error, options.dataDir);
      if (!problem) throw error;
      logger.error('kiosk.open', 'cannot open the database: scans are not recorded until it opens', {
        problem,
        error: error instanceof Error ? error.message : String(error),
      });
      kiosk = new Kiosk(openKioskStandIn(options.dataDir), { problem, standIn: true }, options);
    }
    if (options.settingsOverride && Object.keys(options.settingsOverride).length > 0)
      kiosk.updateSettings(options.settingsOverride);
    return kiosk;
  }

  /** The disk is full: see {@link freeDiskSpace}. The reserve is made again after the next write. */
  private freeSpace(): boolean {
    this.reserveWanted = true;
    return freeDiskSpace(this.options.dataDir, this.checkpointer);
  }

  private newUploader(): ScanUploader {
    const { options } = this;
    const db = this.db;
    return new ScanUploader({
      db,
      logger: this.logger,
      now: this.now,
      appVersion: APP_VERSION,
      intervalMs: options.uploadIntervalMs,
      ...options.uploaderTuning,
      retentionCutoff: () => retentionCutoff(this.now(), this.settings.retentionDays),
      onStatus: (status) => this.emit('upload-status-changed', status),
      afterCycle: () => this.purgeExpired(),
    });
  }

  /** The real database opened in place of the stand-in: everything reads from it from now on. */
  private replaceStandIn(db: SqliteDatabase): void {
    // The stand-in's uploader was never started: nothing to stop.
    const standIn = this.db;
    this.db = db;
    this.settings = readKioskSettings(db);
    this.uploader = this.newUploader();
    standIn.close();
    if (this.started) {
      this.uploader.start();
      this.scanners.apply(this.settings);
    }
    this.emit('settings-changed', this.settings);
  }

  /** Starts background work: the storage retry, scanner drivers, then the uploader. */
  start(): void {
    this.started = true;
    if (!this.storage.standIn) keepDiskReserve(this.options.dataDir);
    this.storage.start();
    this.scanners.apply(this.settings);
    if (!this.storage.standIn) this.uploader.start();
  }

  /** Stops in order: scanners, the uploader (with a last quick flush), then the database. */
  async close(): Promise<void> {
    if (!this.db.open) return;
    this.storage.stop();
    this.checkpointer.stop();
    if (this.statusSoon) clearImmediate(this.statusSoon);
    await this.scanners.stop();
    await this.uploader.stop();
    this.events.clear();
    if (this.db.open) this.db.close();
  }

  /** Subscribes to core events; returns the unsubscribe function. */
  subscribe(listener: (event: KioskEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  getSettings(): KioskSettings {
    return this.settings;
  }

  getState(): KioskState {
    const { localDay } = localTime(this.now());
    return {
      settings: this.settings,
      counts: this.counter.of(localDay),
      recent: this.log.list(localDay, undefined, RECENT_SCANS_SHOWN),
      appVersion: APP_VERSION,
      upload: this.uploader.status(),
      scanners: this.scanners.status(),
      scannerTest: this.pipeline.inScannerTest(),
      adminPinSet: this.admin.isPinSet(),
      notices: this.recentNotices(),
      adminUnlocked: this.admin.isUnlocked(),
      insideCount: this.log.insideNow().length,
      storageProblem: this.storage.problem,
      lettersLostToday: countLettersLostOfDay(this.db, localDay),
      correctable: this.corrections.correctableEntry(),
      contextCount: this.log.onBoardCount(this.settings.contextLabel),
    };
  }

  updateSettings(patch: SettingsPatch): KioskSettings {
    const next = KioskSettingsSchema.parse({ ...this.settings, ...patch });
    writeSetting(this.db, 'kiosk', next);
    this.settings = next;
    if (this.started) this.scanners.apply(next);
    this.emit('settings-changed', next);
    return next;
  }

  /** Settings from the page (admin): refused while nothing can be saved; finishing setup needs a PIN. */
  updateSettingsFromPage(patch: SettingsPatch): KioskSettings {
    this.storage.requireSaving();
    if (patch.setupDone === true && !this.admin.isPinSet())
      throw new KioskMethodError('pin-not-set', 'kiosk.setup: set the admin PIN before finishing setup');
    return this.updateSettings(patch);
  }

  /** Whether admin is unlocked now (dispatch checks every admin and counter call with it). */
  isAdminUnlocked(): boolean {
    return this.admin.isUnlocked();
  }

  /** Throws unless admin is unlocked. */
  requireAdmin(): void {
    if (!this.admin.isUnlocked()) throw new KioskMethodError('admin-locked', 'kiosk.admin: enter the admin PIN first');
  }

  /** Counter staff may use these without the PIN; an unattended (self-service) kiosk needs admin. */
  requireCounterOrAdmin(): void {
    if (this.settings.kioskMode !== 'counter') this.requireAdmin();
  }

  submitScan(input: SubmitScanInput): ScanResult {
    return this.pipeline.submit(input);
  }

  submitDeclaration(answers: readonly boolean[]): ScanResult {
    return this.pipeline.submitDeclaration(answers);
  }

  chooseDirection(direction: Direction): ScanResult {
    return this.pipeline.chooseDirection(direction);
  }

  recordManual(entry: ManualEntryInput): ScanResult {
    return this.pipeline.recordManual(entry);
  }

  setScannerTest(on: boolean): boolean {
    return this.pipeline.setScannerTest(on);
  }

  listScans(day: string | undefined, query: string | undefined, limit?: number): ScanLogEntry[] {
    return this.log.list(day, query, limit);
  }

  insideNow(): ScanLogEntry[] {
    return this.log.insideNow();
  }

  exportScans(day: string | undefined, contextLabel: string | undefined): ScanExport {
    return this.log.exportScans(day, contextLabel);
  }

  /** A sailing's passenger manifest or the list of who is inside; the capacity when it is the current sailing. */
  manifest(day: string | undefined, contextLabel: string | undefined): Manifest {
    const { venueName, venueAddress, contextLabel: current, sailingCapacity } = this.settings;
    const venueType = readSetting(this.db, 'district-device')?.venueType ?? null;
    return this.log.manifest(day, contextLabel, {
      venueName,
      venueAddress,
      venueType,
      capacity: contextLabel && contextLabel === current ? sailingCapacity : null,
    });
  }

  /** Voids this kiosk's last scan (counter staff, within the correction window); every page hears it. */
  undoLastScan(): ScanResult {
    return this.announced(this.corrections.undo());
  }

  /** Voids this kiosk's last scan and records it again in the other direction. */
  flipLastScan(): ScanResult {
    return this.announced(this.corrections.flip());
  }

  private announced(result: ScanResult): ScanResult {
    this.emit('scan-handled', result);
    return result;
  }

  hourlyCounts(): HourCount[] {
    return this.log.hourlyCounts();
  }

  /** Purges now what retention allows; also done after every upload cycle. */
  purgeExpired(): number {
    if (this.storage.standIn) return 0;
    const purged = purgeExpiredScans(this.db, retentionCutoff(this.now(), this.settings.retentionDays), this.logger);
    if (purged > 0) {
      this.counter.forget();
      this.uploader.noteRowsPurged();
    }
    return purged;
  }

  /** What counter staff change during the day (direction, sailing or room, its capacity) without the PIN. */
  setCounterOptions(options: Pick<SettingsPatch, 'directionMode' | 'contextLabel' | 'sailingCapacity'>): KioskSettings {
    return this.updateSettings(options);
  }

  setLanguage(language: KioskSettings['language']): KioskSettings {
    return this.updateSettings({ language });
  }

  unlockAdmin(pin: string): string {
    const until = this.admin.unlock(pin);
    this.emit('settings-changed', this.settings);
    return until;
  }

  lockAdmin(): true {
    this.admin.lock();
    this.emit('settings-changed', this.settings);
    return true;
  }

  /** Sets the admin PIN; once one exists, the current one is required (and checked with lockout). */
  setAdminPin(newPin: string, currentPin?: string): true {
    this.storage.requireSaving();
    this.admin.setPin(newPin, currentPin);
    return true;
  }

  /** Leaves the kiosk (maintenance) with the admin PIN. */
  exitKiosk(pin: string): true {
    this.admin.requirePin(pin);
    this.logger.info('kiosk.exit', 'exit requested with the admin PIN');
    this.options.onExitRequested?.();
    return true;
  }

  /** The venue code the district issued at enrollment (its venue id), or null when not enrolled. */
  districtVenueCode(): string | null {
    return readSetting(this.db, 'district-device')?.venueId ?? null;
  }

  uploadStatus(): UploadStatus {
    return this.uploader.status();
  }

  sendNow(): Promise<UploadStatus> {
    return this.uploader.sendNow();
  }

  /** Enrolls with the district server; the venue's name becomes this kiosk's venue name. */
  async enroll(code: string, serverUrl = this.options.serverUrl): Promise<UploadStatus> {
    this.storage.requireSaving();
    const credentials = await this.uploader.enroll(code, serverUrl, this.options.deviceName ?? hostname());
    this.updateSettings({ venueName: credentials.venueName });
    return this.uploader.status();
  }

  private recentNotices(): KioskNotice[] {
    const dayAgo = this.now().getTime() - 86_400_000;
    return (readSetting(this.db, 'notices') ?? []).filter((notice) => Date.parse(notice.at) > dayAgo);
  }

  /** After each committed row: the uploader counts it, the screens hear, a checkpoint is planned. */
  private rowWritten(scannedAt: string): void {
    this.uploader.noteRowWritten(scannedAt);
    // The screens' "not sent yet" count follows each row, after the scan's own answer.
    if (!this.statusSoon) {
      this.statusSoon = setImmediate(() => {
        this.statusSoon = null;
        if (this.reserveWanted) {
          this.reserveWanted = false;
          keepDiskReserve(this.options.dataDir);
        }
        if (this.db.open) this.emit('upload-status-changed', this.uploader.status());
      });
    }
    this.checkpointer.rowWritten();
  }

  private emit<E extends KioskEventName>(name: E, payload: KioskEventPayloads[E]): void {
    this.events.emit(name, payload);
  }
}
