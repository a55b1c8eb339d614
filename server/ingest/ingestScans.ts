/**
 * The order of a batch's ingest, written once for every engine and every way in (an upload, a file
 * carried by hand, a migration): insert each scan at most once by id, pair presence, apply the
 * corrections of the scans' own venue, keep the day counts, record claims of ids another device
 * stored, and the device's report (when the device sent the batch), all in one transaction the store provides.
 */
import { dayCountsOf, voidedBy, voidsToCount } from '../domain/dayCounts';
import { DEFAULT_DISTRICT_OFFSET_MIN } from '../domain/districtDay';
import { groupByVenue } from '../domain/presenceSlices';
import type { StoredScan } from '../domain/storedScan';
import type { DeviceRecord } from '../store/topics/deviceTopic';
import {
  settled,
  type IngestFlow,
  type IngestReport,
  type IngestSteps,
  type IngestTransactions,
} from '../store/topics/ingestTopic';

/**
 * Inserts each scan at most once (by id) and records the device's report, in one transaction.
 * Returns the ids this device sends for the first time: those inserted, and those that already
 * belonged to another device (not stored; remembered as this device's claim, so its re-sends
 * are answered like re-sends of its own scans). The others are this device's re-sends.
 */
export function ingestScans(
  store: IngestTransactions,
  device: DeviceRecord,
  scans: readonly StoredScan[],
  report: IngestReport,
): Promise<ReadonlySet<string>> {
  return store.runIngest((steps) => ingestFlow(steps, device, scans, report));
}

function* ingestFlow(
  steps: IngestSteps,
  device: DeviceRecord,
  scans: readonly StoredScan[],
  report: IngestReport,
): IngestFlow<ReadonlySet<string>> {
  const dayOffsetMin = report.districtOffsetMin ?? DEFAULT_DISTRICT_OFFSET_MIN;
  const stored = yield* settled(steps.insertNewScans(scans, report.receivedAt));
  // Venues in one order, so two batches never wait on each other's locks crosswise (a batch is one
  // device's, so one venue, but nothing here assumes it).
  const byVenue = [...groupByVenue(stored)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [venueId, ofVenue] of byVenue) yield* settled(steps.pairPresence(venueId, ofVenue, dayOffsetMin));
  for (const [venueId, ofVenue] of byVenue) yield* settled(steps.applyCorrections(venueId, ofVenue, dayOffsetMin));
  yield* settled(steps.addDayCounts(dayCountsOf(stored, dayOffsetMin)));
  const voided = voidedBy(stored);
  if (voided.size > 0) {
    const { targets, corrections } = yield* settled(steps.readVoidTargets(voided, dayOffsetMin));
    yield* settled(steps.takeFromDayCounts(voidsToCount(voided, targets, corrections)));
  }
  const storedIds = new Set(stored.map((scan) => scan.id));
  const others = scans.map((scan) => scan.id).filter((id) => !storedIds.has(id));
  const claimed = new Set(yield* settled(steps.claimForeignIds(device, others, report.receivedAt)));
  if (report.fromDevice !== false) yield* settled(steps.reportUpload(device.id, report));
  return new Set(scans.map((scan) => scan.id).filter((id) => storedIds.has(id) || claimed.has(id)));
}
