/**
 * The district's communes and wards (xã / phường) as one list: how a typed name is tidied, when two
 * spellings are the same commune, and which spelling a set of variants keeps. Free text made
 * "xã An Vĩnh" and "Xã An Vĩnh" two rows of the overview; these rules fold them. Pure.
 */

/** Longest commune name kept (the venue form's field was 80). */
export const MAX_COMMUNE_NAME = 80;

/** A name as it is kept: composed Unicode (NFC), single spaces, no spaces at the ends. */
export function tidyCommuneName(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Vietnamese tone marks as combining characters (grave, acute, tilde, hook above, dot below). */
const TONE = '\u0300\u0301\u0303\u0309\u0323';
/**
 * The old and new places of a tone mark in "oa", "oe", "uy" at a word's end ("hòa" and "hoà", "Thủy"
 * and "Thuỷ" are both written): the key puts it on the second vowel, as the newer rule does.
 */
const OLD_TONE_PLACE = new RegExp(`([ou])([${TONE}])([aey])(?![\\p{L}\\u0300-\\u036f])`, 'gu');

/**
 * When two names are the same commune: the same letters once tidied, whatever the case, the
 * composition of the diacritics (composed or combining) and the tone mark's old or new place.
 */
export function communeKey(name: string): string {
  return tidyCommuneName(name)
    .toLocaleLowerCase('vi')
    .normalize('NFD')
    .replace(OLD_TONE_PLACE, '$1$3$2')
    .normalize('NFC');
}

/** One commune folded from the spellings stored for it, with how many venues used each. */
export interface FoldedCommune {
  /** The spelling kept: the one most venues used; on a tie, the one that begins with a capital. */
  readonly name: string;
  /** Every stored spelling (untidied, as the venues hold it), the kept one included. */
  readonly variants: readonly string[];
}

/** Groups stored spellings (with their venue counts) into communes; empty names are dropped. */
export function foldCommuneNames(
  spellings: readonly { readonly name: string; readonly venues: number }[],
): FoldedCommune[] {
  const groups = new Map<string, { name: string; venues: number }[]>();
  for (const spelling of spellings) {
    if (!tidyCommuneName(spelling.name)) continue;
    const key = communeKey(spelling.name);
    groups.set(key, [...(groups.get(key) ?? []), spelling]);
  }
  return [...groups.values()].map((group) => {
    const best = [...group].sort(
      (a, b) =>
        b.venues - a.venues ||
        Number(startsUpper(b.name)) - Number(startsUpper(a.name)) ||
        (tidyCommuneName(a.name) < tidyCommuneName(b.name) ? -1 : 1),
    )[0];
    return { name: tidyCommuneName(best.name).slice(0, MAX_COMMUNE_NAME), variants: group.map((s) => s.name) };
  });
}

function startsUpper(name: string): boolean {
  const first = tidyCommuneName(name).charAt(0);
  return first !== first.toLocaleLowerCase('vi');
}
