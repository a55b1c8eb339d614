/**
 * Writes one scan durably: for an accepted code, the duplicate window, the direction, the health
 * declaration wait and the row the privacy profile allows, in one transaction; for a refused one, a
 * row without any personal field. Answers `recorded` only after the commit (WAL, synchronous=FULL).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { DecodedCode } from '../../../shared/codes/DecodedCode';
import type { Direction, RefusalReason, ScanResult, ScanSource } from '../../../shared/kioskScans';
import type { LocalTime } from '../localTime';
import { decideBoarding, type BoardingTarget } from '../sailing/boardingCheck';
import { keptFields } from '../recordingPolicy';
import type { StorageGuard } from '../StorageGuard';
import { storageProblemOf, type SqliteDatabase } from '../store/openDatabase';
import { findLatestRecordedScanOfSubject, insertScan, type ScanRow } from '../store/scanQueries';
import { readSetting, writeSetting } from '../store/settingsStore';
import type { ScanPartContext } from './ScanPartContext';
import { buildScanRow, emptyCounts, notRecorded, scanResultBase } from './scanResults';

export interface ScanRecorderOptions extends ScanPartContext {
  readonly db: () => SqliteDatabase;
  readonly storage: StorageGuard;
  /** After each committed row (the uploader counts it, a checkpoint is planned). */
  readonly rowWritten: (scannedAt: string) => void;
  /** The disk is full: frees what it can (the WAL, the reserve); answers whether it freed anything. */
  readonly freeSpace: () => boolean;
  /**
   * What the scans are for now (a sailing, or a context label with or without seats), or null: tags
   * rows with its label, stops a full boat. Without this option, rows carry the settings' label.
   */
  readonly boardingTarget?: () => BoardingTarget | null;
  /**
   * A hotel desk: the room is the guest's, not the desk's. It tags the next guest's check-in and is
   * then cleared ({@link ScanRecorderOptions.roomTaken}); a check-out carries the room of that guest's
   * check-in; `auto` turns a guest's next scan into the check-out whatever day it comes.
   */
  readonly roomPerGuest?: () => boolean;
  /** A check-in took the room typed for it: the desk's field is cleared for the next guest. */
  readonly roomTaken?: () => void;
}

/** What the pipeline asks of one accepted scan. */
export interface AcceptedScan {
  readonly code: DecodedCode;
  /** Who the code identifies (hashed into the subject key, never stored as such). */
  readonly identity: string;
  readonly source: ScanSource;
  /** The operator's choice; otherwise the direction mode decides. */
  readonly direction?: Direction;
  readonly time: LocalTime;
  /** `all-no` or `yes:1,3` once answered; null when none was asked. */
  readonly declaration: string | null;
  /** Stop before writing and ask for the health declaration. */
  readonly askDeclaration: boolean;
}

export class ScanRecorder {
  private salt: { readonly db: SqliteDatabase; readonly value: string } | null = null;

  constructor(private readonly options: ScanRecorderOptions) {}

  recordAccepted(scan: AcceptedScan): ScanResult {
    const { code, time } = scan;
    const { settings, storage, counter } = this.options;
    const target = this.options.boardingTarget?.() ?? null;
    const roomPerGuest = this.options.roomPerGuest?.() === true;
    const desk = scanResultBase(code, time, scan.source, this.contextLabel(target));
    if (storage.standIn) return notRecorded(desk, storage.problem ?? 'unavailable', counter.last());
    const db = this.options.db();
    try {
      const subjectKey = this.subjectKey(scan.identity);
      const write = db.transaction((): ScanResult => {
        const previous = findLatestRecordedScanOfSubject(db, subjectKey);
        // Refused for a full boat a moment ago: scanned again, the seats are counted again (never amber).
        if (previous && previous.boarded !== 0 && this.isWithinDuplicateWindow(previous, time)) {
          return {
            ...desk,
            outcome: 'duplicate',
            scanId: previous.id,
            direction: previous.direction,
            counts: counter.of(time.localDay),
          };
        }
        const direction = this.decideDirection(scan.direction, previous, time, target, roomPerGuest);
        // A guest checking out leaves the room they checked into, whatever is typed for the next guest.
        // A check-out with no check-in before it carries no room (never the next guest's).
        const base =
          roomPerGuest && direction === 'out'
            ? { ...desk, contextLabel: previous?.direction === 'in' ? previous.context_label : null }
            : desk;
        if (direction === null) return { ...base, outcome: 'needs-direction', counts: counter.of(time.localDay) };
        if (scan.askDeclaration)
          return { ...base, outcome: 'needs-declaration', direction, counts: counter.of(time.localDay) };
        const id = uuidv7();
        const fields = keptFields(code, settings().privacyProfile);
        const boarding = decideBoarding(db, target, direction, previous, time.localDay);
        insertScan(db, {
          ...buildScanRow({
            id,
            time,
            source: scan.source,
            code,
            contextLabel: base.contextLabel,
            recorded: { direction, subjectKey, fields, declaration: scan.declaration },
          }),
          sailing_id: target?.kind === 'sailing' ? target.id : null,
          boarded: boarding.boarded,
        });
        return {
          ...base,
          // Past the seats: recorded at the port, not on board; the card says stop.
          outcome: boarding.boarded === 0 ? 'boat-full' : 'recorded',
          scanId: id,
          direction,
          declaredYes: scan.declaration?.startsWith('yes') === true,
          ...(boarding.seats !== null ? { boarding: { seats: boarding.seats, onBoard: boarding.onBoardAfter } } : {}),
        };
      });
      const result = this.withSpace(write);
      if (result.outcome !== 'recorded' && result.outcome !== 'boat-full') return result;
      this.options.rowWritten(time.iso);
      storage.wrote();
      if (roomPerGuest && result.direction === 'in' && result.contextLabel !== null) this.clearRoom();
      // Counted only after the commit succeeded.
      return { ...result, counts: counter.written(time.localDay, 'recorded', result.direction) };
    } catch (error) {
      this.options.logger.error('kiosk.recordAccepted', 'could not record a scan', { error: errorMessage(error) });
      return notRecorded(desk, storage.writeFailed(error), counter.last());
    }
  }

