/**
 * The console's one door to the district server: same-origin fetch with the session cookie, the
 * CSRF token on every state-changing request, answers parsed with the shared schemas, and errors
 * as message keys the pages put in words.
 */
import type { z } from 'zod';
import { isMessageKey, type MessageKey } from './messages';

/** Why a field was refused, in words the page can put in the chosen language (`invalid.<reason>`). */
export type InvalidReason = 'short' | 'long' | 'chars' | 'other';

/** A field the server refused: its name in the request and why. */
export interface InvalidField {
  readonly field: string;
  readonly reason: InvalidReason;
}

/**
 * The fields of a server's `invalid-request` message (`server: invalid venue: name: Too small: …;
 * area: …`): the validator's English never reaches a Vietnamese page, only the field and a reason.
 */
export function invalidFieldsOf(message: string): InvalidField[] {
  const detail = message.replace(/^server: invalid [^:]*: /, '');
  return detail.split('; ').filter(Boolean).map((part) => {
    const at = part.indexOf(': ');
    const [field, why] = at === -1 ? [part, ''] : [part.slice(0, at), part.slice(at + 2)];
    const reason: InvalidReason = /too small|at least/i.test(why) ? 'short' : /too big|at most/i.test(why) ? 'long' : /control character|broken unicode/i.test(why) ? 'chars' : 'other';
    return { field, reason };
  });
}

/** A failed request, with the message key that says why in the chosen language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly key: MessageKey,
    readonly values: Readonly<Record<string, string | number>> = {},
    /** For `invalid-request`: the refused fields, put in words by `ErrorLine`. */
    readonly fields: readonly InvalidField[] = [],
  ) {
    super(`console.api: ${status} ${code}`);
    this.name = 'ApiError';
  }
}

let csrfToken = '';
let onSignedOut: () => void = () => undefined;

/** The session's CSRF token, sent in `X-CSRF-Token` on POST. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when the server says the session is over (the shell shows the sign-in page). */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

async function errorOf(response: Response): Promise<ApiError> {
  let code = 'other';
  let message = '';
  try {
    const body = (await response.json()) as { error?: unknown; message?: unknown };
    if (typeof body.error === 'string') code = body.error;
    if (typeof body.message === 'string') message = body.message;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  if (response.status === 401 && code === 'signed-out') onSignedOut();
  if (code === 'locked') return new ApiError(response.status, code, 'error.locked', { seconds: response.headers.get('Retry-After') ?? '60' });
  if (code === 'invalid-request') return new ApiError(response.status, code, 'error.invalid-request', {}, invalidFieldsOf(message));
  const key = `error.${code}`;
  return new ApiError(response.status, code, isMessageKey(key) ? key : 'error.other', { status: response.status });
}

export interface RequestOptions {
  readonly body?: unknown;
  /** Extra headers (the first-run page's admin token). */
  readonly headers?: Readonly<Record<string, string>>;
}

async function send(method: 'GET' | 'POST', path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (method === 'POST') headers['X-CSRF-Token'] = csrfToken;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  } catch {
    throw new ApiError(0, 'network', 'error.network');
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

/** A JSON request whose answer is parsed with `schema`. */
export async function request<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, options: RequestOptions = {}): Promise<z.output<S>> {
  const response = await send(method, path, options);
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) throw new ApiError(response.status, 'bad-answer', 'error.other', { status: response.status });
  return parsed.data;
}

/** A request whose answer is only its success. */
export async function post(path: string, body?: unknown): Promise<void> {
  await (await send('POST', path, { body })).arrayBuffer();
}

/** A download (CSV) as a Blob with its file name. */
export async function download(path: string): Promise<{ blob: Blob; fileName: string }> {
  const response = await send('GET', path, {});
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'export.csv';
  return { blob: await response.blob(), fileName };
}

/** Saves a Blob as a file the way a link with `download` does. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
