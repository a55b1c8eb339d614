/** Every SQL statement on the sailings table, and the scans of one sailing: plain named functions with bound parameters. */
import type { SailingState } from '../../../shared/kioskSailings';
import { prepared, type SqliteDatabase } from './preparedStatements';
import type { ScanRow } from './scanQueries';

export interface SailingRow {
  readonly id: string;
  readonly label: string;
  readonly route: string | null;
  readonly departs_at: string;
  readonly seats: number;
  readonly state: SailingState;
  readonly created_at: string;
  readonly closed_at: string | null;
}

/** SQL: the row aliased `s` is voided by a correction. */
const VOIDED = `EXISTS (SELECT 1 FROM scans v WHERE v.voids = s.id)`;
/** SQL: the row aliased `s` counts as a passage: recorded, in or out, not a correction, not voided. */
const COUNTS = `s.outcome = 'recorded' AND s.direction IS NOT NULL AND s.voids IS NULL AND NOT ${VOIDED}`;
/** SQL: each person's last passage for the sailing `@sailingId` (rows aliased `s`). */
const LAST_OF_SAILING = `SELECT s.* FROM scans s
  JOIN (SELECT s.subject_key, MAX(s.seq) AS seq FROM scans s WHERE s.sailing_id = @sailingId AND ${COUNTS}
        GROUP BY s.subject_key) last ON last.seq = s.seq`;

export function insertSailing(db: SqliteDatabase, row: SailingRow): void {
  prepared(
    db,
    `INSERT INTO sailings (id, label, route, departs_at, seats, state, created_at, closed_at)
       VALUES (@id, @label, @route, @departs_at, @seats, @state, @created_at, @closed_at)`,
  ).run(row);
}

export function findSailing(db: SqliteDatabase, id: string): SailingRow | undefined {
  return prepared(db, 'SELECT * FROM sailings WHERE id = ?').get(id) as SailingRow | undefined;
}

/** Sets the state; `closedAt` is kept when null is not given for it (reopening keeps the last close). */
export function updateSailingState(db: SqliteDatabase, id: string, state: SailingState, closedAt: string | null): void {
  prepared(db, 'UPDATE sailings SET state = @state, closed_at = COALESCE(@closedAt, closed_at) WHERE id = @id').run({
    id,
    state,
    closedAt,
  });
}

/** Closed sailings whose departure has passed and whose reopening window is over become `departed`. */
export function markDepartedSailings(db: SqliteDatabase, now: string, closedBefore: string): number {
  return prepared(
    db,
    `UPDATE sailings SET state = 'departed' WHERE state = 'closed' AND departs_at <= @now AND closed_at <= @closedBefore`,
  ).run({ now, closedBefore }).changes;
}

/** Sailings departing at or after `since` (or still boarding, whenever they depart), newest departure first. */
export function listSailingsSince(db: SqliteDatabase, since: string): SailingRow[] {
  return prepared(
    db,
    `SELECT * FROM sailings WHERE departs_at >= ? OR state = 'boarding' ORDER BY departs_at DESC, created_at DESC`,
  ).all(since) as SailingRow[];
}

/** People refused boarding (the boat full) who are not on board after. */
export function countRefusedBoarding(db: SqliteDatabase, sailingId: string): number {
  const row = prepared(
    db,
    `SELECT COUNT(*) AS n FROM (${LAST_OF_SAILING}) b WHERE b.direction = 'in' AND b.boarded = 0`,
  ).get({ sailingId }) as { n: number };
  return row.n;
}

/** How many are on board the sailing now: people whose last passage for it is a boarding. */
export function countOnBoard(db: SqliteDatabase, sailingId: string): number {
  const row = prepared(
    db,
    `SELECT COUNT(*) AS n FROM (${LAST_OF_SAILING}) b WHERE b.direction = 'in' AND b.boarded IS NOT 0`,
  ).get({ sailingId }) as { n: number };
  return row.n;
}

/**
 * On board the sailing (last passage a boarding), in the order they first boarded: someone scanned
 * again keeps their line on the manifest.
 */
export function listBoarded(db: SqliteDatabase, sailingId: string): ScanRow[] {
  return prepared(
    db,
    `SELECT * FROM (${LAST_OF_SAILING}) b WHERE b.direction = 'in' AND b.boarded IS NOT 0
       ORDER BY (SELECT MIN(f.seq) FROM scans f WHERE f.sailing_id = @sailingId AND f.subject_key = b.subject_key
                   AND f.direction = 'in' AND f.boarded IS NOT 0), b.seq`,
  ).all({ sailingId }) as ScanRow[];
}

/** Refused boarding because the boat was full, and not on board after: listed apart on the manifest. */
export function listRefusedBoarding(db: SqliteDatabase, sailingId: string): ScanRow[] {
  return prepared(
    db,
    `SELECT * FROM (${LAST_OF_SAILING}) b WHERE b.direction = 'in' AND b.boarded = 0 ORDER BY b.seq`,
  ).all({ sailingId }) as ScanRow[];
}

/** Recorded, not voided, scans of a sailing (boarded, refused or left), oldest first: its CSV. */
export function listScansOfSailing(db: SqliteDatabase, sailingId: string): ScanRow[] {
  return prepared(db, `SELECT * FROM scans s WHERE s.sailing_id = @sailingId AND ${COUNTS} ORDER BY s.seq`).all({
    sailingId,
  }) as ScanRow[];
}

/** Deletes sailings that departed before `cutoff` and have no scan left on this kiosk. */
export function purgeSailingsBefore(db: SqliteDatabase, cutoff: string): number {
  return prepared(
    db,
    `DELETE FROM sailings WHERE departs_at < ? AND state <> 'boarding'
         AND NOT EXISTS (SELECT 1 FROM scans s WHERE s.sailing_id = sailings.id)`,
  ).run(cutoff).changes;
}
