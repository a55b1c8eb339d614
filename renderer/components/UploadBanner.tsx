import type { UploadStatus } from '../../shared/kioskStatus';
import type { Translate } from '../messages';

/** Scans waiting this long make the banner say how many hours nothing was sent, ms. */
export const UPLOAD_STALE_MS = 2 * 3_600_000;

export type UploadTrouble = { readonly kind: 'stale'; readonly hours: number } | { readonly kind: 'failing' } | null;

/** What is wrong with sending, seen from two metres: waiting for hours, or the last attempt failed with scans waiting. */
export function uploadTrouble(status: UploadStatus, now: number): UploadTrouble {
  if (!status.enrolled || status.pendingCount === 0) return null;
  const oldest = status.oldestPendingAt ? Date.parse(status.oldestPendingAt) : NaN;
  if (now - oldest >= UPLOAD_STALE_MS) return { kind: 'stale', hours: Math.floor((now - oldest) / 3_600_000) };
  return status.lastError ? { kind: 'failing' } : null;
}

export interface UploadBannerProps {
  readonly status: UploadStatus;
  /** Epoch ms. */
  readonly now: number;
  readonly t: Translate;
}

/** Failures no retry mends: a person must act (re-enroll, ask the district, update, free the disk). */
const NEEDS_A_PERSON: ReadonlySet<string> = new Set([
  'unauthorized',
  'setup-code-refused',
  'revoked',
  'rejected-request',
  'disk-full',
]);

/** A banner on the counter screen while scans cannot reach the district (nothing when all is well). */
export function UploadBanner({ status, now, t }: UploadBannerProps) {
  const trouble = uploadTrouble(status, now);
  if (!trouble) return null;
  const error = status.lastError ? t(`upload.error.${status.lastError.code}`) : '';
  return (
    <p className="upload-banner" role="status" data-testid="upload-banner" data-trouble={trouble.kind}>
      {trouble.kind === 'stale'
        ? t('upload.banner.stale', { hours: trouble.hours, count: status.pendingCount })
        : t(NEEDS_A_PERSON.has(status.lastError?.code ?? '') ? 'upload.banner.blocked' : 'upload.banner.offline', {
            error,
            count: status.pendingCount,
          })}
    </p>
  );
}
