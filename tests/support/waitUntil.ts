import { vi } from 'vitest';

/** Waits until `check()` holds (polled by `vi.waitFor`); fails naming `what` after `timeoutMs`. */
export function waitUntil(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return vi.waitFor(
    () => {
      if (!check()) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: timeoutMs, interval: 20 },
  );
}
