/**
 * The contract between a kiosk and the district server: enrollment, scan upload batches and the
 * server's answers. Zod schemas here are what the server validates with and what the OpenAPI
 * document is generated from.
 */
import { z } from 'zod';
import { CODE_KINDS } from './codes/DecodedCode';
import { DirectionSchema, ScanSourceSchema } from './kioskScans';
import { withoutBidiControls } from './bidiControls';
import { DISTRICT_KEY_PATTERN as DISTRICT_KEY_PATTERN_SOURCE } from './districtKeyText';

export { ENROLLMENT_PREFIX, enrollmentText, parseEnrollmentText, type EnrollmentText } from './enrollmentText';
export { DISTRICT_KEY_PATTERN, isDistrictKeyText } from './districtKeyText';

/** The district's public key text (`dk1.<X25519>.<Ed25519>`, see `districtKeyText.ts`). */
export const DistrictKeyTextSchema = z.string().regex(new RegExp(`^${DISTRICT_KEY_PATTERN_SOURCE}$`));

export const VENUE_TYPES = ['port', 'hotel', 'school', 'office', 'shop', 'transport', 'other'] as const;
export const VenueTypeSchema = z.enum(VENUE_TYPES);
export type VenueType = z.infer<typeof VenueTypeSchema>;

const Text = (max: number) => z.string().max(max);
const IsoInstant = z.string().datetime({ offset: true });

/** A control character or any surrogate (a lone one or half of a pair). */
const SUSPECT_TEXT = /[\u0000-\u001f\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether text is safe to store anywhere: no C0 control character (NUL, tab, line breaks included)
 * and no lone UTF-16 surrogate. PostgreSQL refuses both in text; kiosks clean or refuse them.
 */
export function isCleanText(text: string): boolean {
  // Almost every text has neither a control character nor any surrogate: one cheap test first.
  if (!SUSPECT_TEXT.test(text)) return true;
  return !/[\u0000-\u001f]/.test(text) && !LONE_SURROGATE.test(text);
}

/**
 * Text a person typed for the district (names, addresses, device names): trimmed, clean, at most
 * `max` characters, without directional overrides (`withoutBidiControls`), in Unicode's composed
 * form (NFC): "Lý Sơn" typed on a keyboard that sends decomposed accents is the same commune as the
 * one typed with composed ones, not a second row of the overview.
 */
export const CleanText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(isCleanText, 'control character or broken Unicode')
    // Trimmed again: spaces next to a removed override would be left at an end.
    .transform((text) => withoutBidiControls(text).trim().normalize('NFC'));

/**
 * An ID number as people type it: "037 188 000 123" or "037.188.000.123" is the number without its
 * separators (what kiosks store); anything else is kept as typed.
 */
export function compactIdNumber(text: string): string {
  const digits = text.replace(/[\s.-]/g, '');
  return /^\d+$/.test(digits) ? digits : text;
}

/**
 * An instant in a query string. A `+` in an offset arrives as a space when a client did not
 * percent-encode it (`from=2026-11-26T00:00:00+07:00` typed into curl); it is read as `+`.
 */
const QueryInstant = z.preprocess(
  (value) => (typeof value === 'string' ? value.replace(/ (\d{2}:\d{2})$/, '+$1') : value),
  IsoInstant,
);

export const CreateEnrollmentRequestSchema = z.object({
  venueName: CleanText(120).pipe(z.string().min(1)),
  venueType: VenueTypeSchema,
  address: CleanText(240).optional(),
  /** How long the one-time code stays valid, hours (default 168, one week). */
  ttlHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .optional(),
  /** A kiosk enrolled elsewhere before that redeems this code sends its unsent scans here too (default: kept on the kiosk). */
  carryUnsentScans: z.boolean().optional(),
});
export type CreateEnrollmentRequest = z.infer<typeof CreateEnrollmentRequestSchema>;

export const CreateEnrollmentResponseSchema = z.object({
  code: z.string(),
  venueId: z.string(),
  expiresAt: IsoInstant,
  /** The text to print as a QR code for the kiosk to scan: `KIOSK-ENROLL:<code>@<server URL>#<district key>`. */
  qrText: z.string(),
});
export type CreateEnrollmentResponse = z.infer<typeof CreateEnrollmentResponseSchema>;

/** Enrollment codes: 10 characters of Crockford base32 (no I, L, O, U). */
export const EnrollmentCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-HJKMNP-TV-Z]{10}$/);

