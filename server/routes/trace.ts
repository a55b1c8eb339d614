/** Tracing one person (admin): visits and contacts, JSON or CSV. */
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

export const traceRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/trace',
    auth: 'admin',
    handle: async (request, context) => {
      const query = parseOrThrow(TraceQuerySchema, queryOf(request.url), 'trace query');
      const trace = await runTrace(context.store, query.idNumber, query.from, query.to, query.marginMinutes);
      return query.format === 'csv' ? csvAnswer(traceCsv(trace)) : jsonAnswer(200, trace);
    },
  }),
];
