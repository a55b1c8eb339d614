/**
 * Tells Vietnamese text a keyboard wedge folded to ASCII (`Pham Thi Hong`: still words) from text
 * that lost its Vietnamese letters (`Phm Th Hng`: not words any more). Pure.
 */

/** Onsets of Vietnamese syllables, folded to ASCII (`đ` as `d`), longest first. */
const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x)?';
/** Vowel nuclei, folded (`ươ` as `uo`, `iê` as `ie`). */
const NUCLEUS =
  '(?:uye|uya|uyu|oai|oay|oeo|uoi|uou|ieu|yeu|uay|uai|uao|uau|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|a|e|i|o|u|y)';
/** Codas, folded. */
const CODA = '(?:ch|ng|nh|c|m|n|p|t)?';
const SYLLABLE = new RegExp(`^${ONSET}${NUCLEUS}${CODA}$`, 'i');

/** True when `word` (ASCII letters) can be a Vietnamese syllable written without diacritics. */
export function isFoldedSyllable(word: string): boolean {
  return SYLLABLE.test(word);
}

/** True when the text has letters and none outside ASCII: a wedge lost or folded its Vietnamese letters. */
export function hasOnlyAsciiLetters(text: string): boolean {
  return /[A-Za-z]/.test(text) && !/[^\x00-\x7F]/.test(text);
}

/**
 * True when every word of every field reads as Vietnamese written without diacritics. Digits and
 * punctuation are skipped. One non-word (`Phm`, `Hng`, `X`) means letters were dropped.
 */
export function readsAsFoldedWords(...fields: readonly string[]): boolean {
  const words = fields.flatMap((field) => field.split(/[^A-Za-z]+/)).filter((word) => word !== '');
  return words.length > 0 && words.every(isFoldedSyllable);
}

/**
 * Abbreviations ordinary in Vietnamese addresses (upper case, or capitalised as `Tp`): thành phố,
 * thị xã, thị trấn, khu dân cư, khu phố, khu công nghiệp, cụm công nghiệp, tổ dân phố, khu vực,
 * quốc lộ, đường tỉnh, tỉnh lộ, huyện lộ. They are written so on the card; no dropped letter makes
 * them (a dropped `Thị` leaves `Th`, which is none of them).
 */
const ADDRESS_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'TP',
  'TX',
  'TT',
  'KDC',
  'KP',
  'KCN',
  'CCN',
  'TDP',
  'KV',
  'QL',
  'DT',
  'TL',
  'HL',
]);

/** True when an address word is an ordinary abbreviation: one of the list, or one capital with a full stop (`P.`, `Q.`, `H.`). */
function isAddressAbbreviation(word: string, dotted: boolean): boolean {
  if (!/^[A-Z]/.test(word)) return false;
  if (word.length === 1) return dotted;
  return ADDRESS_ABBREVIATIONS.has(word.toUpperCase()) && (word === word.toUpperCase() || word.length === 2);
}

/**
 * True when every word of an address reads as Vietnamese written without diacritics or is an
 * ordinary abbreviation (`TP`, `KDC`, `P.`, `QL1A`). A lone capital without a full stop (`X` from
 * `Xã`) is still a dropped letter.
 */
export function readsAsFoldedAddress(address: string): boolean {
  const words = [...address.matchAll(/([A-Za-z]+)(\.?)/g)];
  return (
    words.length > 0 &&
    words.every(([, word, dot]) => isFoldedSyllable(word) || isAddressAbbreviation(word, dot === '.'))
  );
}
