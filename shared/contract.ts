/**
 * The one contract between the kiosk UI and the kiosk core: methods, events, their channel names
 * and the zod schemas the core validates every call with. Carried by Electron IPC (preload) or by
 * the browser kiosk host's WebSocket; the types of both transports derive from this file.
 */
import { z } from 'zod';
import { CODE_KINDS, PROBLEM_CODES } from './codes/DecodedCode';
import { hasUnsafeText, UNSAFE_TEXT_MESSAGE } from './safeText';

export const DirectionSchema = z.enum(['in', 'out']);
export type Direction = z.infer<typeof DirectionSchema>;

/** `auto` alternates in and out per person per day; `ask` asks on screen for each scan. */
export const DirectionModeSchema = z.enum(['in', 'out', 'auto', 'ask']);
export type DirectionMode = z.infer<typeof DirectionModeSchema>;

export const ScanSourceSchema = z.enum(['wedge', 'hid', 'serial', 'manual']);
export type ScanSource = z.infer<typeof ScanSourceSchema>;

/** `minimal`: ID number, name, birth year. `full`: every field the code carries (hotels). */
export const PrivacyProfileSchema = z.enum(['minimal', 'full']);
export type PrivacyProfile = z.infer<typeof PrivacyProfileSchema>;

export const LanguageSchema = z.enum(['vi', 'en']);
export type Language = z.infer<typeof LanguageSchema>;

/** Kinds a venue may choose to accept as a visitor's check-in. */
export const ACCEPTABLE_KINDS = ['cccd', 'covid-personal', 'bhyt', 'eu-dcc', 'other'] as const;
export const AcceptableKindSchema = z.enum(ACCEPTABLE_KINDS);
export type AcceptableKind = z.infer<typeof AcceptableKindSchema>;

export const CodeKindSchema = z.enum(CODE_KINDS);
export const ProblemCodeSchema = z.enum(PROBLEM_CODES);

/** Text a person types that the kiosk keeps or uploads: trimmed, bounded, no controls or broken characters. */
function typedText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((text) => !hasUnsafeText(text), UNSAFE_TEXT_MESSAGE);
}

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
  venueQrText: null,
  venueAddress: null,
  healthQuestions: [],
  plainCodes: null,
  sailingCapacity: null,
  soundVolume: 70,
  healthQuestionsEn: [],
};

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

export const ChooseDirectionInputSchema = z.object({ direction: DirectionSchema });

export const AdminPinSchema = z.string().regex(/^\d{4,8}$/);

/** The current PIN is required once a PIN exists. */
export const SetAdminPinInputSchema = z.object({ currentPin: AdminPinSchema.optional(), newPin: AdminPinSchema });

export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const ListScansInputSchema = z.object({
  day: DaySchema.optional(),
  query: typedText(0, 40).optional(),
  limit: z.number().int().min(1).max(2000).optional(),
});
export const ExportCsvInputSchema = z.object({ day: DaySchema.optional(), contextLabel: typedText(0, 80).optional() });

/** A printed list: a sailing's passengers (with its label), or who is inside (guests, evacuation), of a day (today by default). */
export const ManifestInputSchema = z
  .object({ day: DaySchema.optional(), contextLabel: typedText(1, 80).optional() })
  .strict();

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

/** What counter staff change during the day without the admin PIN: direction, context and its capacity. */
export const CounterOptionsSchema = KioskSettingsSchema.pick({
  directionMode: true,
  contextLabel: true,
  sailingCapacity: true,
})
  .partial()
  .strict();

export const EnrollInputSchema = z.object({
  /** The code from the district, typed or scanned (`KIOSK-ENROLL:<code>@<server URL>`). */
  code: z.string().trim().min(1).max(600),
  /** Server base URL when the code does not carry one. */
  serverUrl: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .optional(),
});
export type EnrollInput = z.infer<typeof EnrollInputSchema>;

export const SettingsPatchSchema = KioskSettingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const EmptyInputSchema = z.object({}).strict();

/**
 * - `recorded`: a row is committed to disk (green).
 * - `duplicate`: the same person within the duplicate window; nothing written (amber).
 * - `refused`: not a check-in; the refusal is logged without personal fields (red).
 * - `needs-direction`: `ask` mode; submit again with a direction. Nothing written.
 * - `failed`: the store could not write: never green (red).
 * - `tested`: scanner test mode: diagnosed, nothing written.
 * - `needs-declaration`: self-service health declaration: answer the questions. Nothing written yet.
 * - `voided`: counter staff undid the last scan: a correction row voiding it is committed.
 */
