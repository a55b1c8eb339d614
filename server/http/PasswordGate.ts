/**
 * Bounds password checking, which costs 32 MiB and tens of milliseconds of scrypt each: at most
 * `parallel` hashes at once and `queued` waiting (more are refused with 503 and Retry-After, so a
 * flood of sign-ins cannot take the thread pool that uploads' gzip also needs), and attempts on one
 * account name one after another, so parallel guesses each see the lockout the previous one earned.
 */
import { HttpError } from './HttpError';

export class PasswordGate {
  private running = 0;
  /** Attempts admitted and not yet finished (running, waiting for a slot, or behind the same name). */
  private pending = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly perName = new Map<string, Promise<unknown>>();

  constructor(
    private readonly parallel = 2,
    private readonly queued = 64,
  ) {}

  /** Runs `work` for account `name` within the bounds; 503 when too many wait. */
  run<T>(name: string, work: () => Promise<T>): Promise<T> {
    if (this.pending >= this.parallel + this.queued)
      throw new HttpError(503, 'busy', 'server: too many sign-ins at once; try again shortly', { 'Retry-After': '5' });
    this.pending += 1;
    const previous = this.perName.get(name) ?? Promise.resolve();
    const turn = previous.catch(() => undefined).then(() => this.slot(work));
    this.perName.set(name, turn);
    void turn
      .catch(() => undefined)
      .then(() => {
        this.pending -= 1;
        if (this.perName.get(name) === turn) this.perName.delete(name);
      });
    return turn;
  }

  private async slot<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.parallel) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}
