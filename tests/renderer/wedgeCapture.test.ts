// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { attachWedgeCapture, wedgeScanInput, type WedgeScan } from '../../renderer/wedgeCapture';

/** A scanner's gap between keys, ms; a person's is 80 ms or more. */
const SCANNER_GAP_MS = 5;
const PERSON_GAP_MS = 150;

let scans: WedgeScan[];
let stop: () => void;

/** Presses one key where the focus is, at the fake clock's time (as a browser stamps events). */
function press(key: string, code: string, options: { readonly repeat?: boolean } = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', {
    key,
    code,
    repeat: options.repeat ?? false,
    bubbles: true,
    cancelable: true,
  });
  Object.defineProperty(event, 'timeStamp', { value: performance.now() });
  (document.activeElement ?? document.body).dispatchEvent(event);
  return event;
}

/**
 * A character a wedge typed as an Alt code: keydowns of Alt and numpad digits (with altKey), then on
 * Alt's release the character alone, as a keypress, as Chromium on Windows delivers it.
 */
function altCode(ch: string, digits: string): KeyboardEvent {
  press('Alt', 'AltLeft');
  for (const digit of digits) {
    const event = new KeyboardEvent('keydown', {
      key: digit,
      code: `Numpad${digit}`,
      altKey: true,
      bubbles: true,
      cancelable: true,
    });
    Object.defineProperty(event, 'timeStamp', { value: performance.now() });
    (document.activeElement ?? document.body).dispatchEvent(event);
  }
  const composed = new KeyboardEvent('keypress', { key: ch, bubbles: true, cancelable: true });
  Object.defineProperty(composed, 'timeStamp', { value: performance.now() });
  (document.activeElement ?? document.body).dispatchEvent(composed);
  return composed;
}

/** Types `text` on a US keyboard (letters and digits), `gapMs` between keys. */
function type(text: string, gapMs: number): KeyboardEvent[] {
  return [...text].map((ch) => {
    const event = press(ch, /\d/.test(ch) ? `Digit${ch}` : `Key${ch.toUpperCase()}`);
    vi.advanceTimersByTime(gapMs);
    return event;
  });
}

function focusedField(): HTMLInputElement {
  const field = document.createElement('input');
  document.body.append(field);
  field.focus();
  return field;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  // jsdom has no editing commands: insert at the caret as a browser does for `insertText`.
  Object.defineProperty(document, 'execCommand', {
    configurable: true,
    value: (command: string, _showUi: boolean, text: string) => {
      const field = document.activeElement;
      if (command !== 'insertText' || !(field instanceof HTMLInputElement)) return false;
      field.setRangeText(
        text,
        field.selectionStart ?? field.value.length,
        field.selectionEnd ?? field.value.length,
        'end',
      );
      return true;
    },
  });
  scans = [];
  stop = attachWedgeCapture((scan) => scans.push(scan));
});

afterEach(() => {
  stop();
  document.body.replaceChildren();
  Reflect.deleteProperty(document, 'execCommand');
  vi.useRealTimers();
});

