/**
 * The state every screen loads (`getState`): gathered from the parts that hold each piece, never
 * kept apart from them, so it cannot go stale.
 */
import type { KioskNotice, KioskState } from '../../shared/kioskStatus';
import type { KioskParts } from './KioskParts';
import { localTime } from './localTime';
import type { DayCounter } from './scan/DayCounter';
import type { ScannerSupervisor } from './scanners/ScannerSupervisor';
import { RECENT_SCANS_SHOWN } from './ScanLog';
import type { StorageGuard } from './StorageGuard';
import type { SqliteDatabase } from './store/openDatabase';
import { countLettersLostOfDay } from './store/scanQueries';
import { readSetting } from './store/settingsStore';

/** How long a notice to staff stays on screen, ms. */
const NOTICE_SHOWN_MS = 86_400_000;

export interface KioskStateReaderOptions {
  readonly appVersion: string;
  readonly now: () => Date;
  /** The kiosk's current database (it changes when a stand-in is replaced by the real file). */
  readonly db: () => SqliteDatabase;
  readonly counter: DayCounter;
  readonly scanners: ScannerSupervisor;
  /** Why scans cannot be recorded now, if they cannot. */
  readonly storage: Pick<StorageGuard, 'problem'>;
  /** The parts whose pieces the state gathers (read at each call: the uploader can be replaced). */
  readonly parts: () => Omit<KioskParts, 'state'>;
}

export class KioskStateReader {
  constructor(private readonly options: KioskStateReaderOptions) {}

  /** The whole state, as of now. */
  read(): KioskState {
    const { options } = this;
    const {
      settings: settingsKeeper,
      log,
      uploader,
      pipeline,
      admin,
      corrections,
      enrollment,
      sailings,
    } = options.parts();
    const sailing = sailings.current();
    const settings = settingsKeeper.get();
    const { localDay } = localTime(options.now());
    return {
      settings,
      counts: options.counter.of(localDay),
      recent: log.list(localDay, undefined, RECENT_SCANS_SHOWN),
      appVersion: options.appVersion,
      upload: uploader.status(),
      scanners: options.scanners.status(),
      scannerTest: pipeline.inScannerTest(),
      adminPinSet: admin.isPinSet(),
      adminPinSetBy: admin.pinSetBy(),
      notices: this.recentNotices(),
      adminUnlocked: admin.isUnlocked(),
      insideCount: log.insideNow().length,
      storageProblem: options.storage.problem,
      lettersLostToday: countLettersLostOfDay(options.db(), localDay),
      correctable: corrections.correctableEntry(),
      contextCount: sailing ? sailing.onBoard : log.onBoardCount(settings.contextLabel),
      deviceName: enrollment.defaultDeviceName(),
      sailing,
    };
  }

  private recentNotices(): KioskNotice[] {
    const since = this.options.now().getTime() - NOTICE_SHOWN_MS;
    return (readSetting(this.options.db(), 'notices') ?? []).filter((notice) => Date.parse(notice.at) > since);
  }
}
