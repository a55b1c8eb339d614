/**
 * Bounds guessing at the admin token: after `allowed` wrong bearer tokens within `windowMs`, every
 * bearer attempt on an admin or staff route is answered 429 with Retry-After until the oldest of
 * them leaves the window, the right token too (else the right one would still stand out). One per
 * server; time from a monotonic clock, so a changed system clock neither frees nor locks it.
 */
import { HttpError } from './HttpError';

/** Wrong admin tokens allowed per window. */
export const WRONG_TOKENS_ALLOWED = 10;
/** The window, ms. */
export const WRONG_TOKEN_WINDOW_MS = 60_000;

export class WrongTokenLimiter {
  /** Times (clock ms) of the wrong tokens still inside the window, oldest first. */
  private readonly wrongAt: number[] = [];

  constructor(
    private readonly allowed = WRONG_TOKENS_ALLOWED,
    private readonly windowMs = WRONG_TOKEN_WINDOW_MS,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Throws 429 with Retry-After (seconds) while the window holds `allowed` wrong tokens. */
  check(): void {
    const now = this.forgetOld();
    if (this.wrongAt.length < this.allowed) return;
    const seconds = Math.max(1, Math.ceil((this.wrongAt[0] + this.windowMs - now) / 1000));
    throw new HttpError(429, 'too-many-tokens', `server: too many wrong tokens; try again in ${seconds} s`, {
      'Retry-After': String(seconds),
    });
  }

  /** Counts one wrong token. */
  recordWrong(): void {
    this.wrongAt.push(this.forgetOld());
  }

  private forgetOld(): number {
    const now = this.clock();
    while (this.wrongAt.length > 0 && this.wrongAt[0] <= now - this.windowMs) this.wrongAt.shift();
    return now;
  }
}
