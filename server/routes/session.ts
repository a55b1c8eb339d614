/**
 * Console sign-in and the first run: the first IT account is made with the admin token; sign-in
 * with lockout; who am I (with the CSRF token); changing one's password; sign-out.
 */
import { v7 as uuidv7 } from 'uuid';
import {
  ChangePasswordRequestSchema,
  FirstRunRequestSchema,
  SessionResponseSchema,
  SetupStateSchema,
  SignInRequestSchema,
  type SessionResponse,
} from '../../shared/console';
import { afterFailure, lockRemainingMs } from '../accounts/lockout';
import { UnknownNameLockout } from '../accounts/unknownNameLockout';
import { PasswordGate } from '../http/PasswordGate';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../accounts/passwords';
import { jsonAnswer, type Answer } from '../http/answers';
import type { StaffPrincipal } from '../http/auth';
import { HttpError } from '../http/HttpError';
import { parseOrThrow } from '../http/parse';
import type { BodyLimits } from '../http/requestBody';
import { busy, errors, forbidden, ok, refusal } from '../http/routeDocs';
import type { RouteRequest } from '../http/routeTable';
import { checkOrigin, sessionCookieHeader, startSession } from '../http/sessions';
import type { SessionRecord, UserRecord } from '../store/DistrictStore';
import { route, type ServerContext } from './context';

/** Sign-in bodies are a name and a password. */
export const SMALL_BODY_LIMITS: BodyLimits = { maxWireBytes: 4 * 1024, maxInflatedBytes: 4 * 1024 };

export function sessionAnswer(context: ServerContext, user: UserRecord, session: SessionRecord): SessionResponse {
  return {
    user: { id: user.id, name: user.name, role: user.role, mustChangePassword: user.mustChangePassword },
    csrfToken: session.csrfToken,
    timeZone: context.timeZone,
    publicUrl: context.publicUrl,
  };
}

/**
 * One gate per server process for every password check (sign-in and password change), so a
 * signed-in person's guesses at the current password wait their turn and share the hash budget.
 */
const gate = new PasswordGate();

/** Guesses at names with no usable account lock like an account's, so the answers do not tell names apart. */
const unknownNames = new UnknownNameLockout();

/** 429 with Retry-After while `wait` (ms) lasts. */
function refuseIfLocked(wait: number): void {
  if (wait <= 0) return;
  const seconds = Math.ceil(wait / 1000);
  throw new HttpError(429, 'locked', `server: too many wrong passwords; try again in ${seconds} s`, {
    'Retry-After': String(seconds),
  });
}

/** Counts one more wrong password against the account (the lockout sign-in also reads). */
async function recordWrongPassword(context: ServerContext, user: UserRecord, now: Date): Promise<void> {
  const next = afterFailure(user, now);
  await context.store.updateLoginState(user.id, next.failedLogins, next.lockedUntil);
}

/**
 * Sign-in has no session to hold a CSRF token yet: a browser's request (it always sends `Origin`
 * on POST) must come from the console's own pages, so no other site can sign a person in.
 */
async function signIn(request: RouteRequest<'none'>, context: ServerContext): Promise<Answer> {
  if (request.headers.origin !== undefined) checkOrigin(request.headers, context.publicUrl);
  const body = parseOrThrow(SignInRequestSchema, await request.readJson(), 'sign-in');
  return gate.run(body.name, () => checkPassword(request, context, body.name, body.password));
}

/** One sign-in attempt, run by the gate after the previous attempt on the same name. */
async function checkPassword(
  request: RouteRequest<'none'>,
  context: ServerContext,
  name: string,
  password: string,
): Promise<Answer> {
  const now = context.now();
  const user = await context.store.findUserByName(name);
  const usable = user && !user.disabledAt ? user : null;
  refuseIfLocked(usable ? lockRemainingMs(usable, now) : unknownNames.remainingMs(name, now));
  // An unknown name costs the same scrypt as a known one, so timing does not tell names apart.
  const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (!user || !matches || user.disabledAt) {
    if (usable) await recordWrongPassword(context, usable, now);
    else unknownNames.recordFailure(name, now);
    context.log('server.session', 'sign-in refused');
    throw new HttpError(401, 'bad-credentials', 'server: wrong name or password');
  }
  if (user.failedLogins > 0 || user.lockedUntil) await context.store.updateLoginState(user.id, 0, null);
  const { id, session } = await startSession(context.store, user, now);
  request.setCookies.push(sessionCookieHeader(id, request.secure));
  context.log('server.session', 'signed in', { role: user.role });
  return jsonAnswer(200, sessionAnswer(context, user, session));
}

/**
 * One password change, run by the gate in turn with sign-ins on the same name: the account is read
 * again inside the turn so each guess sees the lockout the previous one earned.
 */
