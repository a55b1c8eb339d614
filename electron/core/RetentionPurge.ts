/**
 * Retention on the kiosk: scans older than the venue's retention period are deleted once the
 * district has them. A kiosk never enrolled has no district copy to wait for, so retention applies
 * to every row there; an enrolled kiosk keeps unsent rows (and shows how many are past retention).
 */
import type { Logger } from './log';
import type { SqliteDatabase } from './store/openDatabase';
import { readRawSetting } from './store/settingsStore';
import { purgeUploadedScansBefore, readUploadCursor } from './store/uploadQueries';

/** ISO instant before which scans are past retention. */
export function retentionCutoff(now: Date, retentionDays: number): string {
  return new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
}

/** Deletes the rows retention allows; answers how many (0 when the disk refuses, logged). */
export function purgeExpiredScans(db: SqliteDatabase, cutoff: string, logger: Logger): number {
  try {
    // Credentials kept but unreadable still mean a district that waits for these rows: keep them.
    const enrolled = readRawSetting(db, 'district-device') !== undefined;
    const uploadedThrough = enrolled ? readUploadCursor(db) : Number.MAX_SAFE_INTEGER;
    const purged = purgeUploadedScansBefore(db, uploadedThrough, cutoff);
    if (purged > 0) logger.info('kiosk.purge', 'purged scans past retention', { purged });
    return purged;
  } catch (error) {
    logger.error('kiosk.purge', 'purge failed', { error: error instanceof Error ? error.message : String(error) });
    return 0;
  }
}
