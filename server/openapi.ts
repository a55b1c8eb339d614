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
import {
  ChangePasswordRequestSchema,
  CreateUserRequestSchema,
  CreateVenueRequestSchema,
  EnrollmentSheetSchema,
  FirstRunRequestSchema,
  OneTimePasswordResponseSchema,
  OverviewResponseSchema,
  SessionResponseSchema,
  SetupStateSchema,
  SignInRequestSchema,
  UserListResponseSchema,
  VenueDetailResponseSchema,
  VenueListResponseSchema,
} from '../shared/console';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => ({
  'application/json': { schema: z.toJSONSchema(schema, { io, unrepresentable: 'any' }) },
});
const errors = {
  '400': { description: 'invalid request', content: json(ErrorResponseSchema) },
  '401': { description: 'token missing or unknown', content: json(ErrorResponseSchema) },
};
const busy = {
  '503': {
    description: 'too many request bodies in flight; retry after Retry-After seconds',
    content: json(ErrorResponseSchema),
  },
};
const query = (name: string, description: string, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema: { type: 'string' },
});
const admin = [{ adminToken: [] }];
/** Role routes: a console session (cookie, plus X-CSRF-Token and Origin when state-changing) with the role, or the admin token. */
const role = (name: 'viewer' | 'tracer' | 'it') => [{ adminToken: [] }, { consoleSession: [name] }];
const forbidden = {
  '403': {
    description: 'role too weak, one-time password not yet changed, or CSRF token / Origin missing',
    content: json(ErrorResponseSchema),
  },
};
const body = (schema: z.ZodType) => ({ content: json(schema, 'input') });

