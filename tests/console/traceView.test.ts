/** The trace page's pure helpers: the ID number from typed or scanned text, contacts grouped and sorted. */
import { describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/district';
import { groupContacts, idNumberFromInput } from '../../console/traceView';
import { SAMPLE_CCCD } from '../support/cccdSamples';

describe('idNumberFromInput', () => {
  it('takes typed text as the ID number and reads a scanned CCCD with the kiosk decoders', () => {
    expect(idNumberFromInput(' 037188000123 ')).toEqual({ idNumber: '037188000123', scanned: false });
    expect(idNumberFromInput('037 188 000 123')).toEqual({ idNumber: '037188000123', scanned: false });
    expect(idNumberFromInput('037.188.000.123')).toEqual({ idNumber: '037188000123', scanned: false });
    expect(idNumberFromInput('VE 0042')).toEqual({ idNumber: 'VE 0042', scanned: false });
    expect(idNumberFromInput(SAMPLE_CCCD)).toEqual({ idNumber: '037188000123', scanned: true });
    expect(idNumberFromInput('')).toBeNull();
    expect(idNumberFromInput('NZCOVIDTRACER:eyJ0eXAiOiJlbnRyeSJ9|||')).toBeNull();
  });
});

describe('groupContacts', () => {
  const contact = (venueId: string, name: string, entryAt: string, overlapMinutes: number): Contact => ({
    idNumber: name,
    fullName: name,
    venueId,
    venueName: `Venue ${venueId}`,
    entryAt,
    exitAt: entryAt,
    overlapMinutes,
    group: null,
  });
  const contacts = [
    contact('a', 'Bình', '2026-11-25T01:00:00.000Z', 10),
    contact('b', 'An', '2026-11-25T02:00:00.000Z', 5),
    contact('a', 'Ánh', '2026-11-25T00:30:00.000Z', 30),
  ];

  it('groups by venue in the order venues first appear, and sorts each group', () => {
    expect(
      groupContacts(contacts, 'overlap').map((g) => [g.venueId, g.contacts.map((c) => c.fullName), g.overlapMinutes]),
    ).toEqual([
      ['a', ['Ánh', 'Bình'], 40],
      ['b', ['An'], 5],
    ]);
    expect(groupContacts(contacts, 'entry')[0].contacts.map((c) => c.fullName)).toEqual(['Ánh', 'Bình']);
    expect(groupContacts(contacts, 'name')[0].contacts.map((c) => c.fullName)).toEqual(['Ánh', 'Bình']);
  });
});

describe('groupContacts by sailing and room', () => {
  const sailing = {
    kind: 'sailing' as const,
    sailingId: '0190b000-0000-4000-8000-000000001030',
    label: 'Tàu 10:30',
    departsAt: '2026-11-26T03:30:00.000Z',
  };
  const contact = (name: string, group: Contact['group'], overlapMinutes: number): Contact => ({
    idNumber: name,
    fullName: name,
    venueId: 'port',
    venueName: 'Cảng Sa Kỳ',
    entryAt: '2026-11-26T03:00:00.000Z',
    exitAt: '2026-11-26T03:30:00.000Z',
    overlapMinutes,
    group,
  });

  it("puts the voyage's passengers in their own part, those met at the port after, each part sorted", () => {
    const [port] = groupContacts(
      [contact('Met', null, 25), contact('Boarded A', sailing, 0), contact('Boarded B', sailing, 20)],
      'overlap',
    );
    expect(port.parts.map((p) => [p.group?.kind ?? null, p.contacts.map((c) => c.fullName)])).toEqual([
      ['sailing', ['Boarded B', 'Boarded A']],
      [null, ['Met']],
    ]);
    expect(port.contacts).toHaveLength(3);
  });
});
