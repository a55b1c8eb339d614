/**
 * What a visitor sees and the district gets for the damage real scanners do: the ScanResult and the
 * row written, through the whole core (decode, policy, recorder).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { toMojibake } from '../../../../shared/codes/mojibake';
import type { ScanResult, SubmitScanInput } from '../../../../shared/kioskScans';
import { SAMPLE_CCCD } from '../../../support/cccdSamples';
import { openKioskFixture, type KioskFixture } from '../../../support/kioskFixture';
import { MAX_WAITING_SCANS } from '../../../../electron/core/scan/ScanPipeline';

/** The card: a US-layout wedge typed it without its Vietnamese letters. */
const ASCII_CCCD = '001089004567||Do Van Minh|12031989|Nam|Phuong Lang Ha, Quan Dong Da, Ha Noi|15032022';
let fixture: KioskFixture;
const scan = (raw: string, extra: Partial<SubmitScanInput> = {}): ScanResult =>
  fixture.kiosk.parts.pipeline.submit({ raw, source: 'wedge', ...extra });
const enrollAs = (venueType: string) => {
  const db = new Database(path.join(fixture.dataDir, 'kiosk.sqlite'));
  const device = {
    serverUrl: 'http://127.0.0.1:9',
    deviceId: 'd1',
    deviceToken: 't',
    venueId: 'v1',
    venueName: 'Venue',
    venueType,
  };
  db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(
    'district-device',
    JSON.stringify(device),
  );
  db.close();
};

afterEach(async () => fixture?.kiosk.close());

describe('letters lost, ID certain: recorded', () => {
  it('records an ASCII-only CCCD by its ID, keeps the folded name marked, and says so to staff', () => {
    fixture = openKioskFixture({ privacyProfile: 'full' });
    expect(scan(ASCII_CCCD)).toMatchObject({
      outcome: 'recorded',
      kind: 'cccd',
      displayName: 'Do Van Minh',
      maskedId: '••••••••4567',
      problems: ['letters-folded'],
    });
    expect(fixture.rows()).toEqual([
      expect.objectContaining({
        outcome: 'recorded',
        id_number: '001089004567',
        full_name: 'Do Van Minh',
        gender: 'male',
        problems: 'letters-folded',
        code_text: null,
      }),
    ]);
    expect(fixture.kiosk.parts.state.read().lettersLostToday).toBe(1);
  });

  it('records a CCCD whose letters were dropped without its name or address', () => {
    fixture = openKioskFixture({ privacyProfile: 'full' });
    const dropped = [...SAMPLE_CCCD].filter((ch) => ch.charCodeAt(0) < 0x80).join('');
    expect(scan(dropped)).toMatchObject({ outcome: 'recorded', displayName: null, problems: ['letters-dropped'] });
    expect(fixture.rows()[0]).toMatchObject({
      id_number: '037188000123',
      full_name: null,
      address: null,
      birth_date: '1988-07-23',
      code_text: null,
    });
  });

  it.each(['windows-1252', 'windows-1258', 'cp437', 'latin-1'] as const)(
    'repairs %s mojibake on every input path and records the right name',
    (page) => {
      fixture = openKioskFixture({ directionMode: 'in', duplicateWindowSeconds: 0 });
      for (const source of ['wedge', 'hid', 'serial'] as const) {
        expect(scan(toMojibake(SAMPLE_CCCD, page), { source })).toMatchObject({
          outcome: 'recorded',
          displayName: 'Phạm Thị Hồng',
          problems: ['mojibake'],
        });
      }
      expect(fixture.rows().map((row) => row.full_name)).toEqual(['Phạm Thị Hồng', 'Phạm Thị Hồng', 'Phạm Thị Hồng']);
    },
  );
});

describe('a damaged card is never a plain code', () => {
  it.each([
    ['first digit lost', SAMPLE_CCCD.slice(1)],
    ['first three keys lost', ASCII_CCCD.slice(3)],
    ['health QR without its first keys', '***123456|NGUYEN VAN AN|1990-**-**|0|QID1|'],
  ])('refuses a card with its %s as damaged-card; nothing of its text is stored', (_name, raw) => {
    fixture = openKioskFixture({ privacyProfile: 'full' });
    expect(scan(raw)).toMatchObject({ outcome: 'refused', reason: 'damaged-card', displayName: null, maskedId: null });
    expect(fixture.rows()).toEqual([
      expect.objectContaining({
        outcome: 'refused',
        reason: 'damaged-card',
        code_text: null,
        id_number: null,
        full_name: null,
        address: null,
        birth_date: null,
      }),
    ]);
  });

  it('records a CCCD whose separators were typed without Shift by its ID, without its text', () => {
    fixture = openKioskFixture({ privacyProfile: 'full' });
    expect(scan(ASCII_CCCD.replaceAll('|', '\\'))).toMatchObject({
      outcome: 'recorded',
      kind: 'cccd',
      displayName: null,
      recovered: true,
    });
    expect(fixture.rows()[0]).toMatchObject({ id_number: '001089004567', full_name: null, code_text: null });
  });

  it('refuses a scan the wedge decoder could not be sure is whole', () => {
    fixture = openKioskFixture();
    expect(scan('VE-LS-2026-000731', { incomplete: true })).toMatchObject({
      outcome: 'refused',
      reason: 'incomplete-scan',
    });
    expect(fixture.rows()[0]).toMatchObject({ reason: 'incomplete-scan', code_text: null });
  });
});

