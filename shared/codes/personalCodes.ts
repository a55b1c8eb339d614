/** Decoders for the personal health QR (v1.1), the BHYT insurance card and the EU DCC. */
import { blankCode, withProblems, type DecodedCode, type Gender, type ProblemCode } from './DecodedCode';
import { parseDayMonthYear, parseMaskedIsoDate, parseSlashedDate } from './dates';

/**
 * The document number of a health QR: a CMND (9 digits) or CCCD (12), usually with its first six
 * masked by `*`. Anything else is a number that lost characters (a wedge's first keys), which would
 * identify someone else. (An unmasked 12-digit number that lost three is a CMND's shape: that
 * ambiguity is left, as the app masks the number.)
 */
const HEALTH_QR_DOCUMENT = /^(?:\*{6}\d{3}|\*{6}\d{6}|\d{9}|\d{12})$/;

/** Personal health QR v1.1: `SoGiayTo|HoTen|NgaySinh|LoaiDinhDanh|QID|EXT`. */
export function looksLikeHealthQr(fields: readonly string[]): boolean {
  return (
    fields.length >= 5 &&
    fields.length <= 7 &&
    (fields[3] === '0' || fields[3] === '1') &&
    HEALTH_QR_DOCUMENT.test(fields[0])
  );
}

function genderWord(word: string): Gender | null {
  const w = word.trim().toLowerCase();
  if (w === 'nam' || w === 'male') return 'male';
  if (w === 'nữ' || w === 'nu' || w === 'female') return 'female';
  return null;
}

export function decodeHealthQr(text: string, fields: readonly string[]): DecodedCode {
  const problems: ProblemCode[] = [];
  const birthDate = parseMaskedIsoDate(fields[2]);
  if (!birthDate) problems.push('bad-date');
  // EXT carries gender, insurance number and phone separated by `<` (separator not confirmed).
  const ext = fields[5] ?? '';
  const code: DecodedCode = {
    ...blankCode('covid-personal', text),
    idNumber: fields[0],
    fullName: fields[1].trim() === '' ? null : fields[1].trim(),
    birthDate,
    gender: genderWord(ext.split('<')[0] ?? ''),
  };
  return withProblems(code, problems);
}

/** BHYT card number: two letters, one digit, two digits, ten digits (15 characters). */
const BHYT_CARD = /^[A-Z]{2}\d{13}$/;

export function looksLikeBhyt(fields: readonly string[]): boolean {
  return fields.length >= 4 && BHYT_CARD.test(fields[0]);
}

/** Decodes hex-encoded UTF-8 (BHYT name and address), or null when it is not valid hex UTF-8. */
export function decodeHexUtf8(hex: string): string | null {
  if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(hex)) return null;
  try {
    return decodeURIComponent(hex.replace(/../g, '%$&')).normalize('NFC');
  } catch {
    return null;
  }
}

function parseBhytDate(field: string): string | null {
  if (/^\d{4}$/.test(field)) return field;
  return parseSlashedDate(field) ?? parseDayMonthYear(field);
}

export function decodeBhyt(text: string, fields: readonly string[]): DecodedCode {
  const problems: ProblemCode[] = [];
  const fullName = decodeHexUtf8(fields[1]);
  const birthDate = parseBhytDate(fields[2]);
  if (!birthDate) problems.push('bad-date');
  const genderDigit = fields[3];
  const address = fields[4] === undefined ? null : decodeHexUtf8(fields[4]);
  const code: DecodedCode = {
    ...blankCode('bhyt', text),
    idNumber: fields[0],
    // Plain-text names (some card printers) are accepted as they are.
    fullName: fullName ?? (fields[1].trim() === '' ? null : fields[1].trim()),
    birthDate,
    gender: genderDigit === '1' ? 'male' : genderDigit === '2' ? 'female' : null,
    address,
  };
  return withProblems(code, problems);
}

/** EU Digital COVID Certificate: `HC1:` then Base45. Recognised only; signatures not checked. */
export function decodeEuDcc(text: string): DecodedCode {
  const body = text.slice(4);
  const wellFormed = body.length > 0 && /^[0-9A-Z $%*+\-./:]+$/.test(body);
  return withProblems(blankCode('eu-dcc', text), wellFormed ? [] : ['bad-id']);
}
