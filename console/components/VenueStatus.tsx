/** Whether a venue scans, in words and colour (silent venues are what the district must chase). */
import type { VenueSummary } from '../../shared/console';
import type { Translate } from '../messages';

export type ScanStatus = 'retired' | 'silent7' | 'silentToday' | 'scanning';

export function scanStatus(venue: VenueSummary): ScanStatus {
  if (venue.retiredAt) return 'retired';
  if (venue.scans7Days === 0) return 'silent7';
  return venue.scansToday === 0 ? 'silentToday' : 'scanning';
}

export function VenueStatus({ venue, t }: { readonly venue: VenueSummary; readonly t: Translate }) {
  const status = scanStatus(venue);
  return <span className={`status status-${status}`} data-status={status}>{t(`status.${status}`)}</span>;
}
