/**
 * The contract between a kiosk and the district server: enrollment, scan upload batches and the
 * server's answers. Zod schemas here are what the server validates with and what the OpenAPI
 * document is generated from.
 */
import { z } from 'zod';
import { CODE_KINDS } from './codes/DecodedCode';
import { DirectionSchema, ScanSourceSchema } from './contract';

export { ENROLLMENT_PREFIX, enrollmentText, parseEnrollmentText } from './enrollmentText';

export const VENUE_TYPES = ['port', 'hotel', 'school', 'office', 'shop', 'transport', 'other'] as const;
export const VenueTypeSchema = z.enum(VENUE_TYPES);
export type VenueType = z.infer<typeof VenueTypeSchema>;

const Text = (max: number) => z.string().max(max);
const IsoInstant = z.string().datetime({ offset: true });

export const CreateEnrollmentRequestSchema = z.object({
  venueName: z.string().trim().min(1).max(120),
  venueType: VenueTypeSchema,
  address: z.string().trim().max(240).optional(),
  /** How long the one-time code stays valid, hours (default 168, one week). */
  ttlHours: z.number().int().min(1).max(24 * 90).optional(),
});
export type CreateEnrollmentRequest = z.infer<typeof CreateEnrollmentRequestSchema>;

export const CreateEnrollmentResponseSchema = z.object({
  code: z.string(),
  venueId: z.string(),
  expiresAt: IsoInstant,
  /** The text to print as a QR code for the kiosk to scan: `KIOSK-ENROLL:<code>@<server URL>`. */
  qrText: z.string(),
});
export type CreateEnrollmentResponse = z.infer<typeof CreateEnrollmentResponseSchema>;

/** Enrollment codes: 10 characters of Crockford base32 (no I, L, O, U). */
export const EnrollmentCodeSchema = z.string().trim().toUpperCase().regex(/^[0-9A-HJKMNP-TV-Z]{10}$/);

export const EnrollRequestSchema = z.object({
  code: EnrollmentCodeSchema,
  deviceName: z.string().trim().min(1).max(80),
  appVersion: Text(32).optional(),
});
export type EnrollRequest = z.infer<typeof EnrollRequestSchema>;

export const EnrollResponseSchema = z.object({
  deviceId: z.string(),
  /** Bearer token for uploads. Shown once; the server keeps only its hash. */
  deviceToken: z.string(),
  venueId: z.string(),
  venueName: z.string(),
  venueType: VenueTypeSchema,
});
export type EnrollResponse = z.infer<typeof EnrollResponseSchema>;

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
});
export type UploadedScan = z.infer<typeof UploadedScanSchema>;

/** Most scans in one batch. */
export const MAX_BATCH_SCANS = 5000;

export const ScanBatchSchema = z.object({
  /** Device clock when the batch was sent: with the server's receive time, the clock error. */
  sentAt: IsoInstant,
  appVersion: Text(32),
  /** Scans still waiting on the device after this batch (for the district's statistics). */
  pendingCount: z.number().int().min(0),
  /** Items are validated one by one, so one bad scan does not sink the batch. */
  scans: z.array(z.unknown()).max(MAX_BATCH_SCANS),
});
export type ScanBatch = z.infer<typeof ScanBatchSchema>;

export const ScanAnswerSchema = z.object({
  id: z.string(),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  reason: z.string().optional(),
});
export type ScanAnswer = z.infer<typeof ScanAnswerSchema>;

export const ScanBatchResponseSchema = z.object({
  results: z.array(ScanAnswerSchema),
  receivedAt: IsoInstant,
});
export type ScanBatchResponse = z.infer<typeof ScanBatchResponseSchema>;

export const ErrorResponseSchema = z.object({ error: z.string(), message: z.string() });

export const TraceQuerySchema = z.object({
  idNumber: z.string().trim().min(1).max(32),
  from: IsoInstant,
  to: IsoInstant,
  /** Contacts: intervals overlapping within this margin count, minutes (default 15). */
  marginMinutes: z.coerce.number().int().min(0).max(24 * 60).default(15),
  format: z.enum(['json', 'csv']).default('json'),
});

export const VisitSchema = z.object({
  venueId: z.string(),
  venueName: z.string(),
  venueType: VenueTypeSchema,
  entryAt: IsoInstant,
  exitAt: IsoInstant,
  /** How the interval ends: a recorded exit, the venue type's default stay, or the end of the day. */
  closedBy: z.enum(['exit', 'default-stay', 'end-of-day', 'entry-assumed']),
  contextLabel: z.string().nullable(),
});
export type Visit = z.infer<typeof VisitSchema>;

export const ContactSchema = z.object({
  idNumber: z.string(),
  fullName: z.string().nullable(),
  venueId: z.string(),
  venueName: z.string(),
  entryAt: IsoInstant,
  exitAt: IsoInstant,
  overlapMinutes: z.number(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const TraceResponseSchema = z.object({ idNumber: z.string(), visits: z.array(VisitSchema), contacts: z.array(ContactSchema) });
export type TraceResponse = z.infer<typeof TraceResponseSchema>;