  /** Refusals are logged as rows without any personal field, so the venue sees them in its log. */
  recordRefused(code: DecodedCode, reason: RefusalReason, source: ScanSource, time: LocalTime): ScanResult {
    const { storage, counter } = this.options;
    const base: ScanResult = {
      ...scanResultBase(code, time, source, this.contextLabel(this.options.boardingTarget?.() ?? null)),
      displayName: null,
      maskedId: null,
      reason,
    };
    if (storage.standIn) return { ...base, counts: emptyCounts(time.localDay) };
    try {
      const id = uuidv7();
      this.withSpace(() =>
        insertScan(
          this.options.db(),
          buildScanRow({ id, time, source, code, contextLabel: base.contextLabel, refusedFor: reason }),
        ),
      );
      this.options.rowWritten(time.iso);
      return { ...base, scanId: id, counts: counter.written(time.localDay, 'refused', null) };
    } catch (error) {
      // The refusal itself is what the person must see; a failed log row must not hide it.
      this.options.logger.error('kiosk.recordRefused', 'could not log a refused scan', { error: errorMessage(error) });
      return { ...base, counts: counter.last() ?? emptyCounts(time.localDay) };
    }
  }

  /** The label a scan made now carries: its target's, or the settings' when no target is given. */
  private contextLabel(target: BoardingTarget | null): string | null {
    return this.options.boardingTarget ? (target?.label ?? null) : this.options.settings().contextLabel;
  }

  /** The row is on disk whatever happens here: a room field that cannot be cleared is only logged. */
  private clearRoom(): void {
    try {
      this.options.roomTaken?.();
    } catch (error) {
      this.options.logger.error('kiosk.recordAccepted', 'could not clear the room for the next guest', {
        error: errorMessage(error),
      });
    }
  }

  /** Runs a write; on a full disk, frees space and tries once more (the visitor then still gets green). */
  private withSpace<T>(write: () => T): T {
    try {
      return write();
    } catch (error) {
      if (storageProblemOf(error) !== 'full' || !this.options.freeSpace()) throw error;
      this.options.logger.info('kiosk.recordAccepted', 'disk full: space freed, writing again');
      return write();
    }
  }

  /** HMAC of the person's identity with this install's salt: duplicates and in/out without personal columns. */
  private subjectKey(identity: string): string {
    const db = this.options.db();
    if (this.salt?.db !== db) {
      let value = readSetting(db, 'subject-salt');
      if (value === undefined) {
        value = randomBytes(32).toString('hex');
        writeSetting(db, 'subject-salt', value);
      }
      this.salt = { db, value };
    }
    return createHmac('sha256', this.salt.value).update(identity).digest('hex').slice(0, 32);
  }

  private isWithinDuplicateWindow(previous: ScanRow, time: LocalTime): boolean {
    const elapsedMs = Math.abs(Date.parse(time.iso) - Date.parse(previous.scanned_at));
    return elapsedMs < this.options.settings().duplicateWindowSeconds * 1000;
  }

  /** The direction of this scan, or null when the operator must be asked. */
  private decideDirection(
    requested: Direction | undefined,
    previous: ScanRow | undefined,
    time: LocalTime,
    target: BoardingTarget | null,
    roomPerGuest: boolean,
  ): Direction | null {
    if (requested) return requested;
    const mode = this.options.settings().directionMode;
    switch (mode) {
      case 'in':
      case 'out':
        return mode;
      case 'ask':
        return null;
      case 'auto':
        // A sailing's first scan of a person is boarding, and so is a scan after a refusal for a full
        // boat (they are still waiting at the gangway), whatever they did earlier that day. After
        // boarding it, the next scan leaves it, whenever it comes (a night sailing crosses midnight).
        if (target?.kind === 'sailing') {
          if (previous?.sailing_id !== target.id || previous.boarded === 0) return 'in';
          return previous.direction === 'in' ? 'out' : 'in';
        }
        if (previous?.boarded === 0) return 'in';
        // A hotel guest checks out days later: their next scan after a check-in is the check-out.
        if (roomPerGuest) return previous?.direction === 'in' ? 'out' : 'in';
        // Elsewhere it alternates per person per day: the first scan of the day is an entry.
        return previous && previous.local_day === time.localDay && previous.direction === 'in' ? 'out' : 'in';
      default: {
        const exhaustive: never = mode;
        throw new Error(`kiosk: unknown direction mode ${String(exhaustive)}`);
      }
    }
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
