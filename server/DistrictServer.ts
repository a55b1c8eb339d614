/**
 * The district server's HTTP API. Plain node:http: the few routes do not need a framework, and
 * owning body reading keeps the gzip size limits exact (a decompression bomb stops at the limit).
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import {
  CreateEnrollmentRequestSchema,
  EnrollRequestSchema,
  ScanBatchSchema,
  TraceQuerySchema,
  UploadedScanSchema,
  type Contact,
  type CreateEnrollmentResponse,
  type EnrollResponse,
  type ScanAnswer,
  type TraceResponse,
  type Visit,
  enrollmentText,
} from '../shared/district';
import { toCsv } from '../shared/csv';
import { buildOpenApiDocument } from './openapi';
import type { DeviceRecord, DistrictStore, StoredScan, VenueRecord } from './store/DistrictStore';
import { findContacts, pairIntoIntervals, personKey, toVisit } from './trace';

/** Largest request body accepted on the wire, bytes. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** Largest body after gunzip, bytes. */
export const MAX_INFLATED_BYTES = 32 * 1024 * 1024;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const gunzipAsync = promisify(gunzip);

export interface DistrictServerOptions {
  readonly store: DistrictStore;
  /** Admin bearer token; admin routes answer 503 when none is configured. */
  readonly adminToken?: string;
  readonly now?: () => Date;
  /** Base URL put in enrollment QR texts, e.g. `https://district.example.gov.vn`. */
  readonly publicUrl?: string;
  readonly log?: (where: string, message: string, fields?: Record<string, string | number>) => void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A one-time enrollment code: 10 Crockford base32 characters (50 bits). */
export function newEnrollmentCode(): string {
  let code = '';
  for (let i = 0; i < 10; i += 1) code += CROCKFORD[randomInt(CROCKFORD.length)];
  return code;
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || what}: ${issue.message}`).join('; ');
    throw new HttpError(400, 'invalid-request', `server: invalid ${what}: ${where}`);
  }
  return parsed.data;
}

function localDayOf(instantMs: number, utcOffsetMin: number): string {
  return new Date(instantMs + utcOffsetMin * 60_000).toISOString().slice(0, 10);
}

export class DistrictServer {
  private readonly store: DistrictStore;
  private readonly adminTokenHash: string | null;
  private readonly now: () => Date;
  private readonly publicUrl: string;
  private readonly log: NonNullable<DistrictServerOptions['log']>;

  constructor(options: DistrictServerOptions) {
    this.store = options.store;
    this.adminTokenHash = options.adminToken ? sha256Hex(options.adminToken) : null;
    this.now = options.now ?? (() => new Date());
    this.publicUrl = options.publicUrl ?? '';
    this.log = options.log ?? (() => undefined);
  }

  /** The node:http request listener. */
  readonly handle = (request: IncomingMessage, response: ServerResponse): void => {
    this.route(request, response).catch((error: unknown) => {
      if (error instanceof HttpError) {
        this.sendJson(response, error.status, { error: error.code, message: error.message }, error.headers);
        return;
      }
      this.log('server.route', 'internal error', { error: error instanceof Error ? error.message : String(error) });
      this.sendJson(response, 500, { error: 'internal', message: 'server: internal error' });
    });
  };

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://server');
    const route = `${request.method} ${url.pathname}`;
    switch (route) {
      case 'GET /healthz':
        return this.sendJson(response, 200, { ok: true });
      case 'GET /api/v1/openapi.json':
        return this.sendJson(response, 200, buildOpenApiDocument());
      case 'POST /api/v1/enrollments':
        this.requireAdmin(request);
        return this.sendJson(response, 201, await this.createEnrollment(parseOrThrow(CreateEnrollmentRequestSchema, await this.readJson(request), 'enrollment')));
      case 'POST /api/v1/enroll':
        return this.sendJson(response, 201, await this.enroll(parseOrThrow(EnrollRequestSchema, await this.readJson(request), 'enroll request')));
      case 'POST /api/v1/scans:batch': {
        const device = await this.requireDevice(request);
        return this.sendJson(response, 200, await this.ingest(device, await this.readJson(request)));
      }
      case 'GET /api/v1/trace': {
        this.requireAdmin(request);
        const query = parseOrThrow(TraceQuerySchema, Object.fromEntries(url.searchParams), 'trace query');
        const trace = await this.trace(query.idNumber, query.from, query.to, query.marginMinutes);
        if (query.format === 'csv') {
          const rows = [
            ...trace.visits.map((v) => ({ role: 'visit', idNumber: trace.idNumber, fullName: '', ...v, overlapMinutes: '' })),
            ...trace.contacts.map((c) => ({ role: 'contact', ...c, venueType: '', closedBy: '', contextLabel: '' })),
          ];
          return this.sendCsv(response, toCsv(['role', 'idNumber', 'fullName', 'venueId', 'venueName', 'venueType', 'entryAt', 'exitAt', 'closedBy', 'overlapMinutes', 'contextLabel'], rows));
        }
        return this.sendJson(response, 200, trace);
      }
      case 'GET /api/v1/stats/daily': {
        this.requireAdmin(request);
        const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
        const query = parseOrThrow(z.object({ from: day, to: day, format: z.enum(['json', 'csv']).default('json') }), Object.fromEntries(url.searchParams), 'stats query');
        const rows = await this.store.dailyCounts(query.from, query.to);
        if (query.format === 'csv') return this.sendCsv(response, toCsv(['day', 'venueId', 'venueName', 'venueType', 'in', 'out', 'refused'], rows));
        return this.sendJson(response, 200, { days: rows });
      }
      case 'GET /api/v1/stats/devices': {
        this.requireAdmin(request);
        const devices = await this.store.listDevices();
        if (url.searchParams.get('format') === 'csv') {
          return this.sendCsv(response, toCsv(['id', 'venueId', 'venueName', 'name', 'createdAt', 'revokedAt', 'lastUploadAt', 'pendingCount', 'appVersion', 'clockOffsetMs'], devices));
        }
        return this.sendJson(response, 200, { devices });
      }
      case 'GET /api/v1/stats/silent-venues': {
        this.requireAdmin(request);
        const since = new Date(this.now().getTime() - 24 * 3600_000).toISOString();
        const venues = await this.store.silentVenues(since);
        if (url.searchParams.get('format') === 'csv') return this.sendCsv(response, toCsv(['id', 'name', 'type', 'address', 'createdAt'], venues));
        return this.sendJson(response, 200, { since, venues });
      }
      default: {
        const revoke = /^POST \/api\/v1\/devices\/([0-9a-f-]{36})\/revoke$/.exec(route);
        if (revoke) {
          this.requireAdmin(request);
          const revoked = await this.store.revokeDevice(revoke[1], this.now().toISOString());
          return this.sendJson(response, revoked ? 200 : 404, revoked ? { revoked: true } : { error: 'not-found', message: 'server: no such active device' });
        }
        throw new HttpError(404, 'not-found', `server: no route ${request.method} ${url.pathname}`);
      }
    }
  }

  private requireAdmin(request: IncomingMessage): void {
    if (!this.adminTokenHash) throw new HttpError(503, 'admin-disabled', 'server: no admin token configured (--admin-token or DISTRICT_ADMIN_TOKEN)');
    const given = sha256Hex(bearer(request) ?? '');
    if (!timingSafeEqual(Buffer.from(given), Buffer.from(this.adminTokenHash))) {
      throw new HttpError(401, 'unauthorized', 'server: admin token required', { 'WWW-Authenticate': 'Bearer' });
    }
  }

  private async requireDevice(request: IncomingMessage): Promise<DeviceRecord> {
    const token = bearer(request);
    const device = token ? await this.store.findDeviceByTokenHash(sha256Hex(token)) : null;
    if (!device) throw new HttpError(401, 'unauthorized', 'server: device token unknown', { 'WWW-Authenticate': 'Bearer' });
    if (device.revokedAt) throw new HttpError(403, 'revoked', 'server: this device was revoked; enroll it again');
    return device;
  }

  private async readJson(request: IncomingMessage): Promise<unknown> {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) throw new HttpError(413, 'too-large', `server: body over ${MAX_BODY_BYTES} bytes`);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) throw new HttpError(413, 'too-large', `server: body over ${MAX_BODY_BYTES} bytes`);
      chunks.push(chunk as Buffer);
    }
    let body = Buffer.concat(chunks);
    const encoding = request.headers['content-encoding'];
    if (encoding === 'gzip') {
      try {
        body = await gunzipAsync(body, { maxOutputLength: MAX_INFLATED_BYTES });
      } catch (error) {
        const tooBig = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
        throw new HttpError(tooBig ? 413 : 400, tooBig ? 'too-large' : 'bad-encoding', tooBig ? `server: inflated body over ${MAX_INFLATED_BYTES} bytes` : 'server: body is not valid gzip');
      }
    } else if (encoding !== undefined && encoding !== 'identity') {
      throw new HttpError(415, 'bad-encoding', 'server: only gzip or identity content encoding');
    }
    try {
      return JSON.parse(body.toString('utf8')) as unknown;
    } catch {
      throw new HttpError(400, 'invalid-json', 'server: body is not JSON');
    }
  }

  async createEnrollment(request: z.output<typeof CreateEnrollmentRequestSchema>): Promise<CreateEnrollmentResponse> {
    const now = this.now();
    const code = newEnrollmentCode();
    const venueId = uuidv7();
    const expiresAt = new Date(now.getTime() + (request.ttlHours ?? 168) * 3600_000).toISOString();
    await this.store.createEnrollment({
      venue: { id: venueId, name: request.venueName, type: request.venueType, address: request.address ?? null },
      codeHash: sha256Hex(code),
      createdAt: now.toISOString(),
      expiresAt,
    });
    this.log('server.enrollments', 'enrollment created', { venueType: request.venueType });
    return { code, venueId, expiresAt, qrText: enrollmentText(code, this.publicUrl) };
  }

  private async enroll(request: z.output<typeof EnrollRequestSchema>): Promise<EnrollResponse> {
    const deviceToken = randomBytes(32).toString('base64url');
    const deviceId = uuidv7();
    const result = await this.store.redeemEnrollment(sha256Hex(request.code), this.now().toISOString(), {
      id: deviceId,
      name: request.deviceName,
      tokenHash: sha256Hex(deviceToken),
      appVersion: request.appVersion ?? null,
    });
    if (result.status !== 'enrolled') {
      const words = { unknown: 'unknown code', expired: 'code expired; ask the district for a new one', used: 'code already used; ask the district for a new one' }[result.status];
      throw new HttpError(result.status === 'unknown' ? 404 : 410, `enrollment-${result.status}`, `server: ${words}`);
    }
    this.log('server.enroll', 'device enrolled', { venueType: result.venue.type });
    return { deviceId, deviceToken, venueId: result.venue.id, venueName: result.venue.name, venueType: result.venue.type };
  }

  private async ingest(device: DeviceRecord, body: unknown): Promise<{ results: ScanAnswer[]; receivedAt: string }> {
    const batch = parseOrThrow(ScanBatchSchema, body, 'scan batch');
    const received = this.now();
    const receivedAt = received.toISOString();
    const clockOffsetMs = received.getTime() - Date.parse(batch.sentAt);
    const answers = new Map<string, ScanAnswer>();
    const rows: StoredScan[] = [];
    batch.scans.forEach((item, index) => {
      const parsed = UploadedScanSchema.safeParse(item);
      if (!parsed.success) {
        const id = typeof (item as { id?: unknown })?.id === 'string' ? String((item as { id: string }).id).slice(0, 64) : `#${index}`;
        answers.set(id, { id, status: 'rejected', reason: parsed.error.issues.map((i) => i.path.join('.') || 'scan').slice(0, 3).join(', ') });
        return;
      }
      const scan = parsed.data;
      const scannedMs = Date.parse(scan.scannedAt);
      rows.push({
        ...scan,
        venueId: device.venueId,
        deviceId: device.id,
        receivedAt,
        correctedAt: new Date(scannedMs + clockOffsetMs).toISOString(),
        localDay: localDayOf(scannedMs, scan.utcOffsetMin),
      });
    });
    const inserted = await this.store.ingestScans(device, rows, { receivedAt, sentAt: batch.sentAt, clockOffsetMs, pendingCount: batch.pendingCount, appVersion: batch.appVersion });
    for (const row of rows) answers.set(row.id, { id: row.id, status: inserted.has(row.id) ? 'accepted' : 'duplicate' });
    this.log('server.ingest', 'batch ingested', { scans: batch.scans.length, accepted: inserted.size });
    return { results: [...answers.values()], receivedAt };
  }

  /** One person's visits in [from, to) and the contacts at each. */
  async trace(idNumber: string, from: string, to: string, marginMinutes: number): Promise<TraceResponse> {
    const venues = new Map<string, VenueRecord>((await this.store.listVenues()).map((v) => [v.id, v]));
    const typeOf = (venueId: string) => venues.get(venueId)?.type ?? 'other';
    const scans = await this.store.scansOfPerson(idNumber, from, to);
    const intervals = pairIntoIntervals(scans, typeOf);
    const visits: Visit[] = [];
    const contacts: Contact[] = [];
    const around = (ms: number, days: number) => new Date(ms + days * 86_400_000).toISOString();
    for (const interval of intervals) {
      const venue = venues.get(interval.venueId);
      if (!venue) continue;
      visits.push(toVisit(interval, venue));
      const others = await this.store.scansAtVenue(venue.id, around(interval.start, -1), around(interval.end, 1));
      contacts.push(...findContacts(personKey(scans[0]) ?? idNumber, interval, venue, others, marginMinutes));
    }
    return { idNumber, visits, contacts };
  }

  private sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
    response.end(text);
  }

  private sendCsv(response: ServerResponse, csv: string): void {
    response.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="export.csv"', 'Cache-Control': 'no-store' });
    response.end(`\uFEFF${csv}`);
  }
}

function bearer(request: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match ? match[1] : null;
}
