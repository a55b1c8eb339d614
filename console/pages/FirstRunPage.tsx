import { useEffect, useState, type FormEvent } from 'react';
import { PublicUrlSettingSchema, SessionResponseSchema, type SessionResponse } from '../../shared/console';
import { serverBaseUrl } from '../../shared/serverAddress';
import { ApiError, request, setCsrfToken } from '../api';
import { ErrorLine } from '../components/Feedback';
import type { Translate } from '../messages';
import { asApiError } from '../useLoad';

/** Host names no kiosk reaches the server at: this machine's own (the server's `sheetAddress` says the same). */
const LOOPBACK_HOST = /^(localhost|.*\.localhost|0\.0\.0\.0|127(\.\d{1,3}){3}|\[::1\])$/i;

/** The address this page was opened at, when a kiosk on the network could reach it too; else ''. */
function reachableOrigin(): string {
  return LOOPBACK_HOST.test(window.location.hostname) ? '' : window.location.origin;
}

/**
 * First run: the server's admin token makes the first IT account (and signs it in); the same page
 * keeps the address kiosks reach the server at (proposed from the address this page was opened at,
 * asked for when that is the server machine itself), so every later setup sheet carries it.
 */
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
  const [address, setAddress] = useState('');
  const [addressFromFlag, setAddressFromFlag] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [addressBad, setAddressBad] = useState(false);
  useEffect(() => {
    request('GET', '/api/v1/settings/public-url', PublicUrlSettingSchema).then(
      (setting) => {
        setAddressFromFlag(setting.fromFlag);
        setAddress(setting.publicUrl || reachableOrigin());
      },
      () => setAddress(reachableOrigin()),
    );
  }, []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== repeat) {
      setError(new ApiError(0, 'passwords-differ', 'error.passwords-differ'));
      return;
    }
    const publicUrl = addressFromFlag ? null : serverBaseUrl(address);
    if (!addressFromFlag && publicUrl === null) {
      setAddressBad(true);
      return;
    }
    setAddressBad(false);
    setBusy(true);
    setError(null);
    try {
      const session = await request('POST', '/api/v1/setup/first-account', SessionResponseSchema, {
        body: { name, password },
        headers: { Authorization: `Bearer ${token.trim()}` },
      });
      if (publicUrl !== null) {
        setCsrfToken(session.csrfToken);
        const kept = await request('POST', '/api/v1/settings/public-url', PublicUrlSettingSchema, {
          body: { publicUrl },
        });
        onDone({ ...session, publicUrl: kept.publicUrl });
      } else onDone(session);
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
      <label>
        {t('firstRun.address')}
        <input
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          readOnly={addressFromFlag}
          required
          placeholder="192.168.1.10:8700"
          aria-invalid={addressBad}
          data-testid="first-run-address"
        />
      </label>
      <p className="muted">{t(addressFromFlag ? 'firstRun.addressFromFlag' : 'firstRun.addressHint')}</p>
      {addressBad ? (
        <p className="error-line" role="alert">
          {t('firstRun.addressBad')}
        </p>
      ) : null}
      <ErrorLine error={error} t={t} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('common.saving') : t('firstRun.submit')}
      </button>
    </form>
  );
}