async function changePassword(
  context: ServerContext,
  userId: string,
  session: SessionRecord,
  currentPassword: string,
  newPassword: string,
): Promise<Answer> {
  const now = context.now();
  const user = await context.store.findUserById(userId);
  if (!user) throw new HttpError(401, 'no-session', 'server: the account is gone');
  refuseIfLocked(lockRemainingMs(user, now));
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    await recordWrongPassword(context, user, now);
    context.log('server.session', 'password change refused');
    throw new HttpError(403, 'bad-credentials', 'server: the current password is wrong');
  }
  if (user.failedLogins > 0 || user.lockedUntil) await context.store.updateLoginState(user.id, 0, null);
  if (newPassword === currentPassword)
    throw new HttpError(400, 'same-password', 'server: choose a password other than the current one');
  await context.store.setPassword(user.id, await hashPassword(newPassword), false);
  // Other sessions (a stolen one-time password's, say) end; this one goes on.
  await context.store.deleteSessionsOfUser(user.id, session.idHash);
  const updated = { ...user, mustChangePassword: false };
  return jsonAnswer(200, sessionAnswer(context, updated, session));
}

function signedIn(principal: StaffPrincipal): { user: UserRecord; session: SessionRecord } {
  if (!principal.user) throw new HttpError(400, 'no-session', 'server: the admin token has no console session');
  return { user: principal.user, session: principal.session };
}

export const sessionRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/setup',
    access: 'none',
    summary: 'Whether the first IT account is still to be made (the first-run page)',
    responses: { 200: ok('state', SetupStateSchema) },
    handle: async (_request, context) =>
      jsonAnswer(200, { needsFirstAccount: (await context.store.countUsers()) === 0 }),
  }),
  route({
    method: 'POST',
    path: '/api/v1/setup/first-account',
    access: 'admin-token',
    body: SMALL_BODY_LIMITS,
    summary: 'Make the first IT account (only while there is none) and sign it in',
    requestBody: FirstRunRequestSchema,
    responses: {
      201: ok('signed in', SessionResponseSchema),
      409: refusal('an account exists'),
      ...errors,
      ...busy,
    },
    handle: async (request, context) => {
      const body = parseOrThrow(FirstRunRequestSchema, await request.readJson(), 'first account');
      const now = context.now();
      const user: UserRecord = {
        id: uuidv7(),
        name: body.name,
        role: 'it',
        passwordHash: await hashPassword(body.password),
        mustChangePassword: false,
        failedLogins: 0,
        lockedUntil: null,
        createdAt: now.toISOString(),
        disabledAt: null,
      };
      if (!(await context.store.createFirstUser(user)))
        throw new HttpError(409, 'already-set-up', 'server: the first account exists; sign in');
      const { id, session } = await startSession(context.store, user, now);
      request.setCookies.push(sessionCookieHeader(id, request.secure));
      context.log('server.session', 'first account created');
      return jsonAnswer(201, sessionAnswer(context, user, session));
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/session',
    access: 'none',
    body: SMALL_BODY_LIMITS,
    summary:
      'Sign in (sets the HttpOnly SameSite=Strict session cookie); 5 wrong passwords lock the account 1 minute, doubling up to 15',
    requestBody: SignInRequestSchema,
    responses: {
      200: ok('signed in', SessionResponseSchema),
      401: refusal('wrong name or password'),
      403: refusal("an Origin other than the console's own pages"),
      429: refusal('locked; Retry-After seconds'),
      400: errors[400],
      ...busy,
    },
    handle: (request, context) => signIn(request, context),
  }),
  route({
    method: 'GET',
    path: '/api/v1/session',
    access: 'viewer',
    beforePasswordChange: true,
    summary: 'Who is signed in, with the CSRF token',
    responses: {
      200: ok('session', SessionResponseSchema),
      400: refusal('the admin token has no console session'),
      401: errors[401],
      ...forbidden,
    },
    handle: (request, context) => {
      const { user, session } = signedIn(request.principal);
      return jsonAnswer(200, sessionAnswer(context, user, session));
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/session/sign-out',
    access: 'viewer',
    beforePasswordChange: true,
    summary: 'Sign out (ends the session)',
    responses: { 200: ok('signed out'), ...errors, ...forbidden },
    handle: async (request, context) => {
      if (request.principal.session) await context.store.deleteSession(request.principal.session.idHash);
      request.setCookies.push(sessionCookieHeader('', request.secure));
      return jsonAnswer(200, { signedOut: true });
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/session/password',
    access: 'viewer',
    beforePasswordChange: true,
    body: SMALL_BODY_LIMITS,
    summary:
      "Change one's own password (ends the account's other sessions); wrong current passwords count towards the sign-in lockout",
    requestBody: ChangePasswordRequestSchema,
    responses: {
      200: ok('changed', SessionResponseSchema),
      403: refusal('the current password is wrong, or CSRF token / Origin missing'),
      429: refusal('locked; Retry-After seconds'),
      ...errors,
      ...busy,
    },
    handle: async (request, context) => {
      const { user, session } = signedIn(request.principal);
      const body = parseOrThrow(ChangePasswordRequestSchema, await request.readJson(), 'password change');
      return gate.run(user.name, () =>
        changePassword(context, user.id, session, body.currentPassword, body.newPassword),
      );
    },
  }),
];
