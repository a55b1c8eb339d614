/**
 * The contract between the district console (browser pages) and the district server: accounts,
 * sessions, venues, the overview of which venues scan, and devices. Zod schemas here are what the
 * server validates with and what the console parses answers with.
 */
import { z } from 'zod';
import { CleanText, isCleanText, VenueTypeSchema } from './district';
import { ServerAddressSchema } from './serverAddress';

/** Console roles, weakest first: a viewer sees venues and statistics, a tracer also traces, IT also manages. */
export const ROLES = ['viewer', 'tracer', 'it'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Whether `role` includes everything `needed` may do. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/**
 * An account name: ASCII letters, digits, `.`, `_`, `-`, 2 to 40 characters; compared without case.
 * ASCII only, so no two names read the same in the audit (a Cyrillic "а" in `trаcer1` looks Latin).
 */
export const UserNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{2,40}$/, 'ASCII letters, digits, . _ - (2 to 40)');

/** A password a person chooses: 10 to 200 characters. */
export const NewPasswordSchema = z
  .string()
  .min(10, 'at least 10 characters')
  .max(200)
  .refine(isCleanText, 'control character or broken Unicode');

export const SignInRequestSchema = z.object({
  name: z.string().trim().toLowerCase().max(40),
  password: z.string().max(200),
});
export const FirstRunRequestSchema = z.object({ name: UserNameSchema, password: NewPasswordSchema });
export const ChangePasswordRequestSchema = z.object({
  currentPassword: z.string().max(200),
  newPassword: NewPasswordSchema,
});

export const SessionUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  /** A one-time password was given: every other page waits until the user chooses their own. */
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const SessionResponseSchema = z.object({
  user: SessionUserSchema,
  /** Sent back in the `X-CSRF-Token` header on every state-changing request. */
  csrfToken: z.string(),
  /** IANA time zone times are shown in (Asia/Ho_Chi_Minh by default). */
  timeZone: z.string(),
  publicUrl: z.string(),
});
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

/** The address setup sheets carry ('' when none), and whether `--public-url` set it (then it cannot be changed here). */
export const PublicUrlSettingSchema = z.object({ publicUrl: z.string(), fromFlag: z.boolean() });
export type PublicUrlSetting = z.infer<typeof PublicUrlSettingSchema>;
export const SetPublicUrlRequestSchema = z.object({ publicUrl: ServerAddressSchema });

/** Whether the server still needs its first IT account (the first-run page). */
export const SetupStateSchema = z.object({ needsFirstAccount: z.boolean() });

export const UserSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  createdAt: z.string(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  locked: z.boolean(),
});
export type UserSummary = z.infer<typeof UserSummarySchema>;
export const UserListResponseSchema = z.object({ users: z.array(UserSummarySchema) });

export const CreateUserRequestSchema = z.object({ name: UserNameSchema, role: RoleSchema });
/** The one-time password is shown once; the server keeps only its scrypt hash. */
export const OneTimePasswordResponseSchema = z.object({ user: UserSummarySchema, oneTimePassword: z.string() });

export const CreateVenueRequestSchema = z.object({
  name: CleanText(120).pipe(z.string().min(1)),
  type: VenueTypeSchema,
  /** Commune or ward (xã / phường), the unit the district counts by. */
  area: CleanText(80).optional(),
  address: CleanText(240).optional(),
});
export const UpdateVenueRequestSchema = CreateVenueRequestSchema;
export type CreateVenueRequest = z.infer<typeof CreateVenueRequestSchema>;

/** A venue with what shows whether it scans. */
export const VenueSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  type: VenueTypeSchema,
  area: z.string().nullable(),
  address: z.string().nullable(),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
  /** Latest upload of any of its devices. */
  lastUploadAt: z.string().nullable(),
  /** Passages today (the district's day) and in the last 7 days: entries and exits recorded and not undone, and refusals, as the kiosk counts them. */
  scansToday: z.number().int(),
  scans7Days: z.number().int(),
  activeDevices: z.number().int(),
  /** The latest report of a device not revoked (kiosks report every upload cycle, scans or not), or null. */
  lastReportAt: z.string().nullable(),
});
export type VenueSummary = z.infer<typeof VenueSummarySchema>;
export const VenueListResponseSchema = z.object({ venues: z.array(VenueSummarySchema), today: z.string() });

