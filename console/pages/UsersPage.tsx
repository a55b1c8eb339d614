/** Console accounts (IT): create with a one-time password, give a new one, disable. */
import { useState, type FormEvent } from 'react';
import {
  OneTimePasswordResponseSchema,
  ROLES,
  roleAtLeast,
  UserListResponseSchema,
  type Role,
  type UserSummary,
} from '../../shared/console';
import { post, request, type ApiError } from '../api';
import { ErrorLine, Loading } from '../components/Feedback';
import type { PageEnv } from '../pageEnv';
import { formatDateTime } from '../time';
import { asApiError, useLoad } from '../useLoad';

export function UsersPage({ env }: { readonly env: PageEnv }) {
  // Tracers and viewers who open the page by its address get a notice, not a form the server refuses.
  if (!roleAtLeast(env.role, 'it'))
    return (
      <p className="notice" data-testid="users-forbidden">
        {env.t('users.forbidden')}
      </p>
    );
  return <UsersAdmin env={env} />;
}

function UsersAdmin({ env }: { readonly env: PageEnv }) {
  const { t, language, timeZone } = env;
  const list = useLoad(() => request('GET', '/api/v1/users', UserListResponseSchema), []);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('tracer');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [oneTime, setOneTime] = useState<{ name: string; password: string } | null>(null);
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      list.reload();
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };
  const create = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const made = await request('POST', '/api/v1/users', OneTimePasswordResponseSchema, { body: { name, role } });
      setOneTime({ name: made.user.name, password: made.oneTimePassword });
      setName('');
    });
  };
  const state = (u: UserSummary) =>
    u.disabled
      ? t('users.disabled')
      : u.locked
        ? t('users.locked')
        : u.mustChangePassword
          ? t('users.mustChange')
          : t('users.active');
  return (
    <div data-testid="users-page">
      <h1>{t('users.title')}</h1>
      <p className="muted">{t('users.roles')}</p>
      <form className="card inline-form" onSubmit={create} aria-label={t('users.new')} data-testid="user-form">
        <label>
          {t('users.name')}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            pattern="[\p{L}\p{N}._\-]{2,40}"
            data-testid="user-name"
          />
        </label>
        <label>
          {t('users.role')}
          <select
            value={role}
            onChange={(e) => setRole(ROLES.find((r) => r === e.target.value) ?? 'viewer')}
            data-testid="user-role"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('common.saving') : t('users.create')}
        </button>
      </form>
      {oneTime ? (
        <p className="notice" role="status" data-testid="one-time-password" data-password={oneTime.password}>
          {t('users.oneTime', { name: oneTime.name, password: oneTime.password })}
        </p>
      ) : null}
      <ErrorLine error={error ?? list.error} t={t} />
      {list.loading && !list.value ? <Loading t={t} /> : null}
      {list.value ? (
        <div className="table-wrap">
          <table data-testid="user-table">
            <thead>
              <tr>
                <th scope="col">{t('users.name')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.created')}</th>
                <th scope="col">{t('users.state')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('users.reset')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.value.users.map((u) => (
                <tr key={u.id} data-user={u.name}>
                  <td>{u.name}</td>
                  <td>{t(`role.${u.role}`)}</td>
                  <td>{formatDateTime(u.createdAt, timeZone, language)}</td>
                  <td>{state(u)}</td>
                  <td>
                    {u.disabled ? null : (
                      <div className="row-actions">
                        <button
                          type="button"
                          disabled={busy}
                          onClick={() => {
                            // It ends that person's sessions at once: asked first, as disabling is.
                            if (!confirm(t('users.resetConfirm', { name: u.name }))) return;
                            void act(async () => {
                              const reset = await request(
                                'POST',
                                `/api/v1/users/${u.id}/reset-password`,
                                OneTimePasswordResponseSchema,
                              );
                              setOneTime({ name: reset.user.name, password: reset.oneTimePassword });
                            });
                          }}
                        >
                          {t('users.reset')}
                        </button>
                        {u.id === env.session.user.id ? null : (
                          <button
                            type="button"
                            className="danger"
                            disabled={busy}
                            onClick={() => {
                              if (confirm(t('users.disableConfirm', { name: u.name })))
                                void act(() => post(`/api/v1/users/${u.id}/disable`));
                            }}
                          >
                            {t('users.disable')}
                          </button>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
