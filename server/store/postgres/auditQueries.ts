/** The trace audit on PostgreSQL (`topics/auditTopic.ts`). */
import type { TraceAuditEntry } from '../../../shared/district';
import { traceAuditFromRow } from '../rowMappers';
import type { NewTraceAudit } from '../topics/auditTopic';
import type { PostgresDb } from './connection';

export async function recordTraceAudit(db: PostgresDb, entry: NewTraceAudit): Promise<void> {
  await db.pool.query(
    'INSERT INTO trace_audit (traced_at, actor, id_number, case_ref, from_at, to_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [entry.tracedAt, entry.actor, entry.idNumber, entry.caseRef, entry.from, entry.to],
  );
}

export async function listTraceAudits(db: PostgresDb, limit: number, beforeId?: number): Promise<TraceAuditEntry[]> {
  const { rows } = await db.pool.query('SELECT * FROM trace_audit WHERE id < $1 ORDER BY id DESC LIMIT $2', [
    beforeId ?? Number.MAX_SAFE_INTEGER,
    limit,
  ]);
  return rows.map(traceAuditFromRow);
}
