/**
 * The kiosk core's facade and composition root: it opens the database, builds the parts that do the
 * work (see {@link KioskParts}; dispatch reaches them there), owns the events, and starts and stops
 * the parts in order. Plain Node; never imports 'electron'. Access and input are checked before a
 * call reaches a part (see `dispatchKioskCall`).
 */
import type { KioskEvent, KioskEventName, KioskEventPayloads } from '../../shared/contract';
import { AdminSession } from './AdminSession';
import { KioskEvents } from './KioskEvents';
import type { KioskOptions } from './KioskOptions';
import type { KioskParts } from './KioskParts';
import { KioskStateReader } from './KioskStateReader';
import { stderrLogger, type Logger } from './log';
import { RetentionPurge } from './RetentionPurge';
import type { BoardingTarget } from './sailing/boardingCheck';
import { SailingDesk } from './sailing/SailingDesk';
import { DayCounter } from './scan/DayCounter';
import { ScanCorrections } from './scan/ScanCorrections';
import { ScanPipeline } from './scan/ScanPipeline';
import { ScanRecorder } from './scan/ScanRecorder';
import { ScannerSupervisor } from './scanners/ScannerSupervisor';
import { GuestRegister } from './GuestRegister';
import { ScanLog } from './ScanLog';
import { SettingsKeeper } from './SettingsKeeper';
import { StorageGuard, type StorageTrouble } from './StorageGuard';
import { storageProblemOf, type SqliteDatabase } from './store/openDatabase';
import { openKioskDatabaseFreeingSpace, openKioskStandIn } from './store/openKioskDatabase';
import { writeSetting } from './store/settingsStore';
import { keepDiskReserve } from './store/DiskReserve';
import { DistrictEnrollment } from './upload/DistrictEnrollment';
import { ScanUploader } from './upload/ScanUploader';
import { VenueQrSource } from './venueQr';
import { WriteFollowUp } from './WriteFollowUp';
import { dataFolderDestination, UsbHandover } from './handover/UsbHandover';

export { DATABASE_FILE } from './store/openKioskDatabase';
export { ADMIN_SESSION_MS } from './AdminSession';
export { DECLARATION_WAIT_MS, SCANNER_TEST_IDLE_MS } from './scan/ScanPipeline';
export type { KioskParts } from './KioskParts';
export type { KioskOptions } from './KioskOptions';

/** The kiosk's version, shown on screen and sent with every upload. */
export const APP_VERSION = '0.1.0';

export class Kiosk {
  /** The parts that do the work, but the uploader (it is replaced with the database). */
  private readonly working: Omit<KioskParts, 'uploader'>;
  private db: SqliteDatabase;
  private uploader: ScanUploader;
  private started = false;
  private readonly now: () => Date;
  private readonly logger: Logger;
  private readonly events: KioskEvents;
  private readonly storage: StorageGuard;
  private readonly settings: SettingsKeeper;
  private readonly retention: RetentionPurge;
  private readonly writes: WriteFollowUp;
  private readonly scanners: ScannerSupervisor;
  private readonly handover: UsbHandover;

