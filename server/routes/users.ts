/** Console accounts (IT): list, create with a one-time password, reset a password, disable. */
import { CreateUserRequestSchema, OneTimePasswordResponseSchema, UserListResponseSchema } from '../../shared/console';
import { addUser, resetPassword, userSummary } from '../accounts/userAccounts';
import { jsonAnswer } from '../http/answers';
import { HttpError } from '../http/HttpError';
import { parseOrThrow } from '../http/parse';
import { busy, errors, forbidden, ok, refusal } from '../http/routeDocs';
import { route } from './context';
import { SMALL_BODY_LIMITS } from './session';

const USER_ID = { id: /^[0-9a-f-]{36}$/ };

export const userRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/users',
    access: 'it',
    summary: 'Console accounts',
    responses: { 200: ok('accounts', UserListResponseSchema), ...errors, ...forbidden },
    handle: async (_request, context) =>
      jsonAnswer(200, { users: (await context.store.listUsers()).map((u) => userSummary(u, context.now())) }),
  }),
  route({
    method: 'POST',
    path: '/api/v1/users',
    access: 'it',
    body: SMALL_BODY_LIMITS,
    summary: 'Create an account with a one-time password',
    requestBody: CreateUserRequestSchema,
    responses: {
      201: ok('created', OneTimePasswordResponseSchema),
      409: refusal('name taken'),
      ...errors,
      ...forbidden,
      ...busy,
    },
    handle: async (request, context) => {
      const body = parseOrThrow(CreateUserRequestSchema, await request.readJson(), 'account');
      const created = await addUser(context.store, body.name, body.role, context.now());
      if (!created) throw new HttpError(409, 'name-taken', 'server: an account with this name exists');
      context.log('server.users', 'account created', { role: body.role, by: request.principal.actor });
      return jsonAnswer(201, {
        user: userSummary(created.user, context.now()),
        oneTimePassword: created.oneTimePassword,
      });
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/users/{id}/reset-password',
    access: 'it',
    params: USER_ID,
    summary: 'Give an account a new one-time password (ends its sessions, clears its lockout)',
    responses: {
      200: ok('reset', OneTimePasswordResponseSchema),
      404: refusal('no such account'),
      ...errors,
      ...forbidden,
    },
    handle: async (request, context) => {
      const reset = await resetPassword(context.store, request.params.id);
      if (!reset) throw new HttpError(404, 'not-found', 'server: no such account');
      context.log('server.users', 'password reset', { by: request.principal.actor });
      return jsonAnswer(200, { user: userSummary(reset.user, context.now()), oneTimePassword: reset.oneTimePassword });
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/users/{id}/disable',
    access: 'it',
    params: USER_ID,
    summary: 'Disable an account (ends its sessions)',
    responses: {
      200: ok('disabled'),
      400: refusal('invalid request, or your own account'),
      401: errors[401],
      404: refusal('no such active account'),
      ...forbidden,
    },
    handle: async (request, context) => {
      if (request.principal.user?.id === request.params.id)
        throw new HttpError(400, 'own-account', 'server: you cannot disable your own account');
      if (!(await context.store.disableUser(request.params.id, context.now().toISOString())))
        throw new HttpError(404, 'not-found', 'server: no such active account');
      context.log('server.users', 'account disabled', { by: request.principal.actor });
      return jsonAnswer(200, { disabled: true });
    },
  }),
];
