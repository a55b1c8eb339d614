import { useState } from 'react';
import type { DirectionMode, KioskSettings } from '../../shared/kioskSettings';
import type { Translate } from '../messages';
import { DirectionSwitch } from './DirectionSwitch';

export interface HotelDeskToolsProps {
  readonly settings: KioskSettings;
  readonly insideCount: number;
  readonly t: Translate;
  readonly onDirectionMode: (mode: DirectionMode) => void;
  /** The room of the next guest to check in (null: none). The core clears it once that guest is recorded. */
  readonly onRoom: (room: string | null) => void;
}

/**
 * The hotel desk's controls: the direction, and the room of the next guest. The receptionist types the
 * room, then scans that guest's card; the check-in takes the room and the field is empty again, so a
 * room never sticks to the guests after (the ferry's sailing, which does, is CounterTools'). A
 * check-out is the guest's next scan and carries their room by itself.
 */
export function HotelDeskTools({ settings, insideCount, t, onDirectionMode, onRoom }: HotelDeskToolsProps) {
  const [draft, setDraft] = useState(settings.contextLabel ?? '');
  return (
    <section className="counter-tools hotel-desk" aria-label={t('counter.title')}>
      <DirectionSwitch mode={settings.directionMode} t={t} onChange={onDirectionMode} help="hotel" />
      <form
        className="context-form"
        onSubmit={(event) => {
          event.preventDefault();
          onRoom(draft.trim() === '' ? null : draft.trim());
        }}
      >
        <label className="context-field">
          {t('hotel.room.next')}
          <input
            value={draft}
            maxLength={80}
            onChange={(event) => setDraft(event.target.value)}
            placeholder={t('hotel.room.placeholder')}
            data-testid="room-input"
          />
        </label>
        <button type="submit" data-testid="room-save">
          {t('counter.context.save')}
        </button>
      </form>
      <p className="room-waiting" data-testid="room-waiting" data-room={settings.contextLabel ?? ''}>
        {settings.contextLabel ? t('hotel.room.waiting', { room: settings.contextLabel }) : t('hotel.room.none')}
      </p>
      <p className="inside-count" data-testid="inside-count">
        {t('counter.inside', { count: insideCount })}
      </p>
    </section>
  );
}
