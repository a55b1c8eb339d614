/**
 * Writes every scan the district has not confirmed (every row above the upload cursor, in seq
 * order) to one sealed scan file: the scans exactly as the uploader sends them (the same batches,
 * `readBatch`), sealed to the district's current key and signed with this kiosk's device key.
 * Used by the kiosk's admin ("Export to USB") and by IT's CLI on a data folder.
 */
import { KioskMethodError } from '../../../shared/contract';
import { MAX_BATCH_SCANS, type UploadedScan } from '../../../shared/district';
import { scanFileName, writeScanFile, type ScanFileHeader } from '../../../hosting/sealedScans/scanFile';
import { prepared, type SqliteDatabase } from '../store/preparedStatements';
import { readKioskSettings, readSetting, writeSetting } from '../store/settingsStore';
import { readUploadCursor } from '../store/uploadQueries';
import { isoWithOffset } from '../localTime';
import { readBatch } from '../upload/batches';
import { ensureDeviceKey, knownDistrictKeys } from './kioskKeys';

/** Scans in one sealed frame: the uploader's batch size (one frame's JSON is a few MB at most). */
const EXPORT_BATCH_SCANS = Math.min(2000, MAX_BATCH_SCANS);

/** The header the file's readable line carries (no personal data). */
export type UnsentHeader = Omit<ScanFileHeader, 'format' | 'exportId' | 'districtKeyId' | 'devicePublicKey'>;

/** Exports remembered for their receipts. */
const KEPT_EXPORTS = 50;

export interface UnsentScanFileOptions {
  readonly now: Date;
  /** The kiosk's name when it has none from enrollment or an offline setup (the host name). */
  readonly fallbackDeviceName: string;
  /** Where to write the file the header names; null: the person chose not to (nothing is written). */
  readonly choosePath: (fileName: string, header: UnsentHeader) => Promise<string | null>;
  readonly onProgress?: (written: number, total: number) => void;
}

export interface UnsentScanFile {
  readonly path: string;
  readonly fileName: string;
  readonly header: UnsentHeader;
  readonly bytes: number;
}

interface UnsentSummary {
  readonly count: number;
  readonly seqFrom: number | null;
  readonly seqTo: number | null;
  readonly first: string | null;
  readonly last: string | null;
}

function summariseUnsent(db: SqliteDatabase, cursor: number): UnsentSummary {
  return prepared(
    db,
    'SELECT COUNT(*) AS count, MIN(seq) AS seqFrom, MAX(seq) AS seqTo, MIN(scanned_at) AS first, MAX(scanned_at) AS last FROM scans WHERE seq > ?',
  ).get(cursor) as UnsentSummary;
}

/** The unsent scans after `cursor` up to `seqTo`, batch by batch, as the uploader sends them. */
async function* unsentBatches(db: SqliteDatabase, cursor: number, seqTo: number): AsyncGenerator<UploadedScan[]> {
  let after = cursor;
  while (after < seqTo) {
    const batch = await readBatch(db, after, EXPORT_BATCH_SCANS);
    if (!batch) return;
    // Scans recorded while the file is written go in the next export (the header's count stands).
    const scans = (JSON.parse(`[${batch.scansJson}]`) as UploadedScan[]).filter((scan) => scan.seq <= seqTo);
    if (scans.length > 0) yield scans;
    after = batch.rows[batch.rows.length - 1].seq;
  }
}

/**
 * Writes the file; null when `choosePath` declined. Throws {@link KioskMethodError}
 * `no-district-key` (never set up with a district: nothing to seal to) or `nothing-to-export`.
 */
export async function writeUnsentScanFile(
  db: SqliteDatabase,
  options: UnsentScanFileOptions,
): Promise<UnsentScanFile | null> {
  const [districtKey] = knownDistrictKeys(db);
  if (!districtKey) throw new KioskMethodError('no-district-key', 'handover.export: no district key on this kiosk');
  const cursor = readUploadCursor(db);
  const summary = summariseUnsent(db, cursor);
  if (summary.count === 0 || summary.seqTo === null)
    throw new KioskMethodError('nothing-to-export', 'handover.export: every scan is with the district');
  const deviceKey = ensureDeviceKey(db);
  const device = readSetting(db, 'district-device');
  const offline = readSetting(db, 'offline-setup');
  const header: UnsentHeader = {
    // Local wall time: the file's name says when it was written as the venue's clock shows it.
    createdAt: isoWithOffset(options.now),
    deviceId: device?.deviceId ?? null,
    deviceName: device?.deviceName ?? offline?.deviceName ?? options.fallbackDeviceName,
    venueId: device?.venueId ?? null,
    venueName: readKioskSettings(db).venueName,
    scanCount: summary.count,
    seqFrom: summary.seqFrom,
    seqTo: summary.seqTo,
    firstScannedAt: summary.first,
    lastScannedAt: summary.last,
  };
  const fileName = scanFileName(header);
  const path = await options.choosePath(fileName, header);
  if (path === null) return null;
  const { bytes, exportId } = await writeScanFile(path, {
    header,
    districtKey,
    deviceKey,
    // A kiosk set up offline carries its code: the district redeems it for this device key on import.
    secrets: { enrollmentCode: device ? null : (offline?.code ?? null) },
    batches: unsentBatches(db, cursor, summary.seqTo),
    onProgress: (written) => options.onProgress?.(written, summary.count),
  });
  // Remembered for the district's receipt: only a receipt for an export this kiosk made is taken.
  const exports = readSetting(db, 'usb-exports') ?? [];
  writeSetting(
    db,
    'usb-exports',
    [
      ...exports,
      { exportId, seqFrom: summary.seqFrom ?? summary.seqTo, seqTo: summary.seqTo, at: header.createdAt },
    ].slice(-KEPT_EXPORTS),
  );
  return { path, fileName, header, bytes };
}
