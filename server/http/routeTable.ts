/**
 * A route is one table entry: method, path (OpenAPI style, `{id}` for a parameter), who may call
 * it, the limits of its body, its documentation and its handler. The dispatcher and the OpenAPI
 * document (`server/http/openApiDocument.ts`) derive everything else from it.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import type { Answer } from './answers';
import type { Access, Principals } from './auth';
import type { BodyLimits } from './requestBody';

export type HttpMethod = 'GET' | 'POST';

/** Methods that change state: a console session must prove them with its CSRF token and Origin. */
export const STATE_CHANGING: ReadonlySet<HttpMethod> = new Set<HttpMethod>(['POST']);

/** What a handler is given: the parsed URL, path parameters, the caller, and its body on demand. */
export interface RouteRequest<K extends Access> {
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  readonly principal: Principals[K];
  /** The body as JSON within the route's limits (400, 413, 415 or 503 as HttpError). */
  readJson(): Promise<unknown>;
  /** The raw body streamed to `file` within the route's wire limit (413, 415 as HttpError); answers its bytes. */
  saveBody(file: string): Promise<number>;
  /** Headers to add to the answer (a session cookie). */
  readonly setCookies: string[];
  /** Whether the request came over HTTPS (directly or through the TLS proxy). */
  readonly secure: boolean;
}

/** One answer a route may give: what it means, and the schema of its JSON body when it has one. */
export interface ResponseDoc {
  readonly description: string;
  readonly schema?: z.ZodType;
}

/** A query parameter, as the API document lists it (values are strings on the wire). */
export interface QueryParameterDoc {
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
}

/**
 * What the API document says of a route. Required on every route, so a route cannot be added
 * without being documented; path parameters come from `path` and `params`, security from `access`.
 */
export interface RouteDoc {
  /** One line: what the route does. */
  readonly summary: string;
  /** Details that do not fit the summary: formats, limits, rules of rejection. */
  readonly description?: string;
  /** The schema its JSON body is parsed with (as input: defaults optional). */
  readonly requestBody?: z.ZodType;
  /** A body that is not JSON: its media type (e.g. `application/octet-stream`), sent as it is. */
  readonly rawRequestBody?: string;
  readonly query?: readonly QueryParameterDoc[];
  /** Every answer it may give, by HTTP status. */
  readonly responses: Readonly<Record<number, ResponseDoc>>;
}

export interface Route<K extends Access, C> extends RouteDoc {
  readonly method: HttpMethod;
  readonly path: string;
  /** Who may call it (see `Access`). */
  readonly access: K;
  /** A signed-in person who still has to change a one-time password may call it (default no). */
  readonly beforePasswordChange?: boolean;
  /** Patterns path parameters must match, or the route does not match (404). */
  readonly params?: Readonly<Record<string, RegExp>>;
  /** Body limits; routes without them read no body. */
  readonly body?: BodyLimits;
  handle(request: RouteRequest<K>, context: C): Promise<Answer> | Answer;
}

export type AnyRoute<C> = { [K in Access]: Route<K, C> }[Access];

/** Declares one route; the generic keeps the handler's principal typed by its auth kind. */
export function defineRoute<C>() {
  return <K extends Access>(route: Route<K, C>): AnyRoute<C> => route as unknown as AnyRoute<C>;
}

/** The route for a method and path, with its parameters, or null. */
export function matchRoute<C>(
  routes: readonly AnyRoute<C>[],
  method: string,
  pathname: string,
): { route: AnyRoute<C>; params: Record<string, string> } | null {
  const given = pathname.split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/');
    if (pattern.length !== given.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, i) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return part === given[i];
      const value = decodeSegment(given[i]);
      if (value === null) return false;
      params[name] = value;
      return value !== '' && (route.params?.[name]?.test(value) ?? true);
    });
    if (matches) return { route, params };
  }
  return null;
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
