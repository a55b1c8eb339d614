/**
 * Retention on the kiosk: scans older than the venue's retention period are deleted once the
 * district has them. A kiosk never enrolled has no district copy to wait for, so retention applies
 * to every row there; an enrolled kiosk, or one set up offline from a setup sheet, keeps unsent rows
 * (and shows how many are past retention).
 */
import type { Logger } from './log';
import type { DayCounter } from './scan/DayCounter';
import type { StorageGuard } from './StorageGuard';
import type { SqliteDatabase } from './store/openDatabase';
import { purgeSailingsBefore } from './store/sailingQueries';
import { readRawSetting } from './store/settingsStore';
import { purgeUploadedScansBefore, readUploadCursor } from './store/uploadQueries';
import type { ScanUploader } from './upload/ScanUploader';

/** ISO instant before which scans are past retention. */
export function retentionCutoff(now: Date, retentionDays: number): string {
  return new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
}

/** Deletes the rows retention allows; answers how many (0 when the disk refuses, logged). */
export function purgeExpiredScans(db: SqliteDatabase, cutoff: string, logger: Logger): number {
  try {
    // Credentials kept but unreadable still mean a district that waits for these rows: keep them.
    // A kiosk set up offline from a setup sheet has a district waiting too (by USB or when online).
    const enrolled =
      readRawSetting(db, 'district-device') !== undefined || readRawSetting(db, 'offline-setup') !== undefined;
    const uploadedThrough = enrolled ? readUploadCursor(db) : Number.MAX_SAFE_INTEGER;
    const purged = purgeUploadedScansBefore(db, uploadedThrough, cutoff);
    if (purged > 0) logger.info('kiosk.purge', 'purged scans past retention', { purged });
    // A sailing goes with the last of its scans: its manifest can be reprinted as long as they are kept.
    const sailings = purgeSailingsBefore(db, cutoff);
    if (sailings > 0) logger.info('kiosk.purge', 'purged sailings past retention', { sailings });
    return purged;
  } catch (error) {
    logger.error('kiosk.purge', 'purge failed', { error: error instanceof Error ? error.message : String(error) });
    return 0;
  }
}

export interface RetentionPurgeOptions {
  /** The kiosk's current database (it changes when a stand-in is replaced by the real file). */
  readonly db: () => SqliteDatabase;
  readonly now: () => Date;
  readonly logger: Logger;
  readonly retentionDays: () => number;
  /** Nothing is purged from the stand-in (it holds nothing). */
  readonly storage: Pick<StorageGuard, 'standIn'>;
  /** Today's counts are read again after rows went. */
  readonly counter: Pick<DayCounter, 'forget'>;
  /** The kiosk's current uploader: its pending summary is read again after rows went. */
  readonly uploader: () => Pick<ScanUploader, 'noteRowsPurged'>;
}

/** Purges on demand (admin) and after every upload cycle; see {@link purgeExpiredScans}. */
export class RetentionPurge {
  constructor(private readonly options: RetentionPurgeOptions) {}

  /** The instant before which scans are past retention now. */
  cutoff(): string {
    return retentionCutoff(this.options.now(), this.options.retentionDays());
  }

  /** Purges now what retention allows; answers how many rows went. */
  purgeExpired(): number {
    if (this.options.storage.standIn) return 0;
    const purged = purgeExpiredScans(this.options.db(), this.cutoff(), this.options.logger);
    if (purged > 0) {
      this.options.counter.forget();
      this.options.uploader().noteRowsPurged();
    }
    return purged;
  }
}
