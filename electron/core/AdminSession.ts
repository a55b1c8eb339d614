/**
 * Admin access on the kiosk: the PIN (a slow salted hash in the settings, never sent to the page),
 * its lockout after wrong tries (kept in the database, so a restart does not reset it), and the
 * admin session a right PIN opens for a few minutes, and the access check every API call passes
 * (declared per method in the contract's table, enforced once in dispatch with {@link requireAccess}).
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { KioskMethodError, type KioskAccess } from '../../shared/contract';
import type { KioskSettings } from '../../shared/kioskSettings';
import type { Logger } from './log';
import type { StorageGuard } from './StorageGuard';
import type { SqliteDatabase } from './store/openDatabase';
import { readRawSetting, readSetting, writeSetting, type SettingValue } from './store/settingsStore';

/** Failed tries before a lockout. */
export const PIN_MAX_FAILURES = 5;
/** First lockout, ms; it doubles with each further lockout, up to {@link PIN_LOCKOUT_MAX_MS}. */
export const PIN_LOCKOUT_MS = 5 * 60_000;
/**
 * Longest lockout, ms. Anyone at the pad can cause lockouts, so an unbounded one would let a
 * passer-by lock staff out for days; 15 minutes still makes guessing 10^4 PINs take weeks.
 */
export const PIN_LOCKOUT_MAX_MS = 15 * 60_000;
/** How long a right admin PIN keeps admin unlocked, ms. */
export const ADMIN_SESSION_MS = 5 * 60_000;
/** scrypt cost: about 50 ms on a kiosk PC, so guessing 10^6 PINs offline takes hours, online the lockout rules. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

type StoredPin = SettingValue<'admin-pin'>;

export type PinCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'wrong' | 'locked' | 'not-set'; readonly retryAt?: number };

export const PIN_PATTERN = /^\d{4,8}$/;

function hashPin(pin: string, salt: string): string {
  return scryptSync(pin, Buffer.from(salt, 'hex'), 32, SCRYPT).toString('hex');
}

/** Who set the admin PIN: district IT (at start, or `reset-pin`) or staff on the kiosk's screen. */
export type PinSetter = 'it' | 'staff';

/** Sets the PIN (4-8 digits) in `db`, clearing any lockout. Also used by IT's `reset-pin`. */
export function storeAdminPin(db: SqliteDatabase, pin: string, setBy: PinSetter): void {
  if (!PIN_PATTERN.test(pin)) throw new Error('adminPin: the PIN must be 4 to 8 digits');
  const salt = randomBytes(16).toString('hex');
  writeSetting(db, 'admin-pin', { salt, hash: hashPin(pin, salt), failures: 0, lockouts: 0, lockedUntil: 0, setBy });
}

/** Checks a PIN, counting failures and locking out after {@link PIN_MAX_FAILURES}. */
export function checkAdminPin(db: SqliteDatabase, pin: string, now: number): PinCheck {
  const stored = readSetting(db, 'admin-pin');
  // A PIN is kept but cannot be read: fail closed (district IT sets a new one with `cli reset-pin`).
  if (!stored)
    return readRawSetting(db, 'admin-pin') === undefined
      ? { ok: false, reason: 'not-set' }
      : { ok: false, reason: 'locked' };
  if (stored.lockedUntil > now) return { ok: false, reason: 'locked', retryAt: stored.lockedUntil };
  const given = Buffer.from(hashPin(pin, stored.salt), 'hex');
  if (timingSafeEqual(given, Buffer.from(stored.hash, 'hex'))) {
    // A right PIN forgives earlier lockouts: the next one starts short again.
    if (stored.failures !== 0 || stored.lockouts !== 0 || stored.lockedUntil !== 0)
      writeSetting(db, 'admin-pin', { ...stored, failures: 0, lockouts: 0, lockedUntil: 0 });
    return { ok: true };
  }
  const failures = stored.failures + 1;
  if (failures >= PIN_MAX_FAILURES) {
    const lockedUntil = now + Math.min(PIN_LOCKOUT_MAX_MS, PIN_LOCKOUT_MS * 2 ** Math.min(stored.lockouts, 20));
    writeSetting(db, 'admin-pin', {
      ...stored,
      failures: 0,
      lockouts: stored.lockouts + 1,
      lockedUntil,
    } satisfies StoredPin);
    return { ok: false, reason: 'locked', retryAt: lockedUntil };
  }
  writeSetting(db, 'admin-pin', { ...stored, failures });
  return { ok: false, reason: 'wrong' };
}

