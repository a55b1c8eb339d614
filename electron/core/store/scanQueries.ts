/** Every SQL statement on the scans table: plain named functions with bound parameters. */
import type { Direction, ScanSource } from '../../../shared/kioskScans';
import { foldForSearch } from '../../../shared/searchText';
import { prepared, type SqliteDatabase } from './preparedStatements';

export interface ScanRow {
  readonly seq: number;
  readonly id: string;
  readonly scanned_at: string;
  readonly utc_offset_min: number;
  readonly local_day: string;
  readonly direction: Direction | null;
  readonly source: ScanSource;
  readonly kind: string;
  readonly outcome: 'recorded' | 'refused';
  readonly reason: string | null;
  readonly problems: string;
  readonly recovered: number;
  readonly subject_key: string | null;
  readonly id_number: string | null;
  readonly full_name: string | null;
  readonly birth_date: string | null;
  readonly gender: string | null;
  readonly address: string | null;
  readonly code_text: string | null;
  readonly context_label: string | null;
  readonly declaration: string | null;
  /** A correction: the id of the scan this row voids (see migration 0040). */
  readonly voids: string | null;
  /** The sailing the scan was made for (see migration 0050), or null. */
  readonly sailing_id: string | null;
  /** For a sailing: 1 boarded, 0 refused because the boat was full; null otherwise. */
  readonly boarded: 0 | 1 | null;
}

/** A row to insert; the sailing columns may be left out (no sailing). */
export type NewScanRow = Omit<ScanRow, 'seq' | 'sailing_id' | 'boarded'> &
  Partial<Pick<ScanRow, 'sailing_id' | 'boarded'>>;

/** A row as the lists read it: whether a later correction voided it. */
export type ListedScanRow = ScanRow & { readonly voided: 0 | 1 };

/** SQL: the row aliased `s` is voided by a correction. */
const VOIDED = `EXISTS (SELECT 1 FROM scans v WHERE v.voids = s.id)`;
/** SQL: the row aliased `s` counts as a passage: recorded, in or out, not a correction, not voided. */
const COUNTS = `s.outcome = 'recorded' AND s.direction IS NOT NULL AND s.voids IS NULL AND NOT ${VOIDED}`;

/** Inserts one scan and returns its local sequence number. */
export function insertScan(db: SqliteDatabase, row: NewScanRow): number {
  const info = prepared(
    db,
    `INSERT INTO scans (id, scanned_at, utc_offset_min, local_day, direction, source, kind, outcome, reason,
         problems, recovered, subject_key, id_number, full_name, birth_date, gender, address, code_text, context_label, declaration, voids, sailing_id, boarded)
       VALUES (@id, @scanned_at, @utc_offset_min, @local_day, @direction, @source, @kind, @outcome, @reason,
         @problems, @recovered, @subject_key, @id_number, @full_name, @birth_date, @gender, @address, @code_text, @context_label, @declaration, @voids, @sailing_id, @boarded)`,
  ).run({ sailing_id: null, boarded: null, ...row });
  return Number(info.lastInsertRowid);
}

/** The newest recorded, not voided, scan of a subject, or undefined. */
export function findLatestRecordedScanOfSubject(db: SqliteDatabase, subjectKey: string): ScanRow | undefined {
  return prepared(db, `SELECT * FROM scans s WHERE s.subject_key = ? AND ${COUNTS} ORDER BY s.seq DESC LIMIT 1`).get(
    subjectKey,
  ) as ScanRow | undefined;
}

export interface DayCountRow {
  readonly recordedIn: number;
  readonly recordedOut: number;
  readonly refused: number;
}

/** Counts of one local day (voided scans and corrections left out). */
export function countScansOfDay(db: SqliteDatabase, localDay: string): DayCountRow {
  return prepared(
    db,
    `SELECT
         COALESCE(SUM(${COUNTS} AND s.direction = 'in'), 0) AS recordedIn,
         COALESCE(SUM(${COUNTS} AND s.direction = 'out'), 0) AS recordedOut,
         COALESCE(SUM(s.outcome = 'refused'), 0) AS refused
       FROM scans s WHERE s.local_day = ?`,
  ).get(localDay) as DayCountRow;
}

/** Scans of one local day whose Vietnamese letters a wedge lost, folded or typed as Alt codes. */
export function countLettersLostOfDay(db: SqliteDatabase, localDay: string): number {
  const row = prepared(
    db,
    `SELECT COUNT(*) AS n FROM scans WHERE local_day = ?
         AND (problems LIKE '%letters-folded%' OR problems LIKE '%letters-dropped%' OR problems LIKE '%mojibake%')`,
  ).get(localDay) as { n: number };
  return row.n;
}

