/**
 * The kiosk core: the scan pipeline (decode, policy, durable insert) and the state the screens
 * show. Plain Node; never imports 'electron'. Every method here takes already-validated input
 * (see {@link dispatchKioskCall}).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { decodeCode } from '../../shared/codes/decodeCode';
import { blankCode, type DecodedCode } from '../../shared/codes/DecodedCode';
import {
  DEFAULT_SETTINGS,
  KioskSettingsSchema,
  maskIdNumber,
  type DayCounts,
  type Direction,
  type KioskEventName,
  type KioskEventPayloads,
  type KioskSettings,
  type KioskState,
  type RefusalReason,
  type ScanLogEntry,
  type ScanResult,
  type SettingsPatch,
  type SubmitScanInput,
  type UploadStatus,
  type KioskNotice,
  type ManualEntryInput,
  type StorageProblem,
  KioskMethodError,
} from '../../shared/contract';
import { decideAcceptance, keptFields } from './recordingPolicy';
import { localTime, type LocalTime } from './localTime';
import { stderrLogger, type Logger } from './log';
import { isCorruptionError, openDatabase, openStandInDatabase, readSettingFromDamagedFile, storageProblemOf, type SqliteDatabase } from './store/openDatabase';
import { ScanUploader, type UploaderOptions } from './upload/ScanUploader';
import { ScannerSupervisor } from './scanners/ScannerSupervisor';
import { AdminPin } from './AdminPin';
import type { HidSeam } from './scanners/HidScannerDriver';
import {
  countScansByHour,
  countScansOfDay,
  findLatestRecordedScanOfSubject,
  insertScan,
  listInsideOnDay,
  listScansForExport,
  listScansOfDay,
  searchScansOfDay,
  type ScanRow,
} from './store/scanQueries';
import { toCsv } from '../../shared/csv';
import { readSetting, writeSetting } from './store/settingsQueries';

export const APP_VERSION = '0.1.0';
/** Quiet time after the last written row before a WAL checkpoint, ms. */
const QUIET_CHECKPOINT_MS = 1_000;
/** Settings the stand-in copies from an unwritable database file when it can read them. */
const STAND_IN_SETTINGS = ['kiosk', 'admin-pin', 'subject-salt'] as const;
/** File name of the kiosk database inside the data directory. */
export const DATABASE_FILE = 'kiosk.sqlite';
const RECENT_SCANS_SHOWN = 20;
/** How long a right admin PIN keeps admin unlocked, ms. */
export const ADMIN_SESSION_MS = 5 * 60_000;
/** How long a scan waits for its health declaration before the visitor must scan again, ms. */
export const DECLARATION_WAIT_MS = 60_000;
/** Scanner test mode switches itself off after this long without a scan, ms (never left on by mistake). */
export const SCANNER_TEST_IDLE_MS = 120_000;

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
  /** Uploader timings and batch size (tests and benchmarks shorten them). */
  readonly uploaderTuning?: Pick<UploaderOptions, 'backoffBaseMs' | 'backoffMaxMs' | 'requestTimeoutMs' | 'batchSize'>;
}

type KioskListener = <E extends KioskEventName>(event: E, payload: KioskEventPayloads[E]) => void;

/**
 * Why scans cannot be recorded. `standIn`: the database file could not even be opened, so the
 * kiosk runs on an in-memory stand-in (settings copied when readable) that never records a scan.
 */
interface StorageTrouble {
  readonly problem: StorageProblem;
  readonly standIn: boolean;
}

export class Kiosk {
  private settings!: KioskSettings;
  private subjectSalt!: string;
  private readonly listeners = new Set<KioskListener>();
  private lastCounts: DayCounts | null = null;
  private started = false;
  private db!: SqliteDatabase;
  private uploader!: ScanUploader;
  private readonly scanners: ScannerSupervisor;
  private adminPin!: AdminPin;
  private storage: StorageTrouble | null = null;
  private storageRetry: NodeJS.Timeout | null = null;
  private checkpointTimer: NodeJS.Timeout | null = null;
  private statusSoon: NodeJS.Immediate | null = null;
  /** Admin is unlocked until this time (ms); see {@link isAdminUnlocked}. */
  private adminUnlockedUntil = 0;
  /** Scanner test mode: on until switched off or idle for {@link SCANNER_TEST_IDLE_MS}. */
  private scannerTestUntil = 0;
  /** The scan waiting for the visitor's health declaration (self-service), and since when. */
  private awaitingDeclaration: { readonly input: SubmitScanInput; readonly at: number } | null = null;
  /** The scan waiting for the operator's in/out choice (`ask` mode). */
  private awaitingDirection: SubmitScanInput | null = null;

