/** The import audit on PostgreSQL (`topics/importTopic.ts`). */
import type { ScanImportEntry } from '../../../shared/scanImport';
import { scanImportFromRow } from '../rowMappers';
import type { NewScanImport, ScanImportEnd } from '../topics/importTopic';
import type { PostgresDb } from './connection';

export async function recordScanImport(db: PostgresDb, e: NewScanImport): Promise<number> {
  const { rows } = await db.pool.query(
    `INSERT INTO scan_imports (imported_at, actor, device_id, device_name, venue_id, venue_name, file_bytes, file_scans, seq_from, seq_to, outcome)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      e.importedAt,
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
    ],
  );
  return Number(rows[0].id);
}

export async function finishScanImport(db: PostgresDb, id: number, end: ScanImportEnd): Promise<void> {
  await db.pool.query(
    'UPDATE scan_imports SET outcome = $1, accepted = $2, duplicate = $3, rejected = $4, receipt_seq = $5 WHERE id = $6',
    [end.outcome, end.counts.accepted, end.counts.duplicate, end.counts.rejected, end.receiptSeq, id],
  );
}

export async function listScanImports(db: PostgresDb, limit: number, beforeId?: number): Promise<ScanImportEntry[]> {
  const { rows } = await db.pool.query('SELECT * FROM scan_imports WHERE id < $1 ORDER BY id DESC LIMIT $2', [
    beforeId ?? Number.MAX_SAFE_INTEGER,
    limit,
  ]);
  return rows.map(scanImportFromRow);
}
