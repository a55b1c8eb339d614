import { useState, type FormEvent } from 'react';
import { SessionResponseSchema, type SessionResponse } from '../../shared/console';
import { ApiError, request } from '../api';
import { ErrorLine } from '../components/Feedback';
import type { Translate } from '../messages';
import { asApiError } from '../useLoad';

/** First run: the server's admin token makes the first IT account (and signs it in). */
export function FirstRunPage({
  t,
  onDone,
}: {
  readonly t: Translate;
  readonly onDone: (session: SessionResponse) => void;
}) {
  const [token, setToken] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== repeat) {
      setError(new ApiError(0, 'passwords-differ', 'error.passwords-differ'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(
        await request('POST', '/api/v1/setup/first-account', SessionResponseSchema, {
          body: { name, password },
          headers: { Authorization: `Bearer ${token.trim()}` },
        }),
      );
    } catch (failure) {
      setError(asApiError(failure));
      setBusy(false);
    }
  };
  return (
    <form className="card narrow" onSubmit={(e) => void submit(e)} data-testid="first-run">
      <h2>{t('firstRun.title')}</h2>
      <p>{t('firstRun.hint')}</p>
      <label>
        {t('firstRun.token')}
        <input type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} required />
      </label>
      <label>
        {t('firstRun.name')}
        <input autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label>
        {t('firstRun.password')}
        <input
          type="password"
          autoComplete="new-password"
          minLength={10}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      <label>
        {t('firstRun.repeat')}
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
        {busy ? t('common.saving') : t('firstRun.submit')}
      </button>
    </form>
  );
}
