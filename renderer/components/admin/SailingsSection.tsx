import type { Sailing } from '../../../shared/kioskSailings';
import type { Translate } from '../../messages';
import { AdminSection } from './AdminSection';

export interface SailingsSectionProps {
  /** Every sailing within the retention period, newest departure first. */
  readonly sailings: readonly Sailing[];
  readonly retentionDays: number;
  readonly t: Translate;
  /** An instant as date and time. */
  readonly formatStamp: (iso: string) => string;
  readonly onReprint: (sailing: Sailing) => void;
  readonly onExport: (sailing: Sailing) => void;
}

/** A port's sailings kept on this kiosk: each with its state and counts, its manifest to reprint and export. */
export function SailingsSection({
  sailings,
  retentionDays,
  t,
  formatStamp,
  onReprint,
  onExport,
}: SailingsSectionProps) {
  return (
    <AdminSection id="sailings" title={t('sailings.title', { days: retentionDays })}>
      {sailings.length === 0 ? (
        <p>{t('sailings.empty')}</p>
      ) : (
        <table className="sailings-table" data-testid="sailings">
          <thead>
            <tr>
              <th scope="col">{t('sailings.col.departure')}</th>
              <th scope="col">{t('sailings.col.label')}</th>
              <th scope="col">{t('sailings.col.state')}</th>
              <th scope="col">{t('sailings.col.onBoard')}</th>
              <th scope="col">{t('sailings.col.refused')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {sailings.map((sailing) => (
              <tr key={sailing.id} data-testid="sailing-row" data-state={sailing.state}>
                <td>{formatStamp(sailing.departsAt)}</td>
                <td>
                  <strong>{sailing.label}</strong>
                  {sailing.route ? <span className="sailing-route"> · {sailing.route}</span> : null}
                </td>
                <td>{t(`sailing.state.${sailing.state}`)}</td>
                <td>
                  {sailing.onBoard} / {sailing.seats}
                </td>
                <td>{sailing.refused}</td>
                <td className="sailing-actions">
                  <button type="button" onClick={() => onReprint(sailing)} data-testid="sailing-reprint">
                    {t('sailings.reprint')}
                  </button>
                  <button type="button" onClick={() => onExport(sailing)} data-testid="sailing-export">
                    {t('sailings.export')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminSection>
  );
}
