/**
 * The hotel desk through the whole core: the room belongs to one guest (it tags their check-in, then
 * the desk's field is empty for the next guest), a guest's next scan days later is their check-out
 * and carries their room, and the guest list pairs the stays with the residence declaration's fields.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../../shared/kioskScans';
import { openKioskFixture, type KioskFixture } from '../../support/kioskFixture';

const HONG = '037188000123||Phạm Thị Hồng|23071988|Nữ|Xóm 3, Xã Ninh Hải, Huyện Hoa Lư, Ninh Bình|09092021';
const AN = '001099012345||Nguyễn Văn An|01021999|Nam|Phường Láng Hạ, Quận Đống Đa, Hà Nội|15032022';
const DAY = 86_400_000;

let fixture: KioskFixture;
afterEach(async () => fixture?.kiosk.close());

function enrollAs(venueType: string): void {
  const db = new Database(path.join(fixture.dataDir, 'kiosk.sqlite'));
  const device = {
    serverUrl: 'http://127.0.0.1:9',
    deviceId: 'd',
    deviceToken: 't',
    venueId: 'v',
    venueName: 'V',
    venueType,
  };
  db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(
    'district-device',
    JSON.stringify(device),
  );
  db.close();
}

const scan = (raw: string): ScanResult => fixture.kiosk.parts.pipeline.submit({ raw, source: 'wedge' });
const room = (label: string) => fixture.kiosk.parts.settings.update({ contextLabel: label });

describe('hotel desk', () => {
  it('gives each guest their own room, checks them out by a scan days later, and lists the stays for the declaration', () => {
    fixture = openKioskFixture({ privacyProfile: 'full', directionMode: 'auto' });
    enrollAs('hotel');
    room('203');
    expect(scan(HONG)).toMatchObject({ outcome: 'recorded', direction: 'in', contextLabel: '203' });
    // Not sticky: the next guest gets no room unless one is typed for them.
    expect(fixture.kiosk.parts.settings.get().contextLabel).toBeNull();
    fixture.advance(5 * 60_000);
    room('305');
    expect(scan(AN)).toMatchObject({ outcome: 'recorded', direction: 'in', contextLabel: '305' });
    // Two days later: Hồng's scan is her check-out, with her room, though a room is typed for someone else.
    fixture.advance(2 * DAY);
    room('101');
    expect(scan(HONG)).toMatchObject({ outcome: 'recorded', direction: 'out', contextLabel: '203' });
    expect(fixture.kiosk.parts.settings.get().contextLabel).toBe('101');
    expect(fixture.rows().map((row) => [row.direction, row.context_label])).toEqual([
      ['in', '203'],
      ['in', '305'],
      ['out', '203'],
    ]);
    const list = fixture.kiosk.parts.guests.list();
    expect(list.profile).toBe('full');
    expect(list.stays).toEqual([
      {
        scanId: expect.any(String),
        fullName: 'Phạm Thị Hồng',
        birthDate: '1988-07-23',
        gender: 'female',
        idNumber: '037188000123',
        nationality: 'VN',
        address: 'Xóm 3, Xã Ninh Hải, Huyện Hoa Lư, Ninh Bình',
        room: '203',
        arrival: '2026-11-25T01:00:00.000Z',
        departure: '2026-11-27T01:05:00.000Z',
      },
      expect.objectContaining({ fullName: 'Nguyễn Văn An', room: '305', gender: 'male', departure: null }),
    ]);
  });

  it('leaves other venues as they were: an office’s label stays set for every visitor, auto alternates per day (a port’s sailings are tested in sailings.test.ts)', () => {
    fixture = openKioskFixture({ privacyProfile: 'minimal', directionMode: 'auto' });
    enrollAs('office');
    room('Hội nghị tầng 3');
    expect(scan(HONG)).toMatchObject({ direction: 'in', contextLabel: 'Hội nghị tầng 3' });
    expect(scan(AN)).toMatchObject({ direction: 'in', contextLabel: 'Hội nghị tầng 3' });
    fixture.advance(DAY);
    expect(scan(HONG)).toMatchObject({ direction: 'in' });
    expect(fixture.kiosk.parts.settings.get().contextLabel).toBe('Hội nghị tầng 3');
  });

  it('under the minimal profile lists the stays without the fields it does not keep', () => {
    fixture = openKioskFixture({ privacyProfile: 'minimal', directionMode: 'auto' });
    enrollAs('hotel');
    room('12');
    scan(HONG);
    const list = fixture.kiosk.parts.guests.list();
    expect(list.profile).toBe('minimal');
    expect(list.stays).toEqual([
      expect.objectContaining({
        fullName: 'Phạm Thị Hồng',
        birthDate: '1988',
        gender: null,
        address: null,
        room: '12',
      }),
    ]);
  });
});
