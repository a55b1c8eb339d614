/**
 * Undoes mojibake: UTF-8 bytes of a code read one by one in a single-byte code page. A keyboard
 * wedge that cannot type a character sends its UTF-8 bytes as Alt codes, which Windows reads in its
 * ANSI code page (Windows-1252 on an English system, Windows-1258 on a Vietnamese one) or, without a
 * leading zero, its OEM code page (437); a serial port opened as Latin-1 gives the 1252 form with C1
 * controls. Pure.
 */

/** Characters 0x80-0xFF of each code page (undefined bytes read as the C1 control of that value, as Windows does). */
const UPPER_HALVES = {
  'windows-1252':
    '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178\u00a0\u00a1\u00a2\u00a3\u00a4\u00a5\u00a6\u00a7\u00a8\u00a9\u00aa\u00ab\u00ac\u00ad\u00ae\u00af\u00b0\u00b1\u00b2\u00b3\u00b4\u00b5\u00b6\u00b7\u00b8\u00b9\u00ba\u00bb\u00bc\u00bd\u00be\u00bf\u00c0\u00c1\u00c2\u00c3\u00c4\u00c5\u00c6\u00c7\u00c8\u00c9\u00ca\u00cb\u00cc\u00cd\u00ce\u00cf\u00d0\u00d1\u00d2\u00d3\u00d4\u00d5\u00d6\u00d7\u00d8\u00d9\u00da\u00db\u00dc\u00dd\u00de\u00df\u00e0\u00e1\u00e2\u00e3\u00e4\u00e5\u00e6\u00e7\u00e8\u00e9\u00ea\u00eb\u00ec\u00ed\u00ee\u00ef\u00f0\u00f1\u00f2\u00f3\u00f4\u00f5\u00f6\u00f7\u00f8\u00f9\u00fa\u00fb\u00fc\u00fd\u00fe\u00ff',
  'windows-1258':
    '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u008a\u2039\u0152\u008d\u008e\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u009a\u203a\u0153\u009d\u009e\u0178\u00a0\u00a1\u00a2\u00a3\u00a4\u00a5\u00a6\u00a7\u00a8\u00a9\u00aa\u00ab\u00ac\u00ad\u00ae\u00af\u00b0\u00b1\u00b2\u00b3\u00b4\u00b5\u00b6\u00b7\u00b8\u00b9\u00ba\u00bb\u00bc\u00bd\u00be\u00bf\u00c0\u00c1\u00c2\u0102\u00c4\u00c5\u00c6\u00c7\u00c8\u00c9\u00ca\u00cb\u0300\u00cd\u00ce\u00cf\u0110\u00d1\u0309\u00d3\u00d4\u01a0\u00d6\u00d7\u00d8\u00d9\u00da\u00db\u00dc\u01af\u0303\u00df\u00e0\u00e1\u00e2\u0103\u00e4\u00e5\u00e6\u00e7\u00e8\u00e9\u00ea\u00eb\u0301\u00ed\u00ee\u00ef\u0111\u00f1\u0323\u00f3\u00f4\u01a1\u00f6\u00f7\u00f8\u00f9\u00fa\u00fb\u00fc\u01b0\u20ab\u00ff',
  cp437:
    '\u00c7\u00fc\u00e9\u00e2\u00e4\u00e0\u00e5\u00e7\u00ea\u00eb\u00e8\u00ef\u00ee\u00ec\u00c4\u00c5\u00c9\u00e6\u00c6\u00f4\u00f6\u00f2\u00fb\u00f9\u00ff\u00d6\u00dc\u00a2\u00a3\u00a5\u20a7\u0192\u00e1\u00ed\u00f3\u00fa\u00f1\u00d1\u00aa\u00ba\u00bf\u2310\u00ac\u00bd\u00bc\u00a1\u00ab\u00bb\u2591\u2592\u2593\u2502\u2524\u2561\u2562\u2556\u2555\u2563\u2551\u2557\u255d\u255c\u255b\u2510\u2514\u2534\u252c\u251c\u2500\u253c\u255e\u255f\u255a\u2554\u2569\u2566\u2560\u2550\u256c\u2567\u2568\u2564\u2565\u2559\u2558\u2552\u2553\u256b\u256a\u2518\u250c\u2588\u2584\u258c\u2590\u2580\u03b1\u00df\u0393\u03c0\u03a3\u03c3\u00b5\u03c4\u03a6\u0398\u03a9\u03b4\u221e\u03c6\u03b5\u2229\u2261\u00b1\u2265\u2264\u2320\u2321\u00f7\u2248\u00b0\u2219\u00b7\u221a\u207f\u00b2\u25a0\u00a0',
} as const;

/** Code pages whose mojibake is undone; `latin-1` is Windows-1252's form with C1 controls. */
export type MojibakeCodePage = keyof typeof UPPER_HALVES | 'latin-1';