export const EnrollRequestSchema = z.object({
  code: EnrollmentCodeSchema,
  deviceName: CleanText(80).pipe(z.string().min(1)),
  appVersion: CleanText(32).optional(),
  /**
   * The kiosk's Ed25519 public key (32 bytes, base64url), which signs the scan files it exports
   * for a USB stick. With `deviceProof`; absent from older kiosks.
   */
  devicePublicKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .optional(),
  /**
   * The device key's signature over the code (`enrollProofMessage`): the kiosk holds the key. A code
   * the district already redeemed for this same key (a file the kiosk exported before it was ever
   * online, imported) enrolls again with it: the same device, a new token.
   */
  deviceProof: z
    .string()
    .regex(/^[A-Za-z0-9_-]{86}$/)
    .optional(),
});
export type EnrollRequest = z.infer<typeof EnrollRequestSchema>;

export const EnrollResponseSchema = z.object({
  deviceId: z.string(),
  /** Bearer token for uploads. Shown once; the server keeps only its hash. */
  deviceToken: z.string(),
  venueId: z.string(),
  venueName: z.string(),
  venueType: VenueTypeSchema,
  /**
   * Whether a kiosk enrolled before sends the scans it has not sent yet under this enrollment (the
   * district chose so when making the code). Absent (an older server): they stay on the kiosk.
   */
  carryUnsentScans: z.boolean().optional(),
  /** The district's public key text, to seal exported scans to (absent from an older server). */
  districtKey: DistrictKeyTextSchema.optional(),
});
export type EnrollResponse = z.infer<typeof EnrollResponseSchema>;

/** The sailing a port's scan belongs to: its id (made by the kiosk), scheduled departure, whether the person boarded. */
export const SailingRefSchema = z.object({ id: z.uuid(), departsAt: IsoInstant, boarded: z.boolean() });
export type SailingRef = z.infer<typeof SailingRefSchema>;

/** One scan as a kiosk uploads it. Personal fields are absent when the venue's profile drops them. */
export const UploadedScanSchema = z.object({
  id: z.uuid({ version: 'v7' }),
  seq: z.number().int().positive(),
  scannedAt: IsoInstant,
  utcOffsetMin: z.number().int().min(-840).max(840),
  direction: DirectionSchema.nullable(),
  source: ScanSourceSchema,
  kind: z.enum(CODE_KINDS),
  outcome: z.enum(['recorded', 'refused']),
  reason: Text(40).nullable(),
  problems: z.array(Text(40)).max(10),
  idNumber: Text(32).nullable(),
  fullName: Text(200).nullable(),
  birthDate: Text(10).nullable(),
  gender: z.enum(['male', 'female']).nullable(),
  address: Text(400).nullable(),
  codeText: Text(256).nullable(),
  contextLabel: Text(80).nullable(),
  /**
   * A correction (counter staff undid or flipped a scan): the id of the scan it voids. Such a row
   * has no direction and no personal field; the voided scan counts nowhere and traces leave it out.
   */
  voidsScanId: z.uuid({ version: 'v7' }).nullable().optional(),
  /**
   * At a port: the sailing the scan was made for (its label is `contextLabel`). `boarded` false: the
   * sailing was full and the person was refused boarding; they were at the port, not on the boat.
   * Absent or null: no sailing (other venues, or an older kiosk).
   */
  sailing: SailingRefSchema.nullable().optional(),
});
export type UploadedScan = z.infer<typeof UploadedScanSchema>;

/** Most scans in one batch. */
export const MAX_BATCH_SCANS = 5000;

