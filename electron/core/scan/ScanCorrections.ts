/**
 * Counter staff's corrections of this kiosk's last scan (within {@link CORRECTION_WINDOW_MS}):
 * undo it, or flip its direction. Never a delete: a correction row (`voids` = the scan's id, no
 * personal field, no direction) voids the scan, and a flip records the same passage again in the
 * other direction, both in one transaction. Both rows are uploaded like any scan.
 */
import { v7 as uuidv7 } from 'uuid';
import { KioskMethodError } from '../../../shared/contract';
import {
  CORRECTION_WINDOW_MS,
  maskIdNumber,
  type Direction,
  type ScanLogEntry,
  type ScanResult,
} from '../../../shared/kioskScans';
import { localTime } from '../localTime';
import type { Logger } from '../log';
import type { StorageGuard } from '../StorageGuard';
import type { SqliteDatabase } from '../store/openDatabase';
import { countOnBoard, findSailing } from '../store/sailingQueries';
import {
  findLastRecordedScan,
  insertScan,
  type ListedScanRow,
  type NewScanRow,
  type ScanRow,
} from '../store/scanQueries';
import type { DayCounter } from './DayCounter';

export interface ScanCorrectionsOptions {
  readonly db: () => SqliteDatabase;
  readonly now: () => Date;
  readonly logger: Logger;
  readonly storage: StorageGuard;
  readonly counter: DayCounter;
  /** After each committed row (the uploader counts it). */
  readonly rowWritten: (scannedAt: string) => void;
  /** Every correction's result, so every page hears it (`scan-handled`). */
  readonly announce: (result: ScanResult) => void;
}

export class ScanCorrections {
  constructor(private readonly options: ScanCorrectionsOptions) {}

  /** The scan that can still be corrected: this kiosk's last recorded one, not voided, in the window. */
  correctable(): ScanRow | null {
    if (this.options.storage.standIn) return null;
    const listed: ListedScanRow | undefined = findLastRecordedScan(this.options.db());
    if (!listed || listed.voided || listed.direction === null) return null;
    const { voided: _voided, ...row } = listed;
    const age = this.options.now().getTime() - Date.parse(row.scanned_at);
    return age <= CORRECTION_WINDOW_MS ? row : null;
  }

  /** The correctable scan as the screens list it, or null. */
  correctableEntry(): ScanLogEntry | null {
    const row = this.correctable();
    if (!row) return null;
    return {
      scanId: row.id,
      at: row.scanned_at,
      outcome: 'recorded',
      direction: row.direction,
      kind: row.kind as ScanLogEntry['kind'],
      reason: null,
      displayName: row.full_name,
      maskedId: row.id_number ? maskIdNumber(row.id_number) : null,
      contextLabel: row.context_label,
    };
  }

  /** Voids the last scan (every page hears it). Answers `voided` with the scan's person and direction. */
  undo(): ScanResult {
    const scan = this.require();
    const correction = this.correctionRow(scan);
    this.write([correction]);
    this.options.logger.info('kiosk.correction', 'last scan voided', { scanId: scan.id });
    return this.announced(this.result(scan, { outcome: 'voided', scanId: correction.id, direction: scan.direction }));
  }

  /**
   * Voids the last scan and records the same passage in the other direction. For a sailing, boarding
   * is decided again against the seats once the voided scan no longer counts: a boarding flipped to
   * leaving frees its seat, a leaving flipped to boarding takes one only if one is free.
   */
  flip(): ScanResult {
    const scan = this.require();
    const direction: Direction = scan.direction === 'in' ? 'out' : 'in';
    const { seq: _seq, ...again } = scan;
    const id = uuidv7();
    let boarding: { readonly seats: number; readonly onBoard: number } | undefined;
    let boarded = direction === 'in' ? scan.boarded : null;
    this.write([
      this.correctionRow(scan),
      (db) => {
        const sailing = scan.sailing_id === null ? undefined : findSailing(db, scan.sailing_id);
        if (sailing) {
          const onBoard = countOnBoard(db, sailing.id);
          if (direction === 'in') boarded = onBoard < sailing.seats ? 1 : 0;
          boarding = { seats: sailing.seats, onBoard: onBoard + (boarded === 1 ? 1 : 0) };
        }
        return { ...again, id, direction, voids: null, boarded };
      },
    ]);
    this.options.logger.info('kiosk.correction', 'last scan flipped', { scanId: scan.id, direction });
    const outcome = boarded === 0 ? 'boat-full' : 'recorded';
    return this.announced({
      ...this.result(scan, { outcome, scanId: id, direction }),
      ...(boarding ? { boarding } : {}),
    });
  }

  private announced(result: ScanResult): ScanResult {
    this.options.announce(result);
    return result;
  }

  private require(): ScanRow {
    this.options.storage.requireSaving();
    const scan = this.correctable();
    if (!scan)
      throw new KioskMethodError(
        'nothing-to-correct',
        'kiosk.correction: no scan of this kiosk in the last 10 minutes to correct',
      );
    return scan;
  }

  /** The row voiding `scan`: when staff corrected it, and nothing personal. */
  private correctionRow(scan: ScanRow): NewScanRow {
    const time = localTime(this.options.now());
    return {
      id: uuidv7(),
      scanned_at: time.iso,
      utc_offset_min: time.offsetMinutes,
      local_day: time.localDay,
      direction: null,
      source: 'manual',
      kind: scan.kind,
      outcome: 'recorded',
      reason: null,
      problems: '',
      recovered: 0,
      subject_key: null,
      id_number: null,
      full_name: null,
      birth_date: null,
      gender: null,
      address: null,
      code_text: null,
      context_label: scan.context_label,
      declaration: null,
      voids: scan.id,
    };
  }

  /** Writes the rows in one transaction; a row given as a function is made there, after the rows before it. */
  private write(rows: readonly (NewScanRow | ((db: SqliteDatabase) => NewScanRow))[]): void {
    const db = this.options.db();
    const written: NewScanRow[] = [];
    try {
      db.transaction(() => {
        for (const row of rows) {
          const made = typeof row === 'function' ? row(db) : row;
          insertScan(db, made);
          written.push(made);
        }
      })();
    } catch (error) {
      this.options.storage.writeFailed(error);
      this.options.logger.error('kiosk.correction', 'could not write a correction', {
        error: error instanceof Error ? error.message : String(error),
      });
      throw new KioskMethodError('storage-unavailable', 'kiosk.correction: the correction could not be written');
    }
    this.options.storage.wrote();
    // Counts are read again: a voided scan leaves the day's counts.
    this.options.counter.forget();
    for (const row of written) this.options.rowWritten(row.scanned_at);
  }

  private result(scan: ScanRow, change: Pick<ScanResult, 'outcome' | 'scanId' | 'direction'>): ScanResult {
    return {
      ...change,
      source: scan.source,
      kind: scan.kind as ScanResult['kind'],
      reason: null,
      problems: [],
      recovered: false,
      displayName: scan.full_name,
      maskedId: scan.id_number ? maskIdNumber(scan.id_number) : null,
      at: scan.scanned_at,
      contextLabel: scan.context_label,
      counts: this.options.counter.of(localTime(this.options.now()).localDay),
      codeText: scan.code_text,
      voidsScanId: scan.id,
    };
  }
}