export type ScanOutcome =
  'recorded' | 'duplicate' | 'refused' | 'needs-direction' | 'needs-declaration' | 'failed' | 'tested' | 'voided';

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
] as const;
export type ScanExportColumn = (typeof SCAN_EXPORT_COLUMNS)[number];

/** How long after a scan counter staff can undo it or flip its direction, ms. */
export const CORRECTION_WINDOW_MS = 10 * 60_000;

/** Why the last upload attempt failed, as a stable code the screen puts in words. */
export const UPLOAD_ERROR_CODES = [
  'disk-full',
  'offline',
  'timeout',
  'server-error',
  'rate-limited',
  'unauthorized',
  'revoked',
  'rejected-request',
  'bad-answer',
] as const;
export type UploadErrorCode = (typeof UPLOAD_ERROR_CODES)[number];

export interface UploadStatus {
  readonly enrolled: boolean;
  readonly venueName: string | null;
  /** The venue's type from enrollment (`port`, `hotel`, ...). */
  readonly venueType: string | null;
  /** Rows not yet acknowledged by the district server. */
  readonly pendingCount: number;
  /** Device time of the oldest pending scan, ISO, or null. */
  readonly oldestPendingAt: string | null;
  /** Pending scans older than the retention period (kept, never purged before upload). */
  readonly stalePendingCount: number;
  readonly lastSuccessAt: string | null;
  readonly lastAttemptAt: string | null;
  readonly lastError: { readonly code: UploadErrorCode; readonly status: number | null } | null;
  readonly nextAttemptAt: string | null;
  /** Server clock minus device clock, ms, from the server's Date header. */
  readonly clockOffsetMs: number | null;
  /** Scans the server refused (kept on the kiosk and listed for staff). */
  readonly rejectedCount: number;
}

/** What a scan delivered, character by character, and what the decoder made of it. */
export interface ScanDiagnosis {
  readonly length: number;
  /** `U+0041 A` per character (first 200). */
  readonly characters: readonly string[];
  readonly layoutSuspected: boolean;
}

/** A scanner the core reads (HID POS or serial); wedge scanners are invisible to it. */
export interface ScannerStatus {
  readonly id: string;
  readonly kind: 'hid' | 'serial';
  readonly name: string;
  readonly connected: boolean;
  readonly lastReadAt: string | null;
}

export interface KioskState {
  readonly settings: KioskSettings;
  readonly counts: DayCounts;
  readonly recent: readonly ScanLogEntry[];
  readonly appVersion: string;
  readonly upload: UploadStatus;
  readonly scanners: readonly ScannerStatus[];
  /** Scanner test mode: scans are diagnosed, not recorded. */
  readonly scannerTest: boolean;
  /** An admin PIN has been set (the PIN itself never leaves the core). */
  readonly adminPinSet: boolean;
  /** Things staff must know (shown for a day). */
  readonly notices: readonly KioskNotice[];
  /** Admin is unlocked (a right PIN in the last minutes, or setup not finished). */
  readonly adminUnlocked: boolean;
  /** People whose last scan today is an entry. */
  readonly insideCount: number;
  /** Why scans cannot be recorded now (red on every screen until it clears); null when they can. */
  readonly storageProblem: StorageProblem | null;
  /** Today's scans whose Vietnamese letters a wedge lost, folded or typed as Alt codes: the scanner needs setting up. */
  readonly lettersLostToday?: number;
  /** The scan counter staff can still undo or flip (this kiosk's last, within the correction window), or null. */
  readonly correctable?: ScanLogEntry | null;
  /** People on board the current sailing (today's last scan under its label an entry); 0 without one. */
  readonly contextCount?: number;
}

/**
 * - `read-only`: the data disk or folder cannot be written (a disk remounted read-only after errors,
 *   wrong permissions).
 * - `full`: no space left.
 * - `unavailable`: the database cannot be opened or written for another reason (I/O error, locked).
 */
export type StorageProblem = 'read-only' | 'full' | 'unavailable';

export interface KioskNotice {
  /** `database-recovered`: the database file was damaged, kept aside, and a new one started. */
  readonly code: 'database-recovered';
  readonly at: string;
  /** The name the damaged file was kept under. */
  readonly detail: string;
}

/** Every `code` a {@link KioskError} can carry (the page has words for each). */
export const KIOSK_ERROR_CODES = [
  'invalid-input',
  'unknown-method',
  'internal',
  'enroll-failed',
  'pin-wrong',
  'pin-locked',
  'pin-not-set',
  'admin-locked',
  'storage-unavailable',
  'nothing-to-correct',
] as const;

