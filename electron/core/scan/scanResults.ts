/**
 * The one place a scan's row and its answer are shaped: the row written for a recorded or refused
 * scan, and the result the screens get. Pure.
 */
import type { DecodedCode } from '../../../shared/codes/DecodedCode';
import {
  maskIdNumber,
  type DayCounts,
  type Direction,
  type RefusalReason,
  type ScanResult,
  type ScanSource,
} from '../../../shared/kioskScans';
import type { StorageProblem } from '../../../shared/kioskStatus';
import type { LocalTime } from '../localTime';
import type { KeptFields } from '../recordingPolicy';
import type { NewScanRow } from '../store/scanQueries';
import { cleanText } from '../../../shared/safeText';

/** No fields kept: what a refused scan writes. */
const NO_FIELDS: KeptFields = {
  idNumber: null,
  fullName: null,
  birthDate: null,
  gender: null,
  address: null,
  codeText: null,
};

/** What every row records. */
interface ScanRowCommon {
  readonly id: string;
  readonly time: LocalTime;
  readonly source: ScanSource;
  readonly code: DecodedCode;
  readonly contextLabel: string | null;
}

/**
 * A recorded scan (its direction, who by subject key, what the profile keeps, the declaration) or a
 * refused one (why; it can carry no personal field): never both, never neither.
 */
export type ScanRowFacts = ScanRowCommon &
  (
    | {
        readonly recorded: {
          readonly direction: Direction;
          readonly subjectKey: string;
          readonly fields: KeptFields;
          readonly declaration: string | null;
        };
        readonly refusedFor?: never;
      }
    | { readonly refusedFor: RefusalReason; readonly recorded?: never }
  );

/** The row for one scan: recorded (with the kept fields) or refused (without any personal field). */
export function buildScanRow(facts: ScanRowFacts): NewScanRow {
  const { recorded, code, time } = facts;
  const fields = recorded?.fields ?? NO_FIELDS;
  // Whatever reached here, every text column is one every store can keep (see shared/safeText).
  const text = (value: string | null) => (value === null ? null : cleanText(value));
  return {
    id: facts.id,
    scanned_at: time.iso,
    utc_offset_min: time.offsetMinutes,
    local_day: time.localDay,
    direction: recorded?.direction ?? null,
    source: facts.source,
    kind: code.kind,
    outcome: recorded ? 'recorded' : 'refused',
    reason: recorded ? null : (facts.refusedFor ?? null),
    problems: code.problems.join(','),
    recovered: recorded && code.recovered ? 1 : 0,
    subject_key: recorded?.subjectKey ?? null,
    id_number: text(fields.idNumber),
    full_name: text(fields.fullName),
    birth_date: text(fields.birthDate),
    gender: text(fields.gender),
    address: text(fields.address),
    code_text: text(fields.codeText),
    context_label: text(facts.contextLabel),
    declaration: recorded?.declaration ?? null,
    voids: null,
  };
}

export function emptyCounts(day: string): DayCounts {
  return { day, in: 0, out: 0, refused: 0 };
}

/** The answer's common part; callers set the outcome and what follows from it. */
export function scanResultBase(
  code: DecodedCode,
  time: LocalTime,
  source: ScanSource,
  contextLabel: string | null,
): ScanResult {
  return {
    outcome: 'refused',
    source,
    scanId: null,
    kind: code.kind,
    direction: null,
    reason: null,
    problems: code.problems,
    recovered: code.recovered,
    displayName: code.fullName,
    maskedId: code.idNumber ? maskIdNumber(code.idNumber) : null,
    at: time.iso,
    contextLabel,
    counts: emptyCounts(time.localDay),
  };
}

/** Never green: the scan is not on disk, and the card says why. */
export function notRecorded(base: ScanResult, problem: StorageProblem, counts: DayCounts | null): ScanResult {
  const reason = ({ 'read-only': 'store-read-only', full: 'store-full', unavailable: 'store-failed' } as const)[
    problem
  ];
  return {
    ...base,
    outcome: 'failed',
    scanId: null,
    direction: null,
    reason,
    counts: counts ?? emptyCounts(base.counts.day),
  };
}
