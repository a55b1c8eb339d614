/**
 * The lockout of names that have no usable account (unknown or disabled), kept in memory so that
 * guessing at them earns the same answers as at a real account (5 × 401, then 429 with the same
 * waits): otherwise the 429 alone tells which names exist. Bounded, so a flood of made-up names
 * cannot grow it without limit; a forgotten name only makes that name look fresh again.
 */
import { afterFailure, lockRemainingMs, type LoginState } from './lockout';

/** Names remembered at most (oldest forgotten first). */
const MAX_NAMES = 10_000;

export class UnknownNameLockout {
  private readonly states = new Map<string, LoginState>();

  constructor(private readonly maxNames = MAX_NAMES) {}

  /** Milliseconds `name` still waits at `now`, as `lockRemainingMs` for an account. */
  remainingMs(name: string, now: Date): number {
    const state = this.states.get(name);
    return state ? lockRemainingMs(state, now) : 0;
  }

  /** Counts one more wrong password for `name` at `now`. */
  recordFailure(name: string, now: Date): void {
    const next = afterFailure(this.states.get(name) ?? { failedLogins: 0, lockedUntil: null }, now);
    // Re-inserted at the end, so the map's order is least recently guessed first.
    this.states.delete(name);
    this.states.set(name, next);
    if (this.states.size > this.maxNames) this.states.delete(this.states.keys().next().value as string);
  }
}
