/**
 * What the kiosk tells every screen about itself: the state a page loads (`KioskState`) and its
 * pieces (upload, scanners, storage, notices). Part of the kiosk vocabulary that `contract.ts`
 * builds its method table from.
 */
import type { Sailing } from './kioskSailings';
import type { KioskSettings } from './kioskSettings';
import type { DayCounts, ScanLogEntry } from './kioskScans';

/** Why the last upload attempt failed, as a stable code the screen puts in words. */
export const UPLOAD_ERROR_CODES = [
  'disk-full',
  'offline',
  /** The network works but the district server does not answer (refused, reset, unknown name). */
  'server-down',
  'timeout',
  'server-error',
  'rate-limited',
  'unauthorized',
  /** A kiosk set up offline: the district will not take its sheet's code (used, expired or unknown). */
  'setup-code-refused',
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
  /**
   * Scans a re-enrollment left on this kiosk (the new code did not ask for them): never uploaded,
   * kept for the CSV export until retention purges them.
   */
  readonly keptUnsentCount?: number;
  /**
   * Set up offline from a setup sheet (the district could not be reached): not enrolled yet, the
   * kiosk enrolls with the kept code when the network is back; its scans wait for the district.
   */
  readonly offlineSetup?: boolean;
  /** The kiosk holds a district key: its scans can be exported sealed to a USB stick. */
  readonly districtKeyKnown?: boolean;
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
  /** Who set it: district IT (at start or by `reset-pin`) or staff on this screen; null when unknown or none. */
  readonly adminPinSetBy?: 'it' | 'staff' | null;
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
  /** The name this kiosk enrolls under: the one it enrolled with, else the shell's `deviceName` option, else the PC's host name. */
  readonly deviceName?: string;
  /** A port's current sailing, boarding, with its counts; null when none is picked. */
  readonly sailing?: Sailing | null;
}

/**
 * - `read-only`: the data disk or folder cannot be written (a disk remounted read-only after errors,
 *   wrong permissions).
 * - `full`: no space left.
 * - `unavailable`: the database cannot be opened or written for another reason (I/O error, locked).
 */
export type StorageProblem = 'read-only' | 'full' | 'unavailable';

/**
 * - `database-recovered`: the database file was damaged, kept aside, and a new one started (detail:
 *   the name it was kept under).
 * - `reenrolled`: a new enrollment code given at start (`--enroll`) enrolled this kiosk again (detail:
 *   how many unsent scans stay on this kiosk only).
 * - `enroll-failed`: a new enrollment code given at start could not be used (detail: empty); the kiosk
 *   keeps its enrollment and tries again at the next start.
 */
export const KIOSK_NOTICE_CODES = ['database-recovered', 'reenrolled', 'enroll-failed'] as const;

export interface KioskNotice {
  readonly code: (typeof KIOSK_NOTICE_CODES)[number];
  readonly at: string;
  readonly detail: string;
}
