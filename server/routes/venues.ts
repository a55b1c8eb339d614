/**
 * Venues for the console: list with activity (viewer), one venue with its devices (viewer); create
 * with its first one-time code, edit, retire, and a new code for the setup sheet (IT).
 */
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import {
  CreateVenueRequestSchema,
  EnrollmentSheetSchema,
  NewCodeRequestSchema,
  UpdateVenueRequestSchema,
  VenueDetailResponseSchema,
  VenueListResponseSchema,
  type EnrollmentSheet,
  type VenueSummary,
} from '../../shared/console';
import { enrollmentText } from '../../shared/district';
import { utcOffsetMinutes } from '../../shared/localTime';
import { jsonAnswer } from '../http/answers';
import { sha256Hex } from '../http/auth';
import { HttpError } from '../http/HttpError';
import { parseOrThrow } from '../http/parse';
import { busy, errors, forbidden, ok, refusal } from '../http/routeDocs';
import { addDays, localDay } from '../domain/districtDay';
import type { VenueActivity, VenueRecord } from '../store/DistrictStore';
import { listedCommune } from './communes';
import { currentDistrictKey, route, type ServerContext } from './context';
import { ENROLLMENT_BODY_LIMITS, newEnrollmentCode } from './enrollment';

const VENUE_ID = { id: /^[0-9a-f-]{36}$/ };
/** A setup sheet's code stays valid a week unless IT asks for longer (a venue with no network). */
const DAY_MS = 24 * 3600_000;
const CODE_TTL_MS = 7 * DAY_MS;

export function venueSummary(venue: VenueActivity): VenueSummary {
  return {
    id: venue.id,
    name: venue.name,
    type: venue.type,
    area: venue.area,
    address: venue.address,
    createdAt: venue.createdAt,
    retiredAt: venue.retiredAt,
    lastUploadAt: venue.lastUploadAt,
    scansToday: venue.scansToday,
    scans7Days: venue.scans7Days,
    activeDevices: venue.activeDevices,
    lastReportAt: venue.lastReportAt,
  };
}

/** Every venue with its activity (today and the last 7 days in the district's time zone, by corrected scan time), and the local day "today" is. */
export async function venuesWithActivity(context: ServerContext): Promise<{ today: string; venues: VenueSummary[] }> {
  const today = localDay(context.now(), context.timeZone);
  const venues = await context.store.venueActivity({ today, weekStart: addDays(today, -6) });
  return { today, venues: venues.map(venueSummary) };
}

/** A new one-time code for an active venue, as its setup sheet shows it. */
/** Host names no kiosk can reach the server at: this machine's own. */
const LOOPBACK_HOST =
  /^(localhost\.?|.*\.localhost\.?|0\.0\.0\.0|127(\.\d{1,3}){3}|\[::1?\]|\[::ffff:(127(\.\d{1,3}){3}|7f[0-9a-f]{2}:[0-9a-f]{1,4})\])$/i;

/**
 * The address kiosks enroll with, printed on the setup sheet and in its QR: `--public-url`, else the
 * console's own origin as the IT officer's browser reached the server (the request's `Origin`,
 * checked against `Host` for a console session; an admin-token caller is trusted with it), unless
 * that is a loopback address no kiosk can reach: then none, and the sheet says so.
 */
export function sheetAddress(publicUrl: string, origin: string | undefined): string {
  if (publicUrl) return publicUrl;
  try {
    const url = new URL(origin ?? '');
    return LOOPBACK_HOST.test(url.hostname) || !/^https?:$/.test(url.protocol) ? '' : url.origin;
  } catch {
    return '';
  }
}

function sheetOf(
  venue: Pick<VenueRecord, 'id' | 'name'>,
  code: string,
  expiresAt: string,
  address: string,
  districtKey: string,
): EnrollmentSheet {
  return {
    venueId: venue.id,
    venueName: venue.name,
    code,
    expiresAt,
    qrText: enrollmentText(code, address, districtKey),
    publicUrl: address,
  };
}

async function newSheet(
  context: ServerContext,
  venue: VenueRecord,
  origin: string | undefined,
  carryUnsentScans = false,
  ttlMs = CODE_TTL_MS,
): Promise<EnrollmentSheet> {
  const code = newEnrollmentCode();
  const now = context.now();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  if (
    !(await context.store.addEnrollmentCode(venue.id, sha256Hex(code), now.toISOString(), expiresAt, carryUnsentScans))
  ) {
    throw new HttpError(409, 'venue-retired', 'server: this venue is retired');
  }
  return sheetOf(
    venue,
    code,
    expiresAt,
    sheetAddress(context.publicUrl, origin),
    currentDistrictKey(context).publicKey.text,
  );
}

async function venueOr404(context: ServerContext, venueId: string): Promise<VenueRecord> {
  const venue = await context.store.findVenue(venueId);
  if (!venue) throw new HttpError(404, 'not-found', 'server: no such venue');
  return venue;
}

