/**
 * Today's counts (in, out, refused): read from the database once per day, then kept up to date as
 * rows are written (this process is the only writer), so a scan does not recount the whole day.
 */
import type { DayCounts, Direction } from '../../../shared/kioskScans';
import type { SqliteDatabase } from '../store/openDatabase';
import { countScansOfDay } from '../store/scanQueries';

export class DayCounter {
  private counts: DayCounts | null = null;
  private countedIn: SqliteDatabase | null = null;

  constructor(private readonly db: () => SqliteDatabase) {}

  /** The counts of `localDay`, read once and then kept. */
  of(localDay: string): DayCounts {
    const db = this.db();
    if (this.counts?.day !== localDay || this.countedIn !== db) {
      const row = countScansOfDay(db, localDay);
      this.counts = { day: localDay, in: row.recordedIn, out: row.recordedOut, refused: row.refused };
      this.countedIn = db;
    }
    return this.counts;
  }

  /** The last counts known, without reading (for answers while the disk fails). */
  last(): DayCounts | null {
    return this.counts;
  }

  /** Counts a row just committed; answers the new counts. */
  written(localDay: string, outcome: 'recorded' | 'refused', direction: Direction | null): DayCounts {
    const counts = this.of(localDay);
    this.counts = {
      ...counts,
      in: counts.in + (outcome === 'recorded' && direction === 'in' ? 1 : 0),
      out: counts.out + (outcome === 'recorded' && direction === 'out' ? 1 : 0),
      refused: counts.refused + (outcome === 'refused' ? 1 : 0),
    };
    return this.counts;
  }

  /** Rows were removed (a purge): read again next time. */
  forget(): void {
    this.counts = null;
  }
}
