/**
 * Importing a kiosk's sealed scan file (carried on a USB stick from a venue with no network): the
 * file is opened with the district's keys (its device signature, its district key), read through
 * once without ingesting (so a file refused is refused whole and nothing of it is ingested), its
 * kiosk found by the device key before that (or enrolled after it with the code it carries, as an
 * online enrollment would), and then each batch goes through the same ingest as an upload (`scanBatch.ts`): the same
 * per-scan checks and the same scan ids, so a file imported twice, or overlapping what the kiosk
 * uploads later, adds each scan exactly once. Every import, refused or not, is audited.
 */
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { v7 as uuidv7 } from 'uuid';
import { deviceKeyFingerprint, type DistrictKeyPair } from '../../hosting/sealedScans/keys';
import { receiptText } from '../../hosting/sealedScans/receipt';
import {
  openScanFile,
  readScanFileHeader,
  ScanFileError,
  type OpenedScanFile,
  type ScanFileHeader,
} from '../../hosting/sealedScans/scanFile';
import { EnrollmentCodeSchema, isCleanText, MAX_BATCH_SCANS } from '../../shared/district';
import type {
  ScanImportCounts,
  ScanImportHeader,
  ScanImportProblem,
  ScanImportResponse,
} from '../../shared/scanImport';
import { sha256Hex } from '../domain/secretHash';
import type { DeviceQueries, DeviceRecord } from '../store/topics/deviceTopic';
import type { ImportQueries } from '../store/topics/importTopic';
import type { VenueQueries } from '../store/topics/venueTopic';
import type { IngestTransactions } from '../store/topics/ingestTopic';
import { ingestScanBatch, type IngestContext } from './scanBatch';

/** What an import needs of the server: ingest's context, the store's device and audit queries, the district's keys. */
export interface ImportContext extends IngestContext {
  readonly store: IngestTransactions &
    Pick<DeviceQueries, 'findDeviceByPublicKey'> &
    Pick<VenueQueries, 'redeemEnrollment' | 'enrollmentCodeState'> &
    ImportQueries;
  /** The district's key pairs, current last: the current one signs the receipt. */
  readonly districtKeys: readonly DistrictKeyPair[];
}

/** A whole file refused: nothing of it was ingested. Its audit row is written. */
export class ScanImportRefused extends Error {
  constructor(
    readonly problem: ScanImportProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ScanImportRefused';
  }
}

export interface ScanImportRequest {
  /** The file on this machine (the console's upload is streamed to a temporary file first). */
  readonly path: string;
  /** Who imports, as the audit writes it: `user:<name>`, `admin-token` or `cli`. */
  readonly actor: string;
  /** Called after each batch: scans ingested so far, and the file's count. */
  readonly onProgress?: (scansDone: number, scanCount: number) => void;
}

function headerShown(header: ScanFileHeader): ScanImportHeader {
  return {
    createdAt: header.createdAt,
    deviceName: header.deviceName,
    venueName: header.venueName,
    scanCount: header.scanCount,
    seqFrom: header.seqFrom,
    seqTo: header.seqTo,
    firstScannedAt: header.firstScannedAt,
    lastScannedAt: header.lastScannedAt,
  };
}

/** The name a kiosk enrolled by its file gets: the name it gave itself, when it is one people can read. */
function deviceNameOf(header: ScanFileHeader): string {
  const name = header.deviceName.trim().slice(0, 80);
  return name && isCleanText(name) ? name : 'Kiosk';
}

/** Reads the whole file once without ingesting: every frame opens, and it holds what its header says. */
async function checkWhole(opened: OpenedScanFile): Promise<void> {
  let scans = 0;
  for await (const batch of opened.batches()) scans += batch.length;
  if (scans !== opened.header.scanCount)
    throw new ScanFileError(
      'damaged',
      `import: the file holds ${scans} scans where its header says ${opened.header.scanCount}`,
    );
}

/** How a file's kiosk is known before its batches are read: its device, or the open code its file carries. */
type FileKiosk = { readonly device: DeviceRecord } | { readonly codeHash: string };

/**
 * The kiosk of a file, looked up before any batch of it is inflated: found by its device key, or
 * else the code its file carries must be one the district would redeem now (looked at, not
 * redeemed: that waits until the whole file reads right). A crafted file from a key nobody knows
 * is refused after its header and secrets, whatever its batches hold.
 */
