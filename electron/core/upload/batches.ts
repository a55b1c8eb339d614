/**
 * Upload batches: scan rows as the district receives them, read past the cursor and serialised a
 * slice at a time.
 */
import type { UploadedScan } from '../../../shared/district';
import type { SqliteDatabase } from '../store/openDatabase';
import type { ScanRow } from '../store/scanQueries';
import { listUploadJsonAfter } from '../store/uploadQueries';

/** Rows read and serialised in one go while a batch is built (about 3 ms of work). */
const BUILD_SLICE_ROWS = 500;

export type BatchRow = Pick<ScanRow, 'id' | 'seq'>;

/** A batch read and serialised. */
export interface PreparedBatch {
  /** What the answer is matched on: the full rows are not kept once serialised. */
  readonly rows: readonly BatchRow[];
  /** The scans as JSON array elements, without the brackets. */
  readonly scansJson: string;
}

/**
 * A stored row as the district receives it. `sailingDepartsAt` is its sailing's scheduled departure
 * (read from the sailings table); without it the scan carries no sailing.
 */
export function toUploadedScan(row: ScanRow, sailingDepartsAt: string | null = null): UploadedScan {
  return {
    id: row.id,
    seq: row.seq,
    scannedAt: row.scanned_at,
    utcOffsetMin: row.utc_offset_min,
    direction: row.direction,
    source: row.source,
    kind: row.kind as UploadedScan['kind'],
    outcome: row.outcome,
    reason: row.reason,
    problems: row.problems === '' ? [] : row.problems.split(','),
    idNumber: row.id_number,
    fullName: row.full_name,
    birthDate: row.birth_date,
    gender: row.gender === 'male' || row.gender === 'female' ? row.gender : null,
    address: row.address,
    codeText: row.code_text,
    contextLabel: row.context_label,
    // Only corrections carry it, so other batches stay as the server always read them.
    ...(row.voids ? { voidsScanId: row.voids } : {}),
    // Only a sailing's scans carry it, the same way.
    ...(row.sailing_id && sailingDepartsAt
      ? {
          sailing: {
            id: row.sailing_id,
            departsAt: sailingDepartsAt,
            boarded: row.direction === 'in' && row.boarded !== 0,
          },
        }
      : {}),
  };
}

/**
 * Reads and serialises up to `size` rows after `afterSeq`, {@link BUILD_SLICE_ROWS} at a time with
 * a turn of the event loop between slices, so a scan arriving meanwhile is not held up.
 */
export async function readBatch(db: SqliteDatabase, afterSeq: number, size: number): Promise<PreparedBatch | null> {
  const rows: BatchRow[] = [];
  const json: string[] = [];
  let after = afterSeq;
  while (rows.length < size) {
    const want = Math.min(BUILD_SLICE_ROWS, size - rows.length);
    const slice = listUploadJsonAfter(db, after, want);
    for (const [seq, id, text] of slice) {
      rows.push({ id, seq });
      json.push(text);
    }
    if (slice.length < want) break;
    after = slice[slice.length - 1][0];
    await new Promise((resolve) => setImmediate(resolve));
  }
  return rows.length === 0 ? null : { rows, scansJson: json.join(',') };
}
