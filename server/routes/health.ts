/** Liveness and the API description: open to anyone, no body. */
import { jsonAnswer } from '../http/answers';
import { ok } from '../http/routeDocs';
import { route } from './context';

export const healthRoutes = [
  route({
    method: 'GET',
    path: '/healthz',
    access: 'none',
    summary: 'Liveness',
    responses: { 200: ok('up') },
    handle: () => jsonAnswer(200, { ok: true }),
  }),
  route({
    method: 'GET',
    path: '/api/v1/openapi.json',
    access: 'none',
    summary: 'This document',
    responses: { 200: ok('OpenAPI 3.1') },
    // The document is built from the route table, which holds this route: imported on first use
    // so the table and the document do not import each other while modules load.
    handle: async () => jsonAnswer(200, (await import('../openapi')).buildOpenApiDocument()),
  }),
];
