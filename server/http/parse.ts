/** Parsing request input with zod; a failure is a 400 naming the first few bad fields. */
import type { z } from 'zod';
import type { InvalidField } from '../../shared/district';
import { HttpError } from './HttpError';

/** Why zod refused a field, as the console puts it in words (`isCleanText` refusals say "control character"). */
function reasonOf(issue: z.core.$ZodIssue): InvalidField['reason'] {
  if (issue.code === 'too_small') return 'short';
  if (issue.code === 'too_big') return 'long';
  return /control character|broken Unicode/.test(issue.message) ? 'chars' : 'other';
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5);
    const where = issues.map((issue) => `${issue.path.join('.') || what}: ${issue.message}`).join('; ');
    const fields = issues.map((issue) => ({ field: issue.path.join('.') || what, reason: reasonOf(issue) }));
    throw new HttpError(400, 'invalid-request', `server: invalid ${what}: ${where}`, {}, fields);
  }
  return parsed.data;
}

/** The query string as a plain object (last value wins), for a zod schema. */
export function queryOf(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams);
}
