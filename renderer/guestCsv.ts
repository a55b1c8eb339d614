/**
 * The hotel's guest list as the residence declaration's CSV ("khai báo lưu trú"), in the screen's
 * language: name, birth date, gender, ID number, nationality, permanent address, room, arrival and
 * departure. Under the minimal profile the fields it does not keep say so in their cells, so nobody
 * files a declaration with blanks taken for unknowns.
 */
import { RESIDENCE_DECLARATION_COLUMNS, type GuestList, type GuestStay } from '../shared/guestList';
import { KeptAsText, toCsv } from '../shared/csv';
import { maskIdNumber } from '../shared/kioskScans';
import type { Translate } from './messages';

/** Local date and time as `YYYY-MM-DD HH:mm` (the kiosk's time zone), for spreadsheets in any language. */
const LOCAL_MINUTE = new Intl.DateTimeFormat('sv-SE', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

export function localMinute(iso: string): string {
  return LOCAL_MINUTE.format(new Date(iso));
}

/** `YYYY-MM-DD` as the declaration writes it (`DD/MM/YYYY`); a year alone stays a year. */
export function declarationDate(date: string | null): string | null {
  const match = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  return match ? `${match[3]}/${match[2]}/${match[1]}` : date;
}

/** One stay's cells in the declaration's words; `notKept` for what the minimal profile never writes. */
export function guestCells(stay: GuestStay, minimal: boolean, t: Translate) {
  const notKept = t('guests.notKept');
  return {
    fullName: stay.fullName,
    birthDate: declarationDate(stay.birthDate),
    gender: minimal ? notKept : stay.gender ? t(`csv.gender.${stay.gender}`) : null,
    // As the printed lists do: the full number only where the venue keeps every field for the declaration.
    idNumber: stay.idNumber && minimal ? maskIdNumber(stay.idNumber) : stay.idNumber,
    nationality: stay.nationality === 'VN' ? t('guests.nationality.VN') : null,
    address: minimal ? notKept : stay.address,
    room: stay.room,
    arrival: localMinute(stay.arrival),
    departure: stay.departure ? localMinute(stay.departure) : null,
  };
}

/** CSV text (RFC 4180, CRLF; the BOM is added when saved). */
export function guestCsv(list: GuestList, t: Translate): string {
  const headers = RESIDENCE_DECLARATION_COLUMNS.map((column) => t(`guests.col.${column}`));
  const minimal = list.profile === 'minimal';
  const rows = list.stays.map((stay) => {
    const cells = guestCells(stay, minimal, t);
    return Object.fromEntries(
      RESIDENCE_DECLARATION_COLUMNS.map((column, index) => [
        headers[index],
        // The ID keeps its leading zero in a spreadsheet.
        column === 'idNumber' && cells.idNumber && !minimal ? new KeptAsText(cells.idNumber) : cells[column],
      ]),
    );
  });
  return toCsv(headers, rows);
}
