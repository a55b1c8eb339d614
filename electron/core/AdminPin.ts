/**
 * The admin PIN: a slow salted hash (scrypt) in the core's settings, never sent to the page, with a
 * lockout after repeated failures that survives restarts.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { SqliteDatabase } from './store/openDatabase';
import { readSetting, writeSetting } from './store/settingsQueries';

const PIN_KEY = 'admin-pin';
/** Failed tries before a lockout. */
export const PIN_MAX_FAILURES = 5;
/** First lockout, ms; it doubles with each further lockout. */
export const PIN_LOCKOUT_MS = 5 * 60_000;
/** scrypt cost: about 50 ms on a kiosk PC, so guessing 10^6 PINs offline takes hours, online the lockout rules. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

interface StoredPin {
  readonly salt: string;
  readonly hash: string;
  readonly failures: number;
  readonly lockouts: number;
  readonly lockedUntil: number;
}

export type PinCheck = { readonly ok: true } | { readonly ok: false; readonly reason: 'wrong' | 'locked' | 'not-set'; readonly retryAt?: number };

export const PIN_PATTERN = /^\d{4,8}$/;

function hashPin(pin: string, salt: string): string {
  return scryptSync(pin, Buffer.from(salt, 'hex'), 32, SCRYPT).toString('hex');
}

export class AdminPin {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => number,
  ) {}

  private stored(): StoredPin | null {
    const value = readSetting(this.db, PIN_KEY) as StoredPin | undefined;
    return value && typeof value.hash === 'string' ? value : null;
  }

  isSet(): boolean {
    return this.stored() !== null;
  }

  /** Sets the PIN (4-8 digits). */
  set(pin: string): void {
    if (!PIN_PATTERN.test(pin)) throw new Error('adminPin: the PIN must be 4 to 8 digits');
    const salt = randomBytes(16).toString('hex');
    writeSetting(this.db, PIN_KEY, { salt, hash: hashPin(pin, salt), failures: 0, lockouts: 0, lockedUntil: 0 } satisfies StoredPin);
  }

  /** Checks a PIN, counting failures and locking out after {@link PIN_MAX_FAILURES}. */
  check(pin: string): PinCheck {
    const stored = this.stored();
    if (!stored) return { ok: false, reason: 'not-set' };
    const now = this.now();
    if (stored.lockedUntil > now) return { ok: false, reason: 'locked', retryAt: stored.lockedUntil };
    const given = Buffer.from(hashPin(pin, stored.salt), 'hex');
    if (timingSafeEqual(given, Buffer.from(stored.hash, 'hex'))) {
      writeSetting(this.db, PIN_KEY, { ...stored, failures: 0, lockedUntil: 0 } satisfies StoredPin);
      return { ok: true };
    }
    const failures = stored.failures + 1;
    if (failures >= PIN_MAX_FAILURES) {
      const lockedUntil = now + PIN_LOCKOUT_MS * 2 ** stored.lockouts;
      writeSetting(this.db, PIN_KEY, { ...stored, failures: 0, lockouts: stored.lockouts + 1, lockedUntil } satisfies StoredPin);
      return { ok: false, reason: 'locked', retryAt: lockedUntil };
    }
    writeSetting(this.db, PIN_KEY, { ...stored, failures } satisfies StoredPin);
    return { ok: false, reason: 'wrong' };
  }
}
