/**
 * A printed list (passenger manifest of a sailing, a hotel's guests, who is inside): fetched from the
 * core, shown as the A4 sheet it prints as. Reached from the counter (closing a sailing) and admin.
 */
import { useEffect, useMemo, useState } from 'react';
import { canReopen } from '../../shared/kioskSailings';
import type { Manifest } from '../../shared/kioskScans';
import { PassengerManifest } from '../components/PassengerManifest';
import { errorWords } from '../errorWords';
import type { KioskConnection } from '../kioskClient';
import type { KioskView } from '../useKiosk';

export interface ManifestScreenProps {
  readonly connection: KioskConnection;
  readonly view: KioskView;
  /** The sailing or room; undefined for everyone inside today. */
  readonly contextLabel?: string;
  /** The list as made before the sailing was closed (it still had its seats then). */
  readonly made?: Manifest;
  /** A port's sailing (its record): its manifest, whenever asked (boarding, closed, departed). */
  readonly sailingId?: string;
  /** Boarding was closed a moment ago: the screen asks to print, and offers to reopen. */
  readonly justClosed?: boolean;
  readonly onClose: () => void;
}

export function ManifestScreen({
  connection,
  view,
  contextLabel,
  made,
  sailingId,
  justClosed,
  onClose,
}: ManifestScreenProps) {
  const { state, t, formatTime } = view;
  const [manifest, setManifest] = useState<Manifest | null>(made ?? null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (made) return;
    void connection
      .manifest(sailingId ? { sailingId } : { contextLabel })
      .then((answer) => (answer.ok ? setManifest(answer.value) : setError(errorWords(answer.error, t))));
  }, [connection, contextLabel, sailingId, made, t]);
  const closedAt = manifest?.sailing?.closedAt ?? null;
  const reopenable = justClosed === true && manifest?.sailing ? canReopen(manifest.sailing, Date.now()) : false;
  const reopen = () =>
    manifest?.sailing &&
    void connection
      .reopenSailing({ id: manifest.sailing.id })
      .then((answer) => (answer.ok ? onClose() : setError(errorWords(answer.error, t))));
  const language = state?.settings.language ?? 'vi';
  const formatDay = useMemo(() => {
    const format = new Intl.DateTimeFormat(language === 'vi' ? 'vi-VN' : 'en-GB', {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'UTC',
    });
    return (day: string) => format.format(new Date(`${day}T00:00:00Z`));
  }, [language]);
  const formatStamp = useMemo(() => {
    const format = new Intl.DateTimeFormat(language === 'vi' ? 'vi-VN' : 'en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    });
    return (iso: string) => format.format(new Date(iso));
  }, [language]);

  return (
    <main className="manifest-screen" lang={language} data-testid="manifest-screen">
      <div className="manifest-actions">
        <button type="button" onClick={onClose} data-testid="manifest-close">
          {t('setup.back')}
        </button>
        {manifest ? (
          <button type="button" className="primary" onClick={() => window.print()} data-testid="manifest-print">
            {t('manifest.print')}
          </button>
        ) : null}
      </div>
      {justClosed && closedAt ? (
        <div className="manifest-closed" role="status" data-testid="manifest-closed">
          <p>{t('sailing.closed.note', { time: formatStamp(closedAt) })}</p>
          {reopenable ? (
            <button type="button" onClick={reopen} data-testid="manifest-reopen">
              {t('sailing.closed.reopen')}
            </button>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p className="admin-error" role="alert">
          {error}
        </p>
      ) : null}
      {manifest ? (
        <PassengerManifest
          manifest={manifest}
          t={t}
          formatTime={formatTime}
          formatDay={formatDay}
          formatStamp={formatStamp}
        />
      ) : null}
    </main>
  );
}
