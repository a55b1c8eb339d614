/**
 * The receipt of an import: on screen a large QR the kiosk's own scanner reads (from the screen or
 * from paper), and the A4 page it prints on, in Vietnamese (the paper goes back to the venue, as
 * the setup sheet does): venue, kiosk, counts and the QR.
 */
import type { ScanImportResponse } from '../../shared/scanImport';
import { translator, type Language } from '../messages';
import { formatDateTime } from '../time';
import { QrSvg } from './QrSvg';

export interface ImportReceiptProps {
  readonly result: ScanImportResponse & { readonly receipt: string };
  readonly language: Language;
  readonly timeZone: string;
  /** When the receipt was made (the import's answer). */
  readonly issuedAt: string;
}

export function ImportReceipt({ result, language, timeZone, issuedAt }: ImportReceiptProps) {
  const t = translator(language);
  const vi = translator('vi');
  return (
    <>
      <section className="card receipt-card no-print" data-testid="import-receipt">
        <h2>{t('import.receiptTitle')}</h2>
        <p>{t('import.receiptHelp')}</p>
        <QrSvg
          className="receipt-qr"
          text={result.receipt}
          label={t('import.receiptQrAlt', { device: result.deviceName })}
        />
        <div className="actions">
          <button type="button" className="primary" onClick={() => window.print()} data-testid="print-receipt">
            {t('import.printReceipt')}
          </button>
        </div>
      </section>
      <article className="setup-sheet print-only" lang="vi" data-testid="receipt-sheet">
        <h1>{vi('import.receiptTitle')}</h1>
        <p className="sheet-venue">
          <strong>{result.venueName}</strong>
        </p>
        <QrSvg
          className="sheet-qr"
          text={result.receipt}
          label={vi('import.receiptQrAlt', { device: result.deviceName })}
        />
        <dl className="sheet-facts">
          <dt>{vi('import.device')}</dt>
          <dd>{result.deviceName}</dd>
          <dt>{vi('import.fileScans')}</dt>
          <dd>{result.header.scanCount}</dd>
          <dt>{vi('import.accepted')}</dt>
          <dd>{result.counts.accepted}</dd>
          <dt>{vi('import.duplicate')}</dt>
          <dd>{result.counts.duplicate}</dd>
          <dt>{vi('import.rejected')}</dt>
          <dd>{result.counts.rejected}</dd>
          <dt>{vi('import.receiptSeq')}</dt>
          <dd>{result.header.seqTo}</dd>
          <dt>{vi('import.receiptIssued')}</dt>
          <dd>{formatDateTime(issuedAt, timeZone, 'vi')}</dd>
        </dl>
        <p className="sheet-steps">{vi('import.receiptHelp')}</p>
      </article>
    </>
  );
}
