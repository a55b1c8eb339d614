/**
 * Database rows to records, shared by both stores (and nothing else: importing this loads no
 * database driver). Instants arrive as ISO strings (PostgreSQL's parser) or epoch ms (SQLite).
 */
import type { TraceAuditEntry, VenueType } from '../../shared/district';
import type { ScanImportEntry, ScanImportOutcome } from '../../shared/scanImport';
import type { Role } from '../../shared/console';
import type { DeviceRecord, SessionRecord, StoredScan, UserRecord, VenueActivity, VenueRecord } from './DistrictStore';

/** An instant as a database gives it back: ISO 8601 text or epoch milliseconds. */
export type DbInstant = string | number;

export function isoOf(instant: DbInstant): string {
  return typeof instant === 'number' ? new Date(instant).toISOString() : new Date(Date.parse(instant)).toISOString();
}

export interface ScanDbRow {
  id: string;
  venue_id: string;
  device_id: string;
  seq: number | string;
  scanned_at: DbInstant;
  corrected_at: DbInstant;
  received_at: DbInstant;
  utc_offset_min: number;
  local_day: string;
  direction: 'in' | 'out' | null;
  source: StoredScan['source'];
  kind: StoredScan['kind'];
  outcome: StoredScan['outcome'];
  reason: string | null;
  problems: string;
  id_number: string | null;
  full_name: string | null;
  birth_date: string | null;
  gender: 'male' | 'female' | null;
  address: string | null;
  code_text: string | null;
  context_label: string | null;
}

export interface DeviceDbRow {
  id: string;
  venue_id: string;
  venue_name: string;
  name: string;
  created_at: string;
  revoked_at: string | null;
  last_upload_at: string | null;
  pending_count: number | string | null;
  app_version: string | null;
  clock_offset_ms: number | string | null;
  public_key: string | null;
}

export interface VenueDbRow {
  id: string;
  name: string;
  type: VenueType;
  address: string | null;
  created_at: string;
  area?: string | null;
  retired_at?: DbInstant | null;
}

export function scanFromRow(row: ScanDbRow): StoredScan {
  return {
    id: row.id,
    venueId: row.venue_id,
    deviceId: row.device_id,
    seq: Number(row.seq),
    scannedAt: isoOf(row.scanned_at),
    correctedAt: isoOf(row.corrected_at),
    receivedAt: isoOf(row.received_at),
    utcOffsetMin: row.utc_offset_min,
    localDay: row.local_day,
    direction: row.direction,
    source: row.source,
    kind: row.kind,
    outcome: row.outcome,
    reason: row.reason,
    problems: row.problems === '' ? [] : row.problems.split(','),
    idNumber: row.id_number,
    fullName: row.full_name,
    birthDate: row.birth_date,
    gender: row.gender,
    address: row.address,
    codeText: row.code_text,
    contextLabel: row.context_label,
  };
}

export function deviceFromRow(row: DeviceDbRow): DeviceRecord {
  return {
    id: row.id,
    venueId: row.venue_id,
    venueName: row.venue_name,
    name: row.name,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUploadAt: row.last_upload_at,
    pendingCount: row.pending_count === null ? null : Number(row.pending_count),
    appVersion: row.app_version,
    clockOffsetMs: row.clock_offset_ms === null ? null : Number(row.clock_offset_ms),
    publicKey: row.public_key ?? null,
  };
}

export function venueFromRow(row: VenueDbRow): VenueRecord {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    address: row.address,
    createdAt: row.created_at,
    area: row.area ?? null,
    retiredAt: row.retired_at === null || row.retired_at === undefined ? null : isoOf(row.retired_at),
  };
}

export interface VenueActivityDbRow extends VenueDbRow {
  last_upload_at: DbInstant | null;
  scans_today: number | string;
  scans_7days: number | string;
  active_devices: number | string;
  last_report_at: DbInstant | null;
}

export function venueActivityFromRow(row: VenueActivityDbRow): VenueActivity {
  return {
    ...venueFromRow(row),
    lastUploadAt: row.last_upload_at === null ? null : isoOf(row.last_upload_at),
    scansToday: Number(row.scans_today),
    scans7Days: Number(row.scans_7days),
    activeDevices: Number(row.active_devices),
    lastReportAt: row.last_report_at === null ? null : isoOf(row.last_report_at),
  };
}

export interface UserDbRow {
  id: string;
  name: string;
  role: Role;
  password_hash: string;
  must_change_password: number | boolean;
  failed_logins: number;
  locked_until: DbInstant | null;
  created_at: DbInstant;
  disabled_at: DbInstant | null;
}

const isoOrNull = (instant: DbInstant | null): string | null => (instant === null ? null : isoOf(instant));

export function userFromRow(row: UserDbRow): UserRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    passwordHash: row.password_hash,
    mustChangePassword: Boolean(row.must_change_password),
    failedLogins: Number(row.failed_logins),
    lockedUntil: isoOrNull(row.locked_until),
    createdAt: isoOf(row.created_at),
    disabledAt: isoOrNull(row.disabled_at),
  };
}

export interface SessionDbRow {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: DbInstant;
  last_seen_at: DbInstant;
}

export function sessionFromRow(row: SessionDbRow): SessionRecord {
  return {
    idHash: row.id_hash,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    createdAt: isoOf(row.created_at),
    lastSeenAt: isoOf(row.last_seen_at),
  };
}

export interface TraceAuditDbRow {
  id: number | string;
  traced_at: DbInstant;
  actor: string;
  id_number: string;
  case_ref: string | null;
  from_at: DbInstant;
  to_at: DbInstant;
  exported_at: DbInstant | null;
  printed_at: DbInstant | null;
}

export function traceAuditFromRow(row: TraceAuditDbRow): TraceAuditEntry {
  return {
    id: Number(row.id),
    tracedAt: isoOf(row.traced_at),
    actor: row.actor,
    idNumber: row.id_number,
    caseRef: row.case_ref,
    from: isoOf(row.from_at),
    to: isoOf(row.to_at),
    exportedAt: row.exported_at === null ? null : isoOf(row.exported_at),
    printedAt: row.printed_at === null ? null : isoOf(row.printed_at),
  };
}

export interface ScanImportDbRow {
  id: number | string;
  imported_at: DbInstant;
  actor: string;
  device_id: string | null;
  device_name: string | null;
  venue_id: string | null;
  venue_name: string | null;
  file_bytes: number | string;
  file_scans: number | null;
  seq_from: number | string | null;
  seq_to: number | string | null;
  accepted: number;
  duplicate: number;
  rejected: number;
  outcome: string;
  receipt_seq: number | string | null;
}

const numberOrNull = (value: number | string | null): number | null => (value === null ? null : Number(value));

export function scanImportFromRow(row: ScanImportDbRow): ScanImportEntry {
  return {
    id: Number(row.id),
    importedAt: isoOf(row.imported_at),
    actor: row.actor,
    deviceId: row.device_id,
    deviceName: row.device_name,
    venueId: row.venue_id,
    venueName: row.venue_name,
    fileBytes: Number(row.file_bytes),
    fileScans: row.file_scans,
    seqFrom: numberOrNull(row.seq_from),
    seqTo: numberOrNull(row.seq_to),
    accepted: row.accepted,
    duplicate: row.duplicate,
    rejected: row.rejected,
    outcome: row.outcome as ScanImportOutcome,
    receiptSeq: numberOrNull(row.receipt_seq),
  };
}
