/**
 * The contract of importing a kiosk's sealed scan file (carried on a USB stick from a venue with no
 * network) at the district: what the console shows of one import and of the import audit. The
 * server answers with these; the console parses them.
 */
import { z } from 'zod';

/**
 * Why the district refuses a whole file (nothing is ingested): the file's own problems
 * (`hosting/sealedScans/scanFile.ts`) and the district's about its device. The HTTP answer's
 * `error` is `import-<problem>`.
 */
export const SCAN_IMPORT_PROBLEMS = [
  /** Not a kiosk scan file at all. */
  'not-a-scan-file',
  /** Cut short (copied off the stick before it was written whole). */
  'truncated',
  /** The kiosk's signature does not verify: a byte changed. */
  'bad-signature',
  /** Sealed to a district key this server does not hold (another district's). */
  'other-district',
  /** Signed but does not open, or holds something else (a kiosk fault). */
  'damaged',
  /** The kiosk was revoked. */
  'device-revoked',
  /** A kiosk the district does not know, and no enrollment code it can redeem for it. */
  'unknown-device',
  /** A kiosk the district does not know, whose file's enrollment code expired before the import (IT makes a new one). */
  'code-expired',
  /** The file names a venue other than the kiosk's. */
  'other-venue',
] as const;
export const ScanImportProblemSchema = z.enum(SCAN_IMPORT_PROBLEMS);
export type ScanImportProblem = z.infer<typeof ScanImportProblemSchema>;

/** The file's readable header, as the district shows it (no personal data). */
export const ScanImportHeaderSchema = z.object({
  createdAt: z.string(),
  deviceName: z.string(),
  venueName: z.string(),
  scanCount: z.number().int(),
  seqFrom: z.number().int().nullable(),
  seqTo: z.number().int().nullable(),
  firstScannedAt: z.string().nullable(),
  lastScannedAt: z.string().nullable(),
});
export type ScanImportHeader = z.infer<typeof ScanImportHeaderSchema>;

/** How the file's scans were answered, as an upload's are. */
export const ScanImportCountsSchema = z.object({
  /** New at the district. */
  accepted: z.number().int(),
  /** Already there (imported before, or uploaded). */
  duplicate: z.number().int(),
  /** Refused one by one (see `refusals`). */
  rejected: z.number().int(),
});
export type ScanImportCounts = z.infer<typeof ScanImportCountsSchema>;

/** Refused scans grouped by reason (the upload's reasons: a field's name, `invalid-text: <field>`, `implausible-time: scannedAt`). */
export const ScanImportRefusalSchema = z.object({ reason: z.string(), count: z.number().int() });

/** The answer to an import that went through. */
export const ScanImportResponseSchema = z.object({
  /** The audit row's id. */
  importId: z.number().int(),
  header: ScanImportHeaderSchema,
  deviceId: z.string(),
  deviceName: z.string(),
  venueId: z.string(),
  venueName: z.string(),
  /** Whether the import enrolled the kiosk (a kiosk set up offline, its code redeemed now). */
  enrolledNow: z.boolean(),
  counts: ScanImportCountsSchema,
  refusals: z.array(ScanImportRefusalSchema),
  /**
   * The receipt QR text (`KIOSK-RECEIPT:1.…`) the kiosk scans to mark the file's scans delivered;
   * null when the file held no scan or a scan was left unanswered.
   */
  receipt: z.string().nullable(),
});
export type ScanImportResponse = z.infer<typeof ScanImportResponseSchema>;

/** One row of the import audit. */
export const ScanImportEntrySchema = z.object({
  id: z.number().int(),
  importedAt: z.string(),
  /** Who imported: `user:<name>`, `admin-token` or `cli`. */
  actor: z.string(),
  deviceId: z.string().nullable(),
  deviceName: z.string().nullable(),
  venueId: z.string().nullable(),
  venueName: z.string().nullable(),
  fileBytes: z.number().int(),
  /** What the file's header says (null: the header did not read). */
  fileScans: z.number().int().nullable(),
  seqFrom: z.number().int().nullable(),
  seqTo: z.number().int().nullable(),
  accepted: z.number().int(),
  duplicate: z.number().int(),
  rejected: z.number().int(),
  /** `imported`, `running` (not finished: the server stopped mid-import), `failed`, or the problem it was refused for. */
  outcome: z.union([z.enum(['imported', 'running', 'failed']), ScanImportProblemSchema]),
  /** The sequence number the receipt confirmed, or null (no receipt). */
  receiptSeq: z.number().int().nullable(),
});
export type ScanImportEntry = z.infer<typeof ScanImportEntrySchema>;
export type ScanImportOutcome = ScanImportEntry['outcome'];

export const ScanImportListSchema = z.object({ imports: z.array(ScanImportEntrySchema) });
export type ScanImportList = z.infer<typeof ScanImportListSchema>;

/** The largest file the district takes in one import, bytes (a million scans is a few hundred MiB). */
export const MAX_SCAN_IMPORT_BYTES = 2 * 1024 * 1024 * 1024;