describe('attachWedgeCapture', () => {
  it('submits a fast burst ended by Enter once as a scan, and none of it reaches the focused field', () => {
    const field = focusedField();
    const keys = type('ABC123', SCANNER_GAP_MS);
    press('Enter', 'Enter');
    vi.advanceTimersByTime(1000);
    expect(scans).toEqual([expect.objectContaining({ text: 'ABC123', layoutSuspected: false })]);
    expect(field.value).toBe('');
    expect(keys.every((event) => event.defaultPrevented)).toBe(true);
  });

  it('gives slow typing in a focused text field back to the field, and makes no scan', () => {
    const field = focusedField();
    type('hanoi', PERSON_GAP_MS);
    vi.advanceTimersByTime(1000);
    expect(field.value).toBe('hanoi');
    expect(scans).toEqual([]);
  });

  it('treats a held key as a person: the held character goes to the field, the repeats type as usual', () => {
    const field = focusedField();
    press('a', 'KeyA');
    vi.advanceTimersByTime(SCANNER_GAP_MS);
    const repeats = [1, 2, 3].map(() => {
      const event = press('a', 'KeyA', { repeat: true });
      vi.advanceTimersByTime(SCANNER_GAP_MS);
      return event;
    });
    vi.advanceTimersByTime(1000);
    expect(field.value).toBe('a');
    expect(repeats.some((event) => event.defaultPrevented)).toBe(false);
    expect(scans).toEqual([]);
  });

  it('applies a Backspace inside a burst (an input method rewriting it) and says the layout is suspect', () => {
    type('ABCX', SCANNER_GAP_MS);
    press('Backspace', 'Backspace');
    vi.advanceTimersByTime(SCANNER_GAP_MS);
    type('D12', SCANNER_GAP_MS);
    press('Enter', 'Enter');
    expect(scans).toEqual([expect.objectContaining({ text: 'ABCD12', layoutSuspected: true })]);
  });

  it('says the layout is suspect when a key gives another character than the US layout for its position', () => {
    // A German layout: the scanner presses the Z position and the PC makes a 'y' of it.
    for (const [key, code] of [
      ['A', 'KeyA'],
      ['y', 'KeyZ'],
      ['1', 'Digit1'],
      ['2', 'Digit2'],
    ]) {
      press(key, code);
      vi.advanceTimersByTime(SCANNER_GAP_MS);
    }
    press('Enter', 'Enter');
    expect(scans).toEqual([expect.objectContaining({ text: 'Ay12', layoutSuspected: true })]);
  });

  it('keeps characters composed from Alt codes (Windows-1252 mojibake of Phạm) inside the scan', () => {
    type('P', SCANNER_GAP_MS);
    type('h', SCANNER_GAP_MS);
    const composed = [altCode('á', '0225'), altCode('º', '0186'), altCode('¡', '0161')];
    vi.advanceTimersByTime(SCANNER_GAP_MS);
    type('m1', SCANNER_GAP_MS);
    press('Enter', 'Enter');
    expect(scans).toEqual([expect.objectContaining({ text: 'Pháº¡m1' })]);
    expect(composed.every((event) => event.defaultPrevented)).toBe(true);
  });

  it('leaves the browser its own keypress for a key a person typed', () => {
    const field = focusedField();
    press('a', 'KeyA', { repeat: true });
    const keypress = new KeyboardEvent('keypress', { key: 'a', bubbles: true, cancelable: true });
    field.dispatchEvent(keypress);
    expect(keypress.defaultPrevented).toBe(false);
  });

  it('keeps a scan whole across a 120 ms stall after its first two keys, and submits it whole', () => {
    type('VE', SCANNER_GAP_MS);
    vi.advanceTimersByTime(120);
    type('-TEST-0001', SCANNER_GAP_MS);
    press('Enter', 'Enter');
    vi.advanceTimersByTime(1000);
    expect(scans.map(wedgeScanInput)).toEqual([{ raw: 'VE-TEST-0001', source: 'wedge', layoutSuspected: false }]);
  });

  it('submits a scan whose first keys a longer stall cut off as incomplete (the kiosk refuses it)', () => {
    type('VE', SCANNER_GAP_MS);
    vi.advanceTimersByTime(250);
    type('-TEST-0001', SCANNER_GAP_MS);
    press('Enter', 'Enter');
    expect(scans.map(wedgeScanInput)).toEqual([
      { raw: '-TEST-0001', source: 'wedge', layoutSuspected: false, incomplete: true },
    ]);
  });

  it('lets keys through untouched once stopped', () => {
    stop();
    const keys = type('ABC123', SCANNER_GAP_MS);
    press('Enter', 'Enter');
    expect(keys.some((event) => event.defaultPrevented)).toBe(false);
    expect(scans).toEqual([]);
  });
});
