/** The OpenAPI document, generated from the same zod schemas the server validates with. */
import { z } from 'zod';
import {
  CreateEnrollmentRequestSchema,
  CreateEnrollmentResponseSchema,
  EnrollRequestSchema,
  EnrollResponseSchema,
  ErrorResponseSchema,
  ScanBatchResponseSchema,
  ScanBatchSchema,
  TraceAuditResponseSchema,
  TraceResponseSchema,
  UploadedScanSchema,
} from '../shared/district';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => ({ 'application/json': { schema: z.toJSONSchema(schema, { io, unrepresentable: 'any' }) } });
const errors = { '400': { description: 'invalid request', content: json(ErrorResponseSchema) }, '401': { description: 'token missing or unknown', content: json(ErrorResponseSchema) } };
const busy = { '503': { description: 'too many request bodies in flight; retry after Retry-After seconds', content: json(ErrorResponseSchema) } };
const query = (name: string, description: string, required = false) => ({ name, in: 'query', required, description, schema: { type: 'string' } });
const admin = [{ adminToken: [] }];

export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'District check-in server', version: '1.0.0', description: 'Enrollment of kiosks, idempotent scan ingest, tracing and statistics.' },
    components: {
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer' }, deviceToken: { type: 'http', scheme: 'bearer' } },
      schemas: { UploadedScan: z.toJSONSchema(UploadedScanSchema, { io: 'input', unrepresentable: 'any' }) },
    },
    paths: {
      '/healthz': { get: { summary: 'Liveness', responses: { '200': { description: 'up' } } } },
      '/api/v1/enrollments': {
        post: { summary: 'Create a venue and its one-time enrollment code', security: admin, requestBody: { content: json(CreateEnrollmentRequestSchema, 'input') }, responses: { '201': { description: 'created', content: json(CreateEnrollmentResponseSchema) }, '413': { description: 'body over 16 KiB' }, ...errors, ...busy } },
      },
      '/api/v1/enroll': {
        post: { summary: 'Redeem an enrollment code for a device token', requestBody: { content: json(EnrollRequestSchema, 'input') }, responses: { '201': { description: 'enrolled', content: json(EnrollResponseSchema) }, '404': { description: 'unknown code' }, '410': { description: 'code expired or used' }, '413': { description: 'body over 16 KiB (on the wire or inflated)' }, ...errors, ...busy } },
      },
      '/api/v1/scans:batch': {
        post: {
          summary:
            'Upload scans (gzip JSON). Each id is inserted at most once; the answer is per id. Items are UploadedScan. An item is rejected alone, with a reason: a field failing the schema (its name), `invalid-text: <field>` (a control character or a lone surrogate), `implausible-time: scannedAt` (more than 400 days before or 1 day after the server\'s now, after the clock correction).',
          security: [{ deviceToken: [] }],
          requestBody: { content: json(ScanBatchSchema, 'input') },
          responses: { '200': { description: 'per-id results', content: json(ScanBatchResponseSchema) }, '403': { description: 'device revoked' }, '413': { description: 'body too large' }, ...errors, ...busy },
        },
      },
      '/api/v1/trace': {
        get: {
          summary: "One person's visits (entries and exits paired) and one page of contacts; format=csv for CSV (paging in X-Contacts-Total and X-Next-Cursor). Each trace is written to the trace audit.",
          security: admin,
          parameters: [
            query('idNumber', 'ID number (or ticket code) of the person', true),
            query('from', 'start of the window, ISO 8601 with Z or an offset (inclusive)', true),
            query('to', 'end of the window, ISO 8601 with Z or an offset (exclusive)', true),
            query('marginMinutes', 'contacts: intervals overlapping within this margin, minutes (default 15)'),
            query('format', 'json (default) or csv'),
            query('limit', 'contacts per answer, 1-5000 (default 1000)'),
            query('cursor', "the previous answer's nextCursor"),
            query('caseRef', 'the case this trace is for (written in the trace audit, up to 80 characters)'),
          ],
          responses: { '200': { description: 'trace', content: json(TraceResponseSchema) }, ...errors },
        },
      },
      '/api/v1/audit/traces': {
        get: {
          summary: 'The trace audit, newest first: who traced which ID number, when, for which case and window',
          security: admin,
          parameters: [query('limit', 'entries per answer, 1-1000 (default 100)'), query('before', "entries older than this id (the previous answer's nextBefore)")],
          responses: { '200': { description: 'entries', content: json(TraceAuditResponseSchema) }, ...errors },
        },
      },
      '/api/v1/stats/daily': { get: { summary: 'Scans in, out and refused per venue and local day (from, to: YYYY-MM-DD; format=csv)', security: admin, responses: { '200': { description: 'counts' } } } },
      '/api/v1/stats/devices': { get: { summary: 'Devices: last upload, pending count reported, app version, clock offset', security: admin, responses: { '200': { description: 'devices' } } } },
      '/api/v1/stats/silent-venues': { get: { summary: 'Venues with no scans in the last 24 hours', security: admin, responses: { '200': { description: 'venues' } } } },
      '/api/v1/devices/{id}/revoke': { post: { summary: 'Revoke a device token', security: admin, responses: { '200': { description: 'revoked' }, '404': { description: 'no such active device' } } } },
    },
  };
}
