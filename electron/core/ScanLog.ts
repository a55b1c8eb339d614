/**
 * The read side of the kiosk's scans: today's log and its search, who is inside now, scans per
 * hour, and the CSV export (its columns are defined here, once).
 */
import { maskIdNumber, type HourCount, type RefusalReason, type ScanLogEntry } from '../../shared/contract';
import { toCsv } from '../../shared/csv';
import { localTime } from './localTime';
import type { Logger } from './log';
import type { SqliteDatabase } from './store/openDatabase';
import { countScansByHour, listInsideOnDay, listScansForExport, listScansOfDay, searchScansOfDay, type ScanRow } from './store/scanQueries';

/** Lines of today's log in the state every screen gets. */
export const RECENT_SCANS_SHOWN = 20;

/** The CSV export's columns, in order, and how each is read from a row. */
const CSV_COLUMNS: ReadonlyArray<readonly [string, (row: ScanRow) => string | number | null]> = [
  ['time', (row) => new Date(Date.parse(row.scanned_at) + row.utc_offset_min * 60_000).toISOString().slice(0, 19).replace('T', ' ')],
  ['direction', (row) => row.direction],
  ['kind', (row) => row.kind],
  ['idNumber', (row) => row.id_number],
  ['fullName', (row) => row.full_name],
  ['birthDate', (row) => row.birth_date],
  ['gender', (row) => row.gender],
  ['address', (row) => row.address],
  ['code', (row) => row.code_text],
  ['context', (row) => row.context_label],
];

export class ScanLog {
  constructor(
    private readonly db: () => SqliteDatabase,
    private readonly now: () => Date,
    private readonly logger: Logger,
  ) {}

  private today(): string {
    return localTime(this.now()).localDay;
  }

  /** One day's scans (today by default), optionally searched; newest first. */
  list(day: string | undefined, query: string | undefined, limit = 200): ScanLogEntry[] {
    const localDay = day ?? this.today();
    const rows = query ? searchScansOfDay(this.db(), localDay, query, limit) : listScansOfDay(this.db(), localDay, limit);
    return rows.map(toLogEntry);
  }

  /** Who is inside now (last scan today an entry): the evacuation roll call. */
  insideNow(): ScanLogEntry[] {
    return listInsideOnDay(this.db(), this.today()).map(toLogEntry);
  }

  /** Today's recorded scans by local hour, 24 entries. */
  hourlyCounts(): HourCount[] {
    const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, in: 0, out: 0 }));
    for (const row of countScansByHour(this.db(), this.today())) {
      if (row.direction === 'in' || row.direction === 'out') hours[row.hour][row.direction] += row.n;
    }
    return hours;
  }

  /** CSV of a day's recorded scans (today by default), or of a context (a sailing's passenger list). */
  exportCsv(day: string | undefined, contextLabel: string | undefined): string {
    const rows = listScansForExport(this.db(), { localDay: contextLabel ? day : (day ?? this.today()), contextLabel });
    this.logger.info('kiosk.export', 'CSV exported', { rows: rows.length });
    return toCsv(
      CSV_COLUMNS.map(([name]) => name),
      rows.map((row) => Object.fromEntries(CSV_COLUMNS.map(([name, read]) => [name, read(row)]))),
    );
  }
}

function toLogEntry(row: ScanRow): ScanLogEntry {
  return {
    scanId: row.id,
    at: row.scanned_at,
    outcome: row.outcome,
    direction: row.direction,
    kind: row.kind as ScanLogEntry['kind'],
    reason: row.reason as RefusalReason | null,
    displayName: row.full_name,
    maskedId: row.id_number ? maskIdNumber(row.id_number) : null,
    contextLabel: row.context_label,
  };
}