async function kioskOf(context: ImportContext, opened: OpenedScanFile, now: Date): Promise<FileKiosk> {
  const publicKey = opened.header.devicePublicKey;
  const known = await context.store.findDeviceByPublicKey(publicKey);
  if (known) return { device: known };
  const code = EnrollmentCodeSchema.safeParse(opened.secrets.enrollmentCode ?? '');
  if (!code.success)
    throw new ScanImportRefused(
      'unknown-device',
      'import: the district does not know this kiosk, and its file carries no enrollment code',
    );
  const codeHash = sha256Hex(code.data);
  const state = await context.store.enrollmentCodeState(codeHash, now.toISOString());
  if (state === 'open') return { codeHash };
  // Used just now by an import of this kiosk's file running at the same time: the kiosk is known.
  const enrolledMeanwhile = state === 'used' ? await context.store.findDeviceByPublicKey(publicKey) : null;
  if (enrolledMeanwhile) return { device: enrolledMeanwhile };
  throw refusedCode(state);
}

/** The refusal of a file whose kiosk is unknown and whose code does not enroll it. */
function refusedCode(state: 'unknown' | 'expired' | 'used' | 'key-in-use'): ScanImportRefused {
  if (state === 'expired')
    return new ScanImportRefused(
      'code-expired',
      'import: the district does not know this kiosk, and the enrollment code its file carries has expired',
    );
  const why = {
    unknown: 'its enrollment code is unknown',
    used: 'its enrollment code was used by another kiosk',
    'key-in-use': 'its device was not found after another enrolled its key',
  }[state];
  return new ScanImportRefused('unknown-device', `import: the district does not know this kiosk, and ${why}`);
}

/** Enrolls the kiosk of a file with the code it carries, once the whole file read right. */
async function enrollByFile(
  context: ImportContext,
  opened: OpenedScanFile,
  codeHash: string,
  now: Date,
): Promise<{ device: DeviceRecord; enrolledNow: boolean }> {
  const { header } = opened;
  const redeemed = await context.store.redeemEnrollment(codeHash, now.toISOString(), {
    id: uuidv7(),
    name: deviceNameOf(header),
    // No token is issued: the kiosk gets its own when it enrolls online with its key (the same device), once.
    tokenHash: sha256Hex(randomBytes(32).toString('base64url')),
    appVersion: null,
    publicKey: header.devicePublicKey,
    awaitingToken: true,
  });
  // A code just redeemed for this key by an import running at the same time is this kiosk's too.
  const device = await context.store.findDeviceByPublicKey(header.devicePublicKey);
  if (device) return { device, enrolledNow: redeemed.status === 'enrolled' };
  throw redeemed.status === 'enrolled'
    ? new ScanImportRefused('unknown-device', 'import: its device was not found after enrolling')
    : refusedCode(redeemed.status);
}

/**
 * Imports one scan file. Answers what came in and the receipt; throws `ScanImportRefused` for a
 * file refused whole (audited, nothing ingested). Other errors (the database) leave the batches
 * already committed (idempotent: importing the file again completes it) and the audit row `failed`.
 */
