/** The venue QR poster: print it on A4, or save it as PNG or SVG. Reached from admin. */
import { useEffect, useState } from 'react';
import { VenuePoster } from '../components/VenuePoster';
import type { KioskConnection } from '../kioskClient';
import { translator } from '../messages';
import type { KioskView } from '../useKiosk';

export interface PosterScreenProps {
  readonly connection: KioskConnection;
  readonly view: KioskView;
  readonly onClose: () => void;
}

function save(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
}

export function PosterScreen({ connection, view, onClose }: PosterScreenProps) {
  const { state, t } = view;
  const [qr, setQr] = useState<{ svg: string; png: string; fromDistrict?: boolean } | null | undefined>(undefined);
  const qrText = state?.settings.venueQrText;
  useEffect(() => {
    void connection.venueQr({}).then((answer) => setQr(answer.ok ? answer.value : null));
  }, [connection, qrText]);
  if (!state || qr === undefined) return <main className="poster-screen loading" aria-busy="true" />;
  return (
    <main className="poster-screen">
      <div className="poster-actions">
        <button type="button" onClick={onClose}>
          {t('setup.back')}
        </button>
        {qr ? (
          <>
            <button type="button" onClick={() => window.print()} data-testid="poster-print">
              {t('poster.print')}
            </button>
            <button type="button" onClick={() => save(qr.png, 'venue-qr.png')}>
              {t('poster.savePng')}
            </button>
            <button
              type="button"
              onClick={() => save(URL.createObjectURL(new Blob([qr.svg], { type: 'image/svg+xml' })), 'venue-qr.svg')}
            >
              {t('poster.saveSvg')}
            </button>
          </>
        ) : null}
      </div>
      {qr ? (
        <VenuePoster
          venueName={state.settings.venueName}
          address={state.settings.venueAddress}
          qrPng={qr.png}
          fromDistrict={qr.fromDistrict === true}
          vi={translator('vi')}
          en={translator('en')}
        />
      ) : (
        <p className="admin-error" data-testid="poster-missing">
          {t('poster.missing')}
        </p>
      )}
    </main>
  );
}
