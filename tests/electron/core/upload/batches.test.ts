/**
 * Upload batches are serialised by SQLite (json_object) for speed: for any stored rows, the scans a
 * batch carries are exactly `toUploadedScan` of those rows (the district's contract), whatever text
 * they hold (Vietnamese, quotes, backslashes, control characters a damaged card left),
 * `voidsScanId` only on corrections, and `sailing` (with its departure and boarded or refused) only
 * on a sailing's scans.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../../../../shared/codes/DecodedCode';
import { openDatabase, type SqliteDatabase } from '../../../../electron/core/store/openDatabase';
import { insertSailing } from '../../../../electron/core/store/sailingQueries';
import { insertScan, type NewScanRow, type ScanRow } from '../../../../electron/core/store/scanQueries';
import { readBatch, toUploadedScan } from '../../../../electron/core/upload/batches';

let db: SqliteDatabase | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

const text = fc.option(
  fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom('Phạm Thị Hồng', 'Thôn Đông, Xã An Vĩnh', 'a "quoted" \\ back\\slash', 'tab\there\nnewline\u0001'),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
  ),
  { nil: null },
);
const rowArb = fc.record({
  direction: fc.constantFrom('in', 'out', null),
  source: fc.constantFrom('wedge', 'serial', 'hid', 'manual'),
  kind: fc.constantFrom('cccd', 'health', 'insurance', 'ticket', 'unknown'),
  outcome: fc.constantFrom('recorded', 'refused'),
  reason: text,
  problems: fc.uniqueArray(fc.constantFrom(...PROBLEM_CODES), { maxLength: 4 }).map((codes) => codes.join(',')),
  id_number: text,
  full_name: text,
  birth_date: text,
  gender: fc.constantFrom('male', 'female', null, 'x'),
  address: text,
  code_text: text,
  context_label: text,
  utc_offset_min: fc.integer({ min: -720, max: 840 }),
  voids: fc.boolean(),
  /** No sailing, or the sailing with the person boarded (1) or refused for a full boat (0). */
  sailing: fc.constantFrom(null, 1, 0),
});

const SAILING_ID = '0190a000-0000-7000-8000-00000000aaaa';
const DEPARTS_AT = '2026-11-26T00:30:00.000Z';

describe('upload batches', () => {
  it('carry exactly toUploadedScan of every row, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 30 }), async (rows) => {
        db?.close();
        db = openDatabase(path.join(mkdtempSync(path.join(os.tmpdir(), 'kiosk-batches-')), 'kiosk.sqlite'));
        insertSailing(db, {
          id: SAILING_ID,
          label: 'Tàu 07:30',
          route: null,
          departs_at: DEPARTS_AT,
          seats: 40,
          state: 'boarding',
          created_at: DEPARTS_AT,
          closed_at: null,
        });
        rows.forEach(({ sailing, ...r }, i) => {
          const id = `0190a000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`;
          const row: NewScanRow = {
            id,
            scanned_at: '2026-11-26T01:00:00.000Z',
            local_day: '2026-11-26',
            recovered: 0,
            subject_key: null,
            declaration: null,
            ...r,
            source: r.source as NewScanRow['source'],
            direction: r.direction as NewScanRow['direction'],
            outcome: r.outcome as NewScanRow['outcome'],
            voids: r.voids && i > 0 ? '0190a000-0000-7000-8000-000000000001' : null,
            sailing_id: sailing === null ? null : SAILING_ID,
            boarded: sailing,
          };
          insertScan(db as SqliteDatabase, row);
        });
        const batch = await readBatch(db as SqliteDatabase, 0, 1000);
        const stored = (db as SqliteDatabase).prepare('SELECT * FROM scans ORDER BY seq').all() as ScanRow[];
        const sent = JSON.parse(`[${batch?.scansJson}]`) as unknown[];
        expect(sent).toEqual(stored.map((row) => toUploadedScan(row, row.sailing_id ? DEPARTS_AT : null)));
        // A refused boarding is sent as such: at the port, not on board; so is a sailing's exit scan
        // (leaving the gangway is no boarding, and the district must not count it a passenger).
        stored.forEach((row, i) =>
          expect((sent[i] as { sailing?: { boarded: boolean } }).sailing?.boarded).toBe(
            row.sailing_id === null ? undefined : row.boarded === 1 && row.direction === 'in',
          ),
        );
        expect(batch?.rows).toEqual(stored.map((s) => ({ id: s.id, seq: s.seq })));
      }),
      { numRuns: 60 },
    );
  });
});