export interface AdminSessionOptions {
  /** The kiosk's current database (it changes when a stand-in is replaced by the real file). */
  readonly db: () => SqliteDatabase;
  readonly now: () => number;
  readonly logger: Logger;
  /** Admin is open until the first setup is finished; counter access depends on the kiosk's mode. */
  readonly settings: () => Pick<KioskSettings, 'setupDone' | 'kioskMode'>;
  /** A new PIN is refused while nothing can be saved. */
  readonly storage: Pick<StorageGuard, 'requireSaving'>;
  /** After admin was unlocked or locked: the pages show it (they hear `settings-changed`). */
  readonly changed: () => void;
  /** Called after a right PIN on {@link AdminSession.exit}: the shell leaves kiosk mode. */
  readonly onExitRequested?: () => void;
}

export class AdminSession {
  /** Admin is unlocked until this time (ms). */
  private unlockedUntil = 0;

  constructor(private readonly options: AdminSessionOptions) {}

  /** A PIN is kept, readable or not (an unreadable one must not let anyone set a new PIN). */
  isPinSet(): boolean {
    return readRawSetting(this.options.db(), 'admin-pin') !== undefined;
  }

  /** Who set the PIN kept (null: none, or one kept before this was recorded). */
  pinSetBy(): PinSetter | null {
    return readSetting(this.options.db(), 'admin-pin')?.setBy ?? null;
  }

  /** Admin is open before the first setup is finished, and for a while after a right PIN. */
  isUnlocked(): boolean {
    return !this.options.settings().setupDone || this.options.now() < this.unlockedUntil;
  }

  /**
   * Throws `admin-locked` unless a caller may use a method of `access`: counter staff may use
   * `counter` methods without the PIN, but an unattended (self-service) kiosk needs admin for them.
   */
  requireAccess(access: KioskAccess): void {
    switch (access) {
      case 'visitor':
        return;
      case 'counter':
        if (this.options.settings().kioskMode === 'counter') return;
        return this.requireAccess('admin');
      case 'admin':
        if (!this.isUnlocked()) throw new KioskMethodError('admin-locked', 'kiosk.admin: enter the admin PIN first');
        return;
      default: {
        const exhaustive: never = access;
        throw new Error(`kiosk.admin: unknown access ${String(exhaustive)}`);
      }
    }
  }

  /** Opens admin for {@link ADMIN_SESSION_MS}; answers until when (ISO). */
  unlock(pin: string): string {
    this.requirePin(pin);
    this.unlockedUntil = this.options.now() + ADMIN_SESSION_MS;
    this.options.changed();
    return new Date(this.unlockedUntil).toISOString();
  }

  /** Closes admin now; answers true (the API's acknowledgement). */
  lock(): true {
    this.unlockedUntil = 0;
    this.options.changed();
    return true;
  }

  /** Sets the PIN (staff's, unless IT's at start); once one exists, the current one is required (and checked with lockout). */
  setPin(newPin: string, currentPin?: string, setBy: PinSetter = 'staff'): true {
    this.options.storage.requireSaving();
    if (this.isPinSet()) this.requirePin(currentPin ?? '');
    storeAdminPin(this.options.db(), newPin, setBy);
    this.options.logger.info('kiosk.adminPin', 'admin PIN set');
    return true;
  }

  /** Leaves the kiosk (maintenance) with the admin PIN. */
  exit(pin: string): true {
    this.requirePin(pin);
    this.options.logger.info('kiosk.exit', 'exit requested with the admin PIN');
    this.options.onExitRequested?.();
    return true;
  }

  /** Throws {@link KioskMethodError} with words unless `pin` is right (and not locked out). */
  requirePin(pin: string): void {
    const check = checkAdminPin(this.options.db(), pin, this.options.now());
    if (check.ok) return;
    this.options.logger.error('kiosk.adminPin', 'PIN refused', { reason: check.reason });
    const words = {
      wrong: 'wrong PIN',
      locked: 'too many wrong PINs; try again later',
      'not-set': 'no admin PIN has been set',
    }[check.reason];
    throw new KioskMethodError(`pin-${check.reason}`, `kiosk.adminPin: ${words}`);
  }
}
