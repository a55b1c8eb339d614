/** Registered vs scanning in the last 7 days, per area or venue type (the table the province kept by hand). */
import type { CoverageRow } from '../../shared/console';
import type { Translate } from '../messages';

export interface CoverageTableProps {
  readonly t: Translate;
  readonly title: string;
  readonly keyHeader: string;
  readonly rows: readonly CoverageRow[];
  readonly keyWords: (key: string) => string;
  readonly testId: string;
}

export function CoverageTable({ t, title, keyHeader, rows, keyWords, testId }: CoverageTableProps) {
  return (
    <section className="card" aria-labelledby={`${testId}-title`}>
      <h3 id={`${testId}-title`}>{title}</h3>
      <table data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{keyHeader}</th>
            <th scope="col" className="num">
              {t('overview.registeredCol')}
            </th>
            <th scope="col" className="num">
              {t('overview.scanningCol')}
            </th>
            <th scope="col" className="num">
              {t('overview.rate')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{keyWords(row.key)}</th>
              <td className="num">{row.registered}</td>
              <td className="num">{row.scanning7Days}</td>
              <td className="num">
                <span className="rate" data-rate={Math.round((100 * row.scanning7Days) / Math.max(1, row.registered))}>
                  {Math.round((100 * row.scanning7Days) / Math.max(1, row.registered))}%
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
