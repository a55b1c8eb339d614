/**
 * The typed result of decoding one scanned payload. Pure data: no Node, no DOM.
 */

/** What kind of code a payload is. */
export const CODE_KINDS = ['cccd', 'covid-personal', 'bhyt', 'eu-dcc', 'foreign-venue', 'enrollment', 'other'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

/**
 * Named damage or doubt found in a payload.
 * - `keyboard-layout`: characters moved by a non-US keyboard layout or lost by a keyboard wedge.
 * - `control-chars`: bytes below 0x20 (other than the trimmed CR/LF) or DEL inside the code.
 * - `too-long`: over {@link MAX_PAYLOAD_CHARS} characters; the rest is not decoded.
 * - `bad-date`: a date field that is not a real calendar date, or in the future.
 * - `id-mismatch`: the ID number disagrees with the card's own fields (gender, century, birth year).
 * - `bad-id`: the ID number has the wrong shape (length, digits, unknown province code).
 * - `empty`: nothing but whitespace.
 * - `bad-encoding`: bytes that were not valid UTF-8 (shown as U+FFFD by the scanner driver).
 * - `letters-folded`: a keyboard wedge typed Vietnamese letters without diacritics (`Pham Thi Hong`);
 *   the name still reads as words and is kept, marked so.
 * - `letters-dropped`: a keyboard wedge dropped the Vietnamese letters (`Phm Th Hng`); name and
 *   address are not kept.
 * - `mojibake`: UTF-8 bytes had been read in a single-byte code page (Alt codes, a serial port as
 *   Latin-1) and were turned back into the right text before decoding.
 * - `damaged-card`: the payload has the shape of a personal document but does not decode: refused,
 *   its text never kept.
 * - `incomplete`: the wedge decoder cannot be sure the scan is whole (its first keys may be lost).
 */
export const PROBLEM_CODES = [
  'keyboard-layout',
  'control-chars',
  'too-long',
  'bad-date',
  'id-mismatch',
  'bad-id',
  'empty',
  'bad-encoding',
  'letters-folded',
  'letters-dropped',
  'mojibake',
  'damaged-card',
  'incomplete',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export type Gender = 'male' | 'female';

/** Longest payload decoded, in UTF-16 code units. QR codes top out near 4,296 characters. */
export const MAX_PAYLOAD_CHARS = 4096;

export interface DecodedCode {
  readonly kind: CodeKind;
  /** True when the payload decoded cleanly: no problems at all (a repaired one is not `valid`). */
  readonly valid: boolean;
  /** Citizen ID (12 digits), masked document number, or insurance card number. */
  readonly idNumber: string | null;
  /** NFC-normalised full name, null when absent or unreadable. */
  readonly fullName: string | null;
  /** `YYYY-MM-DD`, or `YYYY` where only the year is known. */
  readonly birthDate: string | null;
  readonly gender: Gender | null;
  readonly address: string | null;
  /** Card issue date, `YYYY-MM-DD` (CCCD). */
  readonly issueDate: string | null;
  /** For `foreign-venue`: which system the poster belongs to. For `enrollment`: the code. */
  readonly detail: string | null;
  /** True when a damaged ID number was restored with certainty (e.g. AZERTY digits). */
  readonly recovered: boolean;
  readonly problems: readonly ProblemCode[];
  /** The trimmed, NFC-normalised payload (cut at {@link MAX_PAYLOAD_CHARS}). Never logged. */
  readonly text: string;
}

/** Fields every decoder fills the same way unless it has better knowledge. */
export function blankCode(kind: CodeKind, text: string): DecodedCode {
  return {
    kind,
    valid: true,
    idNumber: null,
    fullName: null,
    birthDate: null,
    gender: null,
    address: null,
    issueDate: null,
    detail: null,
    recovered: false,
    problems: [],
    text,
  };
}

/** Returns `code` with `problems` added (deduplicated) and `valid` recomputed. */
/** Problems that say the scanner lost letters (or typed them as Alt codes): the scanner needs setting up. */
export const LETTERS_LOST_PROBLEMS: readonly ProblemCode[] = ['letters-folded', 'letters-dropped', 'mojibake'];

export function withProblems(code: DecodedCode, problems: readonly ProblemCode[]): DecodedCode {
  const all = [...new Set([...code.problems, ...problems])];
  return { ...code, problems: all, valid: all.length === 0 };
}
