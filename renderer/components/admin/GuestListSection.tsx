import type { GuestList } from '../../../shared/guestList';
import { RESIDENCE_DECLARATION_COLUMNS } from '../../../shared/guestList';
import { guestCells } from '../../guestCsv';
import type { Translate } from '../../messages';
import { AdminSection } from './AdminSection';

export interface GuestListSectionProps {
  readonly list: GuestList | null;
  readonly t: Translate;
  /** Saves the residence declaration's CSV. */
  readonly onExport: () => void;
}

/**
 * A hotel's guests with the residence declaration's fields ("khai báo lưu trú"), newest stay first,
 * and its CSV. Under the minimal profile it says the list cannot serve the declaration, and why.
 */
export function GuestListSection({ list, t, onExport }: GuestListSectionProps) {
  const minimal = list?.profile === 'minimal';
  const stays = [...(list?.stays ?? [])].reverse();
  return (
    <AdminSection id="guests" title={t('guests.title', { count: stays.length })}>
      {minimal ? (
        <p className="settings-note" role="status" data-testid="guests-minimal">
          {t('guests.minimalNote')}
        </p>
      ) : null}
      <button type="button" onClick={onExport} data-testid="export-guests">
        {t('guests.export')}
      </button>
      <div className="guest-table-wrap">
        <table className="guest-table" data-testid="guest-list">
          <thead>
            <tr>
              {RESIDENCE_DECLARATION_COLUMNS.map((column) => (
                <th key={column} scope="col">
                  {t(`guests.col.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {stays.map((stay) => {
              const cells = guestCells(stay, minimal, t);
              return (
                <tr key={stay.scanId} data-room={stay.room ?? ''}>
                  {RESIDENCE_DECLARATION_COLUMNS.map((column) => (
                    <td key={column}>{cells[column] ?? '—'}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </AdminSection>
  );
}
