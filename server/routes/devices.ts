/** Devices: revoking one and naming it (IT). Listing is under statistics. */
import { RenameDeviceRequestSchema } from '../../shared/console';
import { jsonAnswer } from '../http/answers';
import { parseOrThrow } from '../http/parse';
import { errors, forbidden, ok, refusal } from '../http/routeDocs';
import { route } from './context';
import { ENROLLMENT_BODY_LIMITS } from './enrollment';

const DEVICE_ID = { id: /^[0-9a-f-]{36}$/ };

export const deviceRoutes = [
  route({
    method: 'POST',
    path: '/api/v1/devices/{id}/revoke',
    access: 'it',
    params: DEVICE_ID,
    summary: 'Revoke a device token',
    responses: { 200: ok('revoked'), 404: refusal('no such active device'), ...errors, ...forbidden },
    handle: async (request, context) => {
      const revoked = await context.store.revokeDevice(request.params.id, context.now().toISOString());
      return revoked
        ? jsonAnswer(200, { revoked: true })
        : jsonAnswer(404, { error: 'not-found', message: 'server: no such active device' });
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/devices/{id}/name',
    access: 'it',
    params: DEVICE_ID,
    // A name is a few dozen bytes; the enrollment routes' small limit fits.
    body: ENROLLMENT_BODY_LIMITS,
    summary: "Name a device (the kiosk's host name, such as vm, becomes the name people know it by)",
    requestBody: RenameDeviceRequestSchema,
    responses: { 200: ok('renamed'), 404: refusal('no such device'), ...errors, ...forbidden },
    handle: async (request, context) => {
      const { name } = parseOrThrow(RenameDeviceRequestSchema, await request.readJson(), 'device name');
      if (!(await context.store.renameDevice(request.params.id, name)))
        return jsonAnswer(404, { error: 'not-found', message: 'server: no such device' });
      context.log('server.devices', 'device renamed');
      return jsonAnswer(200, { renamed: true });
    },
  }),
];
