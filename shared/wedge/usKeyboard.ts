/**
 * Characters a US keyboard gives for each `KeyboardEvent.code`, unshifted then shifted. A wedge
 * scanner presses US key positions, so a `key` outside this pair shows another layout is active.
 */
const US_PAIRS: Readonly<Record<string, string>> = {
  Digit1: '1!',
  Digit2: '2@',
  Digit3: '3#',
  Digit4: '4$',
  Digit5: '5%',
  Digit6: '6^',
  Digit7: '7&',
  Digit8: '8*',
  Digit9: '9(',
  Digit0: '0)',
  Minus: '-_',
  Equal: '=+',
  BracketLeft: '[{',
  BracketRight: ']}',
  Backslash: '\\|',
  Semicolon: ';:',
  Quote: '\'"',
  Backquote: '`~',
  Comma: ',<',
  Period: '.>',
  Slash: '/?',
  Space: '  ',
  NumpadDecimal: '..',
  NumpadAdd: '++',
  NumpadSubtract: '--',
  NumpadMultiply: '**',
  NumpadDivide: '//',
};

/**
 * True when `key` is not what a US layout gives for `code`; false when they agree or when the
 * code is unknown (synthetic events, input methods).
 */
export function disagreesWithUsLayout(key: string, code: string): boolean {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return key.toUpperCase() !== letter[1];
  const numpad = /^Numpad(\d)$/.exec(code);
  if (numpad) return key !== numpad[1];
  const pair = US_PAIRS[code];
  return pair !== undefined && key !== pair[0] && key !== pair[1];
}

/**
 * The `KeyboardEvent.code` of the US key that types `char` (shifted or not), or null when a US
 * keyboard has no key for it (`é`, Vietnamese letters). What a wedge scanner presses.
 */
export function usKeyCodeOf(char: string): string | null {
  if (/^[A-Za-z]$/.test(char)) return `Key${char.toUpperCase()}`;
  for (const [code, pair] of Object.entries(US_PAIRS)) {
    if (!code.startsWith('Numpad') && pair.includes(char)) return code;
  }
  return null;
}
