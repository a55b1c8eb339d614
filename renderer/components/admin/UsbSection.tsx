import { useEffect, useRef, useState } from 'react';
import type { KioskError, Result } from '../../../shared/contract';
import type { ReceiptAccepted, UsbExportProgress, UsbExportResult } from '../../../shared/handover';
import type { UploadStatus } from '../../../shared/kioskStatus';
import type { Translate } from '../../messages';
import { useScanSink } from '../../useScanSink';
import { attachWedgeCapture } from '../../wedgeCapture';
import { ScanSink } from '../ScanSink';
import { AdminSection } from './AdminSection';

export interface UsbSectionProps {
  readonly upload: UploadStatus;
  readonly t: Translate;
  readonly progress: UsbExportProgress | null;
  readonly errorWords: (error: KioskError) => string;
  readonly onExport: () => Promise<Result<UsbExportResult>>;
  readonly onReceipt: (text: string) => Promise<Result<ReceiptAccepted>>;
}

type ExportState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running' }
  | { readonly kind: 'done'; readonly result: UsbExportResult }
  | { readonly kind: 'failed'; readonly words: string };

type ReceiptState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'accepted'; readonly receipt: ReceiptAccepted }
  | { readonly kind: 'refused'; readonly words: string };

/** Saves the file from the host's one-time link (the browser kiosk host; Electron saves by its dialog). */
function download(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
}

/**
 * A venue with no network: "Export to USB" writes every scan the district has not confirmed to one
 * sealed file (a bar while it runs), and "Scan the district's receipt" takes the QR the district
 * printed after importing it, with the counter's hidden scan field; the "not sent" count then falls.
 */
export function UsbSection({ upload, t, progress, errorWords, onExport, onReceipt }: UsbSectionProps) {
  const [exported, setExported] = useState<ExportState>({ kind: 'idle' });
  const [receipt, setReceipt] = useState<ReceiptState>({ kind: 'idle' });
  const waiting = receipt.kind === 'waiting';
  const sinkRef = useScanSink(waiting);
  // Read by the capture, which stays attached across renders (a status event mid-scan must not cut it).
  const calls = useRef({ onReceipt, errorWords });
  calls.current = { onReceipt, errorWords };
  useEffect(() => {
    if (!waiting) return undefined;
    let taken = false;
    return attachWedgeCapture((scan) => {
      if (taken) return;
      taken = true;
      void calls.current
        .onReceipt(scan.text)
        .then((answer) =>
          setReceipt(
            answer.ok
              ? { kind: 'accepted', receipt: answer.value }
              : { kind: 'refused', words: calls.current.errorWords(answer.error) },
          ),
        );
    });
  }, [waiting]);

  const canExport = upload.districtKeyKnown === true;
  const startExport = () => {
    setExported({ kind: 'running' });
    void onExport().then((answer) => {
      if (!answer.ok) return setExported({ kind: 'failed', words: errorWords(answer.error) });
      setExported({ kind: 'done', result: answer.value });
      if (answer.value.status === 'written' && answer.value.downloadUrl)
        download(answer.value.downloadUrl, answer.value.fileName);
    });
  };
  const bar = exported.kind === 'running' && progress ? progress : null;

  return (
    <AdminSection id="usb" title={t('usb.title')}>
      <p data-testid="usb-pending">{t('usb.pending', { count: upload.pendingCount })}</p>
      {upload.offlineSetup ? <p className="settings-note">{t('usb.offlineSetup')}</p> : null}
      <p className="settings-note">{canExport ? t('usb.hint') : t('usb.noKey')}</p>
      <div className="district-actions">
        <button
          type="button"
          className="primary"
          data-testid="usb-export"
          disabled={!canExport || exported.kind === 'running'}
          onClick={startExport}
        >
          {t('usb.export')}
        </button>
      </div>
      {exported.kind === 'running' ? (
        <div className="usb-progress" data-testid="usb-export-running">
          <progress value={bar?.written ?? 0} max={bar?.total || 1} data-testid="usb-export-progress" />
          <span>{bar ? t('usb.progress', { written: bar.written, total: bar.total }) : t('usb.preparing')}</span>
        </div>
      ) : null}
      {exported.kind === 'done' && exported.result.status === 'written' ? (
        <p className="admin-message" role="status" data-testid="usb-export-done">
          {t('usb.done', { count: exported.result.scanCount, file: exported.result.fileName })}{' '}
          {exported.result.savedTo ? t('usb.savedTo', { place: exported.result.savedTo }) : t('usb.downloaded')}
        </p>
      ) : null}
      {exported.kind === 'done' && exported.result.status === 'cancelled' ? (
        <p className="settings-note">{t('usb.cancelled')}</p>
      ) : null}
      {exported.kind === 'failed' ? (
        <p className="admin-error" role="alert" data-testid="usb-export-error">
          {exported.words}
        </p>
      ) : null}

      <h3>{t('usb.receipt')}</h3>
      <p className="settings-note">{t('usb.receipt.hint')}</p>
      {waiting ? (
        <div className="usb-receipt-waiting" data-testid="usb-receipt-waiting">
          <ScanSink sinkRef={sinkRef} />
          <p>{t('usb.receipt.waiting')}</p>
          <button type="button" onClick={() => setReceipt({ kind: 'idle' })}>
            {t('admin.cancel')}
          </button>
        </div>
      ) : (
        <div className="district-actions">
          <button type="button" data-testid="usb-receipt-start" onClick={() => setReceipt({ kind: 'waiting' })}>
            {t('usb.receipt.start')}
          </button>
        </div>
      )}
      {receipt.kind === 'accepted' ? (
        <p className="admin-message" role="status" data-testid="usb-receipt-accepted">
          {receipt.receipt.cleared > 0
            ? t('usb.receipt.accepted', { count: receipt.receipt.cleared, pending: receipt.receipt.pendingCount })
            : t('usb.receipt.nothingNew', { pending: receipt.receipt.pendingCount })}
        </p>
      ) : null}
      {receipt.kind === 'refused' ? (
        <p className="admin-error" role="alert" data-testid="usb-receipt-refused">
          {receipt.words}
        </p>
      ) : null}
    </AdminSection>
  );
}
