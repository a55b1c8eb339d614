import type { UploadStatus } from '../../shared/kioskStatus';
import type { Translate } from '../messages';

export interface UploadStatusLineProps {
  readonly status: UploadStatus;
  readonly t: Translate;
  readonly formatTime: (iso: string) => string;
}

/** Upload status, always visible but calm: pending count, last sent, the last error in words. */
export function UploadStatusLine({ status, t, formatTime }: UploadStatusLineProps) {
  if (!status.enrolled) {
    return (
      <p className="upload-status" data-testid="upload-status" data-state="not-enrolled">
        {t('upload.not-enrolled')}
      </p>
    );
  }
  // Only what is true together: nothing to send yet is not "all sent", and "never sent" only while scans wait.
  const parts =
    status.pendingCount === 0
      ? [status.lastSuccessAt ? t('upload.all-sent') : t('upload.nothing-yet')]
      : [t('upload.pending', { count: status.pendingCount }), status.lastSuccessAt ? '' : t('upload.never-sent')];
  if (status.lastSuccessAt) parts.push(t('upload.last-success', { time: formatTime(status.lastSuccessAt) }));
  return (
    <p
      className={`upload-status${status.lastError ? ' upload-trouble' : ''}`}
      data-testid="upload-status"
      data-state={status.lastError?.code ?? 'ok'}
      data-pending={status.pendingCount}
    >
      {parts.filter(Boolean).join(' · ')}
      {status.lastError ? <span className="upload-error"> · {t(`upload.error.${status.lastError.code}`)}</span> : null}
      {status.stalePendingCount > 0 ? (
        <span className="upload-error"> · {t('upload.stale', { count: status.stalePendingCount })}</span>
      ) : null}
      {status.rejectedCount > 0 ? (
        <span className="upload-error"> · {t('upload.rejected', { count: status.rejectedCount })}</span>
      ) : null}
    </p>
  );
}
