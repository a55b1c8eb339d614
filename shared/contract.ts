/**
 * The one contract between the kiosk UI and the kiosk core: the method table (each method's
 * channel, input schema, access and output), the events with their channels, and the Result
 * envelope. Carried by Electron IPC (preload) or by the browser kiosk host's WebSocket; the types of
 * both transports and the core's dispatcher derive from this file. The data the methods carry (scans,
 * settings, state) is the vocabulary in `kioskScans.ts`, `kioskSettings.ts` and `kioskStatus.ts`.
 */
import { z } from 'zod';
import {
  DirectionSchema,
  ManualEntryInputSchema,
  SubmitScanInputSchema,
  type HourCount,
  type Manifest,
  type ScanExport,
  type ScanLogEntry,
  type ScanResult,
} from './kioskScans';
import {
  OpenSailingInputSchema,
  PickSailingInputSchema,
  SailingIdSchema,
  SailingRefInputSchema,
  type Sailing,
} from './kioskSailings';
import { CounterOptionsSchema, LanguageSchema, SettingsPatchSchema, type KioskSettings } from './kioskSettings';
import type { KioskState, StorageProblem, UploadStatus } from './kioskStatus';
import type { GuestList } from './guestList';
import type { ReceiptAccepted, UsbExportProgress, UsbExportResult } from './handover';
import { ServerAddressSchema } from './serverAddress';
import { typedText } from './typedText';

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
export const ExportCsvInputSchema = z.object({
  day: DaySchema.optional(),
  contextLabel: typedText(0, 80).optional(),
  /** A port's sailing: every recorded scan made for it, whatever the day. */
  sailingId: SailingIdSchema.optional(),
});

/**
 * A printed list: a port's sailing (its record), a sailing's passengers by label, or who is inside
 * (guests, evacuation), of a day (today by default).
 */
export const ManifestInputSchema = z
  .object({
    day: DaySchema.optional(),
    contextLabel: typedText(1, 80).optional(),
    sailingId: SailingIdSchema.optional(),
  })
  .strict();

export const EnrollInputSchema = z.object({
  /** The code from the district, typed or scanned (`KIOSK-ENROLL:<code>@<server URL>`). */
  code: z.string().trim().min(1).max(600),
  /** Server base URL when the code does not carry one; a bare host (`192.168.1.10:8700`) is taken as `http://`. */
  serverUrl: ServerAddressSchema.optional(),
  /** What the owner calls this kiosk at the district (default: its name before, else the PC's host name). */
  deviceName: typedText(1, 80).optional(),
});
export type EnrollInput = z.infer<typeof EnrollInputSchema>;

export const EmptyInputSchema = z.object({}).strict();

/**
 * Going on without the district from a setup sheet: its text (`KIOSK-ENROLL:CODE@URL#dk1…`, which
 * must carry the district key) when the server could not be reached.
 */
export const SetupOfflineInputSchema = EnrollInputSchema;

/** A receipt as the scanner read it (`KIOSK-RECEIPT:1.…`, about 150 characters). */
export const ScanReceiptInputSchema = z.object({ text: z.string().max(600) });

