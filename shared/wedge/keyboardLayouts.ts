/**
 * What a PC makes of a US-layout keyboard wedge under other keyboard layouts: the scanner presses
 * the US key for each character, the operating system turns the key into its own layout's
 * character. Used to describe damage (docs, tests, benchmarks); the decoders' own knowledge of it is
 * in `shared/codes/keyboardLayout.ts`. Pure.
 */

export const KEYBOARD_LAYOUTS = ['us', 'azerty', 'qwertz', 'uk'] as const;
export type KeyboardLayout = (typeof KEYBOARD_LAYOUTS)[number];

/** US character → what the layout types for the same key (and Shift state). Unlisted: the same. */
const MOVED: Readonly<Record<KeyboardLayout, Readonly<Record<string, string>>>> = {
  us: {},
  // French AZERTY: digits need Shift, letters A/Q, Z/W and M move, `|` is Shift+`*` = `µ`.
  azerty: {
    '1': '&',
    '2': 'é',
    '3': '"',
    '4': "'",
    '5': '(',
    '6': '-',
    '7': 'è',
    '8': '_',
    '9': 'ç',
    '0': 'à',
    '!': '1',
    '@': '2',
    '#': '3',
    $: '4',
    '%': '5',
    '^': '6',
    '&': '7',
    '*': '8',
    '(': '9',
    ')': '0',
    a: 'q',
    q: 'a',
    z: 'w',
    w: 'z',
    A: 'Q',
    Q: 'A',
    Z: 'W',
    W: 'Z',
    m: ',',
    M: '?',
    ';': 'm',
    ':': 'M',
    ',': ';',
    '<': '.',
    '.': ':',
    '>': '/',
    '/': '!',
    '?': '§',
    '-': ')',
    _: '°',
    '\\': '*',
    '|': 'µ',
    "'": 'ù',
    '"': '%',
  },
  // German QWERTZ: Y/Z swap, `|` is Shift+`#` = `'`, `-` is `ß`, `/` is `-`.
  qwertz: {
    y: 'z',
    z: 'y',
    Y: 'Z',
    Z: 'Y',
    '-': 'ß',
    _: '?',
    '/': '-',
    '?': '_',
    ';': 'ö',
    ':': 'Ö',
    "'": 'ä',
    '"': 'Ä',
    '\\': '#',
    '|': "'",
    '<': ';',
    '>': ':',
    '@': '"',
    '#': '§',
    '^': '&',
    '&': '/',
    '*': '(',
    '(': ')',
    ')': '=',
  },
  // UK: `|` is `~`, `"` and `@` swap, `#` is `£`.
  uk: { '\\': '#', '|': '~', '"': '@', '@': '"', '#': '£' },
};

/**
 * The text a US-layout wedge produces on `layout`. Characters a keyboard cannot type (Vietnamese
 * letters, anything outside ASCII) are lost, as most wedges lose them.
 */
export function typedOnLayout(text: string, layout: KeyboardLayout): string {
  return [...text.normalize('NFC')].map((ch) => (ch.charCodeAt(0) > 0x7e ? '' : (MOVED[layout][ch] ?? ch))).join('');
}
