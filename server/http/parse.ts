/** Parsing request input with zod; a failure is a 400 naming the first few bad fields. */
import type { z } from 'zod';
import { HttpError } from './HttpError';

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || what}: ${issue.message}`).join('; ');
    throw new HttpError(400, 'invalid-request', `server: invalid ${what}: ${where}`);
  }
  return parsed.data;
}

/** The query string as a plain object (last value wins), for a zod schema. */
export function queryOf(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams);
}
