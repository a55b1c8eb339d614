/**
 * The console's one door to the district server: same-origin fetch with the session cookie, the
 * CSRF token on every state-changing request, answers parsed with the shared schemas, and errors
 * as message keys the pages put in words.
 */
import type { z } from 'zod';
import { InvalidFieldSchema, type InvalidField } from '../shared/district';
import { isMessageKey, type MessageKey } from './messages';

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
  let fields: InvalidField[] = [];
  try {
    const body = (await response.json()) as { error?: unknown; fields?: unknown };
    if (typeof body.error === 'string') code = body.error;
    const parsed = InvalidFieldSchema.array().safeParse(body.fields);
    if (parsed.success) fields = parsed.data;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  if (response.status === 401 && code === 'signed-out') onSignedOut();
  if (code === 'locked')
    return new ApiError(response.status, code, 'error.locked', {
      seconds: response.headers.get('Retry-After') ?? '60',
    });
  if (code === 'invalid-request') return new ApiError(response.status, code, 'error.invalid-request', {}, fields);
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
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network', 'error.network');
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

/** A JSON request whose answer is parsed with `schema`. */
export async function request<S extends z.ZodType>(
  method: 'GET' | 'POST',
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.output<S>> {
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

/**
 * Sends a file as the raw body of a POST (`application/octet-stream`) with XMLHttpRequest, whose
 * upload events `fetch` does not give: `onProgress` gets the fraction sent (0 to 1). The answer is
 * parsed with `schema`; a refusal is an `ApiError` as `request`'s are.
 */
export function uploadFile<S extends z.ZodType>(
  path: string,
  file: Blob,
  schema: S,
  onProgress: (fraction: number) => void,
): Promise<z.output<S>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'error.network'));
    xhr.onload = () => {
      // The answer as a Response, so a refusal is read by the same `errorOf` as every other request's.
      const response = new Response(xhr.responseText, {
        status: xhr.status,
        headers: { 'Content-Type': 'application/json', 'Retry-After': xhr.getResponseHeader('Retry-After') ?? '' },
      });
      if (!response.ok) {
        void errorOf(response).then(reject);
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      const parsed = schema.safeParse(body);
      if (parsed.success) resolve(parsed.data);
      else reject(new ApiError(xhr.status, 'bad-answer', 'error.other', { status: xhr.status }));
    };
    xhr.send(file);
  });
}
