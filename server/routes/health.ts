/** Liveness and the API description: open to anyone, no body. */
import { jsonAnswer } from '../http/answers';
import { buildOpenApiDocument } from '../openapi';
import { route } from './context';

export const healthRoutes = [
  route({ method: 'GET', path: '/healthz', access: 'none', handle: () => jsonAnswer(200, { ok: true }) }),
  route({
    method: 'GET',
    path: '/api/v1/openapi.json',
    access: 'none',
    handle: () => jsonAnswer(200, buildOpenApiDocument()),
  }),
];
