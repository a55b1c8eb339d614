import type { ScanLogEntry } from '../../../shared/contract';
import type { Translate } from '../../messages';
import { AdminSection } from './AdminSection';

export interface InsideNowSectionProps {
  /** Each person whose last scan today was an entry. */
  readonly entries: readonly ScanLogEntry[];
  readonly t: Translate;
  readonly formatTime: (iso: string) => string;
  readonly onPrint: () => void;
}

/** Who is inside now, printable (the print style shows this section alone). */
export function InsideNowSection({ entries, t, formatTime, onPrint }: InsideNowSectionProps) {
  return (
    <AdminSection id="inside" title={t('admin.inside', { count: entries.length })} className="printable">
      <button type="button" onClick={onPrint}>{t('admin.print')}</button>
      <ol className="inside-list" data-testid="inside-list">
        {entries.map((entry) => <li key={entry.scanId}>{entry.displayName ?? t(`scan.kind.${entry.kind}`)} {entry.maskedId ?? ''} · {formatTime(entry.at)}</li>)}
      </ol>
    </AdminSection>
  );
}
