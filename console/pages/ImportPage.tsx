/**
 * Importing a kiosk's scan file from a USB stick (IT): pick the file, watch it go up (a progress
 * bar; a big file takes minutes), then what came in (new, already there, refused with reasons),
 * the receipt QR for the kiosk with its printed page, and the import history from the audit.
 */
import { useState } from 'react';
import {
  ScanImportListSchema,
  ScanImportResponseSchema,
  type ScanImportEntry,
  type ScanImportResponse,
} from '../../shared/scanImport';
import { request, uploadFile, type ApiError } from '../api';
import { ErrorLine, Loading } from '../components/Feedback';
import { ImportReceipt } from '../components/ImportReceipt';
import { isMessageKey, type Translate } from '../messages';
import type { PageEnv } from '../pageEnv';
import { formatDateTime, formatWindow } from '../time';
import { asApiError, useLoad } from '../useLoad';

type Phase = { readonly kind: 'idle' } | { readonly kind: 'sending'; readonly fraction: number };

/** A refused scan's reason (the upload's: `invalid-text: <field>`, `implausible-time: scannedAt`, or a field's name) in words. */
function reasonText(reason: string, t: Translate): string {
  const [code, field = ''] = reason.split(': ');
  const named = (name: string) => {
    const key = `field.${name}`;
    return isMessageKey(key) ? t(key) : name;
  };
  if (code === 'invalid-text') return t('import.reason.invalidText', { field: named(field) });
  if (code === 'implausible-time') return t('import.reason.implausibleTime');
  return t('import.reason.field', { field: named(reason) });
}

/** A file's size as people read it: KB below a megabyte, MB above. */
function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

