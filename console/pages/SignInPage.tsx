import { useState, type FormEvent } from 'react';
import { SessionResponseSchema, type SessionResponse } from '../../shared/console';
import { request, type ApiError } from '../api';
import { ErrorLine } from '../components/Feedback';
import type { Translate } from '../messages';
import { asApiError } from '../useLoad';

/** Sign-in: name and password; wrong ones and lockouts are said in words. */
export function SignInPage({
  t,
  onSignedIn,
}: {
  readonly t: Translate;
  readonly onSignedIn: (session: SessionResponse) => void;
}) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await request('POST', '/api/v1/session', SessionResponseSchema, { body: { name, password } }));
    } catch (failure) {
      setError(asApiError(failure));
      setBusy(false);
    }
  };
  return (
    <form className="card narrow" onSubmit={(e) => void submit(e)} data-testid="sign-in">
      <h2>{t('signIn.title')}</h2>
      <label>
        {t('signIn.name')}
        <input autoFocus autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label>
        {t('signIn.password')}
        <input
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      <ErrorLine error={error} t={t} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('signIn.busy') : t('signIn.submit')}
      </button>
    </form>
  );
}