export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'District check-in server',
      version: '1.0.0',
      description: 'Enrollment of kiosks, idempotent scan ingest, tracing and statistics.',
    },
    components: {
      securitySchemes: {
        adminToken: { type: 'http', scheme: 'bearer' },
        deviceToken: { type: 'http', scheme: 'bearer' },
        consoleSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'district_session',
          description:
            'Console session; state-changing requests also send X-CSRF-Token (from GET /api/v1/session) and a same-origin Origin. Scopes are roles: viewer < tracer < it.',
        },
      },
      schemas: { UploadedScan: z.toJSONSchema(UploadedScanSchema, { io: 'input', unrepresentable: 'any' }) },
    },
    paths: {
      '/healthz': { get: { summary: 'Liveness', responses: { '200': { description: 'up' } } } },
      '/api/v1/openapi.json': {
        get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } },
      },
      '/api/v1/enrollments': {
        post: {
          summary: 'Create a venue and its one-time enrollment code',
          security: role('it'),
          requestBody: { content: json(CreateEnrollmentRequestSchema, 'input') },
          responses: {
            '201': { description: 'created', content: json(CreateEnrollmentResponseSchema) },
            '413': { description: 'body over 16 KiB' },
            ...errors,
            ...busy,
          },
        },
      },
      '/api/v1/enroll': {
        post: {
          summary: 'Redeem an enrollment code for a device token',
          requestBody: { content: json(EnrollRequestSchema, 'input') },
          responses: {
            '201': { description: 'enrolled', content: json(EnrollResponseSchema) },
            '404': { description: 'unknown code' },
            '410': { description: 'code expired or used' },
            '413': { description: 'body over 16 KiB (on the wire or inflated)' },
            ...errors,
            ...busy,
          },
        },
      },
      '/api/v1/scans:batch': {
        post: {
          summary:
            "Upload scans (gzip JSON). Each id is inserted at most once; the answer is per id. Items are UploadedScan. An item is rejected alone, with a reason: a field failing the schema (its name), `invalid-text: <field>` (a control character or a lone surrogate), `implausible-time: scannedAt` (more than 400 days before or 1 day after the server's now, after the clock correction).",
          security: [{ deviceToken: [] }],
          requestBody: { content: json(ScanBatchSchema, 'input') },
          responses: {
            '200': { description: 'per-id results', content: json(ScanBatchResponseSchema) },
            '403': { description: 'device revoked' },
            '413': { description: 'body too large' },
            ...errors,
            ...busy,
          },
        },
      },
      '/api/v1/trace': {
        get: {
          summary:
            "One person's visits (entries and exits paired) and one page of contacts; format=csv for CSV (paging in X-Contacts-Total and X-Next-Cursor). Each trace is written to the trace audit.",
          security: role('tracer'),
          parameters: [
            query('idNumber', 'ID number (or ticket code) of the person', true),
            query('from', 'start of the window, ISO 8601 with Z or an offset (inclusive)', true),
            query('to', 'end of the window, ISO 8601 with Z or an offset (exclusive)', true),
            query('marginMinutes', 'contacts: intervals overlapping within this margin, minutes (default 15)'),
            query('format', 'json (default) or csv'),
            query('limit', 'contacts per answer, 1-5000 (default 1000)'),
            query('cursor', "the previous answer's nextCursor"),
            query(
              'caseRef',
              'the case this trace is for (written in the trace audit, up to 80 characters); required from a console session',
            ),
            query('lang', 'vi: CSV with Vietnamese headers and local times'),
          ],
          responses: { '200': { description: 'trace', content: json(TraceResponseSchema) }, ...errors },
        },
      },
      '/api/v1/audit/traces': {
        get: {
          summary: 'The trace audit, newest first: who traced which ID number, when, for which case and window',
          security: role('it'),
          parameters: [
            query('limit', 'entries per answer, 1-1000 (default 100)'),
            query('before', "entries older than this id (the previous answer's nextBefore)"),
          ],
          responses: { '200': { description: 'entries', content: json(TraceAuditResponseSchema) }, ...errors },
        },
      },
      '/api/v1/stats/daily': {
        get: {
          summary: 'Scans in, out and refused per venue and local day (from, to: YYYY-MM-DD; format=csv)',
          security: role('viewer'),
          responses: { '200': { description: 'counts' } },
        },
      },
      '/api/v1/stats/devices': {
        get: {
          summary: 'Devices: last upload, pending count reported, app version, clock offset',
          security: role('viewer'),
          responses: { '200': { description: 'devices' } },
        },
      },
      '/api/v1/stats/silent-venues': {
        get: {
          summary: 'Venues with no scans in the last 24 hours (retired venues left out)',
          security: role('viewer'),
          responses: { '200': { description: 'venues' } },
        },
      },
      '/api/v1/devices/{id}/revoke': {
        post: {
          summary: 'Revoke a device token',
          security: role('it'),
          responses: { '200': { description: 'revoked' }, '404': { description: 'no such active device' } },
        },
      },
      '/api/v1/setup': {
        get: {
          summary: 'Whether the first IT account is still to be made (the first-run page)',
          responses: { '200': { description: 'state', content: json(SetupStateSchema) } },
        },
      },
      '/api/v1/setup/first-account': {
        post: {
          summary: 'Make the first IT account (only while there is none) and sign it in',
          security: admin,
          requestBody: body(FirstRunRequestSchema),
          responses: {
            '201': { description: 'signed in', content: json(SessionResponseSchema) },
            '409': { description: 'an account exists' },
            ...errors,
          },
        },
      },
      '/api/v1/session': {
        post: {
          summary:
            'Sign in (sets the HttpOnly SameSite=Strict session cookie); 5 wrong passwords lock the account 1 minute, doubling up to 15',
          requestBody: body(SignInRequestSchema),
          responses: {
            '200': { description: 'signed in', content: json(SessionResponseSchema) },
            '429': { description: 'locked; Retry-After seconds' },
            ...errors,
          },
        },
        get: {
          summary: 'Who is signed in, with the CSRF token',
          security: role('viewer'),
          responses: { '200': { description: 'session', content: json(SessionResponseSchema) }, ...errors },
        },
      },
      '/api/v1/session/sign-out': {
        post: {
          summary: 'Sign out (ends the session)',
          security: role('viewer'),
          responses: { '200': { description: 'signed out' }, ...errors },
        },
      },
      '/api/v1/session/password': {
        post: {
          summary: "Change one's own password (ends the account's other sessions)",
          security: role('viewer'),
          requestBody: body(ChangePasswordRequestSchema),
          responses: {
            '200': { description: 'changed', content: json(SessionResponseSchema) },
            ...forbidden,
            ...errors,
          },
        },
      },
      '/api/v1/users': {
        get: {
          summary: 'Console accounts',
          security: role('it'),
          responses: {
            '200': { description: 'accounts', content: json(UserListResponseSchema) },
            ...forbidden,
            ...errors,
          },
        },
        post: {
          summary: 'Create an account with a one-time password',
          security: role('it'),
          requestBody: body(CreateUserRequestSchema),
          responses: {
            '201': { description: 'created', content: json(OneTimePasswordResponseSchema) },
            '409': { description: 'name taken' },
            ...forbidden,
            ...errors,
          },
        },
      },
      '/api/v1/users/{id}/reset-password': {
        post: {
          summary: 'Give an account a new one-time password (ends its sessions, clears its lockout)',
          security: role('it'),
          responses: {
            '200': { description: 'reset', content: json(OneTimePasswordResponseSchema) },
            '404': { description: 'no such account' },
            ...forbidden,
            ...errors,
          },
        },
      },
      '/api/v1/users/{id}/disable': {
        post: {
          summary: 'Disable an account (ends its sessions)',
          security: role('it'),
          responses: {
            '200': { description: 'disabled' },
            '404': { description: 'no such active account' },
            ...forbidden,
            ...errors,
          },
        },
      },
      '/api/v1/venues': {
        get: {
          summary: 'Venues with their activity: scans today and in 7 local days, last upload, active devices',
          security: role('viewer'),
          responses: {
            '200': { description: 'venues', content: json(VenueListResponseSchema) },
            ...forbidden,
            ...errors,
          },
        },
        post: {
          summary: 'Create a venue and its first one-time code (the setup sheet)',
          security: role('it'),
          requestBody: body(CreateVenueRequestSchema),
          responses: {
            '201': { description: 'created', content: json(EnrollmentSheetSchema) },
            ...forbidden,
            ...errors,
          },
        },
      },
      '/api/v1/venues/{id}': {
        get: {
          summary: 'One venue with its devices',
          security: role('viewer'),
          responses: {
            '200': { description: 'venue', content: json(VenueDetailResponseSchema) },
            '404': { description: 'no such venue' },
            ...forbidden,
            ...errors,
          },
        },
        post: {
          summary: "Change a venue's name, type, area and address",
          security: role('it'),
          requestBody: body(CreateVenueRequestSchema),
          responses: {
            '200': { description: 'changed' },
            '404': { description: 'no such venue' },
            ...forbidden,
            ...errors,
          },
        },
      },
      '/api/v1/venues/{id}/retire': {
        post: {
          summary: 'Retire a venue: its devices revoked, its open codes expired',
          security: role('it'),
          responses: {
            '200': { description: 'retired' },
            '409': { description: 'already retired' },
            ...forbidden,
            ...errors,
          },
        },
      },
      '/api/v1/venues/{id}/codes': {
        post: {
          summary: 'A new one-time code for the venue (its setup sheet)',
          security: role('it'),
          responses: {
            '201': { description: 'code', content: json(EnrollmentSheetSchema) },
            '409': { description: 'venue retired' },
            ...forbidden,
            ...errors,
          },
        },
      },
      '/api/v1/overview': {
        get: {
          summary:
            'Which venues scan: counts, silent venues first, flagged devices, coverage per area and type, scans per day',
          security: role('viewer'),
          responses: {
            '200': { description: 'overview', content: json(OverviewResponseSchema) },
            ...forbidden,
            ...errors,
          },
        },
      },
    },
  };
}
