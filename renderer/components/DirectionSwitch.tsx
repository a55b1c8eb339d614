import type { DirectionMode } from '../../shared/kioskSettings';
import type { Translate } from '../messages';
import { DIRECTION_MODES } from '../settingsChoices';

export interface DirectionSwitchProps {
  readonly mode: DirectionMode;
  readonly t: Translate;
  readonly onChange: (mode: DirectionMode) => void;
  /** Whose words explain each mode: the counter's, or the hotel desk's (check-in, check-out). */
  readonly help: 'counter' | 'hotel';
}

/** The direction of the next scans, one button a mode; the counter and the hotel desk show it. */
export function DirectionSwitch({ mode: current, t, onChange, help }: DirectionSwitchProps) {
  return (
    <div className="direction-switch" role="group" aria-label={t('counter.direction')}>
      {DIRECTION_MODES.map((mode) => (
        <button
          key={mode}
          type="button"
          aria-pressed={current === mode}
          data-testid={`direction-${mode}`}
          onClick={() => onChange(mode)}
          title={t(`${help}.mode.${mode}.help`)}
        >
          {t(`counter.mode.${mode}`)}
        </button>
      ))}
    </div>
  );
}