export const ScanBatchSchema = z.object({
  /** Device clock when the batch was sent: with the server's receive time, the clock error. */
  sentAt: IsoInstant,
  appVersion: Text(32).refine(isCleanText, 'control character or broken Unicode'),
  /** Scans still waiting on the device after this batch (for the district's statistics). */
  pendingCount: z.number().int().min(0),
  /**
   * The kiosk's device public key (base64url). The district keeps it for a device that has none (one
   * enrolled before device keys existed), so the scan files the kiosk exports are known as its own;
   * a device that has a key keeps it. Absent from older kiosks.
   */
  devicePublicKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .optional(),
  /** Items are validated one by one, so one bad scan does not sink the batch. */
  scans: z.array(z.unknown()).max(MAX_BATCH_SCANS),
});
export type ScanBatch = z.infer<typeof ScanBatchSchema>;

/**
 * Why the server rejected one scan of a batch, when it is not a field failing the schema (those
 * name the field). The answer's reason is `<code>: <field>`, e.g. `invalid-text: fullName`.
 */
export const SCAN_REJECTION_CODES = {
  /** A text field holds a control character (NUL, C0) or a lone surrogate. */
  invalidText: 'invalid-text',
  /** `scannedAt` (after the clock correction) is outside the plausible window. */
  implausibleTime: 'implausible-time',
} as const;

export const ScanAnswerSchema = z.object({
  id: z.string(),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  reason: z.string().optional(),
});
export type ScanAnswer = z.infer<typeof ScanAnswerSchema>;

export const ScanBatchResponseSchema = z.object({
  results: z.array(ScanAnswerSchema),
  receivedAt: IsoInstant,
  /** The district's current public key text (it may have been rotated since enrollment); absent from an older server. */
  districtKey: DistrictKeyTextSchema.optional(),
});
export type ScanBatchResponse = z.infer<typeof ScanBatchResponseSchema>;

/** A field a request was refused for, and why in a word a page can put in its own language. */
export const InvalidFieldSchema = z.object({ field: z.string(), reason: z.enum(['short', 'long', 'chars', 'other']) });
export type InvalidField = z.infer<typeof InvalidFieldSchema>;

/** Every error answer; `fields` with `invalid-request`: the refused fields (the message is for logs and curl). */
export const ErrorResponseSchema = z.object({
  error: z.string(),
  message: z.string(),
  fields: z.array(InvalidFieldSchema).optional(),
});

/** Most contacts in one trace answer; more are fetched with `cursor`. */
export const MAX_TRACE_CONTACTS = 5000;

export const TraceQuerySchema = z
  .object({
    idNumber: CleanText(32).transform(compactIdNumber).pipe(z.string().min(1)),
    from: QueryInstant,
    to: QueryInstant,
    /** Contacts: intervals overlapping within this margin count, minutes (default 15). */
    marginMinutes: z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .default(15),
    format: z.enum(['json', 'csv']).default('json'),
    /** Contacts per answer (default 1,000, at most 5,000). */
    limit: z.coerce.number().int().min(1).max(MAX_TRACE_CONTACTS).default(1000),
    /** Where the previous answer stopped (its `nextCursor`); opaque. */
    cursor: z
      .string()
      .regex(/^c\d{1,9}$/)
      .optional(),
    /** The case this trace is for, written in the trace audit. */
    caseRef: CleanText(80).optional(),
    /**
     * A further page of a lookup already audited (its answer's `auditId`): the same person, window
     * and caller, so it is the same lookup and gets no second audit row.
     */
    auditId: z.coerce.number().int().positive().optional(),
  })
  .refine((query) => Date.parse(query.from) < Date.parse(query.to), { path: ['to'], message: 'must be after from' });

