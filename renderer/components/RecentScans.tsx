import type { ScanLogEntry } from '../../shared/kioskScans';
import type { Translate } from '../messages';

export interface RecentScansProps {
  readonly entries: readonly ScanLogEntry[];
  readonly t: Translate;
  readonly formatTime: (iso: string) => string;
  /** Counter staff search today's log; the list then shows the matches. */
  readonly query?: string;
  readonly onQuery?: (query: string) => void;
}

/** Today's latest scans, newest first. */
export function RecentScans({ entries, t, formatTime, query, onQuery }: RecentScansProps) {
  return (
    <section className="recent-scans" aria-labelledby="recent-title">
      <h3 id="recent-title">{t('recent.title')}</h3>
      {onQuery ? (
        <input
          type="search"
          className="recent-search"
          value={query ?? ''}
          onChange={(event) => onQuery(event.target.value)}
          placeholder={t('admin.search')}
          data-testid="counter-search"
        />
      ) : null}
      {entries.length === 0 ? (
        <p className="recent-empty">{t('recent.empty')}</p>
      ) : (
        <ol data-testid="recent-list">
          {entries.map((entry) => (
            <li
              key={entry.scanId}
              className={`recent-${entry.outcome}${entry.voided ? ' recent-voided' : ''}${entry.voidsScanId ? ' recent-correction' : ''}`}
              data-voided={entry.voided ? 'true' : undefined}
            >
              <span className="recent-time">{formatTime(entry.at)}</span>
              <span className="recent-direction">{entry.direction ? t(`scan.direction.${entry.direction}`) : '—'}</span>
              <span className="recent-who">
                {entry.voidsScanId
                  ? t('recent.correction')
                  : entry.outcome === 'refused' && entry.reason
                    ? t(`reason.${entry.reason}`)
                    : (entry.displayName ?? entry.maskedId ?? t(`scan.kind.${entry.kind}`))}
              </span>
              <span className="recent-id">
                {entry.maskedId ?? ''}
                {entry.voided ? ` · ${t('recent.voided')}` : ''}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
