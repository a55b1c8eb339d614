/** The trace audit (IT): who traced which ID number, when, for which case and window, whether its result was exported or printed; newest first. */
import { useState } from 'react';
import { TraceAuditResponseSchema, type TraceAuditEntry } from '../../shared/district';
import { request } from '../api';
import { ErrorLine, Loading } from '../components/Feedback';
import type { PageEnv } from '../pageEnv';
import { formatDateTime, formatWindow } from '../time';
import { useLoad } from '../useLoad';

const PAGE = 50;

export function AuditPage({ env }: { readonly env: PageEnv }) {
  const { t, language, timeZone } = env;
  const [before, setBefore] = useState<number[]>([]);
  const at = before.at(-1);
  const audit = useLoad(
    () => request('GET', `/api/v1/audit/traces?limit=${PAGE}${at ? `&before=${at}` : ''}`, TraceAuditResponseSchema),
    [at],
  );
  const who = (entry: TraceAuditEntry) =>
    entry.actor === 'admin-token' ? t('audit.adminToken') : entry.actor.replace(/^user:/, '');
  /** What was done with the lookup's shown result (the row is marked; exporting is not a second trace). */
  const uses = (entry: TraceAuditEntry) =>
    [
      entry.exportedAt ? t('audit.exported', { time: formatDateTime(entry.exportedAt, timeZone, language) }) : '',
      entry.printedAt ? t('audit.printed', { time: formatDateTime(entry.printedAt, timeZone, language) }) : '',
    ]
      .filter(Boolean)
      .join(' · ');
  return (
    <div data-testid="audit-page">
      <h1>{t('audit.title')}</h1>
      {audit.loading ? <Loading t={t} /> : null}
      <ErrorLine error={audit.error} t={t} />
      {audit.value && audit.value.entries.length === 0 ? <p className="empty">{t('audit.none')}</p> : null}
      {audit.value && audit.value.entries.length > 0 ? (
        <div className="table-wrap">
          <table data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.time')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.idNumber')}</th>
                <th scope="col">{t('audit.caseRef')}</th>
                <th scope="col">{t('audit.window')}</th>
                <th scope="col">{t('audit.use')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.value.entries.map((e) => (
                <tr key={e.id} data-actor={e.actor}>
                  <td>{formatDateTime(e.tracedAt, timeZone, language)}</td>
                  <td>{who(e)}</td>
                  <td>{e.idNumber}</td>
                  <td>{e.caseRef ?? t('common.none')}</td>
                  <td>{formatWindow(e.from, e.to, timeZone, language)}</td>
                  <td data-testid="audit-use">{uses(e) || t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="actions">
        {before.length > 0 ? (
          <button type="button" onClick={() => setBefore((b) => b.slice(0, -1))}>
            {t('common.back')}
          </button>
        ) : null}
        {audit.value?.nextBefore ? (
          <button type="button" onClick={() => setBefore((b) => [...b, audit.value?.nextBefore ?? 0])}>
            {t('audit.older')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
