/**
 * Sign-in lockout, like the kiosk's PIN: after 5 wrong passwords in a row an account waits 1 minute,
 * doubling with each further wrong password, never more than 15 minutes; the right password clears it.
 */

/** Wrong passwords allowed before the first wait. */
export const FREE_ATTEMPTS = 5;
/** Longest wait, ms. */
export const MAX_LOCK_MS = 15 * 60_000;

export interface LoginState {
  readonly failedLogins: number;
  /** ISO instant until which sign-in is refused without checking the password, or null. */
  readonly lockedUntil: string | null;
}

/** Milliseconds still to wait at `now`, 0 when sign-in may be tried. */
export function lockRemainingMs(state: LoginState, now: Date): number {
  return state.lockedUntil ? Math.max(0, Date.parse(state.lockedUntil) - now.getTime()) : 0;
}

/** The state after one more wrong password at `now`. */
export function afterFailure(state: LoginState, now: Date): LoginState {
  const failedLogins = state.failedLogins + 1;
  if (failedLogins < FREE_ATTEMPTS) return { failedLogins, lockedUntil: null };
  const waitMs = Math.min(MAX_LOCK_MS, 60_000 * 2 ** (failedLogins - FREE_ATTEMPTS));
  return { failedLogins, lockedUntil: new Date(now.getTime() + waitMs).toISOString() };
}
