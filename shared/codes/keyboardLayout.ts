/**
 * Knowledge of how keyboard wedges damage payloads. A wedge scanner "types" the US key positions;
 * the operating system turns them into characters with whatever layout is active.
 */

/** Digits 1-9, 0 as French AZERTY types them when a US digit key is pressed without Shift. */
const AZERTY_DIGITS: Readonly<Record<string, string>> = {
  '&': '1',
  é: '2',
  '"': '3',
  "'": '4',
  '(': '5',
  '-': '6',
  è: '7',
  _: '8',
  ç: '9',
  à: '0',
};

/**
 * What `|` (US Shift+Backslash) becomes on other layouts: AZERTY `µ`, QWERTZ `'`, UK `~`,
 * Spanish `Ç`, Italian `§`. Only characters that never appear in a CCCD or health QR.
 */
export const PIPE_SUBSTITUTES: readonly string[] = ['µ', "'", '~', 'Ç', '§'];

/** Maps AZERTY digit characters back to digits; null if any character is not one of them. */
export function azertyDigitsToDigits(text: string): string | null {
  let out = '';
  for (const ch of text) {
    if (ch >= '0' && ch <= '9') out += ch;
    else if (ch in AZERTY_DIGITS) out += AZERTY_DIGITS[ch];
    else return null;
  }
  return out;
}

/** True when the text is made only of AZERTY-typed digits and has at least one non-digit. */
export function looksLikeAzertyDigits(text: string, minLength: number): boolean {
  return text.length >= minLength && /\D/.test(text) && azertyDigitsToDigits(text) !== null;
}
