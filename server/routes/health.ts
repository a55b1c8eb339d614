/** Liveness and the API description: open to anyone, no body. */
import { jsonAnswer } from '../http/answers';
import { buildOpenApiDocument, type DocumentedRoute } from '../http/openApiDocument';
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
];

/** The API description of the table `routes()` returns, read when asked (the table holds this route too). */
export const openApiRoute = (routes: () => readonly DocumentedRoute[]) =>
  route({
    method: 'GET',
    path: '/api/v1/openapi.json',
    access: 'none',
    summary: 'This document',
    responses: { 200: ok('OpenAPI 3.1') },
    handle: () => jsonAnswer(200, buildOpenApiDocument(routes())),
  });
