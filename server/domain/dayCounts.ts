/**
 * Counts per venue and local day, kept at ingest (the `venue_days` table of both stores): what the
 * console's overview, its venue list and `GET /api/v1/stats/daily` read, instead of counting a week
 * of scans per venue on every page (427 ms a page at 1,000,000 scans on SQLite, growing with them).
 * Pure: the stores add these deltas and take voided scans off in their own SQL.
 */
import { dayTexts } from './districtDay';
import type { StoredScan } from './storedScan';

/** What a batch's stored scans add to one venue's day. */
export interface DayCountDelta {
  readonly venueId: string;
  readonly day: string;
  /** Every stored scan (recorded, refused, corrections), for diagnostics: the console shows passages (`PASSAGES_SQL`). */
  scans: number;
  /** Recorded entries and exits not voided by a correction. */
  recordedIn: number;
  recordedOut: number;
  refused: number;
}

/**
 * The deltas of a batch's newly stored scans (re-sends and duplicates are not in `stored`), on the
 * district's local day of each corrected time: a kiosk PC left on UTC must not make its venue look
 * silent from 17:00 to midnight UTC (the console's "today" is the district's).
 */
export function dayCountsOf(stored: readonly StoredScan[], offsetMin: number): DayCountDelta[] {
  const byKey = new Map<string, DayCountDelta>();
  const dayOf = dayTexts();
  for (const scan of stored) {
    const day = dayOf(Date.parse(scan.correctedAt), offsetMin);
    const key = `${scan.venueId} ${day}`;
    let delta = byKey.get(key);
    if (!delta) {
      delta = { venueId: scan.venueId, day, scans: 0, recordedIn: 0, recordedOut: 0, refused: 0 };
      byKey.set(key, delta);
    }
    delta.scans += 1;
    if (scan.outcome === 'refused') delta.refused += 1;
    else if (scan.direction === 'in') delta.recordedIn += 1;
    else if (scan.direction === 'out') delta.recordedOut += 1;
  }
  return [...byKey.values()];
}

/** A scan a correction voids, as the count needs it. */
export interface VoidTarget {
  readonly venueId: string;
  readonly day: string;
  readonly outcome: string;
  readonly direction: string | null;
}

/** The scans this batch's corrections void, with how many of the batch's corrections void each and from which venue. */
export function voidedBy(stored: readonly StoredScan[]): Map<string, { venueId: string; count: number }> {
  const voided = new Map<string, { venueId: string; count: number }>();
  for (const scan of stored) {
    if (!scan.voidsScanId) continue;
    const seen = voided.get(scan.voidsScanId);
    if (seen) seen.count += 1;
    else voided.set(scan.voidsScanId, { venueId: scan.venueId, count: 1 });
  }
  return voided;
}

/**
 * What a batch's corrections take off the counts: each voided scan once, only for a correction of
 * its own venue, only if it was counted as an entry or exit, and only if no correction stored before
 * this batch voided it already (`storedCorrections`: every stored correction of it, this batch's
 * included). The kiosk uploads in order, so a scan is stored before its correction; a correction
 * that comes first takes nothing off.
 */
export function voidsToCount(
  voided: ReadonlyMap<string, { venueId: string; count: number }>,
  targets: ReadonlyMap<string, VoidTarget>,
  storedCorrections: ReadonlyMap<string, number>,
): { venueId: string; day: string; recordedIn: number; recordedOut: number }[] {
  const out = [];
  for (const [scanId, { venueId, count }] of voided) {
    const target = targets.get(scanId);
    if (!target || target.venueId !== venueId || target.outcome !== 'recorded') continue;
    if (target.direction !== 'in' && target.direction !== 'out') continue;
    if ((storedCorrections.get(scanId) ?? 0) > count) continue;
    out.push({
      venueId,
      day: target.day,
      recordedIn: target.direction === 'in' ? 1 : 0,
      recordedOut: target.direction === 'out' ? 1 : 0,
    });
  }
  return out;
}
