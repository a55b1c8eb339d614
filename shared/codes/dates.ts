/** Calendar helpers for decoders. Dates are plain `YYYY-MM-DD` strings; no time zones involved. */

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1800 || year > 2299) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `DDMMYYYY` (CCCD, BHYT) to `YYYY-MM-DD`, or null when it is not a real calendar date. */
export function parseDayMonthYear(field: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(field);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(year, month, day) ? iso(year, month, day) : null;
}

/** `DD/MM/YYYY` (BHYT cards) to `YYYY-MM-DD`, or null. */
export function parseSlashedDate(field: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(field);
  return m ? parseDayMonthYear(`${m[1]}${m[2]}${m[3]}`) : null;
}

/**
 * `YYYY-MM-DD` with month and day possibly masked by `*` (personal health QR):
 * the full date, or `YYYY` alone when masked; null when malformed.
 */
export function parseMaskedIsoDate(field: string): string | null {
  const m = /^(\d{4})-([0-9*]{2})-([0-9*]{2})$/.exec(field);
  if (!m) return /^\d{4}$/.test(field) && isRealDate(Number(field), 1, 1) ? field : null;
  const year = Number(m[1]);
  if (m[2].includes('*') || m[3].includes('*')) return isRealDate(year, 1, 1) ? m[1] : null;
  return isRealDate(year, Number(m[2]), Number(m[3])) ? iso(year, Number(m[2]), Number(m[3])) : null;
}

/** Compares two `YYYY-MM-DD` or `YYYY` strings by their year-month-day order. */
export function isAfter(date: string, other: string): boolean {
  return date.localeCompare(other) > 0;
}
