/**
 * Who is calling: the admin bearer token (automation), a device token (kiosks), or a person signed
 * in to the console with a role (`sessions.ts`). A route's access names the least it needs.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Role } from '../../shared/console';
import type { DeviceRecord, DistrictStore, SessionRecord, UserRecord } from '../store/DistrictStore';
import { sha256Hex } from '../domain/secretHash';
import { HttpError } from './HttpError';
import type { WrongTokenLimiter } from './WrongTokenLimiter';

/**
 * Who may call a route: anyone, the admin token only, an enrolled device, or a console role (or
 * any stronger role; the admin token passes every role, so automation keeps working).
 */
export type Access = 'none' | 'admin-token' | 'device' | Role;

/** Who an admin-token request is, as written in the trace audit. */
export interface AdminPrincipal {
  readonly actor: 'admin-token';
}

/** A caller of a role route: the admin token, or a signed-in person with their session. */
export type StaffPrincipal =
  | { readonly actor: 'admin-token'; readonly user: null; readonly session: null }
  | { readonly actor: `user:${string}`; readonly user: UserRecord; readonly session: SessionRecord };

/** The principal a route of each access is given. */
export interface Principals {
  readonly none: null;
  readonly 'admin-token': AdminPrincipal;
  readonly device: DeviceRecord;
  readonly viewer: StaffPrincipal;
  readonly tracer: StaffPrincipal;
  readonly it: StaffPrincipal;
}

/** Every route hashes secrets as an import does (`domain/secretHash.ts`). */
export { sha256Hex };

export function bearerToken(request: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match ? match[1] : null;
}

/**
 * Checks the admin token in constant time against its hash; 503 when no token is configured. A
 * wrong token counts towards `limiter` (429 once too many) unless it is an enrolled device's: a
 * kiosk calling a route above its access is no guess at the admin token.
 */
export async function requireAdmin(
  request: IncomingMessage,
  adminTokenHash: string | null,
  limiter: WrongTokenLimiter,
  store: DistrictStore,
): Promise<AdminPrincipal> {
  if (!adminTokenHash)
    throw new HttpError(
      503,
      'admin-disabled',
      'server: no admin token configured (--admin-token or DISTRICT_ADMIN_TOKEN)',
    );
  const address = request.socket.remoteAddress ?? '';
  limiter.check(address);
  const given = sha256Hex(bearerToken(request) ?? '');
  if (!timingSafeEqual(Buffer.from(given), Buffer.from(adminTokenHash))) {
    if (bearerToken(request) !== null && !(await store.findDeviceByTokenHash(given))) limiter.recordWrong(address);
    throw new HttpError(401, 'unauthorized', 'server: admin token required', { 'WWW-Authenticate': 'Bearer' });
  }
  return { actor: 'admin-token' };
}

/** The enrolled, unrevoked device holding the bearer token. */
export async function requireDevice(request: IncomingMessage, store: DistrictStore): Promise<DeviceRecord> {
  const token = bearerToken(request);
  const device = token ? await store.findDeviceByTokenHash(sha256Hex(token)) : null;
  if (!device)
    throw new HttpError(401, 'unauthorized', 'server: device token unknown', { 'WWW-Authenticate': 'Bearer' });
  if (device.revokedAt) throw new HttpError(403, 'revoked', 'server: this device was revoked; enroll it again');
  return device;
}
