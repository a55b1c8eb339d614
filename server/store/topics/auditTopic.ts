/** The trace audit (one row per lookup), as each engine's `auditQueries.ts` answers. */
import type { TraceAuditEntry } from '../../../shared/district';

export type NewTraceAudit = Omit<TraceAuditEntry, 'id'>;

export interface AuditQueries {
  /** Writes one entry of the trace audit. */
  recordTraceAudit(entry: NewTraceAudit): Promise<void>;
  /** Trace audit entries, newest first, at most `limit`, older than entry `beforeId` when given. */
  listTraceAudits(limit: number, beforeId?: number): Promise<TraceAuditEntry[]>;
}
