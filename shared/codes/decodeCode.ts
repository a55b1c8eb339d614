/**
 * One entry point from a raw scanned payload to a {@link DecodedCode}. Pure and total: any string
 * gives a result, never an exception.
 */
import { blankCode, MAX_PAYLOAD_CHARS, withProblems, type DecodedCode, type ProblemCode } from './DecodedCode';
import { citizenIdFacts, decodeCccd, looksLikeCccd } from './cccd';
import { decodeBhyt, decodeEuDcc, decodeHealthQr, looksLikeBhyt, looksLikeHealthQr } from './personalCodes';
import { ENROLLMENT_PREFIX } from '../enrollmentText';
import { hasLoneSurrogate } from '../safeText';
import { FIELD_SEPARATORS, looksLikePersonalDocument } from './documentShape';
import { azertyDigitsToDigits, looksLikeAzertyDigits } from './keyboardLayout';
import { repairMojibake } from './mojibake';

const FOREIGN_VENUE_PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['NZCOVIDTRACER:', 'nz-covid-tracer'],
  ['UKC19TRACING:', 'uk-nhs-covid19'],
  ['https://e.coronawarn.app', 'corona-warn-app'],
];

/** C0 controls other than those trimmed at the ends, DEL, and C1 controls. */
const CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F]/;

export interface DecodeOptions {
  /** Today as `YYYY-MM-DD`; dates after it are `bad-date`. */
  readonly today?: string;
  /** Key events showed a non-US layout (from the wedge decoder): add `keyboard-layout`. */
  readonly layoutSuspected?: boolean;
  /** The wedge decoder cannot be sure the scan is whole (its first keys may be lost): add `incomplete`. */
  readonly incomplete?: boolean;
}

function decodeFields(text: string, options: DecodeOptions): DecodedCode | null {
  const fields = text.split('|');
  if (looksLikeCccd(fields)) return decodeCccd(text, fields, { today: options.today });
  if (looksLikeHealthQr(fields)) return decodeHealthQr(text, fields);
  if (looksLikeBhyt(fields)) return decodeBhyt(text, fields);
  return null;
}

/**
 * A CCCD whose `|` separators (and perhaps digits) were moved by a non-US keyboard layout, or typed
 * without Shift (`\`).
 */
function recoverLayoutDamagedCccd(text: string, options: DecodeOptions): DecodedCode | null {
  if (text.includes('|')) return null;
  for (const separator of FIELD_SEPARATORS.filter((s) => s !== '|')) {
    const fields = text.split(separator);
    if (fields.length < 7) continue;
    const id = azertyDigitsToDigits(fields[0]);
    if (id === null || id.length !== 12) continue;
    const code = decodeCccd(text, [id, ...fields.slice(1)], { today: options.today, layoutDamaged: true });
    const trusted = citizenIdFacts(id) !== null && !code.problems.includes('id-mismatch');
    return { ...code, recovered: trusted };
  }
  return null;
}

function decodePrintable(text: string, options: DecodeOptions): DecodedCode {
  if (text.startsWith('HC1:')) return decodeEuDcc(text);
  for (const [prefix, system] of FOREIGN_VENUE_PREFIXES) {
    if (text.startsWith(prefix)) return { ...blankCode('foreign-venue', text), detail: system };
  }
  if (text.startsWith(ENROLLMENT_PREFIX)) {
    const body = text.slice(ENROLLMENT_PREFIX.length);
    return withProblems(
      { ...blankCode('enrollment', text), detail: body },
      /^[A-Z0-9]{6,32}(@\S+)?$/.test(body) ? [] : ['bad-id'],
    );
  }
  const structured = decodeFields(text, options) ?? recoverLayoutDamagedCccd(text, options);
  if (structured) return structured;
  // A card that lost its first keys or its separators is not a plain code: refused, text not kept.
  if (looksLikePersonalDocument(text)) return withProblems(blankCode('other', text), ['damaged-card']);
  const other = blankCode('other', text);
  return looksLikeAzertyDigits(text, 4) ? withProblems(other, ['keyboard-layout']) : other;
}

/**
 * Decodes a raw payload: trims surrounding whitespace and CR/LF, undoes mojibake (UTF-8 read in a
 * single-byte code page), normalises to NFC, cuts at {@link MAX_PAYLOAD_CHARS}, then recognises the
 * kind and checks its fields.
 */
export function decodeCode(raw: string, options: DecodeOptions = {}): DecodedCode {
  const problems: ProblemCode[] = [];
  // Before any other trim or NFC: mojibake can end in U+00A0 (a byte 0xA0) or hold Windows-1258's
  // combining marks, which either would change.
  const repair = repairMojibake(raw.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, ''));
  if (repair.codePage !== null) problems.push('mojibake');
  let text = repair.text.trim().normalize('NFC');
  if (text.length === 0) return withProblems(blankCode('other', ''), ['empty']);
  if (text.length > MAX_PAYLOAD_CHARS) {
    text = text.slice(0, MAX_PAYLOAD_CHARS);
    problems.push('too-long');
  }
  if (CONTROL_CHARS.test(text)) problems.push('control-chars');
  // U+FFFD: bytes a driver could not read as UTF-8; a lone surrogate: text no store can keep.
  if (text.includes('\uFFFD') || hasLoneSurrogate(text)) problems.push('bad-encoding');
  if (options.layoutSuspected) problems.push('keyboard-layout');
  if (options.incomplete) problems.push('incomplete');
  return withProblems(decodePrintable(text, options), problems);
}
