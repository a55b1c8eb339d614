import { useState } from 'react';
import type { DirectionMode, KioskSettings } from '../../shared/contract';
import type { Translate } from '../messages';
import { DIRECTION_MODES } from '../settingsChoices';

export interface CounterToolsProps {
  readonly settings: KioskSettings;
  readonly insideCount: number;
  readonly t: Translate;
  readonly onDirectionMode: (mode: DirectionMode) => void;
  readonly onContextLabel: (label: string | null) => void;
}

/** Counter staff's controls: the direction of the next scans and the current sailing or room. */
export function CounterTools({ settings, insideCount, t, onDirectionMode, onContextLabel }: CounterToolsProps) {
  const [draft, setDraft] = useState(settings.contextLabel ?? '');
  return (
    <section className="counter-tools" aria-label={t('counter.title')}>
      <div className="direction-switch" role="group" aria-label={t('counter.direction')}>
        {DIRECTION_MODES.map((mode) => (
          <button key={mode} type="button" aria-pressed={settings.directionMode === mode} data-testid={`direction-${mode}`} onClick={() => onDirectionMode(mode)}>
            {t(`counter.mode.${mode}`)}
          </button>
        ))}
      </div>
      <form
        className="context-form"
        onSubmit={(event) => {
          event.preventDefault();
          onContextLabel(draft.trim() === '' ? null : draft.trim());
        }}
      >
        <label>
          {t('context.label')}
          <input value={draft} maxLength={80} onChange={(event) => setDraft(event.target.value)} placeholder={t('counter.context.placeholder')} data-testid="context-input" />
        </label>
        <button type="submit" data-testid="context-save">{t('counter.context.save')}</button>
      </form>
      <p className="inside-count" data-testid="inside-count">{t('counter.inside', { count: insideCount })}</p>
    </section>
  );
}
