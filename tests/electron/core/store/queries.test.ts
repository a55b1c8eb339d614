import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../../../../electron/core/store/openDatabase';
import {
  countScansByHour,
  countScansOfDay,
  findLatestRecordedScanOfSubject,
  insertScan,
  listInsideOnDay,
  listScansForExport,
  searchScansOfDay,
  type NewScanRow,
} from '../../../../electron/core/store/scanQueries';
import {
  readKioskSettings,
  readSetting,
  writeRawSetting,
  writeSetting,
} from '../../../../electron/core/store/settingsStore';
import {
  insertRejection,
  countRejections,
  listScansAfter,
  purgeUploadedScansBefore,
  readUploadCursor,
  summarisePending,
  writeUploadCursor,
} from '../../../../electron/core/store/uploadQueries';
import { DEFAULT_SETTINGS } from '../../../../shared/kioskSettings';

let db: SqliteDatabase;
afterEach(() => db?.close());

function open(): SqliteDatabase {
  db = openDatabase(path.join(mkdtempSync(path.join(os.tmpdir(), 'kiosk-queries-')), 'kiosk.sqlite'));
  return db;
}

let next = 0;
function row(overrides: Partial<NewScanRow>): NewScanRow {
  next += 1;
  return {
    id: `0190a000-0000-7000-8000-${String(next).padStart(12, '0')}`,
    scanned_at: '2026-11-26T01:00:00.000Z',
    utc_offset_min: 420,
    local_day: '2026-11-26',
    direction: 'in',
    source: 'wedge',
    kind: 'cccd',
    outcome: 'recorded',
    reason: null,
    problems: '',
    recovered: 0,
    subject_key: 'subject-a',
    id_number: '037188000123',
    full_name: 'Phạm Thị Hồng',
    birth_date: '1988',
    gender: null,
    address: null,
    code_text: null,
    context_label: null,
    declaration: null,
    voids: null,
    ...overrides,
  };
}

describe('scan queries', () => {
  it('counts a day, finds a subject’s latest scan, lists who is inside and counts by local hour', () => {
    open();
    insertScan(db, row({ subject_key: 'a', direction: 'in' }));
    insertScan(
      db,
      row({ subject_key: 'b', direction: 'in', full_name: 'Lê Văn Tư', scanned_at: '2026-11-26T02:30:00.000Z' }),
    );
    const lastOfA = row({ subject_key: 'a', direction: 'out', scanned_at: '2026-11-26T03:00:00.000Z' });
    insertScan(db, lastOfA);
    insertScan(
      db,
      row({
        outcome: 'refused',
        reason: 'unreadable',
        direction: null,
        subject_key: null,
        id_number: null,
        full_name: null,
      }),
    );
    insertScan(db, row({ subject_key: 'c', local_day: '2026-11-25' }));
    expect(countScansOfDay(db, '2026-11-26')).toEqual({ recordedIn: 2, recordedOut: 1, refused: 1 });
    expect(findLatestRecordedScanOfSubject(db, 'a')?.id).toBe(lastOfA.id);
    expect(listInsideOnDay(db, '2026-11-26').map((r) => r.subject_key)).toEqual(['b']);
    expect(countScansByHour(db, '2026-11-26')).toEqual(
      expect.arrayContaining([
        { hour: 8, direction: 'in', n: 1 },
        { hour: 9, direction: 'in', n: 1 },
        { hour: 10, direction: 'out', n: 1 },
      ]),
    );
  });

  it('searches literally (LIKE wildcards are text) and exports a day or a context', () => {
    open();
    insertScan(
      db,
      row({ kind: 'other', code_text: '50%_off', id_number: null, full_name: null, context_label: 'Tàu 07:30' }),
    );
    insertScan(db, row({ kind: 'other', code_text: '50X-off', id_number: null, full_name: null }));
    expect(searchScansOfDay(db, '2026-11-26', '%_', 10).map((r) => r.code_text)).toEqual(['50%_off']);
    expect(listScansForExport(db, { contextLabel: 'Tàu 07:30' })).toHaveLength(1);
    // Of the ID, only what the screen shows (its last four digits) can be searched.
    insertScan(db, row({}));
    expect(searchScansOfDay(db, '2026-11-26', '0123', 10).map((r) => r.id_number)).toEqual(['037188000123']);
    expect(searchScansOfDay(db, '2026-11-26', '037188', 10)).toEqual([]);
    expect(listScansForExport(db, { localDay: '2026-11-26' })).toHaveLength(3);
  });

  it('searches without accents or case: staff type `Tau 07:30` for `Tàu 07:30` and `pham thi` for `Phạm Thị`', () => {
    open();
    insertScan(db, row({ context_label: 'Tàu 07:30' }));
    insertScan(db, row({ full_name: 'Đặng Văn Đức', context_label: 'Tàu 09:00', subject_key: 'b' }));
    insertScan(db, row({ kind: 'other', code_text: 'VÉ-LÝ-SƠN-1', id_number: null, full_name: null }));
    expect(searchScansOfDay(db, '2026-11-26', 'Tau 07:30', 10).map((r) => r.context_label)).toEqual(['Tàu 07:30']);
    expect(searchScansOfDay(db, '2026-11-26', 'Tàu 07:30', 10).map((r) => r.context_label)).toEqual(['Tàu 07:30']);
    expect(searchScansOfDay(db, '2026-11-26', 'pham thi', 10).map((r) => r.full_name)).toEqual(['Phạm Thị Hồng']);
    expect(searchScansOfDay(db, '2026-11-26', 'dang van duc', 10).map((r) => r.full_name)).toEqual(['Đặng Văn Đức']);
    expect(searchScansOfDay(db, '2026-11-26', 've-ly-son', 10).map((r) => r.code_text)).toEqual(['VÉ-LÝ-SƠN-1']);
    expect(searchScansOfDay(db, '2026-11-26', 'Tàu 08', 10)).toEqual([]);
  });
});

