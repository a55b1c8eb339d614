/**
 * A budget for the memory all request bodies in flight may hold, bytes (on the wire and inflated).
 * Bodies take from it as they arrive and give back when their request is answered, so a flood of
 * large or bombed bodies meets a 503 instead of taking the process's memory.
 */
export class BodyBudget {
  private used = 0;

  constructor(readonly capacityBytes: number) {}

  /** Bytes held by bodies in flight now. */
  get usedBytes(): number {
    return this.used;
  }

  /** A running tally for one request; `take` answers false (and takes nothing) when the budget is spent. */
  open(): BodyReservation {
    let held = 0;
    return {
      take: (bytes: number) => {
        if (this.used + bytes > this.capacityBytes) return false;
        this.used += bytes;
        held += bytes;
        return true;
      },
      release: () => {
        this.used -= held;
        held = 0;
      },
    };
  }
}

export interface BodyReservation {
  take(bytes: number): boolean;
  release(): void;
}
