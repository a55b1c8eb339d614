/**
 * The district's communes and wards (xã / phường): the list venues pick from, with each one's
 * active venues. IT adds, renames (after the 2025 merger of units a commune may take a new name)
 * and merges one into another (its venues move there); others read.
 */
import { useState, type FormEvent } from 'react';
import { CommuneListResponseSchema, roleAtLeast, type Commune } from '../../shared/console';
import { ApiError, post, request } from '../api';
import { ErrorLine, Loading } from '../components/Feedback';
import type { PageEnv } from '../pageEnv';
import { asApiError, useLoad } from '../useLoad';

export function CommunesPage({ env }: { readonly env: PageEnv }) {
  const { t } = env;
  const mayEdit = roleAtLeast(env.role, 'it');
  const [version, setVersion] = useState(0);
  const list = useLoad(() => request('GET', '/api/v1/communes', CommuneListResponseSchema), [version]);
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (work: () => Promise<void>, doneText: string) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await work();
      setDone(doneText);
      setVersion((v) => v + 1);
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    void act(
      async () => {
        await post('/api/v1/communes', { name });
        setName('');
      },
      t('communes.added', { name: name.trim() }),
    );
  };
  const communes = list.value?.communes ?? [];
  return (
    <div data-testid="communes-page">
      <h1>{t('communes.title')}</h1>
      <p className="muted">{t('communes.hint')}</p>
      {mayEdit ? (
        <form className="card inline-form" onSubmit={add} data-testid="commune-add">
          <label>
            {t('communes.name')}
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {t('communes.add')}
          </button>
        </form>
      ) : null}
      {done ? <p role="status">{done}</p> : null}
      <ErrorLine error={error ?? list.error} t={t} />
      {list.loading ? <Loading t={t} /> : null}
      {list.value && communes.length === 0 ? <p className="empty">{t('communes.none')}</p> : null}
      {communes.length > 0 ? (
        <div className="table-wrap">
          <table className="communes-table" data-testid="communes-table">
            <thead>
              <tr>
                <th scope="col">{t('communes.name')}</th>
                <th scope="col" className="num">
                  {t('communes.venues')}
                </th>
                {mayEdit ? <th scope="col">{t('communes.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {communes.map((commune) => (
                <CommuneRow
                  key={commune.id}
                  commune={commune}
                  others={communes.filter((c) => c.id !== commune.id)}
                  mayEdit={mayEdit}
                  busy={busy}
                  t={t}
                  onRename={(newName) =>
                    void act(
                      () => post(`/api/v1/communes/${commune.id}/rename`, { name: newName }),
                      t('communes.renamed', { name: newName.trim() }),
                    )
                  }
                  onMerge={(into) =>
                    void act(
                      () => post(`/api/v1/communes/${commune.id}/merge`, { intoId: into.id }),
                      t('communes.merged', { from: commune.name, into: into.name, count: commune.venues }),
                    )
                  }
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

/** One commune: its name and venues, and for IT a rename field and "merge into" a listed commune. */
function CommuneRow({
  commune,
  others,
  mayEdit,
  busy,
  t,
  onRename,
  onMerge,
}: {
  readonly commune: Commune;
  readonly others: readonly Commune[];
  readonly mayEdit: boolean;
  readonly busy: boolean;
  readonly t: PageEnv['t'];
  onRename(name: string): void;
  onMerge(into: Commune): void;
}) {
  const [renaming, setRenaming] = useState(false);
  const [newName, setNewName] = useState(commune.name);
  const [intoId, setIntoId] = useState('');
  const into = others.find((c) => c.id === intoId);
  return (
    <tr data-commune={commune.name}>
      <td>
        {renaming ? (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              setRenaming(false);
              onRename(newName);
            }}
          >
            <input
              value={newName}
              onChange={(e) => setNewName(e.target.value)}
              maxLength={80}
              required
              aria-label={t('communes.newName')}
            />
            <button type="submit" disabled={busy}>
              {t('common.save')}
            </button>
            <button type="button" onClick={() => setRenaming(false)}>
              {t('common.cancel')}
            </button>
          </form>
        ) : (
          commune.name
        )}
      </td>
      <td className="num">{commune.venues}</td>
      {mayEdit ? (
        <td>
          <div className="inline-form">
            {renaming ? null : (
              <button type="button" onClick={() => setRenaming(true)} disabled={busy}>
                {t('communes.rename')}
              </button>
            )}
            <select
              value={intoId}
              onChange={(e) => setIntoId(e.target.value)}
              aria-label={t('communes.mergeInto', { name: commune.name })}
              data-testid="merge-into"
            >
              <option value="">{t('communes.mergeChoose')}</option>
              {others.map((other) => (
                <option key={other.id} value={other.id}>
                  {other.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              disabled={busy || !into}
              onClick={() => {
                if (
                  into &&
                  window.confirm(
                    t('communes.mergeConfirm', { from: commune.name, into: into.name, count: commune.venues }),
                  )
                )
                  onMerge(into);
              }}
            >
              {t('communes.merge')}
            </button>
          </div>
        </td>
      ) : null}
    </tr>
  );
}