  private constructor(
    db: SqliteDatabase,
    trouble: StorageTrouble | null,
    private readonly options: KioskOptions,
  ) {
    const now = (this.now = options.now ?? (() => new Date()));
    const logger = (this.logger = options.logger ?? stderrLogger);
    this.events = new KioskEvents(logger);
    this.db = db;
    const currentDb = () => this.db;
    const currentUploader = () => this.uploader;
    // What most parts are given: the current database, the clock, the log.
    const base = { db: currentDb, now, logger };
    const storage = (this.storage = new StorageGuard(
      {
        dataDir: options.dataDir,
        logger,
        retryMs: options.storageRetryMs,
        reopen: () => this.replaceStandIn(openKioskDatabaseFreeingSpace(options.dataDir, now, logger)),
        probe: () => {
          if (this.storage.problem === 'full') this.writes.freeSpace();
          writeSetting(this.db, 'storage-checked-at', now().toISOString());
        },
        onChange: (problem) => {
          if (problem === null) keepDiskReserve(options.dataDir);
          this.emit('storage-changed', problem);
        },
      },
      trouble,
    ));
    const admin = new AdminSession({
      db: currentDb,
      now: () => now().getTime(),
      logger,
      settings: () => this.settings.get(),
      storage,
      changed: () => this.emit('settings-changed', this.settings.get()),
      onExitRequested: options.onExitRequested,
    });
    const settingsKeeper = (this.settings = new SettingsKeeper({
      db: currentDb,
      storage,
      isPinSet: () => admin.isPinSet(),
      changed: (next) => {
        if (this.started) this.scanners.apply(next);
        this.emit('settings-changed', next);
      },
    }));
    const settings = () => settingsKeeper.get();
    const counter = new DayCounter(currentDb);
    const writes = (this.writes = new WriteFollowUp({
      dataDir: options.dataDir,
      db: currentDb,
      uploader: currentUploader,
      logger,
      checkpointTiming: options.checkpointTiming,
      uploadStatusChanged: (status) => this.emit('upload-status-changed', status),
    }));
    const rowWritten = (at: string) => writes.rowWritten(at);
    const enrollment = new DistrictEnrollment({
      db: currentDb,
      uploader: currentUploader,
      settings: settingsKeeper,
      storage,
      serverUrl: options.serverUrl,
      deviceName: options.deviceName,
    });
    const sailings = new SailingDesk({
      ...base,
      storage,
      retentionCutoff: () => this.retention.cutoff(),
      changed: () => this.emit('settings-changed', settings()),
    });
    // A port's current sailing; elsewhere a free context label with the seats typed beside it. A
    // port's free label left from before sailings is ignored: its screen no longer shows it to clear.
    const boardingTarget = (): BoardingTarget | null => {
      const sailing = sailings.forScan();
      if (sailing) return { kind: 'sailing', ...sailing };
      if (enrollment.venueType() === 'port') return null;
      const { contextLabel, sailingCapacity } = settings();
      // A hotel's room has no seats (a capacity left from another use of the kiosk must not refuse guests).
      const seats = enrollment.venueType() === 'hotel' ? null : sailingCapacity;
      return contextLabel ? { kind: 'label', label: contextLabel, seats } : null;
    };
    const recorder = new ScanRecorder({
      ...base,
      settings,
      storage,
      counter,
      rowWritten,
      freeSpace: () => writes.freeSpace(),
      boardingTarget,
      roomPerGuest: () => enrollment.venueType() === 'hotel',
      roomTaken: () => settingsKeeper.update({ contextLabel: null }),
    });
    const announce = (result: KioskEventPayloads['scan-handled']) => this.emit('scan-handled', result);
    const pipeline = new ScanPipeline({
      ...base,
      settings,
      recorder,
      counter,
      announce,
      scannerTestChanged: () => this.emit('settings-changed', settings()),
      venueType: () => enrollment.venueType(),
    });
    const log = new ScanLog({ ...base, settings, venueType: () => enrollment.venueType() });
    const corrections = new ScanCorrections({ ...base, storage, counter, rowWritten, announce });
    this.scanners = new ScannerSupervisor({
      logger,
      hidSeam: options.hidSeam,
      submit: (input) => pipeline.submit(input),
    });
    this.retention = new RetentionPurge({
      ...base,
      retentionDays: () => settings().retentionDays,
      storage,
      counter,
      uploader: currentUploader,
    });
    this.uploader = this.newUploader();
    const state = new KioskStateReader({
      ...base,
      appVersion: APP_VERSION,
      counter,
      scanners: this.scanners,
      storage,
      parts: () => this.parts,
    });
    const venueQr = new VenueQrSource(
      () => settings().venueQrText,
      () => enrollment.venueCode(),
    );
    const handover = (this.handover = new UsbHandover({
      ...base,
      uploader: currentUploader,
      storage,
      destination: options.scanFileDestination ?? dataFolderDestination(options.dataDir),
      defaultDeviceName: () => enrollment.defaultDeviceName(),
      progress: (progress) => this.emit('export-progress', progress),
    }));
    const { retention } = this;
    this.working = {
      state,
      settings: settingsKeeper,
      pipeline,
      corrections,
      log,
      admin,
      enrollment,
      retention,
      venueQr,
      sailings,
      guests: new GuestRegister({ ...base, settings }),
      handover,
    };
  }

  /**
   * The parts that do the work; dispatch and tests reach them here. Read anew for each use: the
   * uploader is replaced when the real database replaces the stand-in.
   */
  get parts(): KioskParts {
    return { ...this.working, uploader: this.uploader };
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
      kiosk.parts.settings.update(options.settingsOverride);
    return kiosk;
  }

  private newUploader(): ScanUploader {
    const { options } = this;
    return new ScanUploader({
      db: this.db,
      logger: this.logger,
      now: this.now,
      appVersion: APP_VERSION,
      intervalMs: options.uploadIntervalMs,
      ...options.uploaderTuning,
      retentionCutoff: () => this.retention.cutoff(),
      onStatus: (status) => this.emit('upload-status-changed', status),
      afterCycle: () => this.retention.purgeExpired(),
    });
  }

  /** The real database opened in place of the stand-in: everything reads from it from now on. */
  private replaceStandIn(db: SqliteDatabase): void {
    // The stand-in's uploader was never started: nothing to stop.
    const standIn = this.db;
    this.db = db;
    const settings = this.settings.reload();
    this.uploader = this.newUploader();
    standIn.close();
    if (this.started) {
      this.uploader.start();
      this.scanners.apply(settings);
    }
    this.emit('settings-changed', settings);
  }

  /** Starts background work: the storage retry, scanner drivers, then the uploader. */
  start(): void {
    this.started = true;
    if (!this.storage.standIn) keepDiskReserve(this.options.dataDir);
    this.storage.start();
    this.scanners.apply(this.settings.get());
    if (!this.storage.standIn) {
      this.makeDeviceKey();
      this.uploader.start();
    }
  }

  /** The device key is made at first start (a disk that refuses it: made at the next use instead). */
  private makeDeviceKey(): void {
    try {
      this.handover.ensureKey();
    } catch (error) {
      this.logger.error('kiosk.start', 'device key not made yet', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Stops in order: scanners, the uploader (with a last quick flush), then the database. */
  async close(): Promise<void> {
    if (!this.db.open) return;
    this.storage.stop();
    this.writes.stop();
    await this.scanners.stop();
    await this.uploader.stop();
    this.events.clear();
    if (this.db.open) this.db.close();
  }

  /** Subscribes to core events; returns the unsubscribe function. */
  subscribe(listener: (event: KioskEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  private emit<E extends KioskEventName>(name: E, payload: KioskEventPayloads[E]): void {
    this.events.emit(name, payload);
  }
}
