/**
 * Console sessions: an opaque random id in an HttpOnly, SameSite=Strict cookie (Secure over HTTPS),
 * stored only as its SHA-256; idle for 30 minutes or 12 hours old, it is over. State-changing
 * requests prove themselves with the session's CSRF token in `X-CSRF-Token` and a same-origin
 * `Origin` header.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { roleAtLeast, type Role } from '../../shared/console';
import type { DistrictStore, SessionRecord, UserRecord } from '../store/DistrictStore';
import type { StaffPrincipal } from './auth';
import { sha256Hex } from './auth';
import { HttpError } from './HttpError';

export const SESSION_COOKIE = 'district_session';
/** A session unused this long is over, ms. */
export const SESSION_IDLE_MS = 30 * 60_000;
/** A session this old is over however busy, ms. */
export const SESSION_MAX_MS = 12 * 3600_000;
/** Last-seen times are written at most this often, ms (one write a minute, not one a request). */
const TOUCH_EVERY_MS = 60_000;

/** The session id in the request's cookie, or null. */
export function sessionCookie(request: IncomingMessage): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || null;
  }
  return null;
}

/** `Set-Cookie` for a new session id (or `''` with Max-Age=0 to end it). */
export function sessionCookieHeader(id: string, secure: boolean): string {
  const attributes = [
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
    ...(id ? [] : ['Max-Age=0']),
  ];
  return [`${SESSION_COOKIE}=${id}`, ...attributes].join('; ');
}

/** Whether the request reached the server over HTTPS: the TLS proxy says so, or the public URL is https. */
export function requestIsSecure(request: IncomingMessage, publicUrl: string): boolean {
  return publicUrl.startsWith('https://') || request.headers['x-forwarded-proto'] === 'https';
}

/** Starts a session for `user`; returns the cookie id (given to the browser once) and the record. */
export async function startSession(
  store: DistrictStore,
  user: UserRecord,
  now: Date,
): Promise<{ id: string; session: SessionRecord }> {
  const id = randomBytes(32).toString('base64url');
  const session: SessionRecord = {
    idHash: sha256Hex(id),
    userId: user.id,
    csrfToken: randomBytes(24).toString('base64url'),
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
  };
  await store.createSession(session);
  return { id, session };
}

/** Whether a session has ended at `now` (idle too long or too old). */
export function sessionExpired(session: SessionRecord, now: Date): boolean {
  const t = now.getTime();
  return t - Date.parse(session.lastSeenAt) > SESSION_IDLE_MS || t - Date.parse(session.createdAt) > SESSION_MAX_MS;
}

/**
 * The `Origin` of a state-changing request must be this server: the host the browser addressed
 * (`Host`), or the configured public URL. A request without one is refused: browsers always send it.
 */
export function checkOrigin(headers: IncomingHttpHeaders, publicUrl: string): void {
  const origin = headers.origin;
  let host: string | null = null;
  try {
    host = origin ? new URL(origin).host : null;
  } catch {
    host = null;
  }
  const allowed = [headers.host, publicUrl ? new URL(publicUrl).host : undefined].filter(Boolean);
  if (!host || !allowed.includes(host))
    throw new HttpError(403, 'bad-origin', "server: this request must come from the console's own pages");
}

export interface SessionCheck {
  readonly store: DistrictStore;
  readonly now: Date;
  readonly publicUrl: string;
  readonly needed: Role;
  readonly stateChanging: boolean;
  readonly beforePasswordChange: boolean;
}

/** The signed-in person making this request with at least the needed role (401, 403 otherwise). */
export async function requireSession(request: IncomingMessage, check: SessionCheck): Promise<StaffPrincipal> {
  const id = sessionCookie(request);
  const session = id ? await check.store.findSession(sha256Hex(id)) : null;
  if (!session || sessionExpired(session, check.now)) {
    if (session) await check.store.deleteSession(session.idHash);
    throw new HttpError(401, 'signed-out', 'server: sign in to the console');
  }
  const user = await check.store.findUserById(session.userId);
  if (!user || user.disabledAt) {
    await check.store.deleteSession(session.idHash);
    throw new HttpError(401, 'signed-out', 'server: sign in to the console');
  }
  if (check.stateChanging) {
    checkOrigin(request.headers, check.publicUrl);
    if (request.headers['x-csrf-token'] !== session.csrfToken)
      throw new HttpError(403, 'bad-csrf-token', "server: the request lacks this session's CSRF token");
  }
  if (!roleAtLeast(user.role, check.needed))
    throw new HttpError(403, 'forbidden', `server: this needs the ${check.needed} role`);
  if (user.mustChangePassword && !check.beforePasswordChange)
    throw new HttpError(403, 'password-change-required', 'server: choose your own password first');
  if (check.now.getTime() - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS)
    await check.store.touchSession(session.idHash, check.now.toISOString());
  return { actor: `user:${user.name}`, user, session };
}
