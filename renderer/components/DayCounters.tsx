import type { DayCounts } from '../../shared/kioskScans';
import type { Translate } from '../messages';

export interface DayCountersProps {
  readonly counts: DayCounts;
  readonly t: Translate;
}

/** Today's in, out and refused counts. */
export function DayCounters({ counts, t }: DayCountersProps) {
  return (
    <dl className="day-counters" data-testid="day-counters">
      <div className="counter counter-in">
        <dt>{t('counts.in')}</dt>
        <dd data-testid="count-in">{counts.in}</dd>
      </div>
      <div className="counter counter-out">
        <dt>{t('counts.out')}</dt>
        <dd data-testid="count-out">{counts.out}</dd>
      </div>
      <div className="counter counter-refused">
        <dt>{t('counts.refused')}</dt>
        <dd data-testid="count-refused">{counts.refused}</dd>
      </div>
    </dl>
  );
}
