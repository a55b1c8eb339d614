/**
 * Gives the event loop a turn after every `every` units of work, so a long trace never holds up
 * `/healthz`, uploads or other requests for more than one slice (a few milliseconds).
 */
export class Pacer {
  private done = 0;

  constructor(private readonly every: number) {}

  /** Counts `units` of work; yields (setImmediate, so I/O runs first) once a slice is full. */
  async tick(units = 1): Promise<void> {
    this.done += units;
    if (this.done >= this.every) await this.yieldNow();
  }

  async yieldNow(): Promise<void> {
    this.done = 0;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
