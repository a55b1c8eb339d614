/** The trace audit on SQLite (`topics/auditTopic.ts`). Times are epoch ms here. */
import type { TraceAuditEntry, TraceUse } from '../../../shared/district';
import { traceAuditFromRow, type TraceAuditDbRow } from '../rowMappers';
import type { NewTraceAudit } from '../topics/auditTopic';
import { prepared, type SqliteDatabase } from './preparedStatements';

export function recordTraceAudit(db: SqliteDatabase, entry: NewTraceAudit): number {
  const result = prepared(
    db,
    'INSERT INTO trace_audit (traced_at, actor, id_number, case_ref, from_at, to_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(
    Date.parse(entry.tracedAt),
    entry.actor,
    entry.idNumber,
    entry.caseRef,
    Date.parse(entry.from),
    Date.parse(entry.to),
  );
  return Number(result.lastInsertRowid);
}

export function listTraceAudits(db: SqliteDatabase, limit: number, beforeId?: number): TraceAuditEntry[] {
  return (
    prepared(db, 'SELECT * FROM trace_audit WHERE id < ? ORDER BY id DESC LIMIT ?').all(
      beforeId ?? Number.MAX_SAFE_INTEGER,
      limit,
    ) as TraceAuditDbRow[]
  ).map(traceAuditFromRow);
}

export function findTraceAudit(db: SqliteDatabase, id: number): TraceAuditEntry | null {
  const row = prepared(db, 'SELECT * FROM trace_audit WHERE id = ?').get(id) as TraceAuditDbRow | undefined;
  return row ? traceAuditFromRow(row) : null;
}

export function markTraceAuditUse(db: SqliteDatabase, id: number, use: TraceUse, at: string): void {
  const sql =
    use === 'csv'
      ? 'UPDATE trace_audit SET exported_at = ? WHERE id = ?'
      : 'UPDATE trace_audit SET printed_at = ? WHERE id = ?';
  prepared(db, sql).run(Date.parse(at), id);
}
