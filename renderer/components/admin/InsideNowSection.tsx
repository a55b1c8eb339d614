import type { ScanLogEntry } from '../../../shared/kioskScans';
import type { MessageKey, Translate } from '../../messages';
import { AdminSection } from './AdminSection';

export interface InsideNowSectionProps {
  /** Each person whose last scan today was an entry. */
  readonly entries: readonly ScanLogEntry[];
  readonly t: Translate;
  readonly formatTime: (iso: string) => string;
  /** The print button's words (guests for a hotel, people inside elsewhere). */
  readonly printWords: MessageKey;
  /** Opens the printable list (A4, numbered, across pages). */
  readonly onPrint: () => void;
}

/** Who is inside now; printed as a list of its own (see ManifestScreen). */
export function InsideNowSection({ entries, t, formatTime, printWords, onPrint }: InsideNowSectionProps) {
  return (
    <AdminSection id="inside" title={t('admin.inside', { count: entries.length })} className="printable">
      <button type="button" onClick={onPrint} data-testid="print-inside">
        {t(printWords)}
      </button>
      <ol className="inside-list" data-testid="inside-list">
        {entries.map((entry) => (
          <li key={entry.scanId}>
            {entry.displayName ?? t(`scan.kind.${entry.kind}`)} {entry.maskedId ?? ''} · {formatTime(entry.at)}
          </li>
        ))}
      </ol>
    </AdminSection>
  );
}