/** The newest scans of one local day, newest first, corrections and voided scans marked. */
export function listScansOfDay(db: SqliteDatabase, localDay: string, limit: number): ListedScanRow[] {
  return prepared(
    db,
    `SELECT s.*, ${VOIDED} AS voided FROM scans s WHERE s.local_day = ? ORDER BY s.seq DESC LIMIT ?`,
  ).all(localDay, limit) as ListedScanRow[];
}

/**
 * Scans of one local day matching a search, newest first: the name, the ticket, the context, and of
 * the ID number only the last four characters, the part the screen shows (a search by a prefix must
 * not confirm a full number the list masks).
 */
export function searchScansOfDay(db: SqliteDatabase, localDay: string, query: string, limit: number): ListedScanRow[] {
  // Folded on both sides (`fold_search`, see openDatabase): staff type `Tau 07:30` for `Tàu 07:30`.
  const like = `%${foldForSearch(query).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return prepared(
    db,
    `SELECT s.*, ${VOIDED} AS voided FROM scans s WHERE s.local_day = @localDay
         AND (fold_search(s.full_name) LIKE @like ESCAPE '\\' OR substr(s.id_number, -4) LIKE @like ESCAPE '\\'
           OR fold_search(s.code_text) LIKE @like ESCAPE '\\' OR fold_search(s.context_label) LIKE @like ESCAPE '\\')
       ORDER BY s.seq DESC LIMIT @limit`,
  ).all({ localDay, like, limit }) as ListedScanRow[];
}

/** People whose last recorded, not voided, scan of the day is an entry (for the evacuation roll call). */
export function listInsideOnDay(db: SqliteDatabase, localDay: string): ScanRow[] {
  return prepared(
    db,
    `SELECT s.* FROM scans s
       JOIN (SELECT s.subject_key, MAX(s.seq) AS seq FROM scans s WHERE s.local_day = ? AND ${COUNTS} GROUP BY s.subject_key) last ON last.seq = s.seq
       WHERE s.direction = 'in' ORDER BY s.full_name, s.seq`,
  ).all(localDay) as ScanRow[];
}

/**
 * People on board (a sailing: the last scan of the day under its label an entry, not refused for a
 * full boat) or inside (no label: the last scan of the day an entry, refused boardings too: they are
 * at the port), in the order they came; voided scans left out.
 */
export function listOnBoard(db: SqliteDatabase, localDay: string, contextLabel: string | null): ScanRow[] {
  return prepared(
    db,
    `SELECT s.* FROM scans s
       JOIN (SELECT s.subject_key, MAX(s.seq) AS seq FROM scans s WHERE s.local_day = @localDay
               AND (@contextLabel IS NULL OR s.context_label = @contextLabel) AND ${COUNTS} GROUP BY s.subject_key) last ON last.seq = s.seq
       WHERE s.direction = 'in' AND (@contextLabel IS NULL OR s.boarded IS NOT 0) ORDER BY s.seq`,
  ).all({ localDay, contextLabel }) as ScanRow[];
}

/** Recorded, not voided, scans of a day, or of a context label (a sailing's passenger list), oldest first. */
export function listScansForExport(
  db: SqliteDatabase,
  filter: { localDay?: string; contextLabel?: string },
): ScanRow[] {
  return prepared(
    db,
    `SELECT * FROM scans s WHERE ${COUNTS} AND (@localDay IS NULL OR s.local_day = @localDay)
         AND (@contextLabel IS NULL OR s.context_label = @contextLabel) ORDER BY s.seq`,
  ).all({ localDay: filter.localDay ?? null, contextLabel: filter.contextLabel ?? null }) as ScanRow[];
}

/** This kiosk's newest recorded scan that is not a correction (voided or not), or undefined. */
export function findLastRecordedScan(db: SqliteDatabase): ListedScanRow | undefined {
  return prepared(
    db,
    `SELECT s.*, ${VOIDED} AS voided FROM scans s WHERE s.outcome = 'recorded' AND s.voids IS NULL ORDER BY s.seq DESC LIMIT 1`,
  ).get() as ListedScanRow | undefined;
}

/** Recorded scans of a local day per local hour (0-23) and direction. */
export function countScansByHour(
  db: SqliteDatabase,
  localDay: string,
): { hour: number; direction: string | null; n: number }[] {
  return prepared(
    db,
    `SELECT CAST(strftime('%H', scanned_at, printf('%+d minutes', utc_offset_min)) AS INTEGER) AS hour, direction, COUNT(*) AS n
       FROM scans s WHERE s.local_day = ? AND ${COUNTS} GROUP BY hour, direction`,
  ).all(localDay) as { hour: number; direction: string | null; n: number }[];
}

/** Every recorded, not voided, in or out scan of a person (a subject), oldest first: a hotel's stays are paired from them. */
export function listPassagesOfPeople(db: SqliteDatabase): ScanRow[] {
  return prepared(
    db,
    `SELECT * FROM scans s WHERE ${COUNTS} AND s.subject_key IS NOT NULL ORDER BY s.seq`,
  ).all() as ScanRow[];
}
