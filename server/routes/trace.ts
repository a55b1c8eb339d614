/**
 * Tracing one person (admin): visits and one page of contacts, JSON or CSV. Every trace is written
 * to the trace audit (who, when, which ID number, for which case) before it runs; the log says
 * only that a trace ran.
 */
import { TraceQuerySchema, type TraceResponse } from '../../shared/district';
import { toCsv } from '../../shared/csv';
import { csvAnswer, jsonAnswer } from '../http/answers';
import { parseOrThrow, queryOf } from '../http/parse';
import { runTrace } from '../trace/runTrace';
import { route } from './context';

const CSV_COLUMNS = ['role', 'idNumber', 'fullName', 'venueId', 'venueName', 'venueType', 'entryAt', 'exitAt', 'closedBy', 'overlapMinutes', 'contextLabel'] as const;

function traceCsv(trace: TraceResponse): string {
  const rows = [
    ...trace.visits.map((v) => ({ role: 'visit', idNumber: trace.idNumber, fullName: '', ...v, overlapMinutes: '' })),
    ...trace.contacts.map((c) => ({ role: 'contact', ...c, venueType: '', closedBy: '', contextLabel: '' })),
  ];
  return toCsv([...CSV_COLUMNS], rows);
}

/** CSV has no room for the paging fields: they go in headers. */
function pagingHeaders(trace: TraceResponse): Record<string, string> {
  return { 'X-Contacts-Total': String(trace.contactsTotal), ...(trace.nextCursor ? { 'X-Next-Cursor': trace.nextCursor } : {}) };
}

export const traceRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/trace',
    auth: 'admin',
    handle: async (request, context) => {
      const query = parseOrThrow(TraceQuerySchema, queryOf(request.url), 'trace query');
      await context.store.recordTraceAudit({
        tracedAt: context.now().toISOString(),
        actor: request.principal.actor,
        idNumber: query.idNumber,
        caseRef: query.caseRef ?? null,
        from: query.from,
        to: query.to,
      });
      context.log('server.trace', 'trace run', { actor: request.principal.actor });
      const offset = query.cursor ? Number(query.cursor.slice(1)) : 0;
      const trace = await runTrace(context.store, { ...query, offset });
      return query.format === 'csv' ? csvAnswer(traceCsv(trace), pagingHeaders(trace)) : jsonAnswer(200, trace);
    },
  }),
];