export async function importScanFile(context: ImportContext, request: ScanImportRequest): Promise<ScanImportResponse> {
  const now = context.now();
  const fileBytes = (await stat(request.path)).size;
  let header: ScanFileHeader | null = null;
  let device: DeviceRecord | null = null;
  const audit = (outcome: 'running' | ScanImportProblem) =>
    context.store.recordScanImport({
      importedAt: now.toISOString(),
      actor: request.actor,
      deviceId: device?.id ?? null,
      deviceName: device?.name ?? header?.deviceName ?? null,
      venueId: device?.venueId ?? null,
      venueName: device?.venueName ?? header?.venueName ?? null,
      fileBytes,
      fileScans: header?.scanCount ?? null,
      seqFrom: header?.seqFrom ?? null,
      seqTo: header?.seqTo ?? null,
      outcome,
    });
  const refuse = async (problem: ScanImportProblem, message: string): Promise<never> => {
    await audit(problem);
    context.log('server.import', 'scan file refused', { problem });
    throw new ScanImportRefused(problem, message);
  };

  let opened: OpenedScanFile;
  let enrolledNow = false;
  try {
    opened = await openScanFile(request.path, context.districtKeys);
    header = opened.header;
    const kiosk = await kioskOf(context, opened, now);
    // Known already: a damaged file's audit row names its kiosk.
    if ('device' in kiosk) device = kiosk.device;
    await checkWhole(opened);
    ({ device, enrolledNow } =
      'device' in kiosk
        ? { device: kiosk.device, enrolledNow: false }
        : await enrollByFile(context, opened, kiosk.codeHash, now));
  } catch (error) {
    if (error instanceof ScanFileError) {
      header ??= await readScanFileHeader(request.path).catch(() => null);
      return refuse(error.problem, `import: ${error.message}`);
    }
    if (error instanceof ScanImportRefused) return refuse(error.problem, error.message);
    throw error;
  }
  if (device.revokedAt) return refuse('device-revoked', 'import: this kiosk was revoked');
  if (opened.header.venueId !== null && opened.header.venueId !== device.venueId)
    return refuse('other-venue', "import: the file names a venue other than the kiosk's");

  const importId = await audit('running');
  const counts = { accepted: 0, duplicate: 0, rejected: 0 };
  const refusals = new Map<string, number>();
  try {
    await ingestFile(context, opened, device, now, counts, refusals, request.onProgress);
  } catch (error) {
    const problem = error instanceof ScanFileError ? error.problem : null;
    await context.store
      .finishScanImport(importId, { outcome: problem ?? 'failed', counts, receiptSeq: null })
      .catch(() => undefined);
    if (problem) throw new ScanImportRefused(problem, `import: ${(error as Error).message}`);
    throw error;
  }
  const { seqTo, scanCount } = opened.header;
  // Every scan of the file was answered (stored, already there or refused alone), as an upload's are.
  // Signed with the key the file was sealed to: the kiosk knows that one (an offline kiosk may know no
  // other), whatever was rotated since.
  const sealedTo =
    context.districtKeys.find((key) => key.publicKey.id === opened.header.districtKeyId) ??
    context.districtKeys[context.districtKeys.length - 1];
  const receipt =
    scanCount > 0 && seqTo !== null
      ? receiptText(sealedTo, {
          deviceFingerprint: deviceKeyFingerprint(opened.header.devicePublicKey),
          exportId: opened.header.exportId,
          seqThrough: seqTo,
          issuedAt: now,
        })
      : null;
  await context.store.finishScanImport(importId, {
    outcome: 'imported',
    counts,
    receiptSeq: receipt ? seqTo : null,
  });
  context.log('server.import', 'scan file imported', { scans: scanCount, ...counts });
  return {
    importId,
    header: headerShown(opened.header),
    deviceId: device.id,
    deviceName: device.name,
    venueId: device.venueId,
    venueName: device.venueName,
    enrolledNow,
    counts,
    refusals: [...refusals].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
    receipt,
  };
}

/**
 * Every batch through the upload's ingest. The import's time is each batch's receive time; its
 * "sent" time is set so the clock correction is the kiosk's last known clock error (what its last
 * upload measured; none for a kiosk never online): a file's age says nothing of the kiosk's clock.
 */
async function ingestFile(
  context: ImportContext,
  opened: OpenedScanFile,
  device: DeviceRecord,
  now: Date,
  counts: { -readonly [K in keyof ScanImportCounts]: number },
  refusals: Map<string, number>,
  onProgress?: (scansDone: number, scanCount: number) => void,
): Promise<void> {
  const ingestContext: IngestContext = { ...context, now: () => now };
  const sentAt = new Date(now.getTime() - (device.clockOffsetMs ?? 0)).toISOString();
  const total = opened.header.scanCount;
  let done = 0;
  for await (const batch of opened.batches()) {
    for (let start = 0; start < batch.length; start += MAX_BATCH_SCANS) {
      const scans = batch.slice(start, start + MAX_BATCH_SCANS);
      done += scans.length;
      // Not the kiosk's report: the device table keeps its last real upload (or none, offline).
      const answer = await ingestScanBatch(
        ingestContext,
        device,
        { sentAt, appVersion: device.appVersion ?? '', pendingCount: Math.max(0, total - done), scans },
        { fromDevice: false },
      );
      for (const result of answer.results) {
        counts[result.status] += 1;
        if (result.status === 'rejected') {
          const reason = result.reason ?? 'rejected';
          refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
        }
      }
      onProgress?.(done, total);
    }
  }
}
