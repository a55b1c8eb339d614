/** Venues: search by name, type, commune and address; IT adds a venue and gets its setup sheet. */
import { useState } from 'react';
import {
  EnrollmentSheetSchema,
  roleAtLeast,
  VenueListResponseSchema,
  type EnrollmentSheet,
} from '../../shared/console';
import { request, type ApiError } from '../api';
import { ErrorLine, Loading } from '../components/Feedback';
import { VenueForm } from '../components/VenueForm';
import { useCommunes } from '../useCommunes';
import { VenueStatus } from '../components/VenueStatus';
import type { PageEnv } from '../pageEnv';
import { formatDateTime, formatRelative } from '../time';
import { asApiError, useLoad } from '../useLoad';

/** Folds case and Vietnamese marks, so `ly son` finds `Lý Sơn`. */
export function searchable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

export function VenuesPage({
  env,
  onSheet,
}: {
  readonly env: PageEnv;
  readonly onSheet: (sheet: EnrollmentSheet) => void;
}) {
  const { t, language, timeZone } = env;
  const list = useLoad(() => request('GET', '/api/v1/venues', VenueListResponseSchema), []);
  const communes = useCommunes();
  const [query, setQuery] = useState('');
  const [showRetired, setShowRetired] = useState(false);
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const isIt = roleAtLeast(env.role, 'it');
  const words = searchable(query.trim()).split(/\s+/).filter(Boolean);
  const all = list.value?.venues ?? [];
  const shown = all
    .filter((v) => showRetired || !v.retiredAt)
    .filter((v) => {
      const haystack = searchable([v.name, t(`venueType.${v.type}`), v.area ?? '', v.address ?? ''].join(' '));
      return words.every((w) => haystack.includes(w));
    });
  return (
    <div data-testid="venues-page">
      <div className="page-title">
        <h1>{t('venues.title')}</h1>
        {isIt ? (
          <button
            type="button"
            className="primary"
            aria-expanded={adding}
            onClick={() => setAdding((a) => !a)}
            data-testid="add-venue"
          >
            {t('venues.new')}
          </button>
        ) : null}
      </div>
      {adding ? (
        <section className="card" aria-label={t('venues.new')}>
          <VenueForm
            t={t}
            communes={communes.map((c) => c.name)}
            submitLabel={t('venues.create')}
            busyLabel={t('venues.creating')}
            busy={busy}
            error={error}
            onSubmit={(venue) => {
              setBusy(true);
              setError(null);
              request('POST', '/api/v1/venues', EnrollmentSheetSchema, { body: venue })
                .then(onSheet)
                .catch((failure: unknown) => {
                  setError(asApiError(failure));
                  setBusy(false);
                });
            }}
          />
        </section>
      ) : null}
      <div className="toolbar">
        <label className="search">
          <span>{t('common.search')}</span>
          <input
            type="search"
            placeholder={t('venues.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="venue-search"
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} />
          {t('venues.showRetired')}
        </label>
        <span className="muted" aria-live="polite">
          {t('venues.count', { shown: shown.length, total: all.length })}
        </span>
      </div>
      {list.loading && !list.value ? <Loading t={t} /> : null}
      <ErrorLine error={list.error} t={t} />
      {list.value && all.length === 0 ? <p className="empty">{t('venues.none')}</p> : null}
      {shown.length > 0 ? (
        <div className="table-wrap">
          <table data-testid="venue-table">
            <thead>
              <tr>
                <th scope="col">{t('venues.name')}</th>
                <th scope="col">{t('venues.type')}</th>
                <th scope="col">{t('venues.area')}</th>
                <th scope="col">{t('venues.address')}</th>
                <th scope="col">{t('venues.status')}</th>
                <th scope="col">{t('venues.lastUpload')}</th>
                <th scope="col" className="num">
                  {t('venues.devices')}
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((v) => (
                <tr key={v.id} data-venue={v.name}>
                  <td>
                    <a href={`#/venues/${v.id}`}>{v.name}</a>
                  </td>
                  <td>{t(`venueType.${v.type}`)}</td>
                  <td>{v.area ?? t('common.none')}</td>
                  <td>{v.address ?? t('common.none')}</td>
                  <td>
                    <VenueStatus venue={v} t={t} now={env.now()} />
                  </td>
                  <td>
                    {v.lastUploadAt ? (
                      <span title={formatDateTime(v.lastUploadAt, timeZone, language)}>
                        {formatRelative(v.lastUploadAt, env.now(), language)}
                      </span>
                    ) : (
                      t('common.never')
                    )}
                  </td>
                  <td className="num">{v.activeDevices}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
