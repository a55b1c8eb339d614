import type { ApiError } from '../api';
import { isMessageKey, type Translate } from '../messages';

/** An error in words, announced to screen readers. */
export function ErrorLine({ error, t }: { readonly error: ApiError | null; readonly t: Translate }) {
  if (!error) return null;
  const fields = error.fields.map(({ field, reason }) => {
    const label = `field.${field}`;
    return `${isMessageKey(label) ? t(label) : field} (${t(`invalid.${reason}`)})`;
  });
  const values = fields.length > 0 ? { ...error.values, detail: fields.join('; ') } : error.values;
  return (
    <p className="error-line" role="alert" data-testid="error">
      {t(error.key, values)}
    </p>
  );
}

/** The loading state of a slow request. */
export function Loading({ t }: { readonly t: Translate }) {
  return (
    <p className="loading" role="status" aria-live="polite" data-testid="loading">
      {t('common.loading')}
    </p>
  );
}
