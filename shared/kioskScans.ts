/**
 * The kiosk's scan vocabulary: what a scan is (its source, direction, code kind), what the core
 * answers for one (`ScanResult`), and what the read side lists, prints and exports. Part of the kiosk
 * vocabulary that `contract.ts` builds its method table from.
 */
import { z } from 'zod';
import { CODE_KINDS, PROBLEM_CODES } from './codes/DecodedCode';
import { typedText } from './typedText';

export const DirectionSchema = z.enum(['in', 'out']);
export type Direction = z.infer<typeof DirectionSchema>;

export const ScanSourceSchema = z.enum(['wedge', 'hid', 'serial', 'manual']);
export type ScanSource = z.infer<typeof ScanSourceSchema>;

export const CodeKindSchema = z.enum(CODE_KINDS);
export const ProblemCodeSchema = z.enum(PROBLEM_CODES);

/** Longest raw payload the core takes in one call, characters (decoding stops at 4,096). */
export const MAX_RAW_CHARS = 16_384;

export const SubmitScanInputSchema = z.object({
  raw: z.string().max(MAX_RAW_CHARS),
  source: ScanSourceSchema,
  /** The operator's choice for this scan (required in `ask` mode, overrides the mode otherwise). */
  direction: DirectionSchema.optional(),
  /** The wedge decoder saw keys that disagree with the US layout. */
  layoutSuspected: z.boolean().optional(),
  /** The wedge decoder cannot be sure the scan is whole (its first keys may be lost): refused, scan again. */
  incomplete: z.boolean().optional(),
});
export type SubmitScanInput = z.infer<typeof SubmitScanInputSchema>;

/** A visitor with no code, entered by counter staff: a name and an ID number or a phone. */
export const ManualEntryInputSchema = z
  .object({
    fullName: typedText(2, 120),
    idNumber: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z]{6,20}$/)
      .optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ]{8,15}$/)
      .optional(),
    direction: DirectionSchema.optional(),
  })
  .refine((entry) => entry.idNumber !== undefined || entry.phone !== undefined, {
    message: 'an ID number or a phone is needed',
    path: ['idNumber'],
  });
export type ManualEntryInput = z.infer<typeof ManualEntryInputSchema>;

/**
 * - `recorded`: a row is committed to disk (green).
 * - `duplicate`: the same person within the duplicate window; nothing written (amber).
 * - `refused`: not a check-in; the refusal is logged without personal fields (red).
 * - `needs-direction`: `ask` mode; submit again with a direction. Nothing written.
 * - `failed`: the store could not write: never green (red).
 * - `tested`: scanner test mode: diagnosed, nothing written.
 * - `needs-declaration`: self-service health declaration: answer the questions. Nothing written yet.
 * - `voided`: counter staff undid the last scan: a correction row voiding it is committed.
 * - `boat-full`: the sailing's seats are taken: the scan is committed (the person was at the port)
 *   but not as boarding; the card says stop (red).
 */
export type ScanOutcome =
  | 'recorded'
  | 'duplicate'
  | 'refused'
  | 'needs-direction'
  | 'needs-declaration'
  | 'failed'
  | 'tested'
  | 'voided'
  | 'boat-full';