/** Error answered instead of a value. `code` is stable; `message` says where it came from (for logs, not people). */
export interface KioskError {
  readonly code: (typeof KIOSK_ERROR_CODES)[number];
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: KioskError };

/**
 * Who may call a method. The core enforces it once, in dispatch, before the handler runs:
 * - `visitor`: anyone at the screen (scanning, the language, entering the PIN).
 * - `counter`: staff at a counter kiosk; on an unattended (self-service) kiosk it needs admin.
 * - `admin`: an unlocked admin session (a right PIN in the last minutes, or setup not finished).
 */
export const KIOSK_ACCESS_LEVELS = ['visitor', 'counter', 'admin'] as const;
export type KioskAccess = (typeof KIOSK_ACCESS_LEVELS)[number];

/** One API method: its IPC channel, its input schema, who may call it, and (as a type) its output. */
export interface KioskMethodSpec<Input extends z.ZodType, Output> {
  readonly channel: `kiosk:${string}`;
  readonly input: Input;
  /** Who may call it; a function when it depends on the call (switching something on, not off). */
  readonly access: KioskAccess | ((input: z.output<Input>) => KioskAccess);
  /** Type only: the output's type, never a value. */
  readonly output?: (value: Output) => void;
}

function method<Output>() {
  return <Input extends z.ZodType>(
    channel: `kiosk:${string}`,
    input: Input,
    access: KioskMethodSpec<Input, Output>['access'],
  ): KioskMethodSpec<Input, Output> => ({ channel, input, access });
}

/**
 * Every method of the KioskApi, declared once: channels, the preload, the page's client and the
 * core's dispatcher are all derived from this table. Adding a method means an entry here and its
 * handler line in `electron/core/dispatchKioskCall.ts`.
 */
export const KIOSK_METHODS = {
  getState: method<KioskState>()('kiosk:state:get', EmptyInputSchema, 'visitor'),
  submitScan: method<ScanResult>()('kiosk:scan:submit', SubmitScanInputSchema, 'visitor'),
  /** Records the scan waiting in `ask` mode with the operator's choice. */
  chooseDirection: method<ScanResult>()('kiosk:scan:choose-direction', ChooseDirectionInputSchema, 'visitor'),
  /** Switching the scanner test on needs counter access; switching it off is always allowed. */
  setScannerTest: method<boolean>()('kiosk:scanner-test:set', z.object({ on: z.boolean() }), (input) =>
    input.on ? 'counter' : 'visitor',
  ),
  updateSettings: method<KioskSettings>()('kiosk:settings:update', SettingsPatchSchema, 'admin'),
  sendNow: method<UploadStatus>()('kiosk:upload:send-now', EmptyInputSchema, 'visitor'),
  enroll: method<UploadStatus>()('kiosk:upload:enroll', EnrollInputSchema, 'admin'),
  /** Checks the current PIN itself once a PIN exists. */
  setAdminPin: method<true>()('kiosk:admin:set-pin', SetAdminPinInputSchema, 'visitor'),
  /** True when the PIN was right: the shell then leaves kiosk mode and quits. */
  exitKiosk: method<true>()('kiosk:admin:exit', z.object({ pin: AdminPinSchema }), 'visitor'),
  /** The language is the visitor's choice too. */
  setLanguage: method<KioskSettings>()(
    'kiosk:settings:set-language',
    z.object({ language: LanguageSchema }),
    'visitor',
  ),
  /** Admin stays unlocked until the answered time (ISO). */
  unlockAdmin: method<string>()('kiosk:admin:unlock', z.object({ pin: AdminPinSchema }), 'visitor'),
  lockAdmin: method<true>()('kiosk:admin:lock', EmptyInputSchema, 'visitor'),
  listScans: method<readonly ScanLogEntry[]>()('kiosk:log:list', ListScansInputSchema, 'counter'),
  /** Recorded, not voided, scans of a day or a context as codes; the page writes the CSV in its language. */
  exportScans: method<ScanExport>()('kiosk:log:export', ExportCsvInputSchema, 'admin'),
  /** A passenger manifest (with a sailing) or the list of who is inside, to print. */
  manifest: method<Manifest>()('kiosk:log:manifest', ManifestInputSchema, 'counter'),
  /** Voids this kiosk's last scan (within the correction window) with a correction row. */
  undoLastScan: method<ScanResult>()('kiosk:scan:undo-last', EmptyInputSchema, 'counter'),
  /** Voids this kiosk's last scan and records it again in the other direction. */
  flipLastScan: method<ScanResult>()('kiosk:scan:flip-last', EmptyInputSchema, 'counter'),
  insideNow: method<readonly ScanLogEntry[]>()('kiosk:log:inside-now', EmptyInputSchema, 'counter'),
  setCounterOptions: method<KioskSettings>()('kiosk:counter:set-options', CounterOptionsSchema, 'counter'),
  /**
   * The venue QR as SVG text and PNG data URL: the official one, else the venue code the district
   * issued (`fromDistrict`), or null when the kiosk has neither.
   */
  venueQr: method<{ readonly svg: string; readonly png: string; readonly fromDistrict?: boolean } | null>()(
    'kiosk:venue:qr',
    EmptyInputSchema,
    'visitor',
  ),
  /** Rows purged (uploaded and past retention; every row past retention when never enrolled). */
  purgeExpired: method<number>()('kiosk:admin:purge-expired', EmptyInputSchema, 'admin'),
  recordManual: method<ScanResult>()('kiosk:scan:record-manual', ManualEntryInputSchema, 'counter'),
  submitDeclaration: method<ScanResult>()(
    'kiosk:scan:submit-declaration',
    z.object({ answers: z.array(z.boolean()).max(5) }),
    'visitor',
  ),
  /** Today's recorded scans per local hour, 24 entries. */
  hourlyCounts: method<readonly HourCount[]>()('kiosk:log:hourly-counts', EmptyInputSchema, 'counter'),
} as const;