function reverseMap(upperHalf: string, withC1: boolean): ReadonlyMap<string, number> {
  const map = new Map<string, number>();
  [...upperHalf].forEach((ch, index) => map.set(ch, 0x80 + index));
  // Latin-1 (a serial port opened with the wrong charset) reads 0x80-0x9F as C1 controls.
  if (withC1)
    for (let byte = 0x80; byte < 0xa0; byte += 1)
      if (!map.has(String.fromCharCode(byte))) map.set(String.fromCharCode(byte), byte);
  return map;
}

const REVERSE: ReadonlyArray<readonly [keyof typeof UPPER_HALVES, ReadonlyMap<string, number>]> = [
  ['windows-1252', reverseMap(UPPER_HALVES['windows-1252'], true)],
  ['windows-1258', reverseMap(UPPER_HALVES['windows-1258'], true)],
  ['cp437', reverseMap(UPPER_HALVES.cp437, false)],
];

/** Strict UTF-8: the text, or null on any malformed, overlong or surrogate sequence. */
export function decodeUtf8Strict(bytes: readonly number[]): string | null {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const first = bytes[i];
    if (first < 0x80) {
      out += String.fromCharCode(first);
      i += 1;
      continue;
    }
    const length =
      first >= 0xc2 && first <= 0xdf ? 2 : first >= 0xe0 && first <= 0xef ? 3 : first >= 0xf0 && first <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return null;
    let point = first & (0xff >> (length + 1));
    for (let k = 1; k < length; k += 1) {
      const next = bytes[i + k];
      if ((next & 0xc0) !== 0x80) return null;
      point = (point << 6) | (next & 0x3f);
    }
    const smallest = [0, 0, 0x80, 0x800, 0x10000][length];
    if (point < smallest || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return null;
    out += String.fromCodePoint(point);
    i += length;
  }
  return out;
}

export interface MojibakeRepair {
  readonly text: string;
  /** The code page the bytes had been read in; null when the text was not mojibake. */
  readonly codePage: MojibakeCodePage | null;
}

/**
 * Reads `text` back to bytes in each code page and decodes them as UTF-8. Accepted only when every
 * character belongs to the code page and the bytes are valid UTF-8 with at least one multi-byte
 * character: real Vietnamese text (`ạ`, `ữ`) is in none of these code pages, and Latin text
 * (`Xóm` as `58 F3 6D`) is not valid UTF-8, so correct text is never changed.
 */
export function repairMojibake(text: string): MojibakeRepair {
  if (!/[^\x00-\x7F]/.test(text)) return { text, codePage: null };
  for (const [codePage, reverse] of REVERSE) {
    const bytes: number[] = [];
    let fits = true;
    for (const ch of text) {
      const point = ch.codePointAt(0) ?? 0;
      const byte = point < 0x80 ? point : reverse.get(ch);
      if (byte === undefined) {
        fits = false;
        break;
      }
      bytes.push(byte);
    }
    if (!fits) continue;
    const repaired = decodeUtf8Strict(bytes);
    if (repaired === null) continue;
    const latin1 = codePage === 'windows-1252' && /[\u0080-\u009F]/.test(text);
    return { text: repaired, codePage: latin1 ? 'latin-1' : codePage };
  }
  return { text, codePage: null };
}

/** `text`'s UTF-8 as a code page shows it (the damage {@link repairMojibake} undoes); for tests and benchmarks. */
export function toMojibake(text: string, codePage: MojibakeCodePage): string {
  const table = codePage === 'latin-1' ? null : [...UPPER_HALVES[codePage]];
  let out = '';
  for (const byte of new TextEncoderLite().encode(text)) {
    if (byte < 0x80) out += String.fromCharCode(byte);
    else out += table === null ? String.fromCharCode(byte) : table[byte - 0x80];
  }
  return out;
}

/** UTF-8 encoding without the platform's TextEncoder (shared code has neither DOM nor Node types). */
class TextEncoderLite {
  encode(text: string): number[] {
    const bytes: number[] = [];
    for (const ch of text) {
      const point = ch.codePointAt(0) ?? 0;
      if (point < 0x80) bytes.push(point);
      else if (point < 0x800) bytes.push(0xc0 | (point >> 6), 0x80 | (point & 0x3f));
      else if (point < 0x10000) bytes.push(0xe0 | (point >> 12), 0x80 | ((point >> 6) & 0x3f), 0x80 | (point & 0x3f));
      else
        bytes.push(
          0xf0 | (point >> 18),
          0x80 | ((point >> 12) & 0x3f),
          0x80 | ((point >> 6) & 0x3f),
          0x80 | (point & 0x3f),
        );
    }
    return bytes;
  }
}