/** A venue's fields from the form; its commune must be one of the district's list (kept in the list's spelling). */
const fields = async (context: ServerContext, body: z.output<typeof CreateVenueRequestSchema>) => ({
  name: body.name,
  type: body.type,
  area: await listedCommune(context, body.area),
  address: body.address || null,
});

export const venueRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/venues',
    access: 'viewer',
    summary: 'Venues with their activity: scans today and in 7 local days, last upload, active devices',
    responses: { 200: ok('venues', VenueListResponseSchema), ...errors, ...forbidden },
    handle: async (_request, context) => jsonAnswer(200, await venuesWithActivity(context)),
  }),
  route({
    method: 'GET',
    path: '/api/v1/venues/{id}',
    access: 'viewer',
    params: VENUE_ID,
    summary: 'One venue with its devices',
    responses: {
      200: ok('venue', VenueDetailResponseSchema),
      404: refusal('no such venue'),
      ...errors,
      ...forbidden,
    },
    handle: async (request, context) => {
      const { venues } = await venuesWithActivity(context);
      const venue = venues.find((v) => v.id === request.params.id);
      if (!venue) throw new HttpError(404, 'not-found', 'server: no such venue');
      const devices = (await context.store.listDevices()).filter((d) => d.venueId === venue.id);
      return jsonAnswer(200, { venue, devices });
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/venues',
    access: 'it',
    body: ENROLLMENT_BODY_LIMITS,
    summary: 'Create a venue and its first one-time code (the setup sheet)',
    requestBody: CreateVenueRequestSchema,
    responses: { 201: ok('created', EnrollmentSheetSchema), ...errors, ...forbidden, ...busy },
    handle: async (request, context) => {
      const body = parseOrThrow(CreateVenueRequestSchema, await request.readJson(), 'venue');
      const now = context.now();
      const code = newEnrollmentCode();
      const venue = { id: uuidv7(), ...(await fields(context, body)) };
      const expiresAt = new Date(now.getTime() + CODE_TTL_MS).toISOString();
      await context.store.createEnrollment({
        venue,
        codeHash: sha256Hex(code),
        createdAt: now.toISOString(),
        expiresAt,
      });
      context.log('server.venues', 'venue created', { venueType: body.type });
      return jsonAnswer(
        201,
        sheetOf(
          venue,
          code,
          expiresAt,
          sheetAddress(context.publicUrl, request.headers.origin),
          currentDistrictKey(context).publicKey.text,
        ),
      );
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/venues/{id}',
    access: 'it',
    params: VENUE_ID,
    body: ENROLLMENT_BODY_LIMITS,
    summary: "Change a venue's name, type, area and address",
    requestBody: UpdateVenueRequestSchema,
    responses: {
      200: ok('changed'),
      404: refusal('no such venue'),
      ...errors,
      ...forbidden,
      ...busy,
    },
    handle: async (request, context) => {
      const body = parseOrThrow(UpdateVenueRequestSchema, await request.readJson(), 'venue');
      // A changed type pairs the venue's intervals anew, on the district's days.
      const dayOffsetMin = utcOffsetMinutes(context.now(), context.timeZone);
      if (!(await context.store.updateVenue(request.params.id, await fields(context, body), dayOffsetMin)))
        throw new HttpError(404, 'not-found', 'server: no such venue');
      return jsonAnswer(200, { updated: true });
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/venues/{id}/retire',
    access: 'it',
    params: VENUE_ID,
    summary: 'Retire a venue: its devices revoked, its open codes expired',
    responses: {
      200: ok('retired'),
      404: refusal('no such venue'),
      409: refusal('already retired'),
      ...errors,
      ...forbidden,
    },
    handle: async (request, context) => {
      await venueOr404(context, request.params.id);
      if (!(await context.store.retireVenue(request.params.id, context.now().toISOString())))
        throw new HttpError(409, 'venue-retired', 'server: this venue is retired');
      context.log('server.venues', 'venue retired');
      return jsonAnswer(200, { retired: true });
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/venues/{id}/codes',
    access: 'it',
    params: VENUE_ID,
    body: ENROLLMENT_BODY_LIMITS,
    summary: 'A new one-time code for the venue (its setup sheet); the body may be empty',
    requestBody: NewCodeRequestSchema,
    responses: {
      201: ok('code', EnrollmentSheetSchema),
      404: refusal('no such venue'),
      409: refusal('venue retired'),
      ...errors,
      ...forbidden,
    },
    handle: async (request, context) => {
      // Automation made codes with no body before the choice existed: an empty body is all defaults.
      const empty =
        request.headers['content-length'] === '0' ||
        !(request.headers['content-length'] ?? request.headers['transfer-encoding']);
      const body = empty ? {} : parseOrThrow(NewCodeRequestSchema, await request.readJson(), 'new code');
      const venue = await venueOr404(context, request.params.id);
      return jsonAnswer(
        201,
        await newSheet(
          context,
          venue,
          request.headers.origin,
          body.carryUnsentScans ?? false,
          body.validDays === undefined ? CODE_TTL_MS : body.validDays * DAY_MS,
        ),
      );
    },
  }),
];
