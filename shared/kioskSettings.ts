/**
 * The kiosk's settings: their schema (each key with its type and bounds), the defaults, and the
 * patches the page may send (all settings for admin, a few for counter staff). Part of the kiosk
 * vocabulary that `contract.ts` builds its method table from.
 */
import { z } from 'zod';
import { typedText } from './typedText';

/** `auto` alternates in and out per person per day; `ask` asks on screen for each scan. */
export const DirectionModeSchema = z.enum(['in', 'out', 'auto', 'ask']);
export type DirectionMode = z.infer<typeof DirectionModeSchema>;

/** `minimal`: ID number, name, birth year. `full`: every field the code carries (hotels). */
export const PrivacyProfileSchema = z.enum(['minimal', 'full']);
export type PrivacyProfile = z.infer<typeof PrivacyProfileSchema>;

export const LanguageSchema = z.enum(['vi', 'en']);
export type Language = z.infer<typeof LanguageSchema>;

/** Kinds a venue may choose to accept as a visitor's check-in. */
export const ACCEPTABLE_KINDS = ['cccd', 'covid-personal', 'bhyt', 'eu-dcc', 'other'] as const;
export const AcceptableKindSchema = z.enum(ACCEPTABLE_KINDS);
export type AcceptableKind = z.infer<typeof AcceptableKindSchema>;

/** The first-run setup's steps, in order. */
export const SETUP_STEPS = ['language', 'enroll', 'venue', 'privacy', 'pin', 'test'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

export const KioskSettingsSchema = z.object({
  venueName: typedText(1, 120),
  language: LanguageSchema,
  acceptedKinds: z.array(AcceptableKindSchema).max(ACCEPTABLE_KINDS.length),
  /** Same person again within this many seconds: "already recorded", no second row. */
  duplicateWindowSeconds: z.number().int().min(0).max(86_400),
  directionMode: DirectionModeSchema,
  privacyProfile: PrivacyProfileSchema,
  /** Uploaded rows older than this many days are purged. */
  retentionDays: z.number().int().min(1).max(365),
  /** Tags every scan until changed: a sailing, a room. */
  contextLabel: typedText(0, 80).nullable(),
  /** Read HID POS scanners (USB usage page 0x8C). */
  hidEnabled: z.boolean(),
  /** USB-COM scanner: null off, `auto` to find one by vendor id, or a device path (`/dev/ttyACM0`, `COM3`). */
  serialPort: z.string().trim().min(1).max(200).nullable(),
  /** Keyboard wedge: the key that ends a code, and characters a scanner was programmed to add. */
  wedgeEndKey: z.enum(['Enter', 'Tab', 'Enter or Tab']),
  wedgePrefix: z.string().max(8),
  wedgeSuffix: z.string().max(8),
  /** `counter`: staff at the desk; `self-service`: an unattended entrance. */
  kioskMode: z.enum(['counter', 'self-service']),
  /** The first-run setup was finished (until then, settings can be changed without the PIN). */
  setupDone: z.boolean(),
  /** The setup step the owner was on, so a reload or a restart goes on from there; null before any. */
  setupStep: z.enum(SETUP_STEPS).nullable(),
  /** The venue's official QR text (from the national platform's venue poster), for phones. */
  venueQrText: z.string().trim().min(1).max(1000).nullable(),
  venueAddress: typedText(0, 240).nullable(),
  /** Self-service health declaration: yes/no questions asked before green (none: off). */
  healthQuestions: z.array(typedText(3, 160)).max(5),
  /**
   * Plain codes (ferry tickets, staff badges) recorded as check-ins: true on, false off, null the
   * venue type's default (on for ports and transport and while not enrolled; see `plainCodesOn`).
   */
  plainCodes: z.boolean().nullable(),
  /** Seats of the current sailing (counter staff set it with the sailing); null: not counted against. */
  sailingCapacity: z.number().int().min(1).max(5000).nullable(),
  /** Loudness of the result tones, 0 (off) to 100. */
  soundVolume: z.number().int().min(0).max(100),
  /** The health questions in English, line for line (the Vietnamese ones show where one is missing). */
  healthQuestionsEn: z.array(typedText(3, 160)).max(5),
});
export type KioskSettings = Readonly<z.infer<typeof KioskSettingsSchema>>;

export const DEFAULT_SETTINGS: KioskSettings = {
  venueName: 'Điểm kiểm soát ra vào',
  language: 'vi',
  acceptedKinds: ['cccd', 'covid-personal', 'bhyt', 'other'],
  duplicateWindowSeconds: 60,
  directionMode: 'auto',
  privacyProfile: 'minimal',
  retentionDays: 30,
  contextLabel: null,
  hidEnabled: true,
  serialPort: 'auto',
  wedgeEndKey: 'Enter or Tab',
  wedgePrefix: '',
  wedgeSuffix: '',
  kioskMode: 'counter',
  setupDone: false,
  setupStep: null,
  venueQrText: null,
  venueAddress: null,
  healthQuestions: [],
  plainCodes: null,
  sailingCapacity: null,
  soundVolume: 70,
  healthQuestionsEn: [],
};

/** What counter staff change during the day without the admin PIN: direction, context and its capacity. */
export const CounterOptionsSchema = KioskSettingsSchema.pick({
  directionMode: true,
  contextLabel: true,
  sailingCapacity: true,
})
  .partial()
  .strict();

/** Any settings, each optional; unknown keys are refused. */
export const SettingsPatchSchema = KioskSettingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
