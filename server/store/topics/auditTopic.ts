/** The trace audit (one row per lookup), as each engine's `auditQueries.ts` answers. */
import type { TraceAuditEntry, TraceUse } from '../../../shared/district';

export type NewTraceAudit = Omit<TraceAuditEntry, 'id' | 'exportedAt' | 'printedAt'>;

export interface AuditQueries {
  /** Writes one entry of the trace audit; answers its id. */
  recordTraceAudit(entry: NewTraceAudit): Promise<number>;
  /** Trace audit entries, newest first, at most `limit`, older than entry `beforeId` when given. */
  listTraceAudits(limit: number, beforeId?: number): Promise<TraceAuditEntry[]>;
  /** One entry, or null. */
  findTraceAudit(id: number): Promise<TraceAuditEntry | null>;
  /** Marks a lookup's row: its shown result exported as CSV or printed, at `at` (the latest time kept). */
  markTraceAuditUse(id: number, use: TraceUse, at: string): Promise<void>;
}