/** Every `code` a {@link KioskError} can carry (the page has words for each). */
export const KIOSK_ERROR_CODES = [
  'invalid-input',
  'unknown-method',
  'internal',
  'enroll-failed',
  /** The district server could not be reached at all (not a refusal): a setup sheet may go on offline. */
  'enroll-unreachable',
  /** Export or offline setup: this kiosk holds no district key (never given a setup sheet or enrolled). */
  'no-district-key',
  /** Export: every scan is already with the district. */
  'nothing-to-export',
  /** The receipt step: the text scanned is no district receipt. */
  'receipt-not-a-receipt',
  /** The receipt is for another kiosk. */
  'receipt-other-kiosk',
  /** The receipt's signature is not the district's. */
  'receipt-forged',
  /** The receipt answers no export this kiosk made (one from before a database reset, or made up). */
  'receipt-unknown-export',
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

/** Thrown by core methods whose failure the caller must see in words (e.g. a refused enrollment). */
export class KioskMethodError extends Error {
  constructor(
    readonly code: KioskError['code'],
    message: string,
  ) {
    super(message);
  }
}

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
 * core's dispatcher are all derived from this table. Adding a method means an entry here, its
 * handler line in `electron/core/dispatchKioskCall.ts`, and the work in the part that line calls
 * (one of `KioskParts`); the `Kiosk` facade does not change.
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
  /** Keeps a setup sheet's code, address and district key to enroll later (the district cannot be reached now). */
  setupOffline: method<UploadStatus>()('kiosk:upload:setup-offline', SetupOfflineInputSchema, 'admin'),
  /** Writes every scan the district has not confirmed to one sealed file (a USB stick); progress as events. */
  exportToUsb: method<UsbExportResult>()('kiosk:handover:export', EmptyInputSchema, 'admin'),
  /** Takes the district's receipt for an imported file: those scans are delivered. */
  scanReceipt: method<ReceiptAccepted>()('kiosk:handover:receipt', ScanReceiptInputSchema, 'admin'),
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
  /** A hotel's stays with the residence declaration's fields (personal data: admin only). */
  guestList: method<GuestList>()('kiosk:log:guest-list', EmptyInputSchema, 'admin'),
  /** Today's recorded scans per local hour, 24 entries. */
  hourlyCounts: method<readonly HourCount[]>()('kiosk:log:hourly-counts', EmptyInputSchema, 'counter'),
  /** A port's sailings within the retention period (and any still boarding), newest departure first. */
  listSailings: method<readonly Sailing[]>()('kiosk:sailing:list', EmptyInputSchema, 'counter'),
  /** Opens a new sailing, boarding, and makes it the current one. */
  openSailing: method<Sailing>()('kiosk:sailing:open', OpenSailingInputSchema, 'counter'),
  /** Makes a boarding sailing current (null: none). */
  pickSailing: method<Sailing | null>()('kiosk:sailing:pick', PickSailingInputSchema, 'counter'),
  /** Ends boarding; the answer is the closed sailing, whose manifest the page offers to print. */
  closeSailing: method<Sailing>()('kiosk:sailing:close', SailingRefInputSchema, 'counter'),
  /** Boarding again after a close by mistake, within five minutes of it. */
  reopenSailing: method<Sailing>()('kiosk:sailing:reopen', SailingRefInputSchema, 'counter'),
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

export type KioskMethodInput<M extends KioskMethodName> = z.input<(typeof KIOSK_METHODS)[M]['input']>;

/** The API the page sees, whatever the transport. */
export type KioskApi = {
  readonly [M in KioskMethodName]: (input: KioskMethodInput<M>) => Promise<Result<KioskMethodOutputs[M]>>;
};

export function isKioskMethodName(name: unknown): name is KioskMethodName {
  return typeof name === 'string' && Object.hasOwn(KIOSK_METHODS, name);
}

export interface KioskEventPayloads {
  /** Every scan's result, whatever its source and outcome (pages show results from this event). */
  'scan-handled': ScanResult;
  'settings-changed': KioskSettings;
  'upload-status-changed': UploadStatus;
  /** Recording stopped being possible (a problem) or became possible again (null). */
  'storage-changed': StorageProblem | null;
  /** A USB export's progress (scans written of the total). */
  'export-progress': UsbExportProgress;
}
export type KioskEventName = keyof KioskEventPayloads;

/** Events the core pushes to every page, named in the past tense, with their IPC channels. */
export const KIOSK_EVENTS = {
  'scan-handled': { channel: 'kiosk:scan:handled' },
  'settings-changed': { channel: 'kiosk:settings:changed' },
  'upload-status-changed': { channel: 'kiosk:upload:status-changed' },
  'storage-changed': { channel: 'kiosk:storage:changed' },
  'export-progress': { channel: 'kiosk:handover:progress' },
} as const satisfies Record<KioskEventName, { channel: `kiosk:${string}` }>;

/** One event as a discriminated union: `switch (event.name)` narrows the payload without casts. */
export type KioskEvent = {
  readonly [E in KioskEventName]: { readonly name: E; readonly payload: KioskEventPayloads[E] };
}[KioskEventName];

export type KioskEventListener = (event: KioskEvent) => void;

/** What the Electron preload exposes as `window.kiosk`: the API plus an event subscription. */
export type KioskBridge = KioskApi & {
  /** Subscribes to core events; returns the unsubscribe function. */
  readonly onEvent: (listener: KioskEventListener) => () => void;
};
