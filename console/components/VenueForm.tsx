/** A venue's name, type, commune or ward (from the district's list), and address: for creating and for editing. */
import { useState, type FormEvent } from 'react';
import type { CreateVenueRequest } from '../../shared/console';
import { VENUE_TYPES, type VenueType } from '../../shared/district';
import type { ApiError } from '../api';
import type { Translate } from '../messages';
import { ErrorLine } from './Feedback';

export interface VenueFormProps {
  readonly t: Translate;
  readonly initial?: CreateVenueRequest;
  readonly submitLabel: string;
  readonly busyLabel: string;
  readonly busy: boolean;
  readonly error: ApiError | null;
  /** The district's communes (its list); the venue picks one, never types one. */
  readonly communes: readonly string[];
  onSubmit(venue: CreateVenueRequest): void;
}

export function VenueForm({ t, initial, submitLabel, busyLabel, busy, error, communes, onSubmit }: VenueFormProps) {
  const [name, setName] = useState(initial?.name ?? '');
  const [type, setType] = useState<VenueType>(initial?.type ?? 'port');
  const [area, setArea] = useState(initial?.area ?? '');
  const [address, setAddress] = useState(initial?.address ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ name, type, area: area || undefined, address: address || undefined });
  };
  return (
    <form className="venue-form" onSubmit={submit} data-testid="venue-form">
      <label>
        {t('venues.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
      </label>
      <label>
        {t('venues.type')}
        <select value={type} onChange={(e) => setType(VENUE_TYPES.find((v) => v === e.target.value) ?? 'other')}>
          {VENUE_TYPES.map((v) => (
            <option key={v} value={v}>
              {t(`venueType.${v}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('venues.area')}
        <select value={area} onChange={(e) => setArea(e.target.value)} data-testid="venue-area">
          <option value="">{t('venues.areaChoose')}</option>
          {/* A venue's commune missing from the list (merged away meanwhile) stays shown until changed. */}
          {[...(area && !communes.includes(area) ? [area] : []), ...communes].map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('venues.address')}
        <input value={address} onChange={(e) => setAddress(e.target.value)} maxLength={240} />
      </label>
      <ErrorLine error={error} t={t} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </button>
    </form>
  );
}
