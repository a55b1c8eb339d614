/**
 * Who is calling: the admin bearer token (automation), a device token (kiosks). Console sessions
 * (cookies) will be one more kind here.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DeviceRecord, DistrictStore } from '../store/DistrictStore';
import { HttpError } from './HttpError';

export type AuthKind = 'none' | 'admin' | 'device';

/** Who an admin request is, as written in the trace audit. */
export interface AdminPrincipal {
  readonly actor: 'admin-token';
}

/** The principal a route of each auth kind is given. */
export interface Principals {
  readonly none: null;
  readonly admin: AdminPrincipal;
  readonly device: DeviceRecord;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function bearerToken(request: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match ? match[1] : null;
}

/** Checks the admin token in constant time against its hash; 503 when no token is configured. */
export function requireAdmin(request: IncomingMessage, adminTokenHash: string | null): AdminPrincipal {
  if (!adminTokenHash) throw new HttpError(503, 'admin-disabled', 'server: no admin token configured (--admin-token or DISTRICT_ADMIN_TOKEN)');
  const given = sha256Hex(bearerToken(request) ?? '');
  if (!timingSafeEqual(Buffer.from(given), Buffer.from(adminTokenHash))) {
    throw new HttpError(401, 'unauthorized', 'server: admin token required', { 'WWW-Authenticate': 'Bearer' });
  }
  return { actor: 'admin-token' };
}

/** The enrolled, unrevoked device holding the bearer token. */
export async function requireDevice(request: IncomingMessage, store: DistrictStore): Promise<DeviceRecord> {
  const token = bearerToken(request);
  const device = token ? await store.findDeviceByTokenHash(sha256Hex(token)) : null;
  if (!device) throw new HttpError(401, 'unauthorized', 'server: device token unknown', { 'WWW-Authenticate': 'Bearer' });
  if (device.revokedAt) throw new HttpError(403, 'revoked', 'server: this device was revoked; enroll it again');
  return device;
}
