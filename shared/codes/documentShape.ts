/**
 * Shapes, not contents: does a payload that failed to decode still look like a personal document
 * (a damaged card, whose text must never be kept), and does a plain code look like a ticket? Pure.
 */
import { azertyDigitsToDigits, PIPE_SUBSTITUTES } from './keyboardLayout';

/** `|` as typed, without Shift (`\`), and as other layouts type it. */
export const FIELD_SEPARATORS: readonly string[] = ['|', '\\', ...PIPE_SUBSTITUTES];

const digitsOf = (field: string): string => azertyDigitsToDigits(field.trim()) ?? field.trim();

/** An ID-like number: 6-15 digits, possibly masked with `*`, or a BHYT-like card number. */
function isIdLike(field: string): boolean {
  const f = digitsOf(field);
  return /^[0-9*]{6,15}$/.test(f) && /\d{3}/.test(f) ? true : /^[A-Za-z]{1,2}\d{9,13}$/.test(field.trim());
}

/** A date as cards write it: `DDMMYYYY`, `YYYY-MM-DD` (maybe masked), `DD/MM/YYYY`. */
function isDateLike(field: string): boolean {
  const f = field.trim();
  return /^\d{8}$/.test(digitsOf(f)) || /^\d{4}-[0-9*]{2}-[0-9*]{2}$/.test(f) || /^\d{2}\/\d{2}\/\d{4}$/.test(f);
}

/** Two to seven words of letters (Vietnamese, folded or damaged), or hex UTF-8 (BHYT names). */
function isNameLike(field: string): boolean {
  const f = field.trim();
  if (/^(?:[0-9a-fA-F]{2}){4,}$/.test(f) && /[a-fA-F]/.test(f)) return true;
  const words = f.split(/\s+/);
  return words.length >= 2 && words.length <= 7 && words.every((word) => /^\p{L}[\p{L}\p{M}'’.-]*$/u.test(word));
}

function isGenderWord(field: string): boolean {
  return /^(nam|n[ữu]|male|female|[12])$/i.test(field.trim());
}

/**
 * True when the payload has the field layout of a CCCD, health QR or BHYT (separated fields with an
 * ID-like number and a date, a name or a gender word), or is an ID-like number followed by name-like
 * words. Such a payload that failed to decode is a damaged card, never a plain code.
 */
export function looksLikePersonalDocument(text: string): boolean {
  for (const separator of FIELD_SEPARATORS) {
    const fields = text.split(separator);
    if (fields.length < 3) continue;
    const personal = [isDateLike, isNameLike, isGenderWord].filter((test) => fields.some(test)).length;
    if (fields.some(isIdLike) && personal >= 1) return true;
    if (personal >= 2) return true;
  }
  const idThenName = /^\s*[0-9*]{6,15}\W+(.+)$/u.exec(text);
  return idThenName !== null && isNameLike(idThenName[1].split(/[^\p{L}\p{M}\s]/u)[0] ?? '');
}

/** Longest plain code that can be a ticket or a badge, characters. */
export const MAX_TICKET_CHARS = 64;

/**
 * True when a plain code looks like a ticket or a staff badge: 3-64 printable ASCII characters of
 * letters, digits and `- . / : _ # + %` or space, beginning and ending with a letter or a digit,
 * with a digit or a separator in it (a word alone, like `hello`, is not a ticket), and without the
 * shape of a personal document.
 */
export function looksLikeTicket(text: string): boolean {
  if (text.length < 3 || text.length > MAX_TICKET_CHARS) return false;
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9 \-./:_#+%]*[A-Za-z0-9])?$/.test(text)) return false;
  if (!/[0-9\-./:_#]/.test(text)) return false;
  return !looksLikePersonalDocument(text);
}
