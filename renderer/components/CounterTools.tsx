import { useState, type ReactNode } from 'react';
import type { DirectionMode, KioskSettings } from '../../shared/kioskSettings';
import type { Translate } from '../messages';
import { DirectionSwitch } from './DirectionSwitch';

export interface CounterToolsProps {
  readonly settings: KioskSettings;
  readonly insideCount: number;
  /** People on board the current sailing. */
  readonly contextCount?: number;
  readonly t: Translate;
  readonly onDirectionMode: (mode: DirectionMode) => void;
  /** The sailing or room (null: none) and its seats (null: not counted against). */
  readonly onContextLabel: (label: string | null, capacity: number | null) => void;
  /** Ends the current sailing and offers its manifest. */
  readonly onCloseSailing?: () => void;
  /** A port's sailing control, in place of the free context (label and seats) and its count. */
  readonly sailingControl?: ReactNode;
}

/** A typed capacity: a whole number of seats from 1, else none. */
function capacityOf(text: string): number | null {
  const seats = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(seats) && seats >= 1 && seats <= 5000 ? seats : null;
}

/**
 * Counter staff's controls: the direction of the next scans, the current sailing or room with its
 * seats, how many are on board against them, and closing the sailing (its manifest is offered).
 */
export function CounterTools({
  settings,
  insideCount,
  contextCount = 0,
  t,
  onDirectionMode,
  onContextLabel,
  onCloseSailing,
  sailingControl,
}: CounterToolsProps) {
  const [draft, setDraft] = useState(settings.contextLabel ?? '');
  const [seats, setSeats] = useState(settings.sailingCapacity === null ? '' : String(settings.sailingCapacity));
  const capacity = settings.contextLabel ? settings.sailingCapacity : null;
  const over = capacity !== null ? contextCount - capacity : 0;
  return (
    <section className="counter-tools" aria-label={t('counter.title')}>
      <DirectionSwitch mode={settings.directionMode} t={t} onChange={onDirectionMode} help="counter" />
      {sailingControl}
      <form
        hidden={sailingControl !== undefined}
        className="context-form"
        onSubmit={(event) => {
          event.preventDefault();
          const label = draft.trim() === '' ? null : draft.trim();
          onContextLabel(label, label === null ? null : capacityOf(seats));
        }}
      >
        <label className="context-field">
          {t('context.label')}
          <input
            value={draft}
            maxLength={80}
            onChange={(event) => setDraft(event.target.value)}
            placeholder={t('counter.context.placeholder')}
            data-testid="context-input"
          />
        </label>
        <label className="capacity-field">
          {t('counter.capacity')}
          <input
            value={seats}
            inputMode="numeric"
            maxLength={4}
            onChange={(event) => setSeats(event.target.value.replace(/\D/g, ''))}
            data-testid="capacity-input"
          />
        </label>
        <button type="submit" data-testid="context-save">
          {t('counter.context.save')}
        </button>
      </form>
      {settings.contextLabel && sailingControl === undefined ? (
        <div
          className={`sailing-status${over >= 0 && capacity !== null ? ' sailing-full' : ''}`}
          data-testid="sailing-status"
          data-count={contextCount}
          data-capacity={capacity ?? ''}
        >
          <p className="onboard-count" data-testid="onboard-count">
            {capacity !== null
              ? t('counter.onboard.capacity', { count: contextCount, capacity })
              : t('counter.onboard', { count: contextCount })}
            {capacity !== null && over === 0 ? (
              <strong className="sailing-warning"> · {t('counter.full')}</strong>
            ) : null}
            {capacity !== null && over > 0 ? (
              <strong className="sailing-warning"> · {t('counter.over', { count: over })}</strong>
            ) : null}
          </p>
          {onCloseSailing ? (
            <button type="button" className="close-sailing" onClick={onCloseSailing} data-testid="close-sailing">
              {t('counter.closeSailing')}
            </button>
          ) : null}
        </div>
      ) : null}
      <p className="inside-count" data-testid="inside-count">
        {t('counter.inside', { count: insideCount })}
      </p>
    </section>
  );
}
