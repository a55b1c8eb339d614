/**
 * A trace as CSV, written once for the server's `format=csv` and the console's "Export CSV" (which
 * exports the result it shows, so exporting never runs the trace again). ID numbers are kept as
 * text (`KeptAsText`) so a spreadsheet keeps their leading zeros; the traced person's name (from
 * their scans) is on their visits' rows.
 */
import { KeptAsText, toCsv } from './csv';
import type { TraceResponse, Visit } from './district';
import { localDateTime } from './localTime';

const COLUMNS = [
  'role',
  'idNumber',
  'fullName',
  'venueId',
  'venueName',
  'venueType',
  'entryAt',
  'exitAt',
  'closedBy',
  'overlapMinutes',
  'contextLabel',
] as const;

/** The machine-readable CSV: English column names, ISO 8601 UTC times, closedBy as its code. */
export function traceCsv(trace: TraceResponse): string {
  const id = (idNumber: string) => new KeptAsText(idNumber);
  const rows = [
    ...trace.visits.map((v) => ({
      role: 'visit',
      ...v,
      idNumber: id(trace.idNumber),
      fullName: trace.fullName ?? '',
      overlapMinutes: '',
    })),
    ...trace.contacts.map((c) => ({
      role: 'contact',
      ...c,
      idNumber: id(c.idNumber),
      venueType: '',
      closedBy: '',
      contextLabel: '',
    })),
  ];
  return toCsv([...COLUMNS], rows);
}

/** Vietnamese column names for the epidemiology team's spreadsheet; times in the district's local time. */
const VI_COLUMNS = [
  'Loại',
  'Số giấy tờ',
  'Họ tên',
  'Địa điểm',
  'Vào',
  'Ra',
  'Số phút trùng',
  'Kết thúc',
  'Chuyến tàu / phòng',
] as const;

const VI_CLOSED_BY: Readonly<Record<Visit['closedBy'], string>> = {
  exit: 'quét ra',
  'default-stay': 'thời gian lưu mặc định',
  'end-of-day': 'hết ngày',
  'entry-assumed': 'chỉ có lượt ra',
  'entry-elsewhere': 'quét vào nơi khác',
};

/** The epidemiology team's CSV: Vietnamese headers, local times (`dd/mm/yyyy HH:mm` in `timeZone`). */
export function traceCsvVi(trace: TraceResponse, timeZone: string): string {
  const at = (iso: string) => localDateTime(iso, timeZone);
  type Row = Record<(typeof VI_COLUMNS)[number], string | number | KeptAsText>;
  const rows: Row[] = [
    ...trace.visits.map((v): Row => ({
      Loại: 'mốc dịch tễ',
      'Số giấy tờ': new KeptAsText(trace.idNumber),
      'Họ tên': trace.fullName ?? '',
      'Địa điểm': v.venueName,
      Vào: at(v.entryAt),
      Ra: at(v.exitAt),
      'Số phút trùng': '',
      'Kết thúc': VI_CLOSED_BY[v.closedBy],
      'Chuyến tàu / phòng': v.contextLabel ?? '',
    })),
    ...trace.contacts.map((c): Row => ({
      Loại: 'người tiếp xúc',
      'Số giấy tờ': new KeptAsText(c.idNumber),
      'Họ tên': c.fullName ?? '',
      'Địa điểm': c.venueName,
      Vào: at(c.entryAt),
      Ra: at(c.exitAt),
      'Số phút trùng': c.overlapMinutes,
      'Kết thúc': '',
      'Chuyến tàu / phòng': '',
    })),
  ];
  return toCsv([...VI_COLUMNS], rows);
}
