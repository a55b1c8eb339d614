/** The trace audit (admin): who traced which ID number, when and for which case, newest first. */
import { TraceAuditQuerySchema, TraceAuditResponseSchema } from '../../shared/district';
import { jsonAnswer } from '../http/answers';
import { parseOrThrow, queryOf } from '../http/parse';
import { errors, forbidden, ok, query as queryParameter } from '../http/routeDocs';
import { route } from './context';

export const auditRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/audit/traces',
    access: 'it',
    summary: 'The trace audit, newest first: who traced which ID number, when, for which case and window',
    query: [
      queryParameter('limit', 'entries per answer, 1-1000 (default 100)'),
      queryParameter('before', "entries older than this id (the previous answer's nextBefore)"),
    ],
    responses: { 200: ok('entries', TraceAuditResponseSchema), ...errors, ...forbidden },
    handle: async (request, context) => {
      const query = parseOrThrow(TraceAuditQuerySchema, queryOf(request.url), 'audit query');
      const entries = await context.store.listTraceAudits(query.limit, query.before);
      return jsonAnswer(200, {
        entries,
        nextBefore: entries.length === query.limit ? entries[entries.length - 1].id : null,
      });
    },
  }),
];
