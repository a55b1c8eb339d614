/**
 * The kiosk's HTTP exchange with the district server: enrollment and scan batches, and what each
 * HTTP answer means for the uploader (an {@link UploadFailure} with a stable code the screen puts in
 * words). No database here.
 */
import {
  EnrollResponseSchema,
  ScanBatchResponseSchema,
  type EnrollRequest,
  type EnrollResponse,
  type ScanBatchResponse,
} from '../../../shared/district';
import { KioskMethodError } from '../../../shared/contract';
import type { UploadErrorCode } from '../../../shared/kioskStatus';

/** Longest wait a server's Retry-After can impose, ms. */
const MAX_RETRY_AFTER_MS = 3_600_000;

export class UploadFailure extends Error {
  constructor(
    readonly code: UploadErrorCode,
    readonly status: number | null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(`upload: ${code}${status ? ` (HTTP ${status})` : ''}`);
  }

  /** How long the server asked to wait, capped (a wrong header must not silence a kiosk). */
  get cappedRetryAfterMs(): number | null {
    return this.retryAfterMs === null ? null : Math.min(this.retryAfterMs, MAX_RETRY_AFTER_MS);
  }
}

/** Retry-After as seconds or an HTTP date, in ms from now; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Where and as whom a kiosk uploads. */
export interface DistrictEndpoint {
  readonly serverUrl: string;
  readonly deviceToken: string;
}

/** A batch answer: the server's per-id results, or `too-large` (413: send smaller batches). */
export type BatchAnswer =
  | { readonly kind: 'answered'; readonly response: ScanBatchResponse; readonly serverDate: number | null }
  | { readonly kind: 'too-large'; readonly serverDate: number | null };

/** Posts one gzip JSON batch. Throws {@link UploadFailure} for anything but an answer or a 413. */
export async function postScanBatch(
  endpoint: DistrictEndpoint,
  gzipBody: Buffer,
  timeoutMs: number,
  now: () => number,
): Promise<BatchAnswer> {
  let response: Response;
  try {
    response = await fetch(`${endpoint.serverUrl}/api/v1/scans:batch`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
        Authorization: `Bearer ${endpoint.deviceToken}`,
      },
      body: new Uint8Array(gzipBody),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new UploadFailure(failureCodeOfNetworkError(error), null);
  }
  const parsedDate = Date.parse(response.headers.get('date') ?? '');
  const serverDate = Number.isNaN(parsedDate) ? null : parsedDate;
  if (response.status === 413) {
    await response.body?.cancel();
    return { kind: 'too-large', serverDate };
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw failureOfStatus(response.status, parseRetryAfter(response.headers.get('retry-after'), now()));
  }
  try {
    return { kind: 'answered', response: ScanBatchResponseSchema.parse(await response.json()), serverDate };
  } catch {
    throw new UploadFailure('bad-answer', response.status);
  }
}

/**
 * Errors that prove the network works and the district's side does not: the address answered that
 * nothing listens there (refused), the name server answered that the name does not exist, or the
 * server's end dropped a connection it had taken.
 */
const SERVER_SIDE_ERRORS: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/**
 * Tells "no network" from "the district server does not answer" by the kind of error a failed
 * request gives, which needs no second request: a refusal or a reset came from the other side, so
 * the network carried it; no route, no interface or a name server that cannot be asked
 * (`ENETUNREACH`, `EHOSTUNREACH`, `EAI_AGAIN`) is this kiosk's network. Anything unknown stays `offline`.
 */
export function failureCodeOfNetworkError(error: unknown): 'timeout' | 'server-down' | 'offline' {
  if ((error as { name?: string } | null)?.name === 'TimeoutError') return 'timeout';
  const causes: unknown[] = [];
  for (let cause: unknown = error, depth = 0; cause && depth < 4; depth += 1) {
    causes.push(cause, ...((cause as { errors?: unknown[] }).errors ?? []));
    cause = (cause as { cause?: unknown }).cause;
  }
  const codes = causes.map((cause) => (cause as { code?: unknown }).code).filter((code) => typeof code === 'string');
  return codes.some((code) => SERVER_SIDE_ERRORS.has(code)) ? 'server-down' : 'offline';
}

/** What an HTTP error status means for the uploader. */
export function failureOfStatus(status: number, retryAfterMs: number | null): UploadFailure {
  if (status === 429) return new UploadFailure('rate-limited', status, retryAfterMs);
  if (status === 408 || status >= 500) return new UploadFailure('server-error', status, retryAfterMs);
  if (status === 401) return new UploadFailure('unauthorized', status);
  if (status === 403) return new UploadFailure('revoked', status);
  return new UploadFailure('rejected-request', status);
}

/** The district answered an enrollment with a refusal: `enroll-failed`, with the HTTP status. */
export class EnrollmentRefused extends KioskMethodError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super('enroll-failed', message);
  }
}

/**
 * Redeems an enrollment code. Throws {@link KioskMethodError}: `enroll-unreachable` when no answer
 * came (no network, no server there), `enroll-failed` ({@link EnrollmentRefused}) when the server
 * answered no.
 */
export async function postEnrollment(
  serverUrl: string,
  request: Pick<EnrollRequest, 'code' | 'deviceName' | 'appVersion' | 'devicePublicKey' | 'deviceProof'>,
  timeoutMs: number,
): Promise<EnrollResponse> {
  let response: Response;
  try {
    response = await fetch(`${serverUrl}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    // Its own code: a kiosk given a setup sheet with the district key may then go on offline.
    throw new KioskMethodError('enroll-unreachable', 'upload.enroll: the district server cannot be reached');
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const message = (body as { message?: string } | null)?.message ?? `HTTP ${response.status}`;
    throw new EnrollmentRefused(response.status, `upload.enroll: ${message}`);
  }
  const parsed = EnrollResponseSchema.safeParse(body);
  if (!parsed.success)
    throw new KioskMethodError(
      'enroll-failed',
      'upload.enroll: the district server gave an answer this kiosk cannot read',
    );
  return parsed.data;
}
