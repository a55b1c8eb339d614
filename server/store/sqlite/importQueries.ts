/** The import audit on SQLite (`topics/importTopic.ts`). Times are epoch ms here. */
import type { ScanImportEntry } from '../../../shared/scanImport';
import { scanImportFromRow, type ScanImportDbRow } from '../rowMappers';
import type { NewScanImport, ScanImportEnd } from '../topics/importTopic';
import { prepared, type SqliteDatabase } from './preparedStatements';

export function recordScanImport(db: SqliteDatabase, e: NewScanImport): number {
  const result = prepared(
    db,
    `INSERT INTO scan_imports (imported_at, actor, device_id, device_name, venue_id, venue_name, file_bytes, file_scans, seq_from, seq_to, outcome)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    Date.parse(e.importedAt),
    e.actor,
    e.deviceId,
    e.deviceName,
    e.venueId,
    e.venueName,
    e.fileBytes,
    e.fileScans,
    e.seqFrom,
    e.seqTo,
    e.outcome,
  );
  return Number(result.lastInsertRowid);
}

export function finishScanImport(db: SqliteDatabase, id: number, end: ScanImportEnd): void {
  prepared(
    db,
    'UPDATE scan_imports SET outcome = ?, accepted = ?, duplicate = ?, rejected = ?, receipt_seq = ? WHERE id = ?',
  ).run(end.outcome, end.counts.accepted, end.counts.duplicate, end.counts.rejected, end.receiptSeq, id);
}

export function listScanImports(db: SqliteDatabase, limit: number, beforeId?: number): ScanImportEntry[] {
  return (
    prepared(db, 'SELECT * FROM scan_imports WHERE id < ? ORDER BY id DESC LIMIT ?').all(
      beforeId ?? Number.MAX_SAFE_INTEGER,
      limit,
    ) as ScanImportDbRow[]
  ).map(scanImportFromRow);
}
