/** CSV (RFC 4180) for exports opened in spreadsheets. */

/** C0 controls other than tab, CR and LF, and DEL: a spreadsheet may drop them and then read what follows. */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
/** A formula start, in ASCII or full width (`＝＋－＠`), after any spaces or tabs. */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * A number that must stay text in a spreadsheet (an ID number: `037188000123` would lose its
 * leading zero as a number). Written as the formula `="037188000123"`, which Excel and LibreOffice
 * Calc (formulas in CSV are evaluated on import by default) both show as the text 037188000123; a
 * leading tab or `'` would stay visible or be dropped by one of them. Only digits take this form (so
 * nothing else can become a formula); other text is an ordinary cell.
 */
export class KeptAsText {
  constructor(readonly text: string) {}
}

/**
 * Quotes a cell. A cell that a spreadsheet could run as a formula gets a leading `'`; a cell with a
 * separator of any locale (`,` `;` tab) or a line break is quoted, so `;=…` never starts a new cell
 * where `;` is the separator.
 */
function cell(value: unknown): string {
  if (value instanceof KeptAsText) return /^\d+$/.test(value.text) ? `"=""${value.text}"""` : cell(value.text);
  let text = value === null || value === undefined ? '' : String(value).replace(CONTROLS, '');
  if (FORMULA_START.test(text) || /^[\t\r]/.test(text)) text = `'${text}`;
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<T extends object>(columns: readonly (keyof T & string)[], rows: readonly T[]): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((column) => cell(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