describe('upload queries', () => {
  it('reads past the cursor, summarises what is pending, keeps rejections, purges only what was sent and is old', () => {
    open();
    insertScan(db, row({ scanned_at: '2026-10-01T00:00:00.000Z' }));
    insertScan(db, row({ scanned_at: '2026-10-02T00:00:00.000Z' }));
    const recent = row({ scanned_at: '2026-11-26T00:00:00.000Z' });
    const recentSeq = insertScan(db, recent);
    expect(readUploadCursor(db)).toBe(0);
    expect(summarisePending(db, 0, '2026-11-01T00:00:00.000Z')).toEqual({
      count: 3,
      oldest: '2026-10-01T00:00:00.000Z',
      olderThanCutoff: 2,
    });
    writeUploadCursor(db, 1);
    expect(listScansAfter(db, readUploadCursor(db), 10).map((r) => r.seq)).toEqual([2, recentSeq]);
    insertRejection(db, recent.id, recentSeq, 'invalid-text', '2026-11-26T00:00:00.000Z');
    insertRejection(db, recent.id, recentSeq, 'invalid-text', '2026-11-26T00:00:01.000Z');
    expect(countRejections(db)).toBe(1);
    expect(purgeUploadedScansBefore(db, 1, '2026-11-01T00:00:00.000Z')).toBe(1);
    expect(listScansAfter(db, 0, 10).map((r) => r.seq)).toEqual([2, recentSeq]);
  });
});

describe('typed settings', () => {
  it('parses on read: a value of the wrong shape reads as absent, old settings gain new keys’ defaults', () => {
    open();
    writeRawSetting(db, 'upload-cursor', 'not a number');
    expect(readSetting(db, 'upload-cursor')).toBeUndefined();
    writeSetting(db, 'upload-cursor', 42);
    expect(readSetting(db, 'upload-cursor')).toBe(42);
    writeRawSetting(db, 'kiosk', { venueName: 'Cảng Lý Sơn', language: 'en' });
    expect(readKioskSettings(db)).toEqual({ ...DEFAULT_SETTINGS, venueName: 'Cảng Lý Sơn', language: 'en' });
    writeRawSetting(db, 'kiosk', { venueName: '', language: 'en', contextLabel: 'Tàu\u0000 07:30' });
    expect(readKioskSettings(db)).toEqual({ ...DEFAULT_SETTINGS, language: 'en' });
  });
});