export const DeviceSummarySchema = z.object({
  id: z.string(),
  venueId: z.string(),
  venueName: z.string(),
  name: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  /** The device's last report: a batch of scans, or the empty one it sends every upload cycle (its heartbeat). */
  lastUploadAt: z.string().nullable(),
  pendingCount: z.number().nullable(),
  appVersion: z.string().nullable(),
  clockOffsetMs: z.number().nullable(),
});
export type DeviceSummary = z.infer<typeof DeviceSummarySchema>;
/** A device's new name (the owner's "vm" becomes "Quầy vé 1"). */
export const RenameDeviceRequestSchema = z.object({ name: CleanText(80).pipe(z.string().min(1)) });

/** A device with no report for longer than this is shown as gone quiet (switched off, or off the network), ms. */
export const DEVICE_QUIET_MS = 15 * 60_000;

/** Whether an active device has reported in the last {@link DEVICE_QUIET_MS} (kiosks report every upload cycle, 3 minutes by default). */
export function deviceAlive(lastReportAt: string | null, now: Date): boolean {
  return lastReportAt !== null && now.getTime() - Date.parse(lastReportAt) <= DEVICE_QUIET_MS;
}
export const DeviceListResponseSchema = z.object({ devices: z.array(DeviceSummarySchema) });

export const VenueDetailResponseSchema = z.object({ venue: VenueSummarySchema, devices: z.array(DeviceSummarySchema) });

/** A new one-time enrollment code of a venue, for its setup sheet. */
export const EnrollmentSheetSchema = z.object({
  venueId: z.string(),
  venueName: z.string(),
  code: z.string(),
  expiresAt: z.string(),
  /** `KIOSK-ENROLL:<code>@<public URL>`: what the sheet's QR holds. */
  qrText: z.string(),
  publicUrl: z.string(),
});
export type EnrollmentSheet = z.infer<typeof EnrollmentSheetSchema>;

/** A new code's choices (the body may be empty: all defaults). */
export const NewCodeRequestSchema = z.object({
  /** A kiosk enrolled before (revoked, or moved from another venue) sends its unsent scans under this code (default false: they stay on the kiosk). */
  carryUnsentScans: z.boolean().optional(),
  /**
   * How long the code stays valid, days (default 7). A venue set up without a network redeems it only
   * when its first USB file reaches the district, which may take weeks from an island: up to 90.
   */
  validDays: z.number().int().min(1).max(90).optional(),
});

/** The code lives the console offers for a new code, days (7 is the default). */
export const CODE_VALID_DAYS = [7, 30, 90] as const;

/** A commune or ward of the district's list, with its active venues. */
export const CommuneSchema = z.object({ id: z.string(), name: z.string(), venues: z.number().int() });
export type Commune = z.infer<typeof CommuneSchema>;
export const CommuneListResponseSchema = z.object({ communes: z.array(CommuneSchema) });
/** A commune's name as IT types it (tidied by the server: composed Unicode, single spaces). */
export const CommuneNameRequestSchema = z.object({ name: CleanText(80).pipe(z.string().trim().min(1)) });
/** Merge a commune into another (after the 2025 merger of units): its venues move there. */
export const MergeCommuneRequestSchema = z.object({ intoId: z.string().min(1).max(64) });

/** Registered vs scanning in the last 7 days, per area or per venue type. */
export const CoverageRowSchema = z.object({
  key: z.string(),
  registered: z.number().int(),
  scanning7Days: z.number().int(),
});
export type CoverageRow = z.infer<typeof CoverageRowSchema>;

/** A device clock off by more than this is flagged, ms. */
export const CLOCK_FLAG_MS = 5 * 60_000;

export const OverviewResponseSchema = z.object({
  /** The local day the counts are for, `YYYY-MM-DD` in the server's time zone. */
  today: z.string(),
  registeredVenues: z.number().int(),
  venuesUploadedToday: z.number().int(),
  venuesUploaded7Days: z.number().int(),
  scansToday: z.number().int(),
  /** Active venues, silent first (no scans in 7 days, then none today), then by name. */
  venues: z.array(VenueSummarySchema),
  /** Devices with scans still pending after their last upload, a clock off by more than 5 minutes, or gone quiet (no report for `DEVICE_QUIET_MS`). */
  flaggedDevices: z.array(DeviceSummarySchema),
  byArea: z.array(CoverageRowSchema),
  byType: z.array(CoverageRowSchema),
  /** Scans per local day over the last 14 days, oldest first (days without scans included). */
  scansPerDay: z.array(z.object({ day: z.string(), scans: z.number().int() })),
});
export type OverviewResponse = z.infer<typeof OverviewResponseSchema>;
