/** The trace audit on PostgreSQL (`topics/auditTopic.ts`). */
import type { TraceAuditEntry, TraceUse } from '../../../shared/district';
import { traceAuditFromRow } from '../rowMappers';
import type { NewTraceAudit } from '../topics/auditTopic';
import type { PostgresDb } from './connection';

export async function recordTraceAudit(db: PostgresDb, entry: NewTraceAudit): Promise<number> {
  const { rows } = await db.pool.query(
    'INSERT INTO trace_audit (traced_at, actor, id_number, case_ref, from_at, to_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [entry.tracedAt, entry.actor, entry.idNumber, entry.caseRef, entry.from, entry.to],
  );
  return Number(rows[0].id);
}

export async function listTraceAudits(db: PostgresDb, limit: number, beforeId?: number): Promise<TraceAuditEntry[]> {
  const { rows } = await db.pool.query('SELECT * FROM trace_audit WHERE id < $1 ORDER BY id DESC LIMIT $2', [
    beforeId ?? Number.MAX_SAFE_INTEGER,
    limit,
  ]);
  return rows.map(traceAuditFromRow);
}

export async function findTraceAudit(db: PostgresDb, id: number): Promise<TraceAuditEntry | null> {
  const { rows } = await db.pool.query('SELECT * FROM trace_audit WHERE id = $1', [id]);
  return rows.length > 0 ? traceAuditFromRow(rows[0]) : null;
}

export async function markTraceAuditUse(db: PostgresDb, id: number, use: TraceUse, at: string): Promise<void> {
  const sql =
    use === 'csv'
      ? 'UPDATE trace_audit SET exported_at = $1 WHERE id = $2'
      : 'UPDATE trace_audit SET printed_at = $1 WHERE id = $2';
  await db.pool.query(sql, [at, id]);
}
