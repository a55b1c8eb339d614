/** The damages real scanners do to a CCCD, as functions of its text (for property tests). */
import { toMojibake, type MojibakeCodePage } from '../../../shared/codes/mojibake';
import { typedOnLayout, type KeyboardLayout } from '../../../shared/wedge/keyboardLayouts';

/** Vietnamese letters folded to ASCII (`Phạm` → `Pham`, `Đ` → `D`). */
export const foldLetters = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');

/** Vietnamese letters dropped (`Phạm` → `Phm`). */
export const dropLetters = (text: string): string =>
  [...text.normalize('NFC')].filter((ch) => ch.charCodeAt(0) < 0x80).join('');

export const CARD_DAMAGES: Readonly<Record<string, (text: string) => string>> = {
  'letters folded': foldLetters,
  'letters dropped': dropLetters,
  ...Object.fromEntries(
    (['windows-1252', 'windows-1258', 'cp437', 'latin-1'] as const satisfies readonly MojibakeCodePage[]).map(
      (page) => [`mojibake ${page}`, (text: string) => toMojibake(text, page)],
    ),
  ),
  'separators unshifted': (text) => dropLetters(text).replaceAll('|', '\\'),
  ...Object.fromEntries(
    (['azerty', 'qwertz', 'uk'] as const satisfies readonly KeyboardLayout[]).map((layout) => [
      `${layout} layout`,
      (text: string) => typedOnLayout(text, layout),
    ]),
  ),
};

/** A scan that lost its first 1-3 characters. */
export const loseFirstKeys = (text: string, count: number): string => [...text].slice(count).join('');
