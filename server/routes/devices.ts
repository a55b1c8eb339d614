/** Devices: revoking one (admin). Listing is under statistics. */
import { jsonAnswer } from '../http/answers';
import { errors, forbidden, ok, refusal } from '../http/routeDocs';
import { route } from './context';

export const deviceRoutes = [
  route({
    method: 'POST',
    path: '/api/v1/devices/{id}/revoke',
    access: 'it',
    params: { id: /^[0-9a-f-]{36}$/ },
    summary: 'Revoke a device token',
    responses: { 200: ok('revoked'), 404: refusal('no such active device'), ...errors, ...forbidden },
    handle: async (request, context) => {
      const revoked = await context.store.revokeDevice(request.params.id, context.now().toISOString());
      return revoked
        ? jsonAnswer(200, { revoked: true })
        : jsonAnswer(404, { error: 'not-found', message: 'server: no such active device' });
    },
  }),
];
