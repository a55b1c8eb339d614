import type { ScanLogEntry } from '../../shared/kioskScans';
import type { Translate } from '../messages';

export interface LastScanCorrectionProps {
  /** The scan that can still be corrected (this kiosk's last, within 10 minutes), or null. */
  readonly scan: ScanLogEntry | null;
  readonly t: Translate;
  readonly formatTime: (iso: string) => string;
  readonly onUndo: () => void;
  readonly onFlip: () => void;
}

/** Undo the last scan or flip its direction: shown only while there is one to correct. */
export function LastScanCorrection({ scan, t, formatTime, onUndo, onFlip }: LastScanCorrectionProps) {
  if (!scan || !scan.direction) return null;
  const other = scan.direction === 'in' ? 'out' : 'in';
  const who = scan.displayName ?? scan.maskedId ?? t(`scan.kind.${scan.kind}`);
  return (
    <section
      className="last-scan-correction"
      aria-labelledby="correction-title"
      data-testid="correction"
      data-scan-id={scan.scanId}
    >
      <h3 id="correction-title">{t('counter.correct.title')}</h3>
      <p className="correction-what">
        {formatTime(scan.at)} · {t(`scan.direction.${scan.direction}`)} · {who}
      </p>
      <div className="correction-actions">
        <button type="button" onClick={onUndo} data-testid="undo-last">
          {t('counter.undo')}
        </button>
        <button type="button" onClick={onFlip} data-testid="flip-last">
          {t(`counter.flip.${other}`)}
        </button>
      </div>
    </section>
  );
}
