/**
 * A port's sailings at the counter: open one (label, route, departure, seats), pick the current one
 * (the scans made now are for it), close boarding (its manifest is offered; nothing is lost when the
 * print is cancelled), reopen it within {@link SAILING_REOPEN_MS} of a close by mistake, and list
 * every sailing within the retention period for admin's reprint and export.
 */
import { v7 as uuidv7 } from 'uuid';
import { KioskMethodError } from '../../../shared/contract';
import { canReopen, SAILING_REOPEN_MS, type OpenSailingInput, type Sailing } from '../../../shared/kioskSailings';
import type { Logger } from '../log';
import type { StorageGuard } from '../StorageGuard';
import type { SqliteDatabase } from '../store/openDatabase';
import {
  countOnBoard,
  countRefusedBoarding,
  findSailing,
  insertSailing,
  listSailingsSince,
  markDepartedSailings,
  updateSailingState,
  type SailingRow,
} from '../store/sailingQueries';
import { readSetting, writeSetting } from '../store/settingsStore';

/** What a scan needs of the current sailing: which one, its label (the scan's context) and its seats. */
export interface CurrentSailing {
  readonly id: string;
  readonly label: string;
  readonly seats: number;
}

export interface SailingDeskOptions {
  readonly db: () => SqliteDatabase;
  readonly now: () => Date;
  readonly logger: Logger;
  readonly storage: Pick<StorageGuard, 'requireSaving' | 'standIn'>;
  /** The instant before which data are past retention (sailings departed before it are not listed). */
  readonly retentionCutoff: () => string;
  /** A sailing opened, picked, closed or reopened: the pages read the state again. */
  readonly changed: () => void;
}

export class SailingDesk {
  constructor(private readonly options: SailingDeskOptions) {}

  /** Opens a new sailing, boarding, and makes it the counter's current one. */
  open(input: OpenSailingInput): Sailing {
    this.options.storage.requireSaving();
    const db = this.options.db();
    const row: SailingRow = {
      id: uuidv7(),
      label: input.label.normalize('NFC'),
      route: input.route ? input.route.normalize('NFC') : null,
      departs_at: new Date(input.departsAt).toISOString(),
      seats: input.seats,
      state: 'boarding',
      created_at: this.options.now().toISOString(),
      closed_at: null,
    };
    db.transaction(() => {
      insertSailing(db, row);
      writeSetting(db, 'current-sailing', row.id);
    })();
    this.options.logger.info('kiosk.sailing', 'sailing opened', { seats: row.seats });
    this.options.changed();
    return this.counted(row);
  }

  /** Makes a boarding sailing the current one, or none (`null`). */
  pick(id: string | null): Sailing | null {
    this.options.storage.requireSaving();
    const db = this.options.db();
    if (id === null) {
      writeSetting(db, 'current-sailing', null);
      this.options.changed();
      return null;
    }
    const row = this.require(id);
    if (row.state !== 'boarding')
      throw new KioskMethodError('invalid-input', 'kiosk.sailing: only a sailing still boarding can be picked');
    writeSetting(db, 'current-sailing', id);
    this.options.changed();
    return this.counted(row);
  }

  /** Ends boarding (the current sailing is then none). Answers the sailing as closed, for its manifest. */
  close(id: string): Sailing {
    this.options.storage.requireSaving();
    const db = this.options.db();
    const row = this.require(id);
    if (row.state !== 'boarding')
      throw new KioskMethodError('invalid-input', 'kiosk.sailing: the sailing is not boarding');
    const closedAt = this.options.now().toISOString();
    db.transaction(() => {
      updateSailingState(db, id, 'closed', closedAt);
      if (readSetting(db, 'current-sailing') === id) writeSetting(db, 'current-sailing', null);
    })();
    this.options.logger.info('kiosk.sailing', 'sailing closed');
    this.options.changed();
    return this.counted({ ...row, state: 'closed', closed_at: closedAt });
  }

  /** Boarding again after a close by mistake, within {@link SAILING_REOPEN_MS}; it is current again. */
  reopen(id: string): Sailing {
    this.options.storage.requireSaving();
    const db = this.options.db();
    const row = this.require(id);
    if (!canReopen({ state: row.state, closedAt: row.closed_at }, this.options.now().getTime()))
      throw new KioskMethodError(
        'invalid-input',
        `kiosk.sailing: a sailing can be reopened only within ${SAILING_REOPEN_MS / 60_000} minutes of its close`,
      );
    db.transaction(() => {
      updateSailingState(db, id, 'boarding', null);
      writeSetting(db, 'current-sailing', id);
    })();
    this.options.logger.info('kiosk.sailing', 'sailing reopened');
    this.options.changed();
    return this.counted({ ...row, state: 'boarding' });
  }

  /** Every sailing within the retention period (and any still boarding), newest departure first. */
  list(): Sailing[] {
    if (this.options.storage.standIn) return [];
    const db = this.options.db();
    this.settleDeparted(db);
    return listSailingsSince(db, this.options.retentionCutoff()).map((row) => this.counted(row));
  }

  /** One sailing with its counts, or an error when this kiosk has no such sailing. */
  get(id: string): Sailing {
    return this.counted(this.require(id));
  }

  /** The current sailing with its counts, or null. */
  current(): Sailing | null {
    const row = this.currentRow();
    return row ? this.counted(row) : null;
  }

  /** What a scan made now is for: the current sailing, boarding; null when there is none. */
  forScan(): CurrentSailing | null {
    const row = this.currentRow();
    return row ? { id: row.id, label: row.label, seats: row.seats } : null;
  }

  private currentRow(): SailingRow | null {
    if (this.options.storage.standIn) return null;
    const db = this.options.db();
    const id = readSetting(db, 'current-sailing');
    if (!id) return null;
    const row = findSailing(db, id);
    return row && row.state === 'boarding' ? row : null;
  }

  /** Closed sailings past their departure and their reopening window are departed: the list is final. */
  private settleDeparted(db: SqliteDatabase): void {
    const now = this.options.now();
    try {
      markDepartedSailings(db, now.toISOString(), new Date(now.getTime() - SAILING_REOPEN_MS).toISOString());
    } catch (error) {
      // Listing must work on a disk that refuses writes; the state is settled at the next list.
      this.options.logger.error('kiosk.sailing', 'could not mark departed sailings', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private require(id: string): SailingRow {
    const row = findSailing(this.options.db(), id);
    if (!row) throw new KioskMethodError('invalid-input', 'kiosk.sailing: no such sailing on this kiosk');
    return row;
  }

  private counted(row: SailingRow): Sailing {
    const db = this.options.db();
    return {
      id: row.id,
      label: row.label,
      route: row.route,
      departsAt: row.departs_at,
      seats: row.seats,
      state: row.state,
      createdAt: row.created_at,
      closedAt: row.closed_at,
      onBoard: countOnBoard(db, row.id),
      refused: countRefusedBoarding(db, row.id),
    };
  }
}