export function ImportPage({ env }: { readonly env: PageEnv }) {
  const { t, language, timeZone } = env;
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [result, setResult] = useState<{ value: ScanImportResponse; at: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const history = useLoad(() => request('GET', '/api/v1/console/imports?limit=50', ScanImportListSchema), []);

  const start = async () => {
    if (!file) return;
    setError(null);
    setResult(null);
    setPhase({ kind: 'sending', fraction: 0 });
    try {
      const value = await uploadFile('/api/v1/console/imports', file, ScanImportResponseSchema, (fraction) =>
        setPhase({ kind: 'sending', fraction }),
      );
      setResult({ value, at: env.now().toISOString() });
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setPhase({ kind: 'idle' });
      history.reload();
    }
  };

  const sending = phase.kind === 'sending';
  const percent = sending ? Math.round(phase.fraction * 100) : 0;
  const shown = result?.value;
  return (
    <div data-testid="import-page">
      <div className="no-print">
        <h1>{t('import.title')}</h1>
        <p>{t('import.intro')}</p>
        <section className="card">
          <div className="toolbar">
            <label className="file-pick">
              {t('import.file')}
              {/* The browser's own button speaks its own language: ours says it in the console's. */}
              <input
                type="file"
                accept=".kiosk-scans"
                className="visually-hidden"
                data-testid="import-file"
                disabled={sending}
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
              <span className="file-pick-row">
                <span className="file-pick-button" aria-hidden="true">
                  {t('import.choose')}
                </span>
                <span data-testid="import-file-name">{file?.name ?? t('import.no-file')}</span>
              </span>
            </label>
            <button
              type="button"
              className="primary"
              disabled={!file || sending}
              onClick={() => void start()}
              data-testid="import-start"
            >
              {t('import.start')}
            </button>
          </div>
          {sending ? (
            <div role="status" aria-live="polite" data-testid="import-progress">
              <progress max={100} value={percent} aria-label={t('import.progressLabel')} className="import-progress" />
              <p>{percent < 100 ? t('import.uploading', { percent }) : t('import.checking')}</p>
            </div>
          ) : null}
          <ErrorLine error={error} t={t} />
        </section>
        {shown ? <ImportResult result={shown} env={env} /> : null}
      </div>
      {shown && result && shown.receipt ? (
        <ImportReceipt
          result={{ ...shown, receipt: shown.receipt }}
          language={language}
          timeZone={timeZone}
          issuedAt={result.at}
        />
      ) : null}
      {shown && !shown.receipt ? <p className="notice no-print">{t('import.noReceipt')}</p> : null}
      <section className="card no-print" data-testid="import-history">
        <h2>{t('import.history')}</h2>
        {history.loading && !history.value ? <Loading t={t} /> : null}
        <ErrorLine error={history.error} t={t} />
        {history.value && history.value.imports.length === 0 ? <p className="empty">{t('import.noHistory')}</p> : null}
        {history.value && history.value.imports.length > 0 ? (
          <HistoryTable rows={history.value.imports} env={env} />
        ) : null}
      </section>
    </div>
  );
}

function ImportResult({ result, env }: { readonly result: ScanImportResponse; readonly env: PageEnv }) {
  const { t, language, timeZone } = env;
  const { header, counts } = result;
  return (
    <section className="card" data-testid="import-result">
      <h2>{t('import.result')}</h2>
      <dl className="facts">
        <dt>{t('import.venue')}</dt>
        <dd data-testid="import-venue">{result.venueName}</dd>
        <dt>{t('import.device')}</dt>
        <dd>{result.deviceName}</dd>
        <dt>{t('import.fileScans')}</dt>
        <dd>{header.scanCount}</dd>
        {header.firstScannedAt && header.lastScannedAt ? (
          <>
            <dt>{t('import.span')}</dt>
            <dd>{formatWindow(header.firstScannedAt, header.lastScannedAt, timeZone, language)}</dd>
          </>
        ) : null}
      </dl>
      {result.enrolledNow ? <p className="notice">{t('import.enrolledNow')}</p> : null}
      <div className="stats">
        <div className="stat">
          <span className="stat-value" data-testid="import-accepted">
            {counts.accepted}
          </span>
          <span>{t('import.accepted')}</span>
        </div>
        <div className="stat">
          <span className="stat-value" data-testid="import-duplicate">
            {counts.duplicate}
          </span>
          <span>{t('import.duplicate')}</span>
        </div>
        <div className="stat">
          <span className="stat-value" data-testid="import-rejected">
            {counts.rejected}
          </span>
          <span>{t('import.rejected')}</span>
        </div>
      </div>
      {result.refusals.length > 0 ? (
        <>
          <h3>{t('import.refusalsTitle')}</h3>
          <ul data-testid="import-refusals">
            {result.refusals.map((r) => (
              <li key={r.reason}>
                {r.count} × {reasonText(r.reason, t)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function HistoryTable({ rows, env }: { readonly rows: readonly ScanImportEntry[]; readonly env: PageEnv }) {
  const { t, language, timeZone } = env;
  const who = (actor: string) => (actor === 'admin-token' ? t('audit.adminToken') : actor.replace(/^user:/, ''));
  return (
    <div className="table-wrap">
      <table data-testid="import-table">
        <thead>
          <tr>
            <th scope="col">{t('import.time')}</th>
            <th scope="col">{t('import.actor')}</th>
            <th scope="col">{t('import.venue')}</th>
            <th scope="col">{t('import.device')}</th>
            <th scope="col">{t('import.fileScans')}</th>
            <th scope="col">{t('import.accepted')}</th>
            <th scope="col">{t('import.duplicate')}</th>
            <th scope="col">{t('import.rejected')}</th>
            <th scope="col">{t('import.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-outcome={row.outcome}>
              <td>{formatDateTime(row.importedAt, timeZone, language)}</td>
              <td>{who(row.actor)}</td>
              <td>{row.venueName ?? t('common.none')}</td>
              <td>{row.deviceName ?? t('common.none')}</td>
              <td>
                {row.fileScans ?? t('common.none')} <span className="muted">({sizeText(row.fileBytes)})</span>
              </td>
              <td>{row.accepted}</td>
              <td>{row.duplicate}</td>
              <td>{row.rejected}</td>
              <td className={row.outcome === 'imported' ? undefined : 'warn'}>{t(`import.outcome.${row.outcome}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
