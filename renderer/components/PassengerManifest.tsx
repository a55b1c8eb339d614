import type { Manifest } from '../../shared/kioskScans';
import type { MessageKey, Translate } from '../messages';

export interface PassengerManifestProps {
  readonly manifest: Manifest;
  readonly t: Translate;
  readonly formatTime: (iso: string) => string;
  /** A local day (`YYYY-MM-DD`) in words. */
  readonly formatDay: (day: string) => string;
  /** An instant as date and time (when the list was made). */
  readonly formatStamp: (iso: string) => string;
}

/** Which list this is: a sailing's passengers, a hotel's guests, or who is inside. */
export function manifestKind(manifest: Pick<Manifest, 'contextLabel' | 'venueType'>): 'sailing' | 'guests' | 'inside' {
  if (manifest.venueType === 'hotel') return 'guests';
  return manifest.contextLabel ? 'sailing' : 'inside';
}

/**
 * The printed list on A4, as many pages as it takes: venue, sailing, date and time, numbered rows
 * (name, ID masked as on screen, birth year, document or ticket, time), the count against the
 * capacity, and signature lines. The table's head repeats on every page; a row never splits.
 */
export function PassengerManifest({ manifest, t, formatTime, formatDay, formatStamp }: PassengerManifestProps) {
  const kind = manifestKind(manifest);
  const timeColumn: MessageKey = kind === 'sailing' ? 'manifest.col.time.sailing' : 'manifest.col.time.inside';
  const count = manifest.entries.length;
  const heading = [manifest.venueName, manifest.contextLabel, formatDay(manifest.day)].filter(Boolean).join(' · ');
  return (
    <article className="manifest" data-testid="manifest" data-kind={kind} data-count={count}>
      <header className="manifest-head">
        <h1>{t(`manifest.title.${kind}`)}</h1>
        <dl className="manifest-facts">
          <div>
            <dt>{t('manifest.venue')}</dt>
            <dd data-testid="manifest-venue">
              {manifest.venueName}
              {manifest.venueAddress ? ` — ${manifest.venueAddress}` : ''}
            </dd>
          </div>
          {manifest.contextLabel ? (
            <div>
              <dt>{t(kind === 'sailing' ? 'manifest.sailing' : 'manifest.room')}</dt>
              <dd data-testid="manifest-context">{manifest.contextLabel}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('manifest.day')}</dt>
            <dd>{formatDay(manifest.day)}</dd>
          </div>
          <div>
            <dt>{t('manifest.madeAt')}</dt>
            <dd data-testid="manifest-made-at">{formatStamp(manifest.madeAt)}</dd>
          </div>
        </dl>
      </header>
      {count === 0 ? (
        <p className="manifest-empty">{t('manifest.empty')}</p>
      ) : (
        <table className="manifest-table">
          <thead>
            <tr className="manifest-running">
              <th colSpan={6}>{heading}</th>
            </tr>
            <tr>
              <th className="col-number" scope="col">
                {t('manifest.col.number')}
              </th>
              <th scope="col">{t('manifest.col.name')}</th>
              <th scope="col">{t('manifest.col.id')}</th>
              <th scope="col">{t('manifest.col.birthYear')}</th>
              <th scope="col">{t('manifest.col.document')}</th>
              <th scope="col">{t(timeColumn)}</th>
            </tr>
          </thead>
          <tbody data-testid="manifest-rows">
            {manifest.entries.map((entry, index) => (
              <tr key={entry.scanId}>
                <td className="col-number">{index + 1}</td>
                <td>{entry.displayName ?? t('manifest.noName')}</td>
                <td className="col-id">{entry.maskedId ?? ''}</td>
                <td>{entry.birthYear ?? ''}</td>
                <td>
                  {entry.codeText
                    ? t('manifest.ticket', { code: entry.codeText })
                    : entry.source === 'manual'
                      ? t('scan.kind.manual')
                      : t(`scan.kind.${entry.kind}`)}
                </td>
                <td>{formatTime(entry.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <footer className="manifest-foot">
        <p className="manifest-count" data-testid="manifest-count">
          {manifest.capacity
            ? t('manifest.capacity', { count, capacity: manifest.capacity })
            : t('manifest.count', { count })}
        </p>
        <p className="manifest-privacy">{t('manifest.privacy')}</p>
        <div className="manifest-signatures">
          <div>
            <p>{t('manifest.sign.maker')}</p>
            <p className="sign-hint">{t('manifest.sign.hint')}</p>
          </div>
          <div>
            <p>{t(kind === 'sailing' ? 'manifest.sign.sailing' : 'manifest.sign.inside')}</p>
            <p className="sign-hint">{t('manifest.sign.hint')}</p>
          </div>
        </div>
      </footer>
    </article>
  );
}
