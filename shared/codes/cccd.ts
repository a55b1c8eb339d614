/**
 * Chip citizen ID card (CCCD / Căn cước) QR:
 * `ID12|oldID9|full name|DDMMYYYY birth|Nam or Nữ|address|DDMMYYYY issue[|more...]`.
 */
import { blankCode, withProblems, type DecodedCode, type Gender, type ProblemCode } from './DecodedCode';
import { isAfter, parseDayMonthYear } from './dates';
import { azertyDigitsToDigits } from './keyboardLayout';
import { hasOnlyAsciiLetters, readsAsFoldedAddress, readsAsFoldedWords } from './vietnameseText';

/** Province codes of the first three ID digits (Circular 07/2016/TT-BCA, 63 provinces). */
const PROVINCE_CODES = new Set([
  1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45, 46,
  48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93,
  94, 95, 96,
]);

/** Century (first two digits of the birth year) for each pair of gender-century digits. */
const CENTURY_BY_DIGIT_PAIR = [19, 20, 21, 22, 18] as const;

export interface CitizenIdFacts {
  readonly gender: Gender;
  /** Four-digit birth year encoded in the ID. */
  readonly birthYear: string;
}

/**
 * Reads gender and birth year from a 12-digit citizen ID, or null when the shape or the
 * province code is wrong.
 */
export function citizenIdFacts(id: string): CitizenIdFacts | null {
  if (!/^\d{12}$/.test(id)) return null;
  if (!PROVINCE_CODES.has(Number(id.slice(0, 3)))) return null;
  const genderDigit = Number(id[3]);
  const century = CENTURY_BY_DIGIT_PAIR[Math.floor(genderDigit / 2)];
  return {
    gender: genderDigit % 2 === 0 ? 'male' : 'female',
    birthYear: `${century}${id.slice(4, 6)}`,
  };
}

function genderFromField(field: string): Gender | null {
  const f = field.trim().toLowerCase();
  if (f === 'nam') return 'male';
  // `Nu`: a wedge folded `Nữ` to ASCII. `N` alone (the letter dropped) stays unread.
  if (f === 'nữ' || f === 'nu') return 'female';
  return null;
}

/** True when the payload has the CCCD shape (a 12-digit first field and 7 or more fields). */
export function looksLikeCccd(fields: readonly string[]): boolean {
  return fields.length >= 7 && /^\d{12}$/.test(fields[0]);
}

export interface CccdOptions {
  /** Today as `YYYY-MM-DD`: dates after it are `bad-date`. */
  readonly today?: string;
  /** The payload's separators or letters were damaged by a keyboard layout: distrust text fields. */
  readonly layoutDamaged?: boolean;
}

/** Decodes CCCD fields (already split on `|`). */
export function decodeCccd(text: string, fields: readonly string[], options: CccdOptions = {}): DecodedCode {
  const problems: ProblemCode[] = [];
  const id = fields[0];
  const facts = citizenIdFacts(id);
  if (!facts) problems.push('bad-id');

  const layoutDamaged = options.layoutDamaged === true;
  const birthField = layoutDamaged ? (azertyDigitsToDigits(fields[3]) ?? fields[3]) : fields[3];
  const issueField = layoutDamaged ? (azertyDigitsToDigits(fields[6]) ?? fields[6]) : fields[6];
  const birthDate = parseDayMonthYear(birthField);
  const issueDate = issueField === '' ? null : parseDayMonthYear(issueField);
  if (!birthDate || (issueField !== '' && !issueDate)) problems.push('bad-date');
  if (birthDate && issueDate && isAfter(birthDate, issueDate)) problems.push('bad-date');
  if (
    options.today &&
    ((birthDate && isAfter(birthDate, options.today)) || (issueDate && isAfter(issueDate, options.today)))
  ) {
    problems.push('bad-date');
  }

  const fieldGender = layoutDamaged ? null : genderFromField(fields[4]);
  if (facts) {
    if (birthDate && birthDate.slice(0, 4) !== facts.birthYear) problems.push('id-mismatch');
    if (fieldGender && fieldGender !== facts.gender) problems.push('id-mismatch');
  }

  // A wedge cannot type Vietnamese letters: real CCCD addresses always carry some, so a name and
  // address with none left were typed by a wedge. Still words (`Pham Thi Hong`): folded, kept and
  // marked. Not words any more (`Phm Th Hng`): dropped, not kept. An address's ordinary
  // abbreviations (`TP`, `KDC`, `P.`) are words of the address, not dropped letters.
  const lettersLost = !layoutDamaged && hasOnlyAsciiLetters(fields[2]) && hasOnlyAsciiLetters(fields[5]);
  const folded = lettersLost && readsAsFoldedWords(fields[2]) && readsAsFoldedAddress(fields[5]);
  if (layoutDamaged) problems.push('keyboard-layout');
  if (lettersLost) problems.push(folded ? 'letters-folded' : 'letters-dropped');
  const textTrusted = !layoutDamaged && (!lettersLost || folded);

  const code: DecodedCode = {
    ...blankCode('cccd', text),
    idNumber: id,
    fullName: textTrusted && fields[2].trim() !== '' ? fields[2].trim() : null,
    birthDate: birthDate ?? facts?.birthYear ?? null,
    gender: fieldGender ?? facts?.gender ?? null,
    address: textTrusted && fields[5].trim() !== '' ? fields[5].trim() : null,
    issueDate,
  };
  return withProblems(code, problems);
}
