import type { Manifest, ManifestEntry } from '../../shared/kioskScans';
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
 * The printed list on A4, as many pages as it takes: venue, sailing (route, departure, seats), date
 * and time, numbered rows (name, ID number: whole under the `full` profile, else its last four
 * characters; birth year, document or ticket, time), people refused for a full boat apart, the count
 * against the capacity, signature lines, and "n / m" at the foot of every page (numbers only: the page's policy allows no inline
 * style, and a page margin box cannot read words from the document). The table's
 * head repeats on every page; a row never splits; no column is wider than the page.
 */
export function PassengerManifest({ manifest, t, formatTime, formatDay, formatStamp }: PassengerManifestProps) {
  const kind = manifestKind(manifest);
  const timeColumn: MessageKey = kind === 'sailing' ? 'manifest.col.time.sailing' : 'manifest.col.time.inside';
  const count = manifest.entries.length;
  const refused = manifest.refusedEntries ?? [];
  const { sailing } = manifest;
  const heading = [
    manifest.venueName,
    manifest.contextLabel,
    sailing ? formatStamp(sailing.departsAt) : formatDay(manifest.day),
  ]
    .filter(Boolean)
    .join(' · ');
  const table = (entries: readonly ManifestEntry[], testId: string) => (
    <table className="manifest-table">
      <colgroup>
        <col className="col-number" />
        <col className="col-name" />
        <col className="col-id" />
        <col className="col-born" />
        <col className="col-document" />
        <col className="col-time" />
      </colgroup>
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
      <tbody data-testid={testId}>
        {entries.map((entry, index) => (
          <tr key={entry.scanId}>
            <td className="col-number">{index + 1}</td>
            <td className="col-name">{entry.displayName ?? t('manifest.noName')}</td>
            <td className="col-id">{entry.idNumber ?? entry.maskedId ?? ''}</td>
            <td>{entry.birthYear ?? ''}</td>
            <td className="col-document">
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
  );
  return (
    <article
      className="manifest"
      data-testid="manifest"
      data-kind={kind}
      data-count={count}
      data-refused={refused.length}
    >
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
          {sailing?.route ? (
            <div>
              <dt>{t('manifest.route')}</dt>
              <dd data-testid="manifest-route">{sailing.route}</dd>
            </div>
          ) : null}
          {sailing ? (
            <div>
              <dt>{t('manifest.departure')}</dt>
              <dd data-testid="manifest-departure">{formatStamp(sailing.departsAt)}</dd>
            </div>
          ) : (
            <div>
              <dt>{t('manifest.day')}</dt>
              <dd>{formatDay(manifest.day)}</dd>
            </div>
          )}
          {sailing?.closedAt && sailing.state !== 'boarding' ? (
            <div>
              <dt>{t('manifest.closedAt')}</dt>
              <dd>{formatStamp(sailing.closedAt)}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('manifest.madeAt')}</dt>
            <dd data-testid="manifest-made-at">{formatStamp(manifest.madeAt)}</dd>
          </div>
        </dl>
      </header>
      {count === 0 ? <p className="manifest-empty">{t('manifest.empty')}</p> : table(manifest.entries, 'manifest-rows')}
      <p className="manifest-count" data-testid="manifest-count">
        {manifest.capacity
          ? t('manifest.capacity', { count, capacity: manifest.capacity })
          : t('manifest.count', { count })}
      </p>
      {refused.length > 0 ? (
        <section className="manifest-refused" data-testid="manifest-refused">
          <h2>{t('manifest.refused.title')}</h2>
          {table(refused, 'manifest-refused-rows')}
          <p className="manifest-count">{t('manifest.refused.count', { count: refused.length })}</p>
        </section>
      ) : null}
      <footer className="manifest-foot">
        <p className="manifest-privacy">{t(manifest.fullIds ? 'manifest.privacy.full' : 'manifest.privacy')}</p>
        <div className={`manifest-signatures${kind === 'sailing' ? ' three' : ''}`}>
          <div>
            <p>{t('manifest.sign.maker')}</p>
            <p className="sign-hint">{t('manifest.sign.hint')}</p>
            <p className="sign-line" />
          </div>
          <div>
            <p>{t(kind === 'sailing' ? 'manifest.sign.sailing' : 'manifest.sign.inside')}</p>
            <p className="sign-hint">{t('manifest.sign.hint')}</p>
            <p className="sign-line" />
          </div>
          {kind === 'sailing' ? (
            <div>
              <p>{t('manifest.sign.port')}</p>
              <p className="sign-hint">{t('manifest.sign.hint')}</p>
              <p className="sign-line" />
            </div>
          ) : null}
        </div>
      </footer>
    </article>
  );
}