export const REFUSAL_REASONS = [
  'unreadable',
  'too-long',
  'keyboard-layout',
  'foreign-venue',
  'enrollment-code',
  'kind-not-accepted',
  'invalid-card',
  'damaged-card',
  'incomplete-scan',
  'not-a-ticket',
  'too-many-waiting',
  'store-failed',
  'store-read-only',
  'store-full',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface DayCounts {
  /** Local day, `YYYY-MM-DD`. */
  readonly day: string;
  readonly in: number;
  readonly out: number;
  readonly refused: number;
}

export interface ScanResult {
  readonly outcome: ScanOutcome;
  readonly source: ScanSource;
  /** A recorded scan whose health declaration had a yes: show "please see staff". */
  readonly declaredYes?: boolean;
  /** Scanner test mode only: what arrived, for the test screen. Never sent otherwise. */
  readonly diagnosis?: ScanDiagnosis;
  /** UUIDv7 of the row written, or of the earlier row for `duplicate`. */
  readonly scanId: string | null;
  readonly kind: z.infer<typeof CodeKindSchema>;
  readonly direction: Direction | null;
  readonly reason: RefusalReason | null;
  readonly problems: readonly z.infer<typeof ProblemCodeSchema>[];
  /** The ID number was restored from layout damage with certainty. */
  readonly recovered: boolean;
  readonly displayName: string | null;
  /** ID number with all but its last four characters hidden. */
  readonly maskedId: string | null;
  /** Device time of the scan, ISO 8601 UTC. */
  readonly at: string;
  readonly contextLabel: string | null;
  readonly counts: DayCounts;
  /** A plain code (ticket, badge) as scanned, so the clerk can check it; absent otherwise. */
  readonly codeText?: string | null;
  /** `ask` mode: scans waiting behind this one for their in/out choice. */
  readonly waitingScans?: number;
  /** `voided`, or `recorded` after a flip: the scan this correction voids. */
  readonly voidsScanId?: string | null;
  /** Scans counted against seats (a sailing, or a context with seats): on board after this scan, and the seats. */
  readonly boarding?: { readonly onBoard: number; readonly seats: number };
}

/** What a scan delivered, character by character, and what the decoder made of it. */
export interface ScanDiagnosis {
  readonly length: number;
  /** `U+0041 A` per character (first 200). */
  readonly characters: readonly string[];
  readonly layoutSuspected: boolean;
}

/** One line of the on-screen log (today's scans, newest first). */
export interface ScanLogEntry {
  readonly scanId: string;
  readonly at: string;
  readonly outcome: 'recorded' | 'refused';
  readonly direction: Direction | null;
  readonly kind: z.infer<typeof CodeKindSchema>;
  readonly reason: RefusalReason | null;
  readonly displayName: string | null;
  readonly maskedId: string | null;
  readonly contextLabel: string | null;
  /** A later correction voided this scan (it counts nowhere). */
  readonly voided?: boolean;
  /** This row is a correction voiding that scan. */
  readonly voidsScanId?: string | null;
}

/** One person on a printed list. */
export interface ManifestEntry {
  readonly scanId: string;
  /** When the person boarded or came in, ISO 8601 UTC. */
  readonly at: string;
  readonly displayName: string | null;
  /** ID number with all but its last four characters hidden, as on screen. */
  readonly maskedId: string | null;
  /** The whole ID number, only where the venue's profile is `full` (a port authority's passenger list). */
  readonly idNumber?: string | null;
  readonly birthYear: string | null;
  readonly kind: z.infer<typeof CodeKindSchema>;
  readonly source: ScanSource;
  /** A ticket's code as scanned (plain codes). */
  readonly codeText: string | null;
}

/** A printed list: a sailing's passenger manifest, or who is inside (a hotel's guests). */
export interface Manifest {
  readonly venueName: string;
  readonly venueAddress: string | null;
  /** The venue's type from enrollment (`port`, `hotel`, ...), or null. */
  readonly venueType: string | null;
  /** The sailing or room; null for everyone inside. */
  readonly contextLabel: string | null;
  /** Local day, `YYYY-MM-DD`. */
  readonly day: string;
  /** When the list was made, ISO 8601 UTC. */
  readonly madeAt: string;
  /** The sailing's capacity when it is the current one, else null. */
  readonly capacity: number | null;
  /** On board or inside (last recorded, not voided, scan an entry), in the order they came. */
  readonly entries: readonly ManifestEntry[];
  /** The sailing this list is of (a port's sailing record), or null. */
  readonly sailing?: ManifestSailing | null;
  /** A sailing's people refused boarding because it was full (at the port, not on board), listed apart. */
  readonly refusedEntries?: readonly ManifestEntry[];
  /** Whole ID numbers are printed (the venue's profile is `full`); otherwise the last four characters only. */
  readonly fullIds?: boolean;
}

/** The sailing a manifest is of, as printed in its head. */
export interface ManifestSailing {
  readonly id: string;
  readonly label: string;
  readonly route: string | null;
  /** Scheduled departure, ISO 8601 UTC. */
  readonly departsAt: string;
  readonly seats: number;
  readonly state: 'boarding' | 'closed' | 'departed';
  readonly closedAt: string | null;
}

/** Recorded scans for a CSV, as stable codes (column names, directions, kinds): the page puts them in words. */
export interface ScanExport {
  readonly columns: readonly ScanExportColumn[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}
export const SCAN_EXPORT_COLUMNS = [
  'time',
  'direction',
  'kind',
  'idNumber',
  'fullName',
  'birthDate',
  'gender',
  'address',
  'code',
  'context',
  'boarded',
] as const;
export type ScanExportColumn = (typeof SCAN_EXPORT_COLUMNS)[number];

/** How long after a scan counter staff can undo it or flip its direction, ms. */
export const CORRECTION_WINDOW_MS = 10 * 60_000;

/** Today's recorded scans in one local hour. */
export interface HourCount {
  readonly hour: number;
  readonly in: number;
  readonly out: number;
}

/** Masks all but the last four characters of an ID number. */
export function maskIdNumber(id: string): string {
  const tail = id.slice(-4);
  return '•'.repeat(Math.max(0, id.length - tail.length)) + tail;
}
