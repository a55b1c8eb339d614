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

/**
 * Each scan after `afterSeq` as the district receives it (`toUploadedScan`, then JSON), made by
 * SQLite's json_object: one string a row instead of eighteen values and an object (better-sqlite3
 * makes an object a row at about 9 µs here; the JSON text costs SQLite a fraction of that). Problems
 * are codes (`PROBLEM_CODES`), joined by commas; `voidsScanId` only on corrections, `sailing` only on
 * scans made for a sailing (the sailing's scheduled departure read from its row). Rows are
 * `[seq, id, json]`.
 */
const UPLOAD_JSON_SQL = `
  SELECT seq, id, CASE WHEN sailing IS NULL THEN k ELSE json_insert(k, '$.sailing', json(sailing)) END FROM (
  SELECT seq, id, sailing, CASE WHEN voids IS NULL THEN j ELSE json_insert(j, '$.voidsScanId', voids) END AS k FROM (
    SELECT s.seq, s.id, s.voids,
      CASE WHEN g.id IS NOT NULL THEN json_object('id', g.id, 'departsAt', g.departs_at,
        'boarded', json(CASE WHEN s.direction = 'in' AND s.boarded IS NOT 0 THEN 'true' ELSE 'false' END)) END AS sailing,
      json_object(
      'id', s.id, 'seq', s.seq, 'scannedAt', s.scanned_at, 'utcOffsetMin', s.utc_offset_min, 'direction', s.direction, 'source', s.source, 'kind', s.kind,
      'outcome', s.outcome, 'reason', s.reason,
      'problems', CASE s.problems WHEN '' THEN json_array() ELSE json('["' || replace(replace(replace(s.problems, '\\', '\\\\'), '"', '\\"'), ',', '","') || '"]') END,
      'idNumber', s.id_number, 'fullName', s.full_name, 'birthDate', s.birth_date, 'gender', CASE WHEN s.gender IN ('male', 'female') THEN s.gender END,
      'address', s.address, 'codeText', s.code_text, 'contextLabel', s.context_label) AS j
    FROM scans s LEFT JOIN sailings g ON g.id = s.sailing_id WHERE s.seq > ? ORDER BY s.seq LIMIT ?))`;

export function listUploadJsonAfter(db: SqliteDatabase, afterSeq: number, limit: number): [number, string, string][] {
  return prepared(db, UPLOAD_JSON_SQL).raw().all(afterSeq, limit) as [number, string, string][];
}

export interface PendingSummary {
  readonly count: number;
  readonly oldest: string | null;
  readonly olderThanCutoff: number;
}

export function summarisePending(db: SqliteDatabase, afterSeq: number, cutoff: string): PendingSummary {
  return prepared(
    db,
    'SELECT COUNT(*) AS count, MIN(scanned_at) AS oldest, COALESCE(SUM(scanned_at < ?), 0) AS olderThanCutoff FROM scans WHERE seq > ?',
  ).get(cutoff, afterSeq) as PendingSummary;
}

/** The highest `seq` written, or 0 for an empty table. */
export function readHighestSeq(db: SqliteDatabase): number {
  return (prepared(db, 'SELECT COALESCE(MAX(seq), 0) AS seq FROM scans').get() as { seq: number }).seq;
}

/** Rows still on this kiosk with `afterSeq` < seq <= `throughSeq`. */
export function countScansInSeqRange(db: SqliteDatabase, afterSeq: number, throughSeq: number): number {
  return (
    prepared(db, 'SELECT COUNT(*) AS n FROM scans WHERE seq > ? AND seq <= ?').get(afterSeq, throughSeq) as {
      n: number;
    }
  ).n;
}

export function insertRejection(db: SqliteDatabase, scanId: string, seq: number, reason: string, at: string): void {
  prepared(
    db,
    'INSERT INTO upload_rejections (scan_id, seq, reason, rejected_at) VALUES (?, ?, ?, ?) ON CONFLICT (scan_id) DO UPDATE SET reason = excluded.reason',
  ).run(scanId, seq, reason, at);
}

export function countRejections(db: SqliteDatabase): number {
  return (prepared(db, 'SELECT COUNT(*) AS n FROM upload_rejections').get() as { n: number }).n;
}

/** Deletes rows at or below `uploadedThroughSeq` whose device time is before `cutoff`. */
export function purgeUploadedScansBefore(db: SqliteDatabase, uploadedThroughSeq: number, cutoff: string): number {
  return prepared(db, 'DELETE FROM scans WHERE seq <= ? AND scanned_at < ?').run(uploadedThroughSeq, cutoff).changes;
}
