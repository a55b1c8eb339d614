/**
 * The district's settings the console shows and IT changes: the address kiosks reach the server at,
 * which every setup sheet and its QR carry. The first-run page gives it right after making the first
 * IT account, so a server started without `--public-url` still prints sheets a kiosk can use.
 */
import { PublicUrlSettingSchema, SetPublicUrlRequestSchema, type PublicUrlSetting } from '../../shared/console';
import { jsonAnswer } from '../http/answers';
import { HttpError } from '../http/HttpError';
import { parseOrThrow } from '../http/parse';
import { errors, forbidden, ok, refusal } from '../http/routeDocs';
import { route, type ServerContext } from './context';
import { SMALL_BODY_LIMITS } from './session';

function publicUrlSetting(context: ServerContext): PublicUrlSetting {
  return { publicUrl: context.publicUrl, fromFlag: context.publicUrlFromFlag };
}

export const settingRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/settings/public-url',
    // The first-run page asks before anyone is signed in; the address is printed on every sheet anyway.
    access: 'none',
    summary: 'The address kiosks reach the server at (on setup sheets), and whether --public-url set it',
    responses: { 200: ok('the address', PublicUrlSettingSchema) },
    handle: async (_request, context) => jsonAnswer(200, publicUrlSetting(context)),
  }),
  route({
    method: 'POST',
    path: '/api/v1/settings/public-url',
    access: 'it',
    body: SMALL_BODY_LIMITS,
    summary: 'Keep the address kiosks reach the server at (a bare host is taken as http://) for later setup sheets',
    requestBody: SetPublicUrlRequestSchema,
    responses: {
      200: ok('kept', PublicUrlSettingSchema),
      409: refusal('--public-url sets the address'),
      ...errors,
      ...forbidden,
    },
    handle: async (request, context) => {
      const body = parseOrThrow(SetPublicUrlRequestSchema, await request.readJson(), 'address');
      if (context.publicUrlFromFlag)
        throw new HttpError(
          409,
          'public-url-from-flag',
          'server: --public-url sets the address; restart without it to change it here',
        );
      await context.rememberPublicUrl(body.publicUrl);
      context.log('server.settings', 'public url set');
      return jsonAnswer(200, publicUrlSetting(context));
    },
  }),
];
