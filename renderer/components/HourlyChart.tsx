import type { Translate } from '../messages';

export interface HourlyChartProps {
  readonly hours: readonly { readonly hour: number; readonly in: number; readonly out: number }[];
  readonly t: Translate;
}

/** Today's scans by hour: a bar per hour (entries over exits), from 05:00 to 22:00 plus any busy night hour. */
export function HourlyChart({ hours, t }: HourlyChartProps) {
  const shown = hours.filter((h) => (h.hour >= 5 && h.hour <= 22) || h.in + h.out > 0);
  const max = Math.max(1, ...shown.map((h) => h.in + h.out));
  return (
    <figure className="hourly-chart" data-testid="hourly-chart" aria-label={t('admin.chart')}>
      <div className="bars">
        {shown.map((h) => (
          <div
            key={h.hour}
            className="bar"
            title={t('admin.chart.bar', { hour: h.hour, in: h.in, out: h.out })}
            data-hour={h.hour}
            data-total={h.in + h.out}
          >
            <span className="bar-out" style={{ height: `${(h.out / max) * 100}%` }} />
            <span className="bar-in" style={{ height: `${(h.in / max) * 100}%` }} />
            <span className="bar-label">{h.hour}</span>
          </div>
        ))}
      </div>
      <figcaption>{t('admin.chart')}</figcaption>
    </figure>
  );
}
