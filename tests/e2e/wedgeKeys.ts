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
import { expect, type CDPSession, type Page } from '@playwright/test';
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
 * terminator). A run's `pauseBeforeMs` replaces the gap before its first key. `afterPreviousMs` puts
 * the first key exactly that long after the previous call's last key (it must lie ahead of the wall
 * clock: the call throws otherwise, rather than send a different timing than the test states).
 * Answers the time given to the first key, ms.
 */
export async function typeKeys(
  page: Page,
  runs: readonly KeyRun[],
  { enter, afterPreviousMs }: { enter: boolean; afterPreviousMs?: number },
): Promise<number> {
  const state = await keyboardOf(page);
  const keyCount = runs.reduce((sum, run) => sum + [...run.text].length, 0) + (enter ? 1 : 0);
  const earliest = Date.now() + DELIVERY_MS + keyCount * DELIVERY_MS_PER_KEY;
  let at = Math.max(earliest, state.clockMs + (state.held ? AFTER_HELD_KEYS_MS : AFTER_ENTER_MS));
  if (afterPreviousMs !== undefined) {
    if (state.clockMs + afterPreviousMs < earliest)
      throw new Error(`typeKeys: ${afterPreviousMs} ms after the previous key is already past on this machine`);
    at = state.clockMs + afterPreviousMs;
  }
  const firstAt = at;
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
  return firstAt;
}

/** Types like a keyboard-wedge scanner: one key every `gapMs` (3 ms), then Enter. */
export async function scanKeys(page: Page, text: string, gapMs = 3): Promise<void> {
  await typeKeys(page, [{ text, gapMs }], { enter: true });
}

/**
 * A wedge scan at the counter, waited for: returns once the result card shows this scan's result
 * (its serial moved on by one), so a test never reads the previous scan's card as this one's.
 */
export async function scanAtCounter(page: Page, text: string, gapMs = 3): Promise<void> {
  const card = page.getByTestId('result-card');
  const before = Number((await card.getAttribute('data-serial')) ?? '0');
  await scanKeys(page, text, gapMs);
  await expect(card).toHaveAttribute('data-serial', String(before + 1));
}

/** Types like a person: one key every `gapMs` (120 ms), then Enter when asked. */
export async function personKeys(page: Page, text: string, { gapMs = 120, enter = false } = {}): Promise<void> {
  await typeKeys(page, [{ text, gapMs }], { enter });
}

/**
 * A person's Enter `afterPreviousMs` after the previous key. Unlike {@link typeKeys} its time may lie
 * behind the wall clock: a test that lets the page's own timer judge held keys first (as it does
 * while a person reaches for Enter) sends it late; one key alone cannot be split by that timer.
 */
export async function pressEnter(page: Page, { afterPreviousMs }: { afterPreviousMs: number }): Promise<void> {
  const state = await keyboardOf(page);
  const at = state.clockMs + afterPreviousMs;
  const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 };
  await state.cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: '\r', timestamp: at / 1000, ...enter });
  await state.cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', timestamp: (at + 0.5) / 1000, ...enter });
  state.clockMs = at;
  state.held = false;
}

/**
 * A wedge whose Vietnamese letters come through an input method: ASCII as key presses, every other
 * character committed as text without key events (`Input.insertText`, which a browser delivers only
 * to a focused text field, as it does an input method's commit), then Enter. Sent at once and stamped
 * by the page on arrival (insertText carries no time), so the keys come as fast as the page reads them.
 */
export async function inputMethodScanKeys(page: Page, text: string): Promise<void> {
  const state = await keyboardOf(page);
  const sends: Promise<unknown>[] = [];
  for (const char of text) {
    if (char.charCodeAt(0) > 0x7f) sends.push(state.cdp.send('Input.insertText', { text: char }));
    else {
      const code = usKeyCodeOf(char) ?? '';
      sends.push(state.cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: char, code, text: char }));
      sends.push(state.cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: char, code }));
    }
  }
  const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 };
  sends.push(state.cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: '\r', ...enter }));
  sends.push(state.cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...enter }));
  await Promise.all(sends);
  state.clockMs = Math.max(state.clockMs, Date.now());
  state.held = false;
}
