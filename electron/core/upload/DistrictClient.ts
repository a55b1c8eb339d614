/**
 * The kiosk's HTTP exchange with the district server: enrollment and scan batches, and what each
 * HTTP answer means for the uploader (an {@link UploadFailure} with a stable code the screen puts in
 * words). No database here.
 */
import {
  EnrollResponseSchema,
  ScanBatchResponseSchema,
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
    throw new UploadFailure((error as { name?: string }).name === 'TimeoutError' ? 'timeout' : 'offline', null);
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

/** What an HTTP error status means for the uploader. */
export function failureOfStatus(status: number, retryAfterMs: number | null): UploadFailure {
  if (status === 429) return new UploadFailure('rate-limited', status, retryAfterMs);
  if (status === 408 || status >= 500) return new UploadFailure('server-error', status, retryAfterMs);
  if (status === 401) return new UploadFailure('unauthorized', status);
  if (status === 403) return new UploadFailure('revoked', status);
  return new UploadFailure('rejected-request', status);
}

/** Redeems an enrollment code. Throws {@link KioskMethodError} with words for the operator. */
export async function postEnrollment(
  serverUrl: string,
  request: { readonly code: string; readonly deviceName: string; readonly appVersion: string },
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
    throw new KioskMethodError('enroll-failed', 'upload.enroll: the district server cannot be reached');
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const message = (body as { message?: string } | null)?.message ?? `HTTP ${response.status}`;
    throw new KioskMethodError('enroll-failed', `upload.enroll: ${message}`);
  }
  const parsed = EnrollResponseSchema.safeParse(body);
  if (!parsed.success)
    throw new KioskMethodError(
      'enroll-failed',
      'upload.enroll: the district server gave an answer this kiosk cannot read',
    );
  return parsed.data;
}
