/**
 * Which venues scan (the province's question), for viewers: registered venues, those that
 * uploaded today and in 7 days, scans today, silent venues first, devices with a backlog or a
 * wrong clock, registered vs scanning per area and venue type, and scans per day.
 */
import {
  CLOCK_FLAG_MS,
  deviceAlive,
  OverviewResponseSchema,
  type CoverageRow,
  type OverviewResponse,
  type VenueSummary,
} from '../../shared/console';
import { jsonAnswer } from '../http/answers';
import { errors, forbidden, ok } from '../http/routeDocs';
import { addDays } from '../domain/districtDay';
import type { DeviceRecord } from '../store/DistrictStore';
import { route, type ServerContext } from './context';
import { venuesWithActivity } from './venues';

/** Days the chart covers. */
const CHART_DAYS = 14;

/** Silent for 7 days first, then silent today or with no device reporting, then by name. */
function silenceRank(venue: VenueSummary, now: Date): number {
  if (venue.scans7Days === 0) return 0;
  if (venue.activeDevices === 0 || !deviceAlive(venue.lastReportAt, now)) return 1;
  return venue.scansToday === 0 ? 1 : 2;
}

function coverage(venues: readonly VenueSummary[], keyOf: (venue: VenueSummary) => string): CoverageRow[] {
  const rows = new Map<string, { registered: number; scanning7Days: number }>();
  for (const venue of venues) {
    const row = rows.get(keyOf(venue)) ?? { registered: 0, scanning7Days: 0 };
    row.registered += 1;
    if (venue.scans7Days > 0) row.scanning7Days += 1;
    rows.set(keyOf(venue), row);
  }
  return [...rows].map(([key, row]) => ({ key, ...row })).sort((a, b) => a.key.localeCompare(b.key, 'vi'));
}

/**
 * Scans still waiting after the last upload, a clock off by more than 5 minutes, or gone quiet (no
 * report, not even the empty batch every upload cycle sends, for `DEVICE_QUIET_MS` of shared/console).
 */
export function deviceFlagged(device: DeviceRecord, now: Date): boolean {
  if (device.revokedAt) return false;
  return (
    (device.pendingCount ?? 0) > 0 ||
    Math.abs(device.clockOffsetMs ?? 0) > CLOCK_FLAG_MS ||
    !deviceAlive(device.lastUploadAt, now)
  );
}

export async function buildOverview(context: ServerContext): Promise<OverviewResponse> {
  const { today, venues: all } = await venuesWithActivity(context);
  const now = context.now();
  const venues = all
    .filter((v) => v.retiredAt === null)
    .sort((a, b) => silenceRank(a, now) - silenceRank(b, now) || a.name.localeCompare(b.name, 'vi'));
  const firstDay = addDays(today, -(CHART_DAYS - 1));
  const perDay = new Map<string, number>();
  // The district's local days, counted at ingest (venue_days), not by reading two weeks of scans.
  const counted = await context.store.scansPerDay(firstDay, today);
  for (const row of counted) perDay.set(row.day, (perDay.get(row.day) ?? 0) + row.scans);
  return {
    today,
    registeredVenues: venues.length,
    venuesUploadedToday: venues.filter((v) => v.scansToday > 0).length,
    venuesUploaded7Days: venues.filter((v) => v.scans7Days > 0).length,
    scansToday: venues.reduce((sum, v) => sum + v.scansToday, 0),
    venues,
    flaggedDevices: (await context.store.listDevices()).filter((device) => deviceFlagged(device, now)),
    byArea: coverage(venues, (v) => v.area ?? ''),
    byType: coverage(venues, (v) => v.type),
    scansPerDay: Array.from({ length: CHART_DAYS }, (_, i) => addDays(firstDay, i)).map((day) => ({
      day,
      scans: perDay.get(day) ?? 0,
    })),
  };
}

export const overviewRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/overview',
    access: 'viewer',
    summary:
      'Which venues scan: counts, silent venues first, flagged devices, coverage per area and type, scans per day',
    responses: { 200: ok('overview', OverviewResponseSchema), ...errors, ...forbidden },
    handle: async (_request, context) => jsonAnswer(200, await buildOverview(context)),
  }),
];