describe('plain codes: the venue’s choice, shown on the card', () => {
  it('takes a ticket on a kiosk not yet enrolled and shows its code; refuses what is not a ticket', () => {
    fixture = openKioskFixture();
    expect(scan('VE-LS-2026-000731')).toMatchObject({
      outcome: 'recorded',
      kind: 'other',
      codeText: 'VE-LS-2026-000731',
    });
    expect(scan('hello')).toMatchObject({ outcome: 'refused', reason: 'not-a-ticket' });
    expect(scan('@@##!!~~xx')).toMatchObject({ outcome: 'refused', reason: 'not-a-ticket' });
    expect(fixture.rows().map((row) => [row.outcome, row.code_text])).toEqual([
      ['recorded', 'VE-LS-2026-000731'],
      ['refused', null],
      ['refused', null],
    ]);
  });

  it.each([
    ['port', null, 'recorded'],
    ['transport', null, 'recorded'],
    ['hotel', null, 'refused'],
    ['school', null, 'refused'],
    ['hotel', true, 'recorded'],
    ['port', false, 'refused'],
  ] as const)('a %s kiosk with plainCodes %s: a ticket is %s', (venueType, plainCodes, outcome) => {
    fixture = openKioskFixture({ plainCodes });
    enrollAs(venueType);
    expect(scan('VE-LS-2026-000731')).toMatchObject({
      outcome,
      ...(outcome === 'refused' ? { reason: 'kind-not-accepted' } : {}),
    });
  });
});

describe('"ask each time" drops nobody', () => {
  it('keeps scans that arrive while the question is open, in order, and says how many wait', () => {
    fixture = openKioskFixture({ directionMode: 'ask', privacyProfile: 'full' });
    const heard: ScanResult[] = [];
    fixture.kiosk.subscribe((event) => {
      if (event.name === 'scan-handled') heard.push(event.payload);
    });
    expect(scan(SAMPLE_CCCD)).toMatchObject({
      outcome: 'needs-direction',
      displayName: 'Phạm Thị Hồng',
      waitingScans: 0,
    });
    expect(scan(ASCII_CCCD)).toMatchObject({
      outcome: 'needs-direction',
      displayName: 'Phạm Thị Hồng',
      waitingScans: 1,
    });
    expect(scan('VE-LS-2026-000731')).toMatchObject({
      outcome: 'needs-direction',
      displayName: 'Phạm Thị Hồng',
      waitingScans: 2,
    });
    expect(fixture.rows()).toHaveLength(0);

    expect(fixture.kiosk.parts.pipeline.chooseDirection('in')).toMatchObject({
      outcome: 'recorded',
      displayName: 'Phạm Thị Hồng',
      direction: 'in',
    });
    expect(heard.at(-1)).toMatchObject({ outcome: 'needs-direction', displayName: 'Do Van Minh', waitingScans: 1 });
    expect(fixture.kiosk.parts.pipeline.chooseDirection('out')).toMatchObject({
      outcome: 'recorded',
      displayName: 'Do Van Minh',
      direction: 'out',
    });
    expect(heard.at(-1)).toMatchObject({ outcome: 'needs-direction', codeText: 'VE-LS-2026-000731', waitingScans: 0 });
    fixture.kiosk.parts.pipeline.chooseDirection('in');
    expect(fixture.rows().map((row) => [row.id_number ?? row.code_text, row.direction])).toEqual([
      ['037188000123', 'in'],
      ['001089004567', 'out'],
      ['VE-LS-2026-000731', 'in'],
    ]);
    expect(() => fixture.kiosk.parts.pipeline.chooseDirection('in')).toThrow(/no scan is waiting/);
  });

  it('records each waiting scan at the time it arrived, not when the question was answered', () => {
    fixture = openKioskFixture({ directionMode: 'ask' });
    scan('VE-LS-2026-000001');
    scan('VE-LS-2026-000002');
    fixture.advance(10 * 60_000);
    fixture.kiosk.parts.pipeline.chooseDirection('in');
    fixture.kiosk.parts.pipeline.chooseDirection('out');
    expect(fixture.rows().map((row) => row.scanned_at)).toEqual([
      '2026-11-25T01:00:00.000Z',
      '2026-11-25T01:00:00.000Z',
    ]);
  });

  it('answers a scanner scan past the waiting limit in red, never throwing at the scanner driver', () => {
    fixture = openKioskFixture({ directionMode: 'ask' });
    scan('VE-LS-2026-000000');
    for (let i = 1; i <= MAX_WAITING_SCANS; i += 1)
      expect(
        fixture.kiosk.parts.pipeline.submit({ raw: `VE-LS-2026-${String(i).padStart(6, '0')}`, source: 'hid' }).outcome,
      ).toBe('needs-direction');
    expect(fixture.kiosk.parts.pipeline.submit({ raw: 'VE-LS-2026-999999', source: 'hid' })).toMatchObject({
      outcome: 'failed',
      reason: 'too-many-waiting',
      scanId: null,
    });
    expect(fixture.rows()).toHaveLength(0);
  });

  it('records the waiting scans by the new mode when staff leave ask mode', () => {
    fixture = openKioskFixture({ directionMode: 'ask' });
    scan(SAMPLE_CCCD);
    scan(ASCII_CCCD);
    fixture.kiosk.parts.settings.update({ directionMode: 'in' });
    expect(scan('VE-LS-2026-000731')).toMatchObject({ outcome: 'recorded', direction: 'in' });
    expect(fixture.rows().map((row) => row.direction)).toEqual(['in', 'in', 'in']);
  });
});
