import type { HourCount, ScanLogEntry } from '../../../shared/kioskScans';
import type { Translate } from '../../messages';
import { HourlyChart } from '../HourlyChart';
import { AdminSection } from './AdminSection';

export interface ScanLogSectionProps {
  /** The day shown (`YYYY-MM-DD`) and the latest day that can be picked (today). */
  readonly day: string;
  readonly lastDay: string;
  readonly query: string;
  /** The current sailing or room: its list can be exported on its own. */
  readonly contextLabel: string | null;
  readonly hours: readonly HourCount[];
  readonly entries: readonly ScanLogEntry[];
  readonly t: Translate;
  readonly formatTime: (iso: string) => string;
  /** A picked day, or null when the field is cleared (back to today). */
  readonly onDay: (day: string | null) => void;
  readonly onQuery: (query: string) => void;
  readonly onExportDay: () => void;
  readonly onExportContext: (contextLabel: string) => void;
  /** Opens the passenger manifest of the current sailing, to print. */
  readonly onPrintContext: (contextLabel: string) => void;
}

/** A day's log with search, CSV export (the day, or the current sailing) and the scans by hour. */
export function ScanLogSection({
  day,
  lastDay,
  query,
  contextLabel,
  hours,
  entries,
  t,
  formatTime,
  onDay,
  onQuery,
  onExportDay,
  onExportContext,
  onPrintContext,
}: ScanLogSectionProps) {
  return (
    <AdminSection id="log" title={t('admin.log', { day })}>
      <input
        type="date"
        value={day}
        max={lastDay}
        onChange={(e) => onDay(e.target.value || null)}
        aria-label={t('admin.day')}
        data-testid="log-day"
      />
      <input
        type="search"
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        placeholder={t('admin.search')}
        data-testid="log-search"
      />
      <button type="button" data-testid="export-day" onClick={onExportDay}>
        {t('admin.exportDay')}
      </button>
      {contextLabel ? (
        <>
          <button type="button" onClick={() => onExportContext(contextLabel)}>
            {t('admin.exportContext', { context: contextLabel })}
          </button>
          <button type="button" onClick={() => onPrintContext(contextLabel)} data-testid="print-context">
            {t('manifest.open.sailing')}
          </button>
        </>
      ) : null}
      <HourlyChart hours={hours} t={t} />
      <ol className="admin-log" data-testid="admin-log">
        {entries.map((entry) => (
          <li
            key={entry.scanId}
            className={entry.voided ? 'log-voided' : undefined}
            data-voided={entry.voided ? 'true' : undefined}
          >
            {formatTime(entry.at)} · {entry.direction ? t(`scan.direction.${entry.direction}`) : '—'} ·{' '}
            {entry.voidsScanId
              ? t('recent.correction')
              : entry.outcome === 'refused' && entry.reason
                ? t(`reason.${entry.reason}`)
                : (entry.displayName ?? t(`scan.kind.${entry.kind}`))}{' '}
            {entry.maskedId ?? ''} {entry.contextLabel ? `· ${entry.contextLabel}` : ''}
            {entry.voided ? ` · ${t('recent.voided')}` : ''}
          </li>
        ))}
      </ol>
    </AdminSection>
  );
}