  private constructor(
    db: SqliteDatabase,
    private readonly now: () => Date,
    private readonly logger: Logger,
    private readonly options: KioskOptions,
    storage: StorageTrouble | null,
  ) {
    this.scanners = new ScannerSupervisor({
      logger,
      hidSeam: options.hidSeam,
      submit: (input) => this.submitScan(input),
    });
    this.storage = storage;
    this.attach(db);
  }

  /** Makes `db` the kiosk's database: the uploader, the PIN and the settings all read from it. */
  private attach(db: SqliteDatabase): void {
    const { now, logger, options } = this;
    this.db = db;
    this.lastCounts = null;
    this.uploader = new ScanUploader({
      db,
      logger,
      now,
      appVersion: APP_VERSION,
      intervalMs: options.uploadIntervalMs,
      ...options.uploaderTuning,
      retentionDays: () => this.settings.retentionDays,
      onStatus: (status) => this.emit('upload-status-changed', status),
    });
    this.adminPin = new AdminPin(db, () => now().getTime());
    const stored = KioskSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(readSetting(db, 'kiosk') as object | undefined) });
    this.settings = stored.success ? stored.data : DEFAULT_SETTINGS;
    const salt = readSetting(db, 'subject-salt');
    if (typeof salt === 'string') {
      this.subjectSalt = salt;
    } else {
      this.subjectSalt = randomBytes(32).toString('hex');
      writeSetting(db, 'subject-salt', this.subjectSalt);
    }
  }

  /**
   * Opens the database in `dataDir` (creating both if needed). A damaged file is moved aside (with
   * its WAL) and a new database started, so the kiosk keeps scanning; staff are told on screen.
   * A disk that cannot be written (read-only, full, I/O errors) does not stop the kiosk: it starts
   * on a stand-in that answers every scan "not recorded" (red), says why on every screen, and
   * switches to the real database as soon as it opens.
   */
  static open(options: KioskOptions): Kiosk {
    const logger = options.logger ?? stderrLogger;
    const now = options.now ?? (() => new Date());
    const file = path.join(options.dataDir, DATABASE_FILE);
    let kiosk: Kiosk;
    try {
      kiosk = new Kiosk(Kiosk.openFile(options.dataDir, now, logger), now, logger, options, null);
    } catch (error) {
      const problem = storageProblemOf(error, options.dataDir);
      if (!problem) throw error;
      logger.error('kiosk.open', 'cannot open the database: scans are not recorded until it opens', { problem, error: errorMessage(error) });
      // Unreadable settings: the scan screen (with its red banner), never an open setup wizard.
      const fallback = { kiosk: { ...DEFAULT_SETTINGS, setupDone: true } };
      kiosk = new Kiosk(openStandInDatabase(file, STAND_IN_SETTINGS, fallback), now, logger, options, { problem, standIn: true });
    }
    if (options.settingsOverride && Object.keys(options.settingsOverride).length > 0) kiosk.updateSettings(options.settingsOverride);
    return kiosk;
  }

  /** Opens (or recovers) the database file; throws what the disk says when it cannot. */
  private static openFile(dataDir: string, now: () => Date, logger: Logger): SqliteDatabase {
    mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, DATABASE_FILE);
    let db: SqliteDatabase;
    let recoveredFrom: string | null = null;
    let salvaged: unknown;
    try {
      db = openDatabase(file);
    } catch (error) {
      if (!isCorruptionError(error)) throw error;
      recoveredFrom = `kiosk.damaged-${now().toISOString().replace(/[:.]/g, '-')}.sqlite`;
      salvaged = readSettingFromDamagedFile(file, 'district-device');
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(file + suffix)) renameSync(file + suffix, path.join(dataDir, recoveredFrom + suffix));
      }
      logger.error('kiosk.open', 'database damaged: kept aside, new database started', { keptAs: recoveredFrom });
      db = openDatabase(file);
    }
    if (recoveredFrom) {
      if (salvaged !== undefined) writeSetting(db, 'district-device', salvaged);
      writeSetting(db, 'notices', [{ code: 'database-recovered', at: now().toISOString(), detail: recoveredFrom }]);
    }
    return db;
  }

  /** Starts background work: scanner drivers, then the uploader. */
  start(): void {
    this.started = true;
    this.scanners.apply(this.settings);
    if (!this.storage?.standIn) this.uploader.start();
    if (this.storage) this.scheduleStorageRetry();
  }

  /**
   * Tries again while scans cannot be recorded: the stand-in tries to open the real file; a kiosk
   * whose writes failed tries a small write. Either way the screens hear when it clears.
   */
  private scheduleStorageRetry(): void {
    if (this.storageRetry || !this.started) return;
    this.storageRetry = setInterval(() => this.retryStorage(), this.options.storageRetryMs ?? 5_000);
    this.storageRetry.unref();
  }

  private retryStorage(): void {
    const trouble = this.storage;
    if (!trouble) return this.stopStorageRetry();
    try {
      if (trouble.standIn) {
        const db = Kiosk.openFile(this.options.dataDir, this.now, this.logger);
        const standIn = this.db;
        this.attach(db);
        standIn.close();
        if (this.started) {
          this.uploader.start();
          this.scanners.apply(this.settings);
        }
        this.emit('settings-changed', this.settings);
      } else {
        writeSetting(this.db, 'storage-checked-at', this.now().toISOString());
      }
      this.logger.info('kiosk.storage', 'the database can be written again', { was: trouble.problem });
      this.setStorage(null);
    } catch (error) {
      const problem = storageProblemOf(error, this.options.dataDir) ?? 'unavailable';
      if (problem !== trouble.problem) this.setStorage({ ...trouble, problem });
    }
  }

  private stopStorageRetry(): void {
    if (this.storageRetry) clearInterval(this.storageRetry);
    this.storageRetry = null;
  }

  private setStorage(trouble: StorageTrouble | null): void {
    const changed = trouble?.problem !== this.storage?.problem;
    this.storage = trouble;
    if (trouble) this.scheduleStorageRetry();
    else this.stopStorageRetry();
    if (changed) this.emit('storage-changed', trouble?.problem ?? null);
  }

  /** Refuses what must be saved (settings, PIN, enrollment) while only the stand-in is open. */
  private requireStorage(): void {
    if (this.storage?.standIn) throw new KioskMethodError('storage-unavailable', `kiosk: the database cannot be opened (${this.storage.problem}); nothing can be saved`);
  }

  /** Admin is open before the first setup is finished, and for a while after a right PIN. */
  isAdminUnlocked(): boolean {
    return !this.settings.setupDone || this.now().getTime() < this.adminUnlockedUntil;
  }

  /** Throws unless admin is unlocked. Every settings change from the page passes here. */
  requireAdmin(): void {
    if (!this.isAdminUnlocked()) throw new KioskMethodError('admin-locked', 'kiosk.admin: enter the admin PIN first');
  }

  /** Counter staff may use these without the PIN; an unattended (self-service) kiosk needs admin. */
  requireCounterOrAdmin(): void {
    if (this.settings.kioskMode !== 'counter') this.requireAdmin();
  }

  unlockAdmin(pin: string): string {
    this.requirePin(pin);
    this.adminUnlockedUntil = this.now().getTime() + ADMIN_SESSION_MS;
    this.emit('settings-changed', this.settings);
    return new Date(this.adminUnlockedUntil).toISOString();
  }

  lockAdmin(): true {
    this.adminUnlockedUntil = 0;
    this.emit('settings-changed', this.settings);
    return true;
  }

  /** Settings from the page: admin only; finishing setup needs a PIN to protect them afterwards. */
  updateSettingsAsAdmin(patch: SettingsPatch): KioskSettings {
    this.requireAdmin();
    this.requireStorage();
    if (patch.setupDone === true && !this.adminPin.isSet()) throw new KioskMethodError('pin-not-set', 'kiosk.setup: set the admin PIN before finishing setup');
    return this.updateSettings(patch);
  }

  /** Today's scans, or one day's, optionally searched; newest first. */
  listScans(day: string | undefined, query: string | undefined, limit = 200): ScanLogEntry[] {
    this.requireCounterOrAdmin();
    const localDay = day ?? localTime(this.now()).localDay;
    const rows = query ? searchScansOfDay(this.db, localDay, query, limit) : listScansOfDay(this.db, localDay, limit);
    return rows.map(toLogEntry);
  }

  /** Who is inside now (last scan today an entry): the evacuation roll call. */
  insideNow(): ScanLogEntry[] {
    this.requireCounterOrAdmin();
    return listInsideOnDay(this.db, localTime(this.now()).localDay).map(toLogEntry);
  }

  /** CSV of a day's recorded scans, or of a context (a sailing's passenger list). Admin only. */
  exportCsv(day: string | undefined, contextLabel: string | undefined): string {
    this.requireAdmin();
    const rows = listScansForExport(this.db, { localDay: contextLabel ? day : (day ?? localTime(this.now()).localDay), contextLabel });
    this.logger.info('kiosk.export', 'CSV exported', { rows: rows.length });
    return toCsv(
      ['time', 'direction', 'kind', 'idNumber', 'fullName', 'birthDate', 'gender', 'address', 'code', 'context'],
      rows.map((row) => ({
        time: new Date(Date.parse(row.scanned_at) + row.utc_offset_min * 60_000).toISOString().slice(0, 19).replace('T', ' '),
        direction: row.direction,
        kind: row.kind,
        idNumber: row.id_number,
        fullName: row.full_name,
        birthDate: row.birth_date,
        gender: row.gender,
        address: row.address,
        code: row.code_text,
        context: row.context_label,
      })),
    );
  }

  /**
   * A visitor with no code, entered by counter staff: recorded like a scan (duplicate window,
   * direction, privacy profile), with source `manual`. The phone stands in for the ID number.
   */
  recordManual(entry: ManualEntryInput): ScanResult {
    this.requireCounterOrAdmin();
    const time = localTime(this.now());
    const key = entry.idNumber ?? entry.phone ?? '';
    const code: DecodedCode = { ...blankCode('other', entry.phone ?? ''), idNumber: entry.idNumber ?? null, fullName: entry.fullName.normalize('NFC') };
    this.countsOf(time.localDay);
    const result = this.recordAccepted(code, `manual:${key.replace(/\s/g, '')}`, { raw: '', source: 'manual', direction: entry.direction }, time);
    this.logger.info('kiosk.recordManual', 'manual entry handled', { outcome: result.outcome });
    this.emit('scan-handled', result);
    return result;
  }

  /** Purges now what retention allows (admin); also done after every upload cycle. */
  purgeExpired(): number {
    this.requireAdmin();
    const purged = this.uploader.purgeExpired();
    this.lastCounts = null;
    return purged;
  }

  /** Today's recorded scans by local hour, for the admin chart. */
  hourlyCounts(): { hour: number; in: number; out: number }[] {
    this.requireCounterOrAdmin();
    const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, in: 0, out: 0 }));
    for (const row of countScansByHour(this.db, localTime(this.now()).localDay)) {
      if (row.direction === 'in' || row.direction === 'out') hours[row.hour][row.direction] += row.n;
    }
    return hours;
  }

  /** What counter staff change during the day (direction, sailing or room) without the PIN. */
  setCounterOptions(options: Pick<SettingsPatch, 'directionMode' | 'contextLabel'>): KioskSettings {
    this.requireCounterOrAdmin();
    return this.updateSettings(options);
  }

  /** The language is the visitor's choice too: no PIN. */
  setLanguage(language: KioskSettings['language']): KioskSettings {
    return this.updateSettings({ language });
  }

  /** Sets the admin PIN; once one exists, the current one is required (and checked with lockout). */
  setAdminPin(newPin: string, currentPin?: string): true {
    this.requireStorage();
    if (this.adminPin.isSet()) this.requirePin(currentPin ?? '');
    this.adminPin.set(newPin);
    this.logger.info('kiosk.adminPin', 'admin PIN set');
    return true;
  }

  /** Leaves the kiosk (maintenance) with the admin PIN. */
  exitKiosk(pin: string): true {
    this.requirePin(pin);
    this.logger.info('kiosk.exit', 'exit requested with the admin PIN');
    this.options.onExitRequested?.();
    return true;
  }

  private requirePin(pin: string): void {
    const check = this.adminPin.check(pin);
    if (check.ok) return;
    this.logger.error('kiosk.adminPin', 'PIN refused', { reason: check.reason });
    const words = { wrong: 'wrong PIN', locked: 'too many wrong PINs; try again later', 'not-set': 'no admin PIN has been set' }[check.reason];
    throw new KioskMethodError(`pin-${check.reason}`, `kiosk.adminPin: ${words}`);
  }

  private recentNotices(): KioskNotice[] {
    const stored = readSetting(this.db, 'notices');
    const dayAgo = this.now().getTime() - 86_400_000;
    return Array.isArray(stored) ? (stored as KioskNotice[]).filter((notice) => Date.parse(notice.at) > dayAgo) : [];
  }

  /** Switches scanner test mode on or off; returns whether it is on. */
  setScannerTest(on: boolean): boolean {
    if (on) this.requireCounterOrAdmin();
    this.scannerTestUntil = on ? this.now().getTime() + SCANNER_TEST_IDLE_MS : 0;
    this.emit('settings-changed', this.settings);
    return on;
  }

  private inScannerTest(): boolean {
    return this.now().getTime() < this.scannerTestUntil;
  }

  /** Records the scan that waited for a direction (`ask` mode) with the operator's choice. */
  chooseDirection(direction: Direction): ScanResult {
    const waiting = this.awaitingDirection;
    if (!waiting) throw new KioskMethodError('invalid-input', 'kiosk.chooseDirection: no scan is waiting for a direction');
    this.awaitingDirection = null;
    return this.submitScan({ ...waiting, direction });
  }

  uploadStatus(): UploadStatus {
    return this.uploader.status();
  }

  sendNow(): Promise<UploadStatus> {
    return this.uploader.sendNow();
  }

  /** Enrolls with the district server; the venue's name becomes this kiosk's venue name. */
  async enroll(code: string, serverUrl = this.options.serverUrl): Promise<UploadStatus> {
    this.requireStorage();
    const credentials = await this.uploader.enroll(code, serverUrl, this.options.deviceName ?? hostname());
    this.updateSettings({ venueName: credentials.venueName });
    return this.uploader.status();
  }

  /** Subscribes to core events; returns the unsubscribe function. */
  subscribe(listener: KioskListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getSettings(): KioskSettings {
    return this.settings;
  }

  getState(): KioskState {
    const time = localTime(this.now());
    return {
      settings: this.settings,
      counts: this.countsOf(time.localDay),
      recent: listScansOfDay(this.db, time.localDay, RECENT_SCANS_SHOWN).map(toLogEntry),
      appVersion: APP_VERSION,
      upload: this.uploader.status(),
      scanners: this.scanners.status(),
      scannerTest: this.inScannerTest(),
      adminPinSet: this.adminPin.isSet(),
      notices: this.recentNotices(),
      adminUnlocked: this.isAdminUnlocked(),
      insideCount: listInsideOnDay(this.db, time.localDay).length,
      storageProblem: this.storage?.problem ?? null,
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

  /**
   * Decodes, applies the venue's policy and records one scan. Answers `recorded` only after the
   * row is committed (WAL, synchronous=FULL).
   */
  submitScan(input: SubmitScanInput): ScanResult {
    return this.handleScan(input, null);
  }

  /**
   * Answers to the self-service health declaration for the scan waiting for them (within a minute).
   * Records the scan with a summary of the answers: `all-no` or `yes:1,3`.
   */
  submitDeclaration(answers: readonly boolean[]): ScanResult {
    const waiting = this.awaitingDeclaration;
    const questions = this.settings.healthQuestions;
    if (!waiting || this.now().getTime() - waiting.at > DECLARATION_WAIT_MS) {
      this.awaitingDeclaration = null;
      throw new KioskMethodError('invalid-input', 'kiosk.declaration: no scan is waiting for a declaration; scan again');
    }
    if (answers.length !== questions.length) throw new KioskMethodError('invalid-input', 'kiosk.declaration: answer every question');
    this.awaitingDeclaration = null;
    const yes = answers.flatMap((answer, index) => (answer ? [index + 1] : []));
    return this.handleScan(waiting.input, yes.length === 0 ? 'all-no' : `yes:${yes.join(',')}`);
  }

  private handleScan(input: SubmitScanInput, declaration: string | null): ScanResult {
    const time = localTime(this.now());
    const code = decodeCode(input.raw, { today: time.localDay, layoutSuspected: input.layoutSuspected });
    if (this.inScannerTest()) return this.diagnose(code, input, time);
    const acceptance = decideAcceptance(code, this.settings);
    // Load the day's counts before writing, so the cached counts never include a row twice.
    this.countsOf(time.localDay);
    const result = acceptance.accepted
      ? this.recordAccepted(code, acceptance.identity, input, time, declaration)
      : this.recordRefused(code, acceptance.reason, input, time);
    this.logger.info('kiosk.submitScan', 'scan handled', {
      outcome: result.outcome,
      kind: result.kind,
      reason: result.reason,
      source: input.source,
      problems: result.problems.join(','),
    });
    this.awaitingDirection = result.outcome === 'needs-direction' ? input : null;
    this.awaitingDeclaration = result.outcome === 'needs-declaration' ? { input, at: this.now().getTime() } : null;
    this.emit('scan-handled', result);
    return result;
  }

  /** Stops in order: the uploader (with a last quick flush), then the database. */
  async close(): Promise<void> {
    if (!this.db.open) return;
    this.stopStorageRetry();
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    if (this.statusSoon) clearImmediate(this.statusSoon);
    await this.scanners.stop();
    await this.uploader.stop();
    this.listeners.clear();
    if (this.db.open) this.db.close();
  }

  /** Self-service with health questions: a scan from a visitor's own card waits for the answers. */
  private needsDeclaration(input: SubmitScanInput, declaration: string | null): boolean {
    return declaration === null && input.source !== 'manual' && this.settings.kioskMode === 'self-service' && this.settings.healthQuestions.length > 0;
  }

  private recordAccepted(code: DecodedCode, identity: string, input: SubmitScanInput, time: LocalTime, declaration: string | null = null): ScanResult {
    const subjectKey = createHmac('sha256', this.subjectSalt).update(identity).digest('hex').slice(0, 32);
    const base = this.resultBase(code, time, input.source);
    if (this.storage?.standIn) return this.notRecorded(base, this.storage.problem);
    try {
      const result = this.db.transaction((): ScanResult => {
        const previous = findLatestRecordedScanOfSubject(this.db, subjectKey);
        if (previous && this.isWithinDuplicateWindow(previous, time)) {
          return { ...base, outcome: 'duplicate', scanId: previous.id, direction: previous.direction, counts: this.countsOf(time.localDay) };
        }
        const direction = this.decideDirection(input.direction, previous, time);
        if (direction === null) return { ...base, outcome: 'needs-direction', counts: this.countsOf(time.localDay) };
        if (this.needsDeclaration(input, declaration)) return { ...base, outcome: 'needs-declaration', direction, counts: this.countsOf(time.localDay) };
        const fields = keptFields(code, this.settings.privacyProfile);
        const id = uuidv7();
        insertScan(this.db, {
          id,
          scanned_at: time.iso,
          utc_offset_min: time.offsetMinutes,
          local_day: time.localDay,
          direction,
          source: input.source,
          kind: code.kind,
          outcome: 'recorded',
          reason: null,
          problems: code.problems.join(','),
          recovered: code.recovered ? 1 : 0,
          subject_key: subjectKey,
          id_number: fields.idNumber,
          full_name: fields.fullName,
          birth_date: fields.birthDate,
          gender: fields.gender,
          address: fields.address,
          code_text: fields.codeText,
          context_label: this.settings.contextLabel,
          declaration,
        });
        return { ...base, outcome: 'recorded', scanId: id, direction, declaredYes: declaration?.startsWith('yes') === true };
      })();
      if (result.outcome !== 'recorded') return result;
      this.rowWritten(time.iso);
      if (this.storage) this.setStorage(null);
      // Counted only after the commit succeeded.
      return { ...result, counts: this.countWritten(time.localDay, 'recorded', result.direction) };
    } catch (error) {
      this.logger.error('kiosk.recordAccepted', 'could not record a scan', { error: errorMessage(error) });
      const problem = storageProblemOf(error, this.options.dataDir) ?? 'unavailable';
      this.setStorage({ problem, standIn: false });
      return this.notRecorded(base, problem);
    }
  }

  /** Test mode: what arrived and what the decoder made of it; nothing is written. */
  private diagnose(code: DecodedCode, input: SubmitScanInput, time: LocalTime): ScanResult {
    this.scannerTestUntil = this.now().getTime() + SCANNER_TEST_IDLE_MS;
    const acceptance = decideAcceptance(code, this.settings);
    const characters = [...input.raw].slice(0, 200).map((ch) => {
      const point = ch.codePointAt(0) ?? 0;
      const shown = point < 0x20 || (point >= 0x7f && point < 0xa0) ? '' : ` ${ch}`;
      return `U+${point.toString(16).toUpperCase().padStart(4, '0')}${shown}`;
    });
    const result: ScanResult = {
      ...this.resultBase(code, time, input.source),
      outcome: 'tested',
      reason: acceptance.accepted ? null : acceptance.reason,
      counts: this.countsOf(time.localDay),
      diagnosis: { length: [...input.raw].length, characters, layoutSuspected: input.layoutSuspected === true },
    };
    this.emit('scan-handled', result);
    return result;
  }

  /** Refusals are logged as rows without any personal field, so the venue sees them in its log. */
  private recordRefused(code: DecodedCode, reason: RefusalReason, input: SubmitScanInput, time: LocalTime): ScanResult {
    const base = { ...this.resultBase(code, time, input.source), displayName: null, maskedId: null, reason };
    if (this.storage?.standIn) return { ...base, outcome: 'refused', counts: emptyCounts(time.localDay) };
    try {
      const id = uuidv7();
      insertScan(this.db, {
        id,
        scanned_at: time.iso,
        utc_offset_min: time.offsetMinutes,
        local_day: time.localDay,
        direction: null,
        source: input.source,
        kind: code.kind,
        outcome: 'refused',
        reason,
        problems: code.problems.join(','),
        recovered: 0,
        subject_key: null,
        id_number: null,
        full_name: null,
        birth_date: null,
        gender: null,
        address: null,
        code_text: null,
        context_label: this.settings.contextLabel,
        declaration: null,
      });
      this.rowWritten(time.iso);
      return { ...base, outcome: 'refused', scanId: id, counts: this.countWritten(time.localDay, 'refused', null) };
    } catch (error) {
      // The refusal itself is what the person must see; a failed log row must not hide it.
      this.logger.error('kiosk.recordRefused', 'could not log a refused scan', { error: errorMessage(error) });
      return { ...base, outcome: 'refused', counts: this.lastCounts ?? emptyCounts(time.localDay) };
    }
  }

  /**
   * After each committed row: the uploader counts it, and a WAL checkpoint is planned for the
   * first quiet second, so the page copying never falls on a visitor's scan.
   */
  private rowWritten(scannedAt: string): void {
    this.uploader.noteRowWritten(scannedAt);
    // The screens' "not sent yet" count follows each row, after the scan's own answer.
    if (!this.statusSoon) {
      this.statusSoon = setImmediate(() => {
        this.statusSoon = null;
        if (this.db.open) this.emit('upload-status-changed', this.uploader.status());
      });
    }
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = null;
      try {
        if (this.db.open) this.db.pragma('wal_checkpoint(PASSIVE)');
      } catch (error) {
        this.logger.error('kiosk.checkpoint', 'WAL checkpoint failed', { error: errorMessage(error) });
      }
    }, QUIET_CHECKPOINT_MS);
    this.checkpointTimer.unref();
  }

  /** Never green: the scan is not on disk, and the card says why. */
  private notRecorded(base: ScanResult, problem: StorageProblem): ScanResult {
    const reason = ({ 'read-only': 'store-read-only', full: 'store-full', unavailable: 'store-failed' } as const)[problem];
    return { ...base, outcome: 'failed', scanId: null, direction: null, reason, counts: this.lastCounts ?? emptyCounts(base.counts.day) };
  }

  private resultBase(code: DecodedCode, time: LocalTime, source: SubmitScanInput['source']): ScanResult {
    return {
      outcome: 'refused',
      source,
      scanId: null,
      kind: code.kind,
      direction: null,
      reason: null,
      problems: code.problems,
      recovered: code.recovered,
      displayName: code.fullName,
      maskedId: code.idNumber ? maskIdNumber(code.idNumber) : null,
      at: time.iso,
      contextLabel: this.settings.contextLabel,
      counts: emptyCounts(time.localDay),
    };
  }

  private isWithinDuplicateWindow(previous: ScanRow, time: LocalTime): boolean {
    const elapsedMs = Math.abs(Date.parse(time.iso) - Date.parse(previous.scanned_at));
    return elapsedMs < this.settings.duplicateWindowSeconds * 1000;
  }

  /** The direction of this scan, or null when the operator must be asked. */
  private decideDirection(requested: Direction | undefined, previous: ScanRow | undefined, time: LocalTime): Direction | null {
    if (requested) return requested;
    const mode = this.settings.directionMode;
    switch (mode) {
      case 'in':
      case 'out':
        return mode;
      case 'ask':
        return null;
      case 'auto':
        // Alternates per person per day: the first scan of the day is an entry.
        return previous && previous.local_day === time.localDay && previous.direction === 'in' ? 'out' : 'in';
      default: {
        const exhaustive: never = mode;
        throw new Error(`kiosk: unknown direction mode ${String(exhaustive)}`);
      }
    }
  }

  /**
   * Today's counts: read from the database once per day, then kept up to date as rows are written
   * (this process is the only writer), so a scan does not recount the whole day.
   */
  private countsOf(localDay: string): DayCounts {
    if (this.lastCounts?.day !== localDay) {
      const row = countScansOfDay(this.db, localDay);
      this.lastCounts = { day: localDay, in: row.recordedIn, out: row.recordedOut, refused: row.refused };
    }
    return this.lastCounts;
  }

  private countWritten(localDay: string, outcome: 'recorded' | 'refused', direction: Direction | null): DayCounts {
    const counts = this.countsOf(localDay);
    this.lastCounts = {
      ...counts,
      in: counts.in + (outcome === 'recorded' && direction === 'in' ? 1 : 0),
      out: counts.out + (outcome === 'recorded' && direction === 'out' ? 1 : 0),
      refused: counts.refused + (outcome === 'refused' ? 1 : 0),
    };
    return this.lastCounts;
  }

  private emit<E extends KioskEventName>(event: E, payload: KioskEventPayloads[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        this.logger.error('kiosk.emit', 'event listener failed', { event, error: errorMessage(error) });
      }
    }
  }
}

function emptyCounts(day: string): DayCounts {
  return { day, in: 0, out: 0, refused: 0 };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function toLogEntry(row: ScanRow): ScanLogEntry {
  return {
    scanId: row.id,
    at: row.scanned_at,
    outcome: row.outcome,
    direction: row.direction,
    kind: row.kind as ScanLogEntry['kind'],
    reason: row.reason as RefusalReason | null,
    displayName: row.full_name,
    maskedId: row.id_number ? maskIdNumber(row.id_number) : null,
    contextLabel: row.context_label,
  };
}
