/** The trace audit (admin): who traced which ID number, when and for which case, newest first. */
import { TraceAuditQuerySchema } from '../../shared/district';
import { jsonAnswer } from '../http/answers';
import { parseOrThrow, queryOf } from '../http/parse';
import { route } from './context';

export const auditRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/audit/traces',
    access: 'it',
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
