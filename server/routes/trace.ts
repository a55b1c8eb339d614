/**
 * Tracing one person (tracer role or the admin token): visits and one page of contacts, JSON or CSV. Every trace is written
 * to the trace audit (who, when, which ID number, for which case) before it runs; the log says
 * only that a trace ran.
 */
import {
  TraceQuerySchema,
  TraceResponseSchema,
  TraceUseSchema,
  TraceWindowSchema,
  type TraceResponse,
} from '../../shared/district';
import { traceCsv, traceCsvVi } from '../../shared/traceCsv';
import { csvAnswer, jsonAnswer } from '../http/answers';
import type { StaffPrincipal } from '../http/auth';
import { HttpError } from '../http/HttpError';
import { parseOrThrow, queryOf } from '../http/parse';
import { errors, forbidden, ok, query as queryParameter, refusal } from '../http/routeDocs';
import { SMALL_BODY_LIMITS } from './session';
import { runTrace } from '../trace/runTrace';
import { route, type ServerContext } from './context';

const DAY_MS = 86_400_000;

/**
 * The audit row of this lookup: a new one, or, for a further page (`auditId`), the row the first
 * page wrote when it is the same caller's trace of the same person and window (else 400: a new
 * lookup must be audited as one).
 */
async function auditRowOf(
  context: ServerContext,
  principal: StaffPrincipal,
  query: { idNumber: string; from: string; to: string; caseRef?: string; auditId?: number },
): Promise<number> {
  if (query.auditId !== undefined) {
    const row = await context.store.findTraceAudit(query.auditId);
    const same =
      row !== null &&
      row.actor === principal.actor &&
      row.idNumber === query.idNumber &&
      Date.parse(row.from) === Date.parse(query.from) &&
      Date.parse(row.to) === Date.parse(query.to);
    if (!same)
      throw new HttpError(
        400,
        'audit-mismatch',
        "server: auditId is not this caller's lookup of this person and window",
      );
    return query.auditId;
  }
  return context.store.recordTraceAudit({
    tracedAt: context.now().toISOString(),
    actor: principal.actor,
    idNumber: query.idNumber,
    caseRef: query.caseRef ?? null,
    from: query.from,
    to: query.to,
  });
}

/** CSV has no room for the paging fields: they go in headers. */
function pagingHeaders(trace: TraceResponse): Record<string, string> {
  return {
    'X-Contacts-Total': String(trace.contactsTotal),
    ...(trace.nextCursor ? { 'X-Next-Cursor': trace.nextCursor } : {}),
  };
}

export const traceRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/trace',
    access: 'tracer',
    summary: "One person's visits (entries and exits paired) and one page of contacts",
    description:
      'format=csv for CSV (paging in X-Contacts-Total and X-Next-Cursor). Each trace is written to the trace audit.',
    query: [
      queryParameter('idNumber', 'ID number (or ticket code) of the person', true),
      queryParameter('from', 'start of the window, ISO 8601 with Z or an offset (inclusive)', true),
      queryParameter('to', 'end of the window, ISO 8601 with Z or an offset (exclusive)', true),
      queryParameter('marginMinutes', 'contacts: intervals overlapping within this margin, minutes (default 15)'),
      queryParameter('format', 'json (default) or csv'),
      queryParameter('limit', 'contacts per answer, 1-5000 (default 1000)'),
      queryParameter('cursor', "the previous answer's nextCursor"),
      queryParameter(
        'caseRef',
        'the case this trace is for (written in the trace audit, up to 80 characters); required from a console session',
      ),
      queryParameter('lang', 'vi: CSV with Vietnamese headers and local times'),
      queryParameter('auditId', "a further page of the same lookup: the first answer's auditId (no new audit row)"),
    ],
    responses: { 200: ok('trace (JSON, or CSV with format=csv)', TraceResponseSchema), ...errors, ...forbidden },
    handle: async (request, context) => {
      const query = parseOrThrow(TraceQuerySchema, queryOf(request.url), 'trace query');
      // A person tracing from the console says which case it is for; automation may omit it.
      if (request.principal.user && !query.caseRef)
        throw new HttpError(400, 'case-ref-required', 'server: enter the case reference this trace is for');
      // The district bounds how far back one lookup reaches (data minimisation); refused before the audit.
      const days = (Date.parse(query.to) - Date.parse(query.from)) / DAY_MS;
      if (days > context.maxTraceDays)
        throw new HttpError(
          400,
          'trace-window-too-long',
          `server: a trace covers at most ${context.maxTraceDays} days (--max-trace-days); this window is ${Math.ceil(days)}`,
        );
      const auditId = await auditRowOf(context, request.principal, query);
      context.log('server.trace', query.auditId === undefined ? 'trace run' : 'trace page', {
        actor: request.principal.actor,
      });
      const offset = query.cursor ? Number(query.cursor.slice(1)) : 0;
      const trace: TraceResponse = { ...(await runTrace(context.traceStore, { ...query, offset })), auditId };
      if (query.format !== 'csv') return jsonAnswer(200, trace);
      const vietnamese = request.url.searchParams.get('lang') === 'vi';
      return csvAnswer(vietnamese ? traceCsvVi(trace, context.timeZone) : traceCsv(trace), {
        ...pagingHeaders(trace),
        ...(vietnamese ? { 'Content-Disposition': 'attachment; filename="truy-vet.csv"' } : {}),
      });
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/trace/window',
    access: 'tracer',
    summary: 'The longest window one trace may cover, in days (--max-trace-days)',
    responses: { 200: ok('the bound', TraceWindowSchema), ...errors, ...forbidden },
    handle: async (_request, context) => jsonAnswer(200, { maxDays: context.maxTraceDays }),
  }),
  route({
    method: 'POST',
    path: '/api/v1/audit/traces/{id}/use',
    access: 'tracer',
    body: SMALL_BODY_LIMITS,
    summary: "Mark a lookup's audit row: its shown result was exported as CSV or printed (no new trace)",
    requestBody: TraceUseSchema,
    responses: {
      200: ok('marked'),
      404: refusal("no such lookup of this caller's"),
      ...errors,
      ...forbidden,
    },
    handle: async (request, context) => {
      const body = parseOrThrow(TraceUseSchema, await request.readJson(), 'use');
      const id = Number(request.params.id);
      const row = Number.isSafeInteger(id) ? await context.store.findTraceAudit(id) : null;
      // Only the caller's own lookup: one person cannot mark another's trace as exported.
      if (!row || row.actor !== request.principal.actor)
        throw new HttpError(404, 'not-found', 'server: no such lookup of yours');
      await context.store.markTraceAuditUse(id, body.use, context.now().toISOString());
      context.log('server.trace', body.use === 'csv' ? 'trace exported' : 'trace printed', {
        actor: request.principal.actor,
      });
      return jsonAnswer(200, { marked: body.use });
    },
  }),
];
