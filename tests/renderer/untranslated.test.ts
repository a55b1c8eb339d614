/**
 * No untranslated message on a Vietnamese screen or export: every code the core answers with (errors,
 * refusals, scanner problems, upload errors, export columns and values) has Vietnamese words, and
 * the words are Vietnamese, not English or the code itself.
 */
import { describe, expect, it } from 'vitest';
import { CODE_KINDS, PROBLEM_CODES } from '../../shared/codes/DecodedCode';
import { KIOSK_ERROR_CODES } from '../../shared/contract';
import { REFUSAL_REASONS, SCAN_EXPORT_COLUMNS, type ScanExport } from '../../shared/kioskScans';
import { UPLOAD_ERROR_CODES } from '../../shared/kioskStatus';
import { errorWords } from '../../renderer/errorWords';
import { CATALOGS, translator, type MessageKey } from '../../renderer/messages';
import { scanCsv } from '../../renderer/scanCsv';
import { looksUntranslated } from '../support/untranslated';

const vi = translator('vi');

/** Names and notations the same in both languages. */
const SAME_IN_BOTH: ReadonlySet<MessageKey> = new Set<MessageKey>([
  'language.switch',
  'settings.endKey.Enter or Tab',
  'settings.endKey.Enter',
  'settings.endKey.Tab',
  'manifest.col.number',
]);

describe('Vietnamese words for every code', () => {
  it('every error code of a Result is put in Vietnamese words', () => {
    for (const code of KIOSK_ERROR_CODES) {
      // The core's own message (English, for logs) must not be what is shown.
      const words = errorWords({ code, message: `kiosk.somewhere: ${code} happened; need the server address` }, vi);
      expect(words, code).not.toMatch(/\bkiosk\.\w/);
      expect(looksUntranslated(words), `${code}: ${words}`).toBe(false);
    }
    expect(
      errorWords({ code: 'invalid-input', message: 'kiosk.dispatch: updateSettings: invalid venueName' }, vi),
    ).toBe('Tên địa điểm cần từ 1 đến 120 ký tự.');
    expect(
      errorWords({ code: 'enroll-failed', message: 'upload.enroll: the district server cannot be reached' }, vi),
    ).toContain('Không đăng ký được với huyện');
  });

  it('every refusal, scanner problem, upload error, code kind and export column has Vietnamese words', () => {
    const keys: MessageKey[] = [
      ...REFUSAL_REASONS.flatMap((reason) => [`reason.${reason}`, `reason.${reason}.fix`] as const),
      ...PROBLEM_CODES.map((problem) => `problem.${problem}` as const),
      ...UPLOAD_ERROR_CODES.map((code) => `upload.error.${code}` as const),
      ...CODE_KINDS.map((kind) => `scan.kind.${kind}` as const),
      ...SCAN_EXPORT_COLUMNS.map((column) => `csv.col.${column}` as const),
    ];
    for (const key of keys) {
      expect(CATALOGS.vi, key).toHaveProperty(key);
      expect(looksUntranslated(vi(key)), `${key}: ${vi(key)}`).toBe(false);
    }
  });

  it('no Vietnamese message is left in English', () => {
    for (const key of Object.keys(CATALOGS.vi) as MessageKey[]) {
      if (SAME_IN_BOTH.has(key)) continue;
      expect(CATALOGS.vi[key], key).not.toBe(CATALOGS.en[key]);
      // File names are written without diacritics or spaces on purpose.
      if (key.startsWith('csv.file.')) continue;
      expect(looksUntranslated(CATALOGS.vi[key]), `${key}: ${CATALOGS.vi[key]}`).toBe(false);
    }
  });

  it('the detector catches what the issue found', () => {
    for (const seen of [
      'need an enrollment code and the server address',
      'the district server cannot be reached',
      'updateSettings: invalid venueName',
      'Vấn đề: keyboard-layout',
      'time,direction,kind',
      'out',
      'kiosk.dispatch: x',
    ]) {
      expect(looksUntranslated(seen), seen).toBe(true);
    }
  });
});

describe('the CSV export in the chosen language', () => {
  const exported: ScanExport = {
    columns: SCAN_EXPORT_COLUMNS,
    rows: [
      [
        '2026-11-25 08:00:00',
        'in',
        'cccd',
        '037188000123',
        'Phạm Thị Hồng',
        '1988-07-23',
        'female',
        'Xóm 3, Ninh Hải',
        null,
        'Tàu 07:30',
        'yes',
      ],
      ['2026-11-25 08:01:00', 'out', 'other', null, null, null, null, null, 'VE-0001', null, 'no'],
    ],
  };

  it('has Vietnamese headers and values: no English word or code', () => {
    const csv = scanCsv(exported, vi);
    const [header, first, second] = csv.split('\r\n');
    expect(header).toBe(
      'Thời gian,Chiều,Loại mã,Số giấy tờ,Họ và tên,Ngày sinh,Giới tính,Địa chỉ,Mã quét được,Chuyến / phòng,Lên tàu',
    );
    expect(first).toBe(
      '2026-11-25 08:00:00,Vào,CCCD gắn chip,037188000123,Phạm Thị Hồng,1988-07-23,Nữ,"Xóm 3, Ninh Hải",,Tàu 07:30,Có',
    );
    expect(second).toBe('2026-11-25 08:01:00,Ra,Mã khác,,,,,,VE-0001,,Không (tàu đủ chỗ)');
    // Only what the card or ticket carried may be Latin letters.
    expect(looksUntranslated(`${header}\n${first.replace('VE-0001', '')}`)).toBe(false);
  });

  it('is English when the screen is', () => {
    const csv = scanCsv(exported, translator('en'));
    expect(csv.split('\r\n')[1]).toContain(',In,Chip ID card,');
  });
});
