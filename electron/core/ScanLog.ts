/**
 * The read side of the kiosk's scans: today's log and its search, who is inside now, scans per
 * hour, the printed lists (manifest) and the export (its columns are defined here, once; the page
 * writes the CSV in its language). Voided scans count nowhere.
 */
import { KioskMethodError } from '../../shared/contract';
import {
  maskIdNumber,
  type HourCount,
  type Manifest,
  type ManifestEntry,
  type RefusalReason,
  type ScanExport,
  type ScanExportColumn,
  type ScanLogEntry,
} from '../../shared/kioskScans';
import type { KioskSettings } from '../../shared/kioskSettings';
import { localTime } from './localTime';
import type { Logger } from './log';
import type { SqliteDatabase } from './store/openDatabase';
import { findSailing, listBoarded, listRefusedBoarding, listScansOfSailing } from './store/sailingQueries';
import {
  countScansByHour,
  listInsideOnDay,
  listOnBoard,
  listScansForExport,
  listScansOfDay,
  searchScansOfDay,
  type ListedScanRow,
  type ScanRow,
} from './store/scanQueries';

/** Lines of today's log in the state every screen gets. */
export const RECENT_SCANS_SHOWN = 20;

/** The export's columns, in order, and how each is read from a row (values are codes the page words). */
const CSV_COLUMNS: ReadonlyArray<readonly [ScanExportColumn, (row: ScanRow) => string | number | null]> = [
  [
    'time',
    (row) =>
      new Date(Date.parse(row.scanned_at) + row.utc_offset_min * 60_000).toISOString().slice(0, 19).replace('T', ' '),
  ],
  ['direction', (row) => row.direction],
  ['kind', (row) => row.kind],
  ['idNumber', (row) => row.id_number],
  ['fullName', (row) => row.full_name],
  ['birthDate', (row) => row.birth_date],
  ['gender', (row) => row.gender],
  ['address', (row) => row.address],
  ['code', (row) => row.code_text],
  ['context', (row) => row.context_label],
  // A sailing's scans: boarded or refused for a full boat (codes the page words); empty otherwise.
  ['boarded', (row) => (row.boarded === null ? null : row.boarded === 1 ? 'yes' : 'no')],
];

export interface ScanLogOptions {
  /** The kiosk's current database (it changes when a stand-in is replaced by the real file). */
  readonly db: () => SqliteDatabase;
  readonly now: () => Date;
  readonly logger: Logger;
  /** The venue's name and address and the current sailing with its capacity head a printed list. */
  readonly settings: () => Pick<
    KioskSettings,
    'venueName' | 'venueAddress' | 'contextLabel' | 'sailingCapacity' | 'privacyProfile'
  >;
  /** The venue's type from enrollment (`port`, `hotel`, ...), or null. */
  readonly venueType: () => string | null;
}

export class ScanLog {
  private readonly db: () => SqliteDatabase;
  private readonly now: () => Date;
  private readonly logger: Logger;

  constructor(private readonly options: ScanLogOptions) {
    this.db = options.db;
    this.now = options.now;
    this.logger = options.logger;
  }

  private today(): string {
    return localTime(this.now()).localDay;
  }

