/** CSV (RFC 4180) for exports opened in spreadsheets. */

/** C0 controls other than tab, CR and LF, and DEL: a spreadsheet may drop them and then read what follows. */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
/** A formula start, in ASCII or full width (`＝＋－＠`), after any spaces or tabs. */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Quotes a cell. A cell that a spreadsheet could run as a formula gets a leading `'`; a cell with a
 * separator of any locale (`,` `;` tab) or a line break is quoted, so `;=…` never starts a new cell
 * where `;` is the separator.
 */
function cell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value).replace(CONTROLS, '');
  if (FORMULA_START.test(text) || /^[\t\r]/.test(text)) text = `'${text}`;
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<T extends object>(columns: readonly (keyof T & string)[], rows: readonly T[]): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((column) => cell(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
