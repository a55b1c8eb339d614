/**
 * Key events that carry their own times (the DevTools protocol's `Input.dispatchKeyEvent` takes a
 * `timestamp`, which the page reads as `KeyboardEvent.timeStamp`): a test states the timing it means,
 * a scanner's 3 ms a key or a person's 120 ms, and a busy machine cannot stretch a scan into a person's
 * typing. Every key a test types goes through here, on one clock per page that only moves forward.
 *
 * The times are set a little ahead of the wall clock (by what delivering the keys may take on a loaded
 * machine), so the page's own idle timer, which reads the wall clock, never judges a burst ended while
 * its keys are still on their way.
 */
import type { CDPSession, Page } from '@playwright/test';
import { usKeyCodeOf } from '../../shared/wedge/usKeyboard';

/** Keys typed `gapMs` apart, after a pause of `pauseBeforeMs` from the previous key (a stall). */
export interface KeyRun {
  readonly text: string;
  readonly gapMs: number;
  readonly pauseBeforeMs?: number;
}

/** Wall-clock allowance for delivering key events on a loaded machine: a base and a share per key, ms. */
const DELIVERY_MS = 250;
const DELIVERY_MS_PER_KEY = 8;
/** After keys left held (a person's, no Enter), the next keys come later than the decoder's cut-off link (1 s). */
const AFTER_HELD_KEYS_MS = 1_500;
/** A run longer than this is sent without key-ups. */
const LONG_RUN_KEYS = 500;
/** After a terminated run, the next keys come at least this much later. */
const AFTER_ENTER_MS = 100;

const pages = new WeakMap<Page, { cdp: CDPSession; clockMs: number; held: boolean }>();

async function keyboardOf(page: Page): Promise<{ cdp: CDPSession; clockMs: number; held: boolean }> {
  let state = pages.get(page);
  if (!state) {
    state = { cdp: await page.context().newCDPSession(page), clockMs: 0, held: false };
    pages.set(page, state);
  }
  return state;
}

/**
 * Dispatches the runs as key presses with their own times, then Enter when `enter` (the wedge's
 * terminator). A run's `pauseBeforeMs` replaces the gap before its first key.
 */
export async function typeKeys(page: Page, runs: readonly KeyRun[], { enter }: { enter: boolean }): Promise<void> {
  const state = await keyboardOf(page);
  const keyCount = runs.reduce((sum, run) => sum + [...run.text].length, 0) + (enter ? 1 : 0);
  let at = Math.max(
    Date.now() + DELIVERY_MS + keyCount * DELIVERY_MS_PER_KEY,
    state.clockMs + (state.held ? AFTER_HELD_KEYS_MS : AFTER_ENTER_MS),
  );
  const events: Record<string, unknown>[] = [];
  const press = (key: string, code: string, text: string, extra: Record<string, unknown> = {}) => {
    events.push({ type: 'keyDown', key, code, text, timestamp: at / 1000, ...extra });
    // Key-ups only for ordinary runs: the page never reads them, and they double the events a
    // 10,000-key burst sends through the protocol.
    if (keyCount <= LONG_RUN_KEYS) events.push({ type: 'keyUp', key, code, timestamp: (at + 0.5) / 1000, ...extra });
  };
  let previousGapMs: number | null = null;
  for (const run of runs) {
    [...run.text].forEach((char, index) => {
      if (previousGapMs !== null) at += index === 0 ? (run.pauseBeforeMs ?? previousGapMs) : run.gapMs;
      previousGapMs = run.gapMs;
      press(char, usKeyCodeOf(char) ?? '', char);
    });
  }
  if (enter) {
    at += previousGapMs ?? 0;
    press('Enter', 'Enter', '\r', { windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 });
  }
  // Sent at once (the protocol keeps their order), so the page's timers seldom run between them.
  await Promise.all(events.map((event) => state.cdp.send('Input.dispatchKeyEvent', event as never)));
  state.clockMs = at;
  state.held = !enter;
}

/** Types like a keyboard-wedge scanner: one key every `gapMs` (3 ms), then Enter. */
export function scanKeys(page: Page, text: string, gapMs = 3): Promise<void> {
  return typeKeys(page, [{ text, gapMs }], { enter: true });
}

/** Types like a person: one key every `gapMs` (120 ms), then Enter when asked. */
export function personKeys(page: Page, text: string, { gapMs = 120, enter = false } = {}): Promise<void> {
  return typeKeys(page, [{ text, gapMs }], { enter });
}
