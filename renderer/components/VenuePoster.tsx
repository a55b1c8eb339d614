import type { Translate } from '../messages';

export interface VenuePosterProps {
  readonly venueName: string;
  readonly address: string | null;
  /** PNG data URL of the venue QR. */
  readonly qrPng: string;
  /** The QR holds the venue code the district issued, not the national platform's venue QR. */
  readonly fromDistrict?: boolean;
  /** Both languages are always on the poster; the screen language only labels the buttons. */
  readonly vi: Translate;
  readonly en: Translate;
}

/** The A4 poster: venue name, address, the QR at 15 cm, instructions in Vietnamese and English. */
export function VenuePoster({ venueName, address, qrPng, fromDistrict, vi, en }: VenuePosterProps) {
  return (
    <article className="venue-poster" data-testid="venue-poster">
      <h1>{venueName}</h1>
      {address ? <p className="poster-address">{address}</p> : null}
      <img className="poster-qr" src={qrPng} alt={vi('poster.qr.alt')} data-testid="poster-qr" />
      <p className="poster-line" lang="vi">
        {vi('poster.phone')}
      </p>
      <p className="poster-line poster-en" lang="en">
        {en('poster.phone')}
      </p>
      <p className="poster-line" lang="vi">
        {vi('poster.card')}
      </p>
      <p className="poster-line poster-en" lang="en">
        {en('poster.card')}
      </p>
      {fromDistrict ? (
        <p className="poster-source" data-testid="poster-venue-code">
          {vi('poster.venueCode')} / <span lang="en">{en('poster.venueCode')}</span>
        </p>
      ) : null}
    </article>
  );
}
