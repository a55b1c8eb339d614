import { toMojibake } from '../shared/codes/mojibake';
import { typedOnLayout, type KeyboardLayout } from '../shared/wedge/keyboardLayouts';

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
  /** A character composed from an Alt code: it comes as a keypress on Alt's release, no keydown. */
  readonly altCode?: boolean;
}

export interface Trace {
  readonly name: string;
  readonly kind: 'scanner' | 'person' | 'scanner-in-field' | 'person-in-field' | 'damaged-card';
  /** `damaged-card`: the damage class, and the ID number of the card scanned. */
  readonly damage?: string;
  readonly idNumber?: string;
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
  '|': ['Backslash', 220, '\\'],
  ':': ['Semicolon', 186, ';'],
  '*': ['Digit8', 56, '8'],
  '<': ['Comma', 188, ','],
  '?': ['Slash', 191, '/'],
  '@': ['Digit2', 50, '2'],
  '#': ['Digit3', 51, '3'],
  '%': ['Digit5', 53, '5'],
  '+': ['Equal', 187, '='],
  $: ['Digit4', 52, '4'],
};
const PLAIN: Readonly<Record<string, [string, number]>> = {
  '-': ['Minus', 189],
  '/': ['Slash', 191],
  '\\': ['Backslash', 220],
  '.': ['Period', 190],
  ',': ['Comma', 188],
  ' ': ['Space', 32],
  '=': ['Equal', 187],
  ';': ['Semicolon', 186],
};

/** US-layout key for a character: what a wedge scanner presses. */
export function usKey(ch: string): { code: string; keyCode: number; shiftKey: boolean } {
  if (/[a-z]/.test(ch))
    return { code: `Key${ch.toUpperCase()}`, keyCode: ch.toUpperCase().charCodeAt(0), shiftKey: false };
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

const PEOPLE_TYPE: readonly string[] = [
  'Lan',
  'phong 204',
  '0912345678',
  'Nguyen',
  'ok',
  '2026',
  'Tau 07:30',
  'hello',
  '123456',
  'Ly Son',
];

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
    const keys = keysFor(code, start, () =>
      index++ === pauseAfter ? 60 + random() * 90 : 6 * (0.75 + random() * 0.5),
    );
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
      for (let t = start + 500; t < start + 1500; t += repeatMs)
        keys.push({ key: ch, code, keyCode, shiftKey: false, time: t, repeat: true });
      keys.push({ key: 'Enter', code: 'Enter', keyCode: 13, shiftKey: false, time: start + 1600 });
      traces.push({ name: `person holding a key, autorepeat ${repeatMs} ms`, kind: 'person', text: ch, keys });
      start += 60_000;
    }
  }
  return traces;
}

/** One key a wedge sends for `us` (the US character it means) on a PC that makes `key` of it. */
function damagedKey(key: string, us: string, time: number): TraceKey {
  // What a keyboard cannot type comes as an Alt code: a keypress on Alt's release, no keydown.
  if (key.charCodeAt(0) > 0x7e) return { key, code: '', keyCode: 0, shiftKey: false, time, altCode: true };
  const { code, keyCode, shiftKey } = usKey(us);
  return { key, code, keyCode, shiftKey, time };
}

/** Vietnamese letters folded to ASCII, as many wedges type them. */
export const foldLetters = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
/** Vietnamese letters dropped, as other wedges do. */
export const dropLetters = (text: string): string =>
  [...text.normalize('NFC')].filter((ch) => ch.charCodeAt(0) < 0x80).join('');

