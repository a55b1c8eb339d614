/**
 * The OpenAPI document of a route table (the server's is `server/routes/index.ts`): each entry's
 * summary, zod schemas (the ones the server validates with), parameters and answers, with its
 * `access` as the operation's security. There is no second list of routes to keep in step.
 * Regenerate the committed copy with `npm run --silent server -- openapi > docs/openapi.json`.
 */
import { z } from 'zod';
import { UploadedScanSchema } from '../../shared/district';
import type { Access } from './auth';
import type { HttpMethod, QueryParameterDoc, ResponseDoc, RouteDoc } from './routeTable';

/** What the document needs of a route: its place, its access and its documentation. */
export interface DocumentedRoute extends RouteDoc {
  readonly method: HttpMethod;
  readonly path: string;
  readonly access: Access;
  readonly params?: Readonly<Record<string, RegExp>>;
}

/** One requirement object of an operation's `security`: scheme name to scopes (roles). */
export type SecurityRequirement = Readonly<Record<string, readonly string[]>>;

/** The command that rewrites `docs/openapi.json` from this module. */
export const OPENAPI_WRITE_COMMAND = 'npm run --silent server -- openapi > docs/openapi.json';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' });

/** Request bodies are read as input (defaults optional), answers as output. */
const jsonContent = (schema: z.ZodType, io: 'input' | 'output') => ({
  'application/json': { schema: jsonSchema(schema, io) },
});

/**
 * Who may call a route, as OpenAPI security: any one listed requirement suffices; none for an
 * open route. The admin token passes every role (`auth.ts`), so role routes list it too; a
 * console session's scope is the least role it needs.
 */
export function securityOf(access: Access): readonly SecurityRequirement[] | undefined {
  switch (access) {
    case 'none':
      return undefined;
    case 'admin-token':
      return [{ adminToken: [] }];
    case 'device':
      return [{ deviceToken: [] }];
    case 'viewer':
    case 'tracer':
    case 'it':
      return [{ adminToken: [] }, { consoleSession: [access] }];
    default: {
      const never: never = access;
      throw new Error(`server.openapi: unknown access ${String(never)}`);
    }
  }
}

/** Path parameters come from the path's `{name}` segments and the route's patterns for them. */
function pathParameters(route: DocumentedRoute) {
  return [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string', ...(route.params?.[name] ? { pattern: route.params[name].source } : {}) },
  }));
}

const queryParameter = (parameter: QueryParameterDoc) => ({
  name: parameter.name,
  in: 'query',
  required: parameter.required ?? false,
  description: parameter.description,
  schema: { type: 'string' },
});

const response = (answer: ResponseDoc) => ({
  description: answer.description,
  ...(answer.schema ? { content: jsonContent(answer.schema, 'output') } : {}),
});

/** The operation object of one route. */
function operationOf(route: DocumentedRoute): Record<string, unknown> {
  const parameters = [...pathParameters(route), ...(route.query ?? []).map(queryParameter)];
  const security = securityOf(route.access);
  return {
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(security ? { security } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.requestBody ? { requestBody: { content: jsonContent(route.requestBody, 'input') } } : {}),
    ...(route.rawRequestBody
      ? { requestBody: { content: { [route.rawRequestBody]: { schema: { type: 'string', format: 'binary' } } } } }
      : {}),
    responses: Object.fromEntries(
      Object.entries(route.responses).map(([status, answer]) => [status, response(answer)]),
    ),
  };
}

/** The document's paths: one operation per route, grouped by path in the table's order. */
function pathsOf(routes: readonly DocumentedRoute[]): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operations = (paths[route.path] ??= {});
    const method = route.method.toLowerCase();
    if (operations[method]) throw new Error(`server.openapi: ${route.method} ${route.path} is in the table twice`);
    operations[method] = operationOf(route);
  }
  return paths;
}

/**
 * The OpenAPI 3.1 document of the given routes. Below the route table on purpose (it takes the table,
 * never imports it): the route that serves the document is in the table it describes.
 */
export function buildOpenApiDocument(routes: readonly DocumentedRoute[]): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'District check-in server',
      version: '1.0.0',
      description: 'Enrollment of kiosks, idempotent scan ingest, tracing and statistics.',
    },
    components: {
      securitySchemes: {
        adminToken: { type: 'http', scheme: 'bearer' },
        deviceToken: { type: 'http', scheme: 'bearer' },
        consoleSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'district_session',
          description:
            'Console session; state-changing requests also send X-CSRF-Token (from GET /api/v1/session) and a same-origin Origin. Scopes are roles: viewer < tracer < it.',
        },
      },
      schemas: { UploadedScan: jsonSchema(UploadedScanSchema, 'input') },
    },
    paths: pathsOf(routes),
  };
}
