/**
 * The capacity stop at a gangway: whether the person scanned now goes on board, decided inside the
 * scan's transaction from the count on board. Past the seats, the scan is still recorded (the person
 * was at the port) but not as boarded. Someone already on board scanned again stays on board.
 */
import type { Direction } from '../../../shared/kioskScans';
import type { SqliteDatabase } from '../store/openDatabase';
import { countOnBoard } from '../store/sailingQueries';
import { listOnBoard, type ScanRow } from '../store/scanQueries';

/**
 * What the scans are for now: a port's sailing (a record with its seats), or a free context label
 * with the seats typed beside it (venues other than ports, and kiosks set up before sailings).
 */
export type BoardingTarget =
  | { readonly kind: 'sailing'; readonly id: string; readonly label: string; readonly seats: number }
  | { readonly kind: 'label'; readonly label: string; readonly seats: number | null };

/** The answer: the row's `boarded` (null when nothing is counted against seats) and the counts before and after this scan. */
export interface BoardingDecision {
  readonly boarded: 0 | 1 | null;
  readonly onBoard: number;
  /** On board once this scan is written: someone already aboard scanned again is not counted twice. */
  readonly onBoardAfter: number;
  readonly seats: number | null;
}

/** Whether `previous` (the person's last passage) left them on board `target`. */
export function isAboard(target: BoardingTarget, previous: ScanRow | undefined, localDay: string): boolean {
  if (!previous || previous.direction !== 'in' || previous.boarded === 0) return false;
  return target.kind === 'sailing'
    ? previous.sailing_id === target.id
    : previous.context_label === target.label && previous.local_day === localDay;
}

/** Decides boarding for a scan in `direction`; read inside the transaction that writes the row. */
export function decideBoarding(
  db: SqliteDatabase,
  target: BoardingTarget | null,
  direction: Direction,
  previous: ScanRow | undefined,
  localDay: string,
): BoardingDecision {
  if (!target || target.seats === null) return { boarded: null, onBoard: 0, onBoardAfter: 0, seats: null };
  const onBoard =
    target.kind === 'sailing' ? countOnBoard(db, target.id) : listOnBoard(db, localDay, target.label).length;
  const aboard = isAboard(target, previous, localDay);
  if (direction !== 'in')
    return { boarded: null, onBoard, onBoardAfter: aboard ? onBoard - 1 : onBoard, seats: target.seats };
  const boarded = aboard || onBoard < target.seats ? 1 : 0;
  return { boarded, onBoard, onBoardAfter: boarded === 1 && !aboard ? onBoard + 1 : onBoard, seats: target.seats };
}