/** Each damage class: the pairs (character the PC gets, US character the scanner meant) for a card. */
export const DAMAGE_CLASSES: Readonly<Record<string, (card: string) => ReadonlyArray<readonly [string, string]>>> = {
  'letters folded': (card) => [...foldLetters(card)].map((ch) => [ch, ch]),
  'letters dropped': (card) => [...dropLetters(card)].map((ch) => [ch, ch]),
  ...Object.fromEntries(
    (['windows-1252', 'windows-1258', 'cp437', 'latin-1'] as const).map((page) => [
      `mojibake ${page} (Alt codes)`,
      (card: string) => [...toMojibake(card, page)].map((ch) => [ch, ch] as const),
    ]),
  ),
  'separators unshifted': (card) => [...dropLetters(card).replaceAll('|', '\\')].map((ch) => [ch, ch]),
  ...Object.fromEntries(
    (['azerty', 'qwertz', 'uk'] as const satisfies readonly KeyboardLayout[]).map((layout) => [
      `${layout} layout`,
      (card: string) => [...dropLetters(card)].map((ch) => [typedOnLayout(ch, layout), ch] as const),
    ]),
  ),
  'first 1-3 keys lost': (card) => [...foldLetters(card)].slice(1 + (card.length % 3)).map((ch) => [ch, ch]),
};

export interface BenchCard {
  readonly id: string;
  /** The card's QR text (Vietnamese, as printed). */
  readonly text: string;
}

/** Consistent invented cards: the ID's province, gender-century digit and year agree with the fields. */
export function benchCards(seed: number, count: number): BenchCard[] {
  const random = seededRandom(seed);
  const names = ['Phạm Thị Hồng', 'Nguyễn Văn An', 'Lê Thị Thu Hà', 'Trần Đức Thắng', 'Võ Ngọc Ánh', 'Đỗ Văn Minh'];
  const addresses = [
    'Xóm 3, Xã Ninh Hải, Huyện Hoa Lư, Ninh Bình',
    'Thôn Đông, Xã An Vĩnh, Huyện Lý Sơn, Quảng Ngãi',
    'Phường Láng Hạ, Quận Đống Đa, Hà Nội',
  ];
  const provinces = ['001', '031', '037', '051', '079', '092'];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return Array.from({ length: count }, () => {
    const year = 1940 + Math.floor(random() * 75);
    const female = random() < 0.5;
    const digit = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
    const id = `${pick(provinces)}${digit}${String(year).slice(2)}${pad(Math.floor(random() * 1e6), 6)}`;
    const birth = `${pad(1 + Math.floor(random() * 28))}${pad(1 + Math.floor(random() * 12))}${year}`;
    return { id, text: `${id}||${pick(names)}|${birth}|${female ? 'Nữ' : 'Nam'}|${pick(addresses)}|01022021` };
  });
}

/**
 * CCCD scans as real wedges damage them: one trace per card and damage class, typed at 6 ms a key
 * (±25%); plus a stall of 60-150 ms after the first 1-3 keys of an ASCII-folded card (a busy PC),
 * which must not cut the scan. `text` is what the scanner sent.
 */
export function buildDamagedTraces(seed = 2026, cards = 40): Trace[] {
  const random = seededRandom(seed + 1);
  const traces: Trace[] = [];
  let start = 10_000_000;
  const gap = () => 6 * (0.75 + random() * 0.5);
  const trace = (
    damage: string,
    card: BenchCard,
    pairs: ReadonlyArray<readonly [string, string]>,
    stall?: { readonly afterKeys: number; readonly ms: number },
  ): Trace => {
    let time = start;
    const keys = pairs.map(([key, us], index) => {
      if (stall && index === stall.afterKeys) time += stall.ms;
      const event = damagedKey(key, us, time);
      time += gap();
      return event;
    });
    keys.push({ key: 'Enter', code: 'Enter', keyCode: 13, shiftKey: false, time });
    start += 60_000;
    return {
      name: `damaged card: ${damage}`,
      kind: 'damaged-card',
      damage,
      idNumber: card.id,
      text: pairs.map(([key]) => key).join(''),
      keys,
    };
  };
  for (const card of benchCards(seed, cards)) {
    for (const [damage, pairsOf] of Object.entries(DAMAGE_CLASSES))
      traces.push(trace(damage, card, pairsOf(card.text)));
    const stall = { afterKeys: 1 + Math.floor(random() * 3), ms: 60 + random() * 90 };
    traces.push(
      trace('stall of 60-150 ms in the first keys', card, DAMAGE_CLASSES['letters folded'](card.text), stall),
    );
  }
  return traces;
}
