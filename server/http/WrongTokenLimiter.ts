/**
 * Bounds guessing at the admin token: after `allowed` wrong bearer tokens within `windowMs`, every
 * bearer attempt on an admin or staff route is answered 429 with Retry-After until the oldest of
 * them leaves the window, the right token too (else the right one would still stand out). Counted
 * per client address, so a stranger's guesses never lock out automation calling from elsewhere (the
 * server's own machine, say); time from a monotonic clock, so a changed system clock neither frees
 * nor locks it.
 */
import { HttpError } from './HttpError';

/** Wrong admin tokens allowed per window. */
export const WRONG_TOKENS_ALLOWED = 10;
/** The window, ms. */
export const WRONG_TOKEN_WINDOW_MS = 60_000;

/** Addresses remembered at most; past it the one whose last wrong token is oldest is forgotten. */
const MAX_ADDRESSES = 10_000;

export class WrongTokenLimiter {
  /** Per client address, the times (clock ms) of its wrong tokens still inside the window, oldest first. */
  private readonly wrongAt = new Map<string, number[]>();

  constructor(
    private readonly allowed = WRONG_TOKENS_ALLOWED,
    private readonly windowMs = WRONG_TOKEN_WINDOW_MS,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Throws 429 with Retry-After (seconds) while the window holds `allowed` wrong tokens from `address`. */
  check(address: string): void {
    const times = this.recent(address);
    if (times.length < this.allowed) return;
    const seconds = Math.max(1, Math.ceil((times[0] + this.windowMs - this.clock()) / 1000));
    throw new HttpError(429, 'too-many-tokens', `server: too many wrong tokens; try again in ${seconds} s`, {
      'Retry-After': String(seconds),
    });
  }

  /** Counts one wrong token from `address`. */
  recordWrong(address: string): void {
    const times = this.recent(address);
    times.push(this.clock());
    // Most recently wrong last, so the first key is the one to forget when the map is full.
    this.wrongAt.delete(address);
    this.wrongAt.set(address, times);
    if (this.wrongAt.size > MAX_ADDRESSES) this.wrongAt.delete(this.wrongAt.keys().next().value as string);
  }

  /** The address's wrong tokens still inside the window. */
  private recent(address: string): number[] {
    const now = this.clock();
    const times = (this.wrongAt.get(address) ?? []).filter((at) => at > now - this.windowMs);
    if (times.length === 0) this.wrongAt.delete(address);
    else this.wrongAt.set(address, times);
    return times;
  }
}
