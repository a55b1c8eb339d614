/** Whether a venue scans, in words and colour (silent venues are what the district must chase). */
import { deviceAlive, type VenueSummary } from '../../shared/console';
import type { Translate } from '../messages';

export type ScanStatus = 'retired' | 'never' | 'silent7' | 'offline' | 'silentToday' | 'scanning';

const WEEK_MS = 7 * 86_400_000;

/**
 * `never`: registered less than 7 days ago and no scan yet (not "silent for 7 days" a minute after it
 * was made). `offline`: it scanned this week, but none of its devices reports any more (all revoked, or
 * switched off: kiosks report every upload cycle even with no scans), so it is not scanning now,
 * whatever today's count says.
 */
export function scanStatus(venue: VenueSummary, now: Date): ScanStatus {
  if (venue.retiredAt) return 'retired';
  if (venue.scans7Days === 0) return now.getTime() - Date.parse(venue.createdAt) < WEEK_MS ? 'never' : 'silent7';
  if (venue.activeDevices === 0 || !deviceAlive(venue.lastReportAt, now)) return 'offline';
  return venue.scansToday === 0 ? 'silentToday' : 'scanning';
}

export function VenueStatus({
  venue,
  t,
  now,
}: {
  readonly venue: VenueSummary;
  readonly t: Translate;
  readonly now: Date;
}) {
  const status = scanStatus(venue, now);
  return (
    <span className={`status status-${status}`} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
