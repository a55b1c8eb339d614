/** Test data: invented people, real CCCD structure. */
import fc from 'fast-check';

export const SAMPLE_CCCD =
  '037188000123||Phạm Thị Hồng|23071988|Nữ|Xóm 3, Xã Ninh Hải, Huyện Hoa Lư, Ninh Bình|09092021';

const PROVINCES = ['001', '031', '037', '046', '048', '051', '079', '092', '096'];

export interface CccdFields {
  readonly id: string;
  readonly name: string;
  readonly birth: string;
  readonly gender: 'Nam' | 'Nữ';
  readonly address: string;
  readonly issue: string;
}

export function cccdText(f: CccdFields): string {
  return `${f.id}||${f.name}|${f.birth}|${f.gender}|${f.address}|${f.issue}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Consistent CCCDs: the ID's gender, century and year agree with the fields. */
export const arbitraryCccd: fc.Arbitrary<CccdFields> = fc
  .record({
    province: fc.constantFrom(...PROVINCES),
    female: fc.boolean(),
    year: fc.integer({ min: 1930, max: 2015 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    serial: fc.integer({ min: 0, max: 999_999 }),
    name: fc.constantFrom('Phạm Thị Hồng', 'Nguyễn Văn An', 'Lê Thị Thu Hà', 'Trần Đức Thắng', 'Võ Ngọc Ánh'),
    address: fc.constantFrom(
      'Xóm 3, Xã Ninh Hải, Huyện Hoa Lư, Ninh Bình',
      'Thôn Đông, Xã An Vĩnh, Huyện Lý Sơn, Quảng Ngãi',
    ),
  })
  .map((r) => {
    const centuryDigit = r.year >= 2000 ? 2 : 0;
    const genderDigit = centuryDigit + (r.female ? 1 : 0);
    return {
      id: `${r.province}${genderDigit}${String(r.year).slice(2)}${pad(r.serial, 6)}`,
      name: r.name,
      birth: `${pad(r.day)}${pad(r.month)}${r.year}`,
      gender: r.female ? 'Nữ' : 'Nam',
      address: r.address,
      issue: `${pad(r.day)}${pad(r.month)}2021`,
    } as const;
  });

const AZERTY: Readonly<Record<string, string>> = {
  '1': '&',
  '2': 'é',
  '3': '"',
  '4': "'",
  '5': '(',
  '6': '-',
  '7': 'è',
  '8': '_',
  '9': 'ç',
  '0': 'à',
  '|': 'µ',
  a: 'q',
  q: 'a',
  z: 'w',
  w: 'z',
  A: 'Q',
  Q: 'A',
  Z: 'W',
  W: 'Z',
  m: ',',
  M: '?',
  ',': ';',
};

/** What a US-layout wedge scanner produces on a French AZERTY PC: keys moved, Vietnamese letters lost. */
export function typedOnAzerty(text: string): string {
  return [...text.normalize('NFC')].map((ch) => (ch.charCodeAt(0) > 0x7f ? '' : (AZERTY[ch] ?? ch))).join('');
}

/** The same on a UK layout: `|` becomes `~`, `"` becomes `@`; Vietnamese letters lost. */
export function typedOnUkLayout(text: string): string {
  return [...text.normalize('NFC')]
    .map((ch) => (ch.charCodeAt(0) > 0x7f ? '' : ch === '|' ? '~' : ch === '"' ? '@' : ch))
    .join('');
}
