/**
 * The storage steps of a batch's ingest on SQLite (`topics/ingestTopic.ts`), each synchronous:
 * better-sqlite3 runs the batch's transaction at once, so the flow is run inside it without a turn
 * of the event loop (no other statement of this connection can come between its steps).
 */
import type { DayCountDelta } from '../../domain/dayCounts';
import { districtDayOf } from '../../domain/districtDay';
import type { StoredScan } from '../../domain/storedScan';
import type { DayCountTake, IngestReport, IngestSteps, VoidedScans, VoidTargets } from '../topics/ingestTopic';
import type { VoidTarget } from '../../domain/dayCounts';
import { prepared, type SqliteDatabase } from './preparedStatements';
import { applyCorrections, pairPresence } from './presenceWrites';

const INSERT_SCAN = `INSERT INTO scans (id, venue_id, device_id, seq, scanned_at, corrected_at, received_at, utc_offset_min, local_day, direction,
     source, kind, outcome, reason, problems, id_number, full_name, birth_date, gender, address, code_text, context_label, voids_scan_id,
     sailing_id, sailing_departs_at, sailing_boarded)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
   ON CONFLICT (id) DO NOTHING`;

/** The steps that run at once, so that `runFlowAtOnce` can run a flow over them in one synchronous transaction. */
type SyncSteps = {
  [K in keyof IngestSteps]: (...args: Parameters<IngestSteps[K]>) => Awaited<ReturnType<IngestSteps[K]>>;
};

/** The ingest steps on `db`; call them only inside a transaction. */
export function sqliteIngestSteps(db: SqliteDatabase): SyncSteps {
  return {
    insertNewScans: (scans, receivedAt) => insertNewScans(db, scans, receivedAt),
    pairPresence: (venueId, stored, dayOffsetMin) => pairPresence(db, venueId, stored, dayOffsetMin),
    applyCorrections: (venueId, stored, dayOffsetMin) => applyCorrections(db, venueId, stored, dayOffsetMin),
    addDayCounts: (deltas) => addDayCounts(db, deltas),
    readVoidTargets: (voided, offsetMin) => readVoidTargets(db, voided, offsetMin),
    takeFromDayCounts: (takes) => takeFromDayCounts(db, takes),
    claimForeignIds: (device, scanIds, claimedAt) => claimForeignIds(db, device.id, scanIds, claimedAt),
    reportUpload: (deviceId, report) => reportUpload(db, deviceId, report),
  };
}

function insertNewScans(db: SqliteDatabase, scans: readonly StoredScan[], receivedAt: string): StoredScan[] {
  const insert = prepared(db, INSERT_SCAN);
  const stored: StoredScan[] = [];
  const receivedMs = Date.parse(receivedAt);
  for (const scan of scans) {
    // Bound by position, in the statement's column order: the hottest statement of the server.
    const values = [
      scan.id,
      scan.venueId,
      scan.deviceId,
      scan.seq,
      Date.parse(scan.scannedAt),
      Date.parse(scan.correctedAt),
      scan.receivedAt === receivedAt ? receivedMs : Date.parse(scan.receivedAt),
      scan.utcOffsetMin,
      scan.localDay,
      scan.direction,
      scan.source,
      scan.kind,
      scan.outcome,
      scan.reason,
      scan.problems.join(','),
      scan.idNumber,
      scan.fullName,
      scan.birthDate,
      scan.gender,
      scan.address,
      scan.codeText,
      scan.contextLabel,
      scan.voidsScanId ?? null,
      scan.sailing?.id ?? null,
      scan.sailing ? Date.parse(scan.sailing.departsAt) : null,
      scan.sailing ? Number(scan.sailing.boarded) : null,
    ];
    if (insert.run(values).changes === 1) stored.push(scan);
  }
  return stored;
}

function claimForeignIds(
  db: SqliteDatabase,
  deviceId: string,
  scanIds: readonly string[],
  claimedAt: string,
): string[] {
  const claimed: string[] = [];
  const claimedMs = Date.parse(claimedAt);
  for (const scanId of scanIds) {
    if (
      prepared(db, 'SELECT device_id FROM scans WHERE id = ?').pluck().get(scanId) !== deviceId &&
      prepared(
        db,
        'INSERT INTO scan_id_claims (scan_id, device_id, claimed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      ).run(scanId, deviceId, claimedMs).changes === 1
    )
      claimed.push(scanId);
  }
  return claimed;
}

function addDayCounts(db: SqliteDatabase, deltas: readonly DayCountDelta[]): void {
  const add = prepared(
    db,
    `INSERT INTO venue_days (venue_id, day, scans, recorded_in, recorded_out, refused) VALUES (@venueId, @day, @scans, @recordedIn, @recordedOut, @refused)
     ON CONFLICT (venue_id, day) DO UPDATE SET scans = scans + excluded.scans, recorded_in = recorded_in + excluded.recorded_in,
       recorded_out = recorded_out + excluded.recorded_out, refused = refused + excluded.refused`,
  );
  for (const delta of deltas) add.run(delta);
}

function readVoidTargets(db: SqliteDatabase, voided: VoidedScans, offsetMin: number): VoidTargets {
  const targets = new Map<string, VoidTarget>();
  const corrections = new Map<string, number>();
  for (const [scanId, { venueId }] of voided) {
    const target = prepared(
      db,
      'SELECT venue_id AS venueId, corrected_at AS correctedAt, outcome, direction FROM scans WHERE id = ?',
    ).get(scanId) as (Omit<VoidTarget, 'day'> & { correctedAt: number }) | undefined;
    if (target) targets.set(scanId, { ...target, day: districtDayOf(target.correctedAt, offsetMin) });
    corrections.set(
      scanId,
      prepared(db, 'SELECT COUNT(*) FROM scans WHERE voids_scan_id = ? AND venue_id = ?')
        .pluck()
        .get(scanId, venueId) as number,
    );
  }
  return { targets, corrections };
}

function takeFromDayCounts(db: SqliteDatabase, takes: readonly DayCountTake[]): void {
  const take = prepared(
    db,
    'UPDATE venue_days SET recorded_in = recorded_in - @recordedIn, recorded_out = recorded_out - @recordedOut WHERE venue_id = @venueId AND day = @day',
  );
  for (const row of takes) take.run(row);
}

function reportUpload(db: SqliteDatabase, deviceId: string, report: IngestReport): void {
  prepared(
    db,
    'UPDATE devices SET last_upload_at = ?, pending_count = ?, app_version = ?, clock_offset_ms = ? WHERE id = ?',
  ).run(report.receivedAt, report.pendingCount, report.appVersion, report.clockOffsetMs, deviceId);
}
