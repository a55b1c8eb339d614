/**
 * Recorded-style key traces for comparing keyboard-wedge decoders: scanner bursts at the speeds of
 * real models, people typing, and scans while a text field has focus. Deterministic (seeded).
 */

export interface TraceKey {
  readonly key: string;
  readonly code: string;
  readonly keyCode: number;
  readonly shiftKey: boolean;
  readonly time: number;
  /** OS autorepeat of a held key. */
  readonly repeat?: boolean;
}

export interface Trace {
  readonly name: string;
  readonly kind: 'scanner' | 'person' | 'scanner-in-field' | 'person-in-field';
  /** What a scanner meant to send (scanner traces), or what the person typed. */
  readonly text: string;
  readonly keys: readonly TraceKey[];
}

/** Mulberry32: small, seeded, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHIFTED: Readonly<Record<string, [string, number, string]>> = {
  '|': ['Backslash', 220, '\\'], ':': ['Semicolon', 186, ';'], '*': ['Digit8', 56, '8'], '<': ['Comma', 188, ','],
  '?': ['Slash', 191, '/'], '@': ['Digit2', 50, '2'], '#': ['Digit3', 51, '3'], '%': ['Digit5', 53, '5'], '+': ['Equal', 187, '='], '$': ['Digit4', 52, '4'],
};
const PLAIN: Readonly<Record<string, [string, number]>> = {
  '-': ['Minus', 189], '/': ['Slash', 191], '.': ['Period', 190], ',': ['Comma', 188], ' ': ['Space', 32], '=': ['Equal', 187], ';': ['Semicolon', 186],
};

/** US-layout key for a character: what a wedge scanner presses. */
export function usKey(ch: string): { code: string; keyCode: number; shiftKey: boolean } {
  if (/[a-z]/.test(ch)) return { code: `Key${ch.toUpperCase()}`, keyCode: ch.toUpperCase().charCodeAt(0), shiftKey: false };
  if (/[A-Z]/.test(ch)) return { code: `Key${ch}`, keyCode: ch.charCodeAt(0), shiftKey: true };
  if (/\d/.test(ch)) return { code: `Digit${ch}`, keyCode: ch.charCodeAt(0), shiftKey: false };
  if (ch in SHIFTED) return { code: SHIFTED[ch][0], keyCode: SHIFTED[ch][1], shiftKey: true };
  if (ch in PLAIN) return { code: PLAIN[ch][0], keyCode: PLAIN[ch][1], shiftKey: false };
  throw new Error(`bench: no US key for ${JSON.stringify(ch)}`);
}

/** Codes as a wedge delivers them (ASCII: a wedge cannot type Vietnamese letters). */
export const SCANNED_CODES: readonly string[] = [
  '037188000123||Pham Thi Hong|23071988|Nu|Xom 3, Xa Ninh Hai, Huyen Hoa Lu, Ninh Binh|09092021',
  '001099012345||Nguyen Van An|01021999|Nam|Phuong Lang Ha, Quan Dong Da, Ha Noi|15032022',
  '******123456|NGUYEN VAN AN|1990-**-**|0|QID-7731|Nam<GD4797<0912345678',
  'https://e.coronawarn.app?v=1#CAESLAgBEhFNeSBCaXJ0aGRheSBQYXJ0eQ',
  'NZCOVIDTRACER:eyJnbG4iOiIzMzMzMyJ9',
  'VE-LS-2026-000731',
  'LS/SK:0730/A12',
  '8935049501234',
];

const PEOPLE_TYPE: readonly string[] = ['Lan', 'phong 204', '0912345678', 'Nguyen', 'ok', '2026', 'Tau 07:30', 'hello', '123456', 'Ly Son'];

function keysFor(text: string, start: number, gap: () => number): TraceKey[] {
  const keys: TraceKey[] = [];
  let time = start;
  for (const ch of text) {
    const { code, keyCode, shiftKey } = usKey(ch);
    if (shiftKey) keys.push({ key: 'Shift', code: 'ShiftLeft', keyCode: 16, shiftKey: true, time: time - 0.3 });
    keys.push({ key: ch, code, keyCode, shiftKey, time });
    time += gap();
  }
  keys.push({ key: 'Enter', code: 'Enter', keyCode: 13, shiftKey: false, time });
  return keys;
}

/** Every trace of the comparison, from one seed. */
export function buildTraces(seed = 2026): Trace[] {
  const random = seededRandom(seed);
  const traces: Trace[] = [];
  let start = 10_000;
  for (const msPerKey of [1, 6, 10, 19]) {
    for (const code of SCANNED_CODES) {
      // Scanners are steady; USB polling adds up to ±25% jitter.
      const keys = keysFor(code, start, () => msPerKey * (0.75 + random() * 0.5));
      traces.push({ name: `scanner ${msPerKey} ms`, kind: 'scanner', text: code, keys });
      traces.push({ name: `scanner ${msPerKey} ms, text field focused`, kind: 'scanner-in-field', text: code, keys });
      start += 60_000;
    }
  }
  // Bluetooth scanners: 6 ms a key, with one radio pause of 60-150 ms somewhere after the 8th key.
  for (const code of SCANNED_CODES) {
    const pauseAfter = 8 + Math.floor(random() * (code.length - 9));
    let index = 0;
    const keys = keysFor(code, start, () => (index++ === pauseAfter ? 60 + random() * 90 : 6 * (0.75 + random() * 0.5)));
    traces.push({ name: 'bluetooth scanner 6 ms with a radio pause', kind: 'scanner', text: code, keys });
    start += 60_000;
  }
  for (let i = 0; i < 40; i += 1) {
    const text = PEOPLE_TYPE[i % PEOPLE_TYPE.length];
    const keys = keysFor(text, start, () => 80 + random() * 120);
    traces.push({ name: 'person 80-200 ms', kind: 'person', text, keys });
    traces.push({ name: 'person 80-200 ms, text field focused', kind: 'person-in-field', text, keys });
    start += 60_000;
  }
  // Someone leaning on a key (a child at an unattended gate), then Enter: OS autorepeat after 500 ms.
  for (const repeatMs of [20, 33, 40]) {
    for (const ch of ['a', '7', 'k']) {
      const { code, keyCode } = usKey(ch);
      const keys: TraceKey[] = [{ key: ch, code, keyCode, shiftKey: false, time: start }];
      for (let t = start + 500; t < start + 1500; t += repeatMs) keys.push({ key: ch, code, keyCode, shiftKey: false, time: t, repeat: true });
      keys.push({ key: 'Enter', code: 'Enter', keyCode: 13, shiftKey: false, time: start + 1600 });
      traces.push({ name: `person holding a key, autorepeat ${repeatMs} ms`, kind: 'person', text: ch, keys });
      start += 60_000;
    }
  }
  return traces;
}
