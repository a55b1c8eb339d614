/**
 * The A4 setup sheet of a venue: its name, a QR of the enrollment text (the server's public URL
 * inside) that the kiosk's setup wizard scans, the code in letters, and instructions in Vietnamese
 * (the sheet goes to the venue; the screen's language only labels the buttons).
 */
import type { EnrollmentSheet } from '../../shared/console';
import { QrSvg } from '../components/QrSvg';
import { translator } from '../messages';
import type { PageEnv } from '../pageEnv';
import { formatDateTime } from '../time';

export function SetupSheetPage({ env, sheet }: { readonly env: PageEnv; readonly sheet: EnrollmentSheet }) {
  const { t } = env;
  const vi = translator('vi');
  return (
    <div data-testid="sheet-page">
      <div className="page-title no-print">
        <p className="notice">{t('sheet.onceOnly')}</p>
        {sheet.publicUrl ? null : (
          <p className="notice" role="alert" data-testid="sheet-no-address">
            {t('sheet.noAddress')}
          </p>
        )}
        <div className="actions">
          <a href={`#/venues/${sheet.venueId}`}>← {t('common.back')}</a>
          <button type="button" className="primary" onClick={() => window.print()} data-testid="print-sheet">
            {t('common.print')}
          </button>
        </div>
      </div>
      <article className="setup-sheet" lang="vi" data-testid="setup-sheet">
        <h1>{vi('sheet.title')}</h1>
        <p className="sheet-venue">
          <span>{vi('sheet.venue')}:</span> <strong data-testid="sheet-venue">{sheet.venueName}</strong>
        </p>
        <QrSvg className="sheet-qr" text={sheet.qrText} label={vi('sheet.qrAlt', { venue: sheet.venueName })} />
        <dl className="sheet-facts">
          <dt>{vi('sheet.code')}</dt>
          <dd className="sheet-code" data-testid="sheet-code">
            {sheet.code}
          </dd>
          <dt>{vi('sheet.server')}</dt>
          <dd>{sheet.publicUrl || '—'}</dd>
        </dl>
        <p>{vi('sheet.expires', { time: formatDateTime(sheet.expiresAt, env.timeZone, 'vi') })}</p>
        <ol className="sheet-steps">
          <li>{vi('sheet.step1')}</li>
          <li>{vi('sheet.step2')}</li>
          <li>{vi('sheet.step3')}</li>
          <li>{vi('sheet.step4')}</li>
        </ol>
      </article>
    </div>
  );
}
