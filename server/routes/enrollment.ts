/** Venues and their one-time enrollment codes (admin), and a kiosk redeeming its code (open). */
import { randomBytes, randomInt } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import {
  CreateEnrollmentRequestSchema,
  CreateEnrollmentResponseSchema,
  EnrollRequestSchema,
  EnrollResponseSchema,
  enrollmentText,
  type CreateEnrollmentResponse,
  type EnrollResponse,
} from '../../shared/district';
import { enrollProofMessage, verifyMessage } from '../../hosting/sealedScans/keys';
import { jsonAnswer } from '../http/answers';
import { sha256Hex } from '../http/auth';
import { HttpError } from '../http/HttpError';
import { parseOrThrow } from '../http/parse';
import type { BodyLimits } from '../http/requestBody';
import { busy, errors, forbidden, ok, refusal } from '../http/routeDocs';
import { currentDistrictKey, route, type ServerContext } from './context';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Enrollment bodies are a few hundred bytes; 16 KiB leaves room and nothing more (the route is open to anyone). */
export const ENROLLMENT_BODY_LIMITS: BodyLimits = { maxWireBytes: 16 * 1024, maxInflatedBytes: 16 * 1024 };

/** A one-time enrollment code: 10 Crockford base32 characters (50 bits). */
export function newEnrollmentCode(): string {
  let code = '';
  for (let i = 0; i < 10; i += 1) code += CROCKFORD[randomInt(CROCKFORD.length)];
  return code;
}

/** Creates a venue and its one-time code; the code is shown once, the store keeps its hash. */
export async function createEnrollment(
  context: ServerContext,
  request: z.output<typeof CreateEnrollmentRequestSchema>,
): Promise<CreateEnrollmentResponse> {
  const now = context.now();
  const code = newEnrollmentCode();
  const venueId = uuidv7();
  const expiresAt = new Date(now.getTime() + (request.ttlHours ?? 168) * 3600_000).toISOString();
  await context.store.createEnrollment({
    venue: { id: venueId, name: request.venueName, type: request.venueType, address: request.address ?? null },
    codeHash: sha256Hex(code),
    createdAt: now.toISOString(),
    expiresAt,
    carryUnsentScans: request.carryUnsentScans ?? false,
  });
  context.log('server.enrollments', 'enrollment created', { venueType: request.venueType });
  return {
    code,
    venueId,
    expiresAt,
    qrText: enrollmentText(code, context.publicUrl, currentDistrictKey(context).publicKey.text),
  };
}

/**
 * The device key a kiosk registers, once its proof verifies (it signed the code with the key): null
 * for an older kiosk that sends none. A key without its proof, or a proof that does not verify, is a
 * 400: the code is not spent on a request that cannot be right.
 */
function provenDeviceKey(request: z.output<typeof EnrollRequestSchema>): string | null {
  if (request.devicePublicKey === undefined && request.deviceProof === undefined) return null;
  if (
    request.devicePublicKey === undefined ||
    request.deviceProof === undefined ||
    !verifyMessage(request.devicePublicKey, enrollProofMessage(request.code), request.deviceProof)
  )
    throw new HttpError(400, 'bad-device-proof', 'server: the device key and its proof do not match the code');
  return request.devicePublicKey;
}

async function enroll(context: ServerContext, request: z.output<typeof EnrollRequestSchema>): Promise<EnrollResponse> {
  const deviceToken = randomBytes(32).toString('base64url');
  const publicKey = provenDeviceKey(request);
  // With a proven key, a code an import redeemed for that key (its file imported before it was online) gives that device its first token, once.
  const result = await context.store.redeemEnrollment(
    sha256Hex(request.code),
    context.now().toISOString(),
    {
      id: uuidv7(),
      name: request.deviceName,
      tokenHash: sha256Hex(deviceToken),
      appVersion: request.appVersion ?? null,
      publicKey,
    },
    publicKey !== null,
  );
  if (result.status === 'key-in-use')
    throw new HttpError(
      409,
      'device-key-in-use',
      'server: another enrolled kiosk holds this device key; enroll with a new key (the code is not spent)',
    );
  if (result.status !== 'enrolled') {
    const words = {
      unknown: 'unknown code',
      expired: 'code expired; ask the district for a new one',
      used: 'code already used; ask the district for a new one',
    }[result.status];
    throw new HttpError(result.status === 'unknown' ? 404 : 410, `enrollment-${result.status}`, `server: ${words}`);
  }
  context.log('server.enroll', 'device enrolled', { venueType: result.venue.type });
  return {
    deviceId: result.deviceId,
    deviceToken,
    venueId: result.venue.id,
    venueName: result.venue.name,
    venueType: result.venue.type,
    carryUnsentScans: result.carryUnsentScans,
    districtKey: currentDistrictKey(context).publicKey.text,
  };
}

export const enrollmentRoutes = [
  route({
    method: 'POST',
    path: '/api/v1/enrollments',
    access: 'it',
    body: ENROLLMENT_BODY_LIMITS,
    summary: 'Create a venue and its one-time enrollment code',
    requestBody: CreateEnrollmentRequestSchema,
    responses: {
      201: ok('created', CreateEnrollmentResponseSchema),
      413: refusal('body over 16 KiB'),
      ...errors,
      ...forbidden,
      ...busy,
    },
    handle: async (request, context) =>
      jsonAnswer(
        201,
        await createEnrollment(
          context,
          parseOrThrow(CreateEnrollmentRequestSchema, await request.readJson(), 'enrollment'),
        ),
      ),
  }),
  route({
    method: 'POST',
    path: '/api/v1/enroll',
    access: 'none',
    body: ENROLLMENT_BODY_LIMITS,
    summary: 'Redeem an enrollment code for a device token',
    requestBody: EnrollRequestSchema,
    responses: {
      201: ok('enrolled', EnrollResponseSchema),
      404: refusal('unknown code'),
      410: refusal(
        'code expired or used (a code an import redeemed for a kiosk set up offline gives that kiosk, enrolling with the same device key and its proof, its first token, once)',
      ),
      409: refusal(
        'device-key-in-use: another enrolled kiosk holds this device key (a key is one kiosk; the code is not spent)',
      ),
      413: refusal('body over 16 KiB (on the wire or inflated)'),
      400: refusal('invalid request, or bad-device-proof: the device key and its proof do not match the code'),
      ...busy,
    },
    handle: async (request, context) =>
      jsonAnswer(
        201,
        await enroll(context, parseOrThrow(EnrollRequestSchema, await request.readJson(), 'enroll request')),
      ),
  }),
];
