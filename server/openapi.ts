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
  TraceResponseSchema,
  UploadedScanSchema,
} from '../shared/district';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => ({ 'application/json': { schema: z.toJSONSchema(schema, { io, unrepresentable: 'any' }) } });
const errors = { '400': { description: 'invalid request', content: json(ErrorResponseSchema) }, '401': { description: 'token missing or unknown', content: json(ErrorResponseSchema) } };
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
        post: { summary: 'Create a venue and its one-time enrollment code', security: admin, requestBody: { content: json(CreateEnrollmentRequestSchema, 'input') }, responses: { '201': { description: 'created', content: json(CreateEnrollmentResponseSchema) }, ...errors } },
      },
      '/api/v1/enroll': {
        post: { summary: 'Redeem an enrollment code for a device token', requestBody: { content: json(EnrollRequestSchema, 'input') }, responses: { '201': { description: 'enrolled', content: json(EnrollResponseSchema) }, '404': { description: 'unknown code' }, '410': { description: 'code expired or used' }, ...errors } },
      },
      '/api/v1/scans:batch': {
        post: {
          summary: 'Upload scans (gzip JSON). Each id is inserted at most once; the answer is per id. Items are UploadedScan.',
          security: [{ deviceToken: [] }],
          requestBody: { content: json(ScanBatchSchema, 'input') },
          responses: { '200': { description: 'per-id results', content: json(ScanBatchResponseSchema) }, '403': { description: 'device revoked' }, '413': { description: 'body too large' }, ...errors },
        },
      },
      '/api/v1/trace': {
        get: {
          summary: "One person's visits (entries and exits paired) and contacts; format=csv for CSV",
          security: admin,
          parameters: ['idNumber', 'from', 'to', 'marginMinutes', 'format'].map((name) => ({ name, in: 'query', required: ['idNumber', 'from', 'to'].includes(name), schema: { type: 'string' } })),
          responses: { '200': { description: 'trace', content: json(TraceResponseSchema) }, ...errors },
        },
      },
      '/api/v1/stats/daily': { get: { summary: 'Scans in, out and refused per venue and local day (from, to: YYYY-MM-DD; format=csv)', security: admin, responses: { '200': { description: 'counts' } } } },
      '/api/v1/stats/devices': { get: { summary: 'Devices: last upload, pending count reported, app version, clock offset', security: admin, responses: { '200': { description: 'devices' } } } },
      '/api/v1/stats/silent-venues': { get: { summary: 'Venues with no scans in the last 24 hours', security: admin, responses: { '200': { description: 'venues' } } } },
      '/api/v1/devices/{id}/revoke': { post: { summary: 'Revoke a device token', security: admin, responses: { '200': { description: 'revoked' }, '404': { description: 'no such active device' } } } },
    },
  };
}
