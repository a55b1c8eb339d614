/** SQL for the uploader: pending rows past the acknowledged cursor, the cursor, rejections, purge. */
import { prepared, type SqliteDatabase } from './preparedStatements';
import type { ScanRow } from './scanQueries';
import { readSetting, writeSetting } from './settingsStore';

/** Highest `seq` the district server has answered for (every row at or below it). */
export function readUploadCursor(db: SqliteDatabase): number {
  return readSetting(db, 'upload-cursor') ?? 0;
}

export function writeUploadCursor(db: SqliteDatabase, seq: number): void {
  writeSetting(db, 'upload-cursor', seq);
}

export function listScansAfter(db: SqliteDatabase, afterSeq: number, limit: number): ScanRow[] {
  return prepared(db, 'SELECT * FROM scans WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit) as ScanRow[];
}

export interface PendingSummary {
  readonly count: number;
  readonly oldest: string | null;
  readonly olderThanCutoff: number;
}

export function summarisePending(db: SqliteDatabase, afterSeq: number, cutoff: string): PendingSummary {
  return prepared(db, 'SELECT COUNT(*) AS count, MIN(scanned_at) AS oldest, COALESCE(SUM(scanned_at < ?), 0) AS olderThanCutoff FROM scans WHERE seq > ?')
    .get(cutoff, afterSeq) as PendingSummary;
}

export function insertRejection(db: SqliteDatabase, scanId: string, seq: number, reason: string, at: string): void {
  prepared(db, 'INSERT INTO upload_rejections (scan_id, seq, reason, rejected_at) VALUES (?, ?, ?, ?) ON CONFLICT (scan_id) DO UPDATE SET reason = excluded.reason').run(scanId, seq, reason, at);
}

export function countRejections(db: SqliteDatabase): number {
  return (prepared(db, 'SELECT COUNT(*) AS n FROM upload_rejections').get() as { n: number }).n;
}

/** Deletes rows at or below `uploadedThroughSeq` whose device time is before `cutoff`. */
export function purgeUploadedScansBefore(db: SqliteDatabase, uploadedThroughSeq: number, cutoff: string): number {
  return prepared(db, 'DELETE FROM scans WHERE seq <= ? AND scanned_at < ?').run(uploadedThroughSeq, cutoff).changes;
}
