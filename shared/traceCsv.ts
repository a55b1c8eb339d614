/**
 * A trace as CSV, written once for the server's `format=csv` and the console's "Export CSV" (which
 * exports the result it shows, so exporting never runs the trace again). ID numbers are kept as
 * text (`KeptAsText`) so a spreadsheet keeps their leading zeros; the traced person's name (from
 * their scans) is on their visits' rows. A contact's group (the sailing they shared with the traced
 * person, or the hotel room) is on its row; contacts of one group follow one another.
 */
import { KeptAsText, toCsv } from './csv';
import type { Contact, TraceResponse, Visit } from './district';
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
  'group',
  'sailingId',
  'departsAt',
  'boarded',
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
      group: '',
      sailingId: v.sailing?.id ?? '',
      departsAt: v.sailing?.departsAt ?? '',
      boarded: v.sailing ? String(v.sailing.boarded) : '',
    })),
    ...trace.contacts.map((c) => ({
      role: 'contact',
      ...c,
      idNumber: id(c.idNumber),
      venueType: '',
      closedBy: '',
      contextLabel: c.group?.label ?? '',
      group: c.group?.kind ?? '',
      sailingId: c.group?.kind === 'sailing' ? c.group.sailingId : '',
      departsAt: c.group?.kind === 'sailing' ? c.group.departsAt : '',
      // Only those who boarded are listed under a sailing.
      boarded: c.group?.kind === 'sailing' ? 'true' : '',
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
  'Tiếp xúc',
  'Giờ tàu chạy',
] as const;

const VI_CLOSED_BY: Readonly<Record<Visit['closedBy'], string>> = {
  exit: 'quét ra',
  'default-stay': 'thời gian lưu mặc định',
  'end-of-day': 'hết ngày',
  'entry-assumed': 'chỉ có lượt ra',
  'entry-elsewhere': 'quét vào nơi khác',
  departure: 'tàu khởi hành',
};

/** How a contact met the traced person, in the team's words. */
function viGroup(group: Contact['group']): string {
  if (group === null) return 'gặp tại địa điểm';
  return group.kind === 'sailing' ? 'cùng chuyến tàu' : 'cùng phòng';
}

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
      'Tiếp xúc': v.sailing && !v.sailing.boarded ? 'không lên tàu (tàu đã đủ chỗ)' : '',
      'Giờ tàu chạy': v.sailing ? at(v.sailing.departsAt) : '',
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
      'Chuyến tàu / phòng': c.group?.label ?? '',
      'Tiếp xúc': viGroup(c.group),
      'Giờ tàu chạy': c.group?.kind === 'sailing' ? at(c.group.departsAt) : '',
    })),
  ];
  return toCsv([...VI_COLUMNS], rows);
}
