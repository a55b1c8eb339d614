/**
 * Pieces of route documentation many routes share: the error answers of the HTTP layer and a
 * query parameter's shape. The route entries use them; `openApiDocument.ts` turns them into the
 * document.
 */
import type { z } from 'zod';
import { ErrorResponseSchema } from '../../shared/district';
import type { QueryParameterDoc, ResponseDoc } from './routeTable';

/** A successful answer with its JSON body's schema (or none: CSV, or a body not yet specified). */
export const ok = (description: string, schema?: z.ZodType): ResponseDoc => ({ description, schema });

/** An error answer: its body is always `ErrorResponse`. */
export const refusal = (description: string): ResponseDoc => ({ description, schema: ErrorResponseSchema });

/** Refusals every route with a body or credentials may give. */
export const errors = {
  400: refusal('invalid request'),
  401: refusal('token missing or unknown'),
  503: refusal(
    'part-unreachable: part of the database is out of reach (on Citus, a worker is down); nothing done, retry after Retry-After seconds',
  ),
} as const;

/** A route with a body may be asked to come back later (the body budget, `BodyBudget.ts`), or find part of the database out of reach. */
export const busy = {
  503: refusal(
    'busy (too many request bodies in flight) or part-unreachable (a database server is down); nothing done, retry after Retry-After seconds',
  ),
} as const;

/** Console role routes: a session whose role is too weak, or that has not proven itself. */
export const forbidden = {
  403: refusal('role too weak, one-time password not yet changed, or CSRF token / Origin missing'),
} as const;

/** A query parameter; `required` defaults to false. */
export const query = (name: string, description: string, required = false): QueryParameterDoc => ({
  name,
  description,
  required,
});
