/**
 * Ingest of one batch: each item validated alone (a bad item is answered `rejected` with the
 * reason, the rest go on), times corrected by the device's clock error, then one store transaction
 * (`ingestScans`). The batch's envelope is parsed by the way it came in (`http/scanUpload.ts`).
 */
import {
  UploadedScanSchema,
  type ScanAnswer,
  type ScanBatch,
  type ScanBatchResponse,
  type UploadedScan,
} from '../../shared/district';
import { utcOffsetMinutes } from '../../shared/localTime';
import type { StoredScan } from '../domain/storedScan';
import type { DeviceRecord } from '../store/topics/deviceTopic';
import type { IngestTransactions } from '../store/topics/ingestTopic';
import { ingestScans } from './ingestScans';
import { dayTexts } from '../domain/districtDay';
import { badTextReason, correctedScanTime, implausibleTimeReason } from '../domain/scanChecks';
import { withoutBidiControls } from '../../shared/bidiControls';

/**
 * The row of an uploaded scan, every field named: spreading the parsed scan into a new object costs
 * V8 about 7 µs a scan (a tenth of the whole ingest), the literal well under one. `Required` makes a
 * field added to the upload fail to compile here until it is carried.
 */
function storedScanOf(
  scan: UploadedScan,
  device: DeviceRecord,
  receivedAt: string,
  correctedAt: string,
  localDay: string,
): Required<StoredScan> {
  return {
    id: scan.id,
    seq: scan.seq,
    scannedAt: scan.scannedAt,
    utcOffsetMin: scan.utcOffsetMin,
    direction: scan.direction,
    source: scan.source,
    kind: scan.kind,
    outcome: scan.outcome,
    reason: scan.reason,
    problems: scan.problems,
    // Text that people read later loses directional overrides (a reversed name in the console).
    idNumber: withoutBidiControls(scan.idNumber),
    fullName: withoutBidiControls(scan.fullName),
    birthDate: withoutBidiControls(scan.birthDate),
    gender: scan.gender,
    address: withoutBidiControls(scan.address),
    codeText: withoutBidiControls(scan.codeText),
    contextLabel: withoutBidiControls(scan.contextLabel),
    voidsScanId: scan.voidsScanId ?? null,
    sailing: scan.sailing ?? null,
    venueId: device.venueId,
    deviceId: device.id,
    receivedAt,
    correctedAt,
    localDay,
  };
}

/** The id an answer names for an item that failed validation: its own id if it has one, else its place. */
function answerIdOf(item: unknown, index: number): string {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id.slice(0, 64) : `#${index}`;
}

/** What ingest needs of the server: its store, clock, zone and log (the routes' context is one). */
export interface IngestContext {
  readonly store: IngestTransactions;
  readonly now: () => Date;
  /** IANA time zone of the district: its UTC offset now decides the day counts' day. */
  readonly timeZone: string;
  /** Runs after a batch's transaction committed and before its answer (fault-injection seam for tests). */
  readonly afterIngestCommit: () => void;
  /** Structured log line: where it comes from, what happened, fields without personal data. */
  readonly log: (where: string, message: string, fields?: Record<string, string | number>) => void;
}

/**
 * Ingests one parsed batch of `device`'s scans; answers each scan by id (accepted, duplicate or
 * rejected). `fromDevice` false: the batch came in a file carried by hand, not from the device, so
 * it is not the device's report (`IngestReport.fromDevice`).
 */
export async function ingestScanBatch(
  context: IngestContext,
  device: DeviceRecord,
  batch: ScanBatch,
  { fromDevice = true }: { readonly fromDevice?: boolean } = {},
): Promise<ScanBatchResponse> {
  const received = context.now();
  const receivedAt = received.toISOString();
  const sentMs = Date.parse(batch.sentAt);
  const clockOffsetMs = received.getTime() - sentMs;
  const localDayOf = dayTexts();
  const answers = new Map<string, ScanAnswer>();
  const rows: StoredScan[] = [];
  const taken = new Set<string>();
  batch.scans.forEach((item, index) => {
    const parsed = UploadedScanSchema.safeParse(item);
    if (!parsed.success) {
      const id = answerIdOf(item, index);
      answers.set(id, {
        id,
        status: 'rejected',
        reason: parsed.error.issues
          .map((i) => i.path.join('.') || 'scan')
          .slice(0, 3)
          .join(', '),
      });
      return;
    }
    const scan = parsed.data;
    const scannedMs = Date.parse(scan.scannedAt);
    const correctedMs = correctedScanTime(scannedMs, sentMs, received.getTime());
    const reason =
      badTextReason(scan) ?? (correctedMs === null ? implausibleTimeReason(scannedMs, received.getTime()) : null);
    if (reason || correctedMs === null) {
      answers.set(scan.id, { id: scan.id, status: 'rejected', reason: reason ?? 'implausible-time' });
      return;
    }
    // One id twice in a batch (a faulty or hostile device) is stored, paired and counted once; it has one answer.
    if (taken.has(scan.id)) return;
    taken.add(scan.id);
    rows.push(
      storedScanOf(
        scan,
        device,
        receivedAt,
        new Date(correctedMs).toISOString(),
        localDayOf(correctedMs, scan.utcOffsetMin),
      ),
    );
  });
  const inserted = await ingestScans(context.store, device, rows, {
    receivedAt,
    sentAt: batch.sentAt,
    clockOffsetMs,
    pendingCount: batch.pendingCount,
    appVersion: batch.appVersion,
    districtOffsetMin: utcOffsetMinutes(received, context.timeZone),
    fromDevice,
  });
  context.afterIngestCommit();
  for (const row of rows) answers.set(row.id, { id: row.id, status: inserted.has(row.id) ? 'accepted' : 'duplicate' });
  context.log('server.ingest', 'batch ingested', { scans: batch.scans.length, accepted: inserted.size });
  return { results: [...answers.values()], receivedAt };
}