export const VisitSchema = z.object({
  venueId: z.string(),
  venueName: z.string(),
  venueType: VenueTypeSchema,
  entryAt: IsoInstant,
  exitAt: IsoInstant,
  /**
   * How the interval ends: a recorded exit, the venue type's default stay, the end of the day, an
   * exit with no entry (the entry estimated), or, for the traced person, their entry at another
   * venue that cut a stay with no recorded exit short (the one-place rule), or the departure of the
   * sailing the person boarded (a port stay with no exit).
   */
  closedBy: z.enum(['exit', 'default-stay', 'end-of-day', 'entry-assumed', 'entry-elsewhere', 'departure']),
  contextLabel: z.string().nullable(),
  /** At a port: the sailing of the visit's scan (boarded or refused for a full boat); null: none. Absent from older servers. */
  sailing: SailingRefSchema.nullable().default(null),
});
export type Visit = z.infer<typeof VisitSchema>;

/**
 * What a contact was with the traced person beyond the venue: on board the same sailing (every
 * passenger who boarded it, however long they overlapped at the port), or guests of the same room
 * at a hotel whose stays overlapped. Contacts under one group follow one another in the answer.
 */
export const ContactGroupSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sailing'), sailingId: z.uuid(), label: z.string().nullable(), departsAt: IsoInstant }),
  z.object({ kind: z.literal('room'), label: z.string() }),
]);
export type ContactGroup = z.infer<typeof ContactGroupSchema>;

export const ContactSchema = z.object({
  idNumber: z.string(),
  fullName: z.string().nullable(),
  venueId: z.string(),
  venueName: z.string(),
  entryAt: IsoInstant,
  exitAt: IsoInstant,
  overlapMinutes: z.number(),
  /** The sailing or room shared with the traced person; null: met at the venue within the margin. Absent from older servers. */
  group: ContactGroupSchema.nullable().default(null),
});
export type Contact = z.infer<typeof ContactSchema>;

export const TraceResponseSchema = z.object({
  idNumber: z.string(),
  /** The traced person's name as their scans in the window carry it (null: no scan, or none with a name). */
  fullName: z.string().nullable(),
  /** The trace audit's row for this lookup (absent from a trace run outside the route). */
  auditId: z.number().int().optional(),
  visits: z.array(VisitSchema),
  /** One page of contacts, in the order of the visits. */
  contacts: z.array(ContactSchema),
  /** Contacts in all pages. */
  contactsTotal: z.number().int(),
  /** Whether contacts follow this page; fetch them with `cursor=nextCursor`. */
  more: z.boolean(),
  nextCursor: z.string().nullable(),
});
export type TraceResponse = z.infer<typeof TraceResponseSchema>;

/** One trace as the audit keeps it: who, when, which ID number, for which case and window. */
export const TraceAuditEntrySchema = z.object({
  id: z.number().int(),
  tracedAt: IsoInstant,
  /** Who ran it: `admin-token` for the API's admin token; console accounts later. */
  actor: z.string(),
  idNumber: z.string(),
  caseRef: z.string().nullable(),
  from: IsoInstant,
  to: IsoInstant,
  /** When the shown result was exported as CSV, and printed (the lookup's own row, marked; never a new trace). */
  exportedAt: IsoInstant.nullable(),
  printedAt: IsoInstant.nullable(),
});
export type TraceAuditEntry = z.infer<typeof TraceAuditEntrySchema>;

/** What was done with a lookup's shown result, marked on its audit row. */
export const TraceUseSchema = z.object({ use: z.enum(['csv', 'print']) });
export type TraceUse = z.infer<typeof TraceUseSchema>['use'];

/** The longest window the district lets one trace cover (`--max-trace-days`). */
export const TraceWindowSchema = z.object({ maxDays: z.number().int() });

/** Whether an ID number has the shape of a CCCD (12 digits) or an old CMND (9 digits); anything else is worth a second look. */
export function isCitizenIdShape(idNumber: string): boolean {
  return /^(\d{12}|\d{9})$/.test(idNumber);
}

export const TraceAuditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** Entries older than this id (the previous page's `nextBefore`). */
  before: z.coerce.number().int().min(1).optional(),
});

export const TraceAuditResponseSchema = z.object({
  entries: z.array(TraceAuditEntrySchema),
  nextBefore: z.number().int().nullable(),
});
