/** Scans per day as SVG bars with the count above each and the day below (no chart library). */
import type { Language, Translate } from '../messages';
import { formatDay } from '../time';

export interface DailyChartProps {
  readonly days: readonly { readonly day: string; readonly scans: number }[];
  readonly language: Language;
  readonly t: Translate;
}

const WIDTH = 700;
const HEIGHT = 220;
const BOTTOM = 36;
const TOP = 20;

export function DailyChart({ days, language, t }: DailyChartProps) {
  const max = Math.max(1, ...days.map((d) => d.scans));
  const slot = WIDTH / Math.max(1, days.length);
  const label = t('overview.chart.alt', {
    from: days[0] ? formatDay(days[0].day, language) : '',
    to: days.at(-1) ? formatDay(days.at(-1)?.day ?? '', language) : '',
    max,
  });
  return (
    <svg
      className="daily-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      data-testid="daily-chart"
    >
      <line x1={0} x2={WIDTH} y1={HEIGHT - BOTTOM} y2={HEIGHT - BOTTOM} className="chart-axis" />
      {days.map((d, i) => {
        const h = ((HEIGHT - BOTTOM - TOP) * d.scans) / max;
        const x = i * slot + slot * 0.15;
        return (
          <g key={d.day} data-day={d.day} data-scans={d.scans}>
            <rect x={x} y={HEIGHT - BOTTOM - h} width={slot * 0.7} height={h} className="chart-bar" />
            <text x={x + slot * 0.35} y={HEIGHT - BOTTOM - h - 4} textAnchor="middle" className="chart-value">
              {d.scans}
            </text>
            <text x={x + slot * 0.35} y={HEIGHT - 14} textAnchor="middle" className="chart-day">
              {d.day.slice(8, 10)}/{d.day.slice(5, 7)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