  /** One day's scans (today by default), optionally searched; newest first. */
  list(day: string | undefined, query: string | undefined, limit = 200): ScanLogEntry[] {
    const localDay = day ?? this.today();
    const rows = query
      ? searchScansOfDay(this.db(), localDay, query, limit)
      : listScansOfDay(this.db(), localDay, limit);
    return rows.map(toListedEntry);
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

  /**
   * A day's recorded scans (today by default), or a context's (a sailing's passenger list by its
   * label), or a port's sailing's (every scan made for it), for a CSV.
   */
  exportScans(day: string | undefined, contextLabel: string | undefined, sailingId?: string): ScanExport {
    const rows = sailingId
      ? listScansOfSailing(this.db(), this.requireSailing(sailingId).id)
      : listScansForExport(this.db(), { localDay: contextLabel ? day : (day ?? this.today()), contextLabel });
    this.logger.info('kiosk.export', 'scans exported', { rows: rows.length });
    return {
      columns: CSV_COLUMNS.map(([name]) => name),
      rows: rows.map((row) => CSV_COLUMNS.map(([, read]) => read(row))),
    };
  }

  /**
   * Who is on board a sailing (with its label) or inside, of a day (today by default), to print;
   * with the sailing's capacity when it is the current one.
   */
  manifest(day: string | undefined, contextLabel: string | undefined, sailingId?: string): Manifest {
    if (sailingId) return this.sailingManifest(sailingId);
    const { venueName, venueAddress, contextLabel: current, sailingCapacity, privacyProfile } = this.options.settings();
    const venue = {
      venueName,
      venueAddress,
      venueType: this.options.venueType(),
      capacity: contextLabel && contextLabel === current ? sailingCapacity : null,
    };
    const localDay = day ?? this.today();
    const rows = listOnBoard(this.db(), localDay, contextLabel ?? null);
    this.logger.info('kiosk.manifest', 'list made', { rows: rows.length });
    const fullIds = privacyProfile === 'full';
    return {
      ...venue,
      contextLabel: contextLabel ?? null,
      day: localDay,
      madeAt: this.now().toISOString(),
      entries: rows.map((row) => toManifestEntry(row, fullIds)),
      fullIds,
    };
  }

  /**
   * A port's sailing's passenger manifest, whenever it is asked (boarding, closed, or reprinted from
   * the past sailings): who is on board, and apart who was refused for a full boat.
   */
  private sailingManifest(sailingId: string): Manifest {
    const sailing = this.requireSailing(sailingId);
    const { venueName, venueAddress, privacyProfile } = this.options.settings();
    const db = this.db();
    const fullIds = privacyProfile === 'full';
    const entries = listBoarded(db, sailing.id).map((row) => toManifestEntry(row, fullIds));
    const refusedEntries = listRefusedBoarding(db, sailing.id).map((row) => toManifestEntry(row, fullIds));
    this.logger.info('kiosk.manifest', 'sailing list made', { rows: entries.length, refused: refusedEntries.length });
    return {
      venueName,
      venueAddress,
      venueType: this.options.venueType(),
      contextLabel: sailing.label,
      day: localTime(new Date(sailing.departs_at)).localDay,
      madeAt: this.now().toISOString(),
      capacity: sailing.seats,
      entries,
      refusedEntries,
      fullIds,
      sailing: {
        id: sailing.id,
        label: sailing.label,
        route: sailing.route,
        departsAt: sailing.departs_at,
        seats: sailing.seats,
        state: sailing.state,
        closedAt: sailing.closed_at,
      },
    };
  }

  private requireSailing(sailingId: string) {
    const sailing = findSailing(this.db(), sailingId);
    if (!sailing) throw new KioskMethodError('invalid-input', 'kiosk.manifest: no such sailing on this kiosk');
    return sailing;
  }

  /** How many are on board the sailing `contextLabel` today. */
  onBoardCount(contextLabel: string | null): number {
    return contextLabel ? listOnBoard(this.db(), this.today(), contextLabel).length : 0;
  }
}

/** One person on a printed list: the whole ID number only where the profile keeps lists with it. */
function toManifestEntry(row: ScanRow, fullIds: boolean): ManifestEntry {
  return {
    scanId: row.id,
    at: row.scanned_at,
    displayName: row.full_name,
    maskedId: row.id_number ? maskIdNumber(row.id_number) : null,
    ...(fullIds ? { idNumber: row.id_number } : {}),
    birthYear: row.birth_date ? row.birth_date.slice(0, 4) : null,
    kind: row.kind as ScanLogEntry['kind'],
    source: row.source,
    codeText: row.code_text,
  };
}

function toListedEntry(row: ListedScanRow): ScanLogEntry {
  return { ...toLogEntry(row), voided: row.voided === 1, voidsScanId: row.voids };
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
