import { useState, type FormEvent } from 'react';
import { SessionResponseSchema, type SessionResponse } from '../../shared/console';
import { ApiError, request } from '../api';
import { ErrorLine } from '../components/Feedback';
import type { Translate } from '../messages';
import { asApiError } from '../useLoad';

/** After a one-time password: the person chooses their own before anything else. */
export function ChangePasswordPage({
  t,
  onChanged,
}: {
  readonly t: Translate;
  readonly onChanged: (session: SessionResponse) => void;
}) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (next !== repeat) {
      setError(new ApiError(0, 'passwords-differ', 'error.passwords-differ'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onChanged(
        await request('POST', '/api/v1/session/password', SessionResponseSchema, {
          body: { currentPassword: current, newPassword: next },
        }),
      );
    } catch (failure) {
      setError(asApiError(failure));
      setBusy(false);
    }
  };
  return (
    <form className="card narrow" onSubmit={(e) => void submit(e)} data-testid="change-password">
      <h2>{t('password.title')}</h2>
      <p>{t('password.hint')}</p>
      <label>
        {t('password.current')}
        <input
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          required
        />
      </label>
      <label>
        {t('password.new')}
        <input
          type="password"
          autoComplete="new-password"
          minLength={10}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          required
        />
      </label>
      <label>
        {t('password.repeat')}
        <input
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          required
        />
      </label>
      <ErrorLine error={error} t={t} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('common.saving') : t('password.submit')}
      </button>
    </form>
  );
}
