/**
 * Tracing one person (tracer role or the admin token): visits and one page of contacts, JSON or CSV. Every trace is written
 * to the trace audit (who, when, which ID number, for which case) before it runs; the log says
 * only that a trace ran.
 */
import { TraceQuerySchema, TraceResponseSchema, type TraceResponse } from '../../shared/district';
import { toCsv } from '../../shared/csv';
import { csvAnswer, jsonAnswer } from '../http/answers';
import { HttpError } from '../http/HttpError';
import { localDateTime } from '../domain/districtDay';
import { parseOrThrow, queryOf } from '../http/parse';
import { errors, forbidden, ok, query as queryParameter } from '../http/routeDocs';
import { runTrace } from '../trace/runTrace';
import { route } from './context';

const CSV_COLUMNS = [
  'role',
  'idNumber',
  'fullName',
  'venueId',
  'venueName',
  'venueType',
  'entryAt',
  'exitAt',
  'closedBy',
  'overlapMinutes',
  'contextLabel',
] as const;

function traceCsv(trace: TraceResponse): string {
  const rows = [
    ...trace.visits.map((v) => ({ role: 'visit', idNumber: trace.idNumber, fullName: '', ...v, overlapMinutes: '' })),
    ...trace.contacts.map((c) => ({ role: 'contact', ...c, venueType: '', closedBy: '', contextLabel: '' })),
  ];
  return toCsv([...CSV_COLUMNS], rows);
}

/** Vietnamese column names for the epidemiology team's spreadsheet; times in local time. */
const VI_COLUMNS = [
  'Loại',
  'Số giấy tờ',
  'Họ tên',
  'Địa điểm',
  'Vào',
  'Ra',
  'Số phút trùng',
  'Kết thúc',
  'Chuyến tàu / phòng',
] as const;
const VI_CLOSED_BY: Readonly<Record<TraceResponse['visits'][number]['closedBy'], string>> = {
  exit: 'quét ra',
  'default-stay': 'thời gian lưu mặc định',
  'end-of-day': 'hết ngày',
  'entry-assumed': 'chỉ có lượt ra',
};

function traceCsvVi(trace: TraceResponse, timeZone: string): string {
  const at = (iso: string) => localDateTime(iso, timeZone);
  type Row = Record<(typeof VI_COLUMNS)[number], string | number>;
  const rows: Row[] = [
    ...trace.visits.map((v): Row => ({
      Loại: 'mốc dịch tễ',
      'Số giấy tờ': trace.idNumber,
      'Họ tên': '',
      'Địa điểm': v.venueName,
      Vào: at(v.entryAt),
      Ra: at(v.exitAt),
      'Số phút trùng': '',
      'Kết thúc': VI_CLOSED_BY[v.closedBy],
      'Chuyến tàu / phòng': v.contextLabel ?? '',
    })),
    ...trace.contacts.map((c): Row => ({
      Loại: 'người tiếp xúc',
      'Số giấy tờ': c.idNumber,
      'Họ tên': c.fullName ?? '',
      'Địa điểm': c.venueName,
      Vào: at(c.entryAt),
      Ra: at(c.exitAt),
      'Số phút trùng': c.overlapMinutes,
      'Kết thúc': '',
      'Chuyến tàu / phòng': '',
    })),
  ];
  return toCsv([...VI_COLUMNS], rows);
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
    ],
    responses: { 200: ok('trace (JSON, or CSV with format=csv)', TraceResponseSchema), ...errors, ...forbidden },
    handle: async (request, context) => {
      const query = parseOrThrow(TraceQuerySchema, queryOf(request.url), 'trace query');
      // A person tracing from the console says which case it is for; automation may omit it.
      if (request.principal.user && !query.caseRef)
        throw new HttpError(400, 'case-ref-required', 'server: enter the case reference this trace is for');
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
      const trace = await runTrace(context.traceStore, { ...query, offset });
      if (query.format !== 'csv') return jsonAnswer(200, trace);
      const vietnamese = request.url.searchParams.get('lang') === 'vi';
      return csvAnswer(vietnamese ? traceCsvVi(trace, context.timeZone) : traceCsv(trace), {
        ...pagingHeaders(trace),
        ...(vietnamese ? { 'Content-Disposition': 'attachment; filename="truy-vet.csv"' } : {}),
      });
    },
  }),
];
