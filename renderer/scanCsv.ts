/**
 * The export as a CSV in the screen's language: column names and coded values (direction, kind,
 * gender) in words from the catalogs; what people typed or cards carried stays as it is.
 */
import { CODE_KINDS } from '../shared/codes/DecodedCode';
import type { ScanExport, ScanExportColumn } from '../shared/kioskScans';
import { toCsv } from '../shared/csv';
import type { Translate } from './messages';

function word(column: ScanExportColumn, value: string | number | null, t: Translate): string | number | null {
  if (value === null) return null;
  switch (column) {
    case 'direction':
      return value === 'in' || value === 'out' ? t(`scan.direction.${value}`) : value;
    case 'kind': {
      const kind = CODE_KINDS.find((known) => known === value);
      return kind ? t(`scan.kind.${kind}`) : value;
    }
    case 'gender':
      return value === 'male' || value === 'female' ? t(`csv.gender.${value}`) : value;
    case 'boarded':
      return value === 'yes' || value === 'no' ? t(`csv.boarded.${value}`) : value;
    default:
      return value;
  }
}

/** CSV text (RFC 4180, CRLF; the BOM is added when saved). */
export function scanCsv(exported: ScanExport, t: Translate): string {
  const headers = exported.columns.map((column) => t(`csv.col.${column}`));
  const rows = exported.rows.map((row) =>
    Object.fromEntries(exported.columns.map((column, index) => [headers[index], word(column, row[index] ?? null, t)])),
  );
  return toCsv(headers, rows);
}