export type KioskMethodName = keyof typeof KIOSK_METHODS;

/** Each method's output type, read from the table. */
export type KioskMethodOutputs = {
  readonly [M in KioskMethodName]: (typeof KIOSK_METHODS)[M] extends KioskMethodSpec<z.ZodType, infer Output>
    ? Output
    : never;
};

/** IPC channel of each method, derived from the table. */
export const KIOSK_CHANNELS = Object.fromEntries(
  Object.entries(KIOSK_METHODS).map(([name, spec]) => [name, spec.channel]),
) as {
  readonly [M in KioskMethodName]: (typeof KIOSK_METHODS)[M]['channel'];
};

/** Today's recorded scans in one local hour. */
export interface HourCount {
  readonly hour: number;
  readonly in: number;
  readonly out: number;
}

export type KioskMethodInput<M extends KioskMethodName> = z.input<(typeof KIOSK_METHODS)[M]['input']>;

/** The API the page sees, whatever the transport. */
export type KioskApi = {
  readonly [M in KioskMethodName]: (input: KioskMethodInput<M>) => Promise<Result<KioskMethodOutputs[M]>>;
};

/** Thrown by core methods whose failure the caller must see in words (e.g. a refused enrollment). */
export class KioskMethodError extends Error {
  constructor(
    readonly code: KioskError['code'],
    message: string,
  ) {
    super(message);
  }
}

export interface KioskEventPayloads {
  /** Every scan's result, whatever its source and outcome (pages show results from this event). */
  'scan-handled': ScanResult;
  'settings-changed': KioskSettings;
  'upload-status-changed': UploadStatus;
  /** Recording stopped being possible (a problem) or became possible again (null). */
  'storage-changed': StorageProblem | null;
}
export type KioskEventName = keyof KioskEventPayloads;

/** Events the core pushes to every page, named in the past tense, with their IPC channels. */
export const KIOSK_EVENTS = {
  'scan-handled': { channel: 'kiosk:scan:handled' },
  'settings-changed': { channel: 'kiosk:settings:changed' },
  'upload-status-changed': { channel: 'kiosk:upload:status-changed' },
  'storage-changed': { channel: 'kiosk:storage:changed' },
} as const satisfies Record<KioskEventName, { channel: `kiosk:${string}` }>;

/** One event as a discriminated union: `switch (event.name)` narrows the payload without casts. */
export type KioskEvent = {
  readonly [E in KioskEventName]: { readonly name: E; readonly payload: KioskEventPayloads[E] };
}[KioskEventName];

export function isKioskMethodName(name: unknown): name is KioskMethodName {
  return typeof name === 'string' && Object.hasOwn(KIOSK_METHODS, name);
}

/** Masks all but the last four characters of an ID number. */
export function maskIdNumber(id: string): string {
  const tail = id.slice(-4);
  return '•'.repeat(Math.max(0, id.length - tail.length)) + tail;
}

export type KioskEventListener = (event: KioskEvent) => void;

/** What the Electron preload exposes as `window.kiosk`: the API plus an event subscription. */
export type KioskBridge = KioskApi & {
  /** Subscribes to core events; returns the unsubscribe function. */
  readonly onEvent: (listener: KioskEventListener) => () => void;
};
