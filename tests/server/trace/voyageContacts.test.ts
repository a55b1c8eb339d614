/**
 * The trace knows sailings and rooms, on both stores: a passenger's contacts for the voyage are
 * exactly those who boarded the same sailing (however long they met at the port), under that
 * sailing; the next sailing's passengers count only where they overlapped at the port within the
 * margin; a stay with no exit ends at the departure; someone refused boarding was ashore. At a hotel,
 * overlapping guests of the same room come first, under the room.
 */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SailingRef, TraceResponse, VenueType } from '../../../shared/district';
import { traceCsv, traceCsvVi } from '../../../shared/traceCsv';
import { DistrictServer } from '../../../server/DistrictServer';
import { ingestScans } from '../../../server/ingest/ingestScans';
import type { DeviceRecord, DistrictStore, StoredScan } from '../../../server/store/DistrictStore';
import { uploadedScan } from '../../support/districtSamples';
import { STORES_WITH_CITUS } from '../../support/districtServer';

const NOW = '2026-11-26T10:00:00.000Z';
const REPORT = { receivedAt: NOW, sentAt: NOW, clockOffsetMs: 0, pendingCount: 0, appVersion: 't' };
const DAY = { from: '2026-11-26T00:00:00.000Z', to: '2026-11-27T00:00:00.000Z' };
/** 10:30 in Viet Nam, and the next boat at 12:30. */
const FIRST = { id: '0190b000-0000-4000-8000-000000001030', departsAt: '2026-11-26T03:30:00.000Z' };
const NEXT = { id: '0190b000-0000-4000-8000-000000001230', departsAt: '2026-11-26T05:30:00.000Z' };

const TRACED = '051090000001';
const ON_BOARD_EARLY = '051090000002'; // boarded the first boat, left the port long before the traced person came
const ON_BOARD = '051090000003';
const ON_BOARD_LATE = '051090000004';
const REFUSED = '051090000005'; // the first boat was full: ashore, met at the port
const NEXT_MET = '051090000006'; // the next boat's passenger, at the port while the traced person was
const NEXT_APART = '051090000007'; // the next boat's passenger, came after the first boat left

describe.each(STORES_WITH_CITUS)('trace by sailing and room on %s', (_name, open) => {
  let store: DistrictStore;
  let seq = 0;
  const enrol = async (name: string, type: VenueType) => {
    const venueId = uuidv7();
    const key = uuidv7();
    await store.createEnrollment({
      venue: { id: venueId, name, type, address: null },
      codeHash: `code-${key}`,
      createdAt: NOW,
      expiresAt: '2026-12-31T00:00:00.000Z',
    });
    await store.redeemEnrollment(`code-${key}`, NOW, { id: uuidv7(), name: 'Quầy', tokenHash: key, appVersion: null });
    return (await store.findDeviceByTokenHash(key)) as DeviceRecord;
  };
  const scan = (
    device: DeviceRecord,
    at: string,
    idNumber: string,
    direction: 'in' | 'out',
    context: { label?: string; sailing?: SailingRef } = {},
  ): StoredScan => ({
    ...uploadedScan(at, {
      seq: (seq += 1),
      idNumber,
      fullName: `Khách ${idNumber.slice(-2)}`,
      direction,
      contextLabel: context.label ?? null,
      sailing: context.sailing ?? null,
    }),
    venueId: device.venueId,
    deviceId: device.id,
    receivedAt: NOW,
    correctedAt: at,
    localDay: at.slice(0, 10),
  });
  const trace = (idNumber: string, margin = 15): Promise<TraceResponse> =>
    new DistrictServer({ store }).trace(idNumber, DAY.from, DAY.to, margin);

  let port: DeviceRecord;
  let hotel: DeviceRecord;
  beforeAll(async () => {
    store = await open();
    port = await enrol('Cảng Sa Kỳ', 'port');
    hotel = await enrol('Khách sạn Biển Xanh', 'hotel');
    const first = (boarded: boolean) => ({ label: 'Tàu 10:30', sailing: { ...FIRST, boarded } });
    const next = { label: 'Tàu 12:30', sailing: { ...NEXT, boarded: true } };
    await ingestScans(
      store,
      port,
      [
        scan(port, '2026-11-26T02:00:00.000Z', ON_BOARD_EARLY, 'in', first(true)),
        scan(port, '2026-11-26T02:20:00.000Z', ON_BOARD_EARLY, 'out', first(true)),
        scan(port, '2026-11-26T02:10:00.000Z', ON_BOARD, 'in', first(true)),
        scan(port, '2026-11-26T03:00:00.000Z', TRACED, 'in', first(true)),
        scan(port, '2026-11-26T03:10:00.000Z', REFUSED, 'in', first(false)),
        scan(port, '2026-11-26T03:20:00.000Z', NEXT_MET, 'in', next),
        scan(port, '2026-11-26T03:25:00.000Z', ON_BOARD_LATE, 'in', first(true)),
        // Scanned twice for the same boat: one passenger of the voyage.
        scan(port, '2026-11-26T03:26:00.000Z', ON_BOARD_LATE, 'in', first(true)),
        scan(port, '2026-11-26T04:00:00.000Z', NEXT_APART, 'in', next),
      ],
      REPORT,
    );
  });
  afterAll(() => store.close());

  it("lists the voyage's passengers under its sailing, and the others at the port only where they met", async () => {
    const result = await trace(TRACED);
    expect(result.visits).toEqual([
      expect.objectContaining({
        venueName: 'Cảng Sa Kỳ',
        entryAt: '2026-11-26T03:00:00.000Z',
        // No exit: the boat's departure, not two hours of a port's default stay.
        exitAt: FIRST.departsAt,
        closedBy: 'departure',
        contextLabel: 'Tàu 10:30',
        sailing: { ...FIRST, departsAt: '2026-11-26T03:30:00.000Z', boarded: true },
      }),
    ]);
    const rows = result.contacts.map((c) => [c.idNumber, c.group?.kind ?? null]);
    expect(rows).toEqual([
      [ON_BOARD_EARLY, 'sailing'],
      [ON_BOARD, 'sailing'],
      [ON_BOARD_LATE, 'sailing'],
      [REFUSED, null],
      [NEXT_MET, null],
    ]);
    expect(result.contacts[0].group).toEqual({
      kind: 'sailing',
      sailingId: FIRST.id,
      label: 'Tàu 10:30',
      departsAt: FIRST.departsAt,
    });
    expect(result.contactsTotal).toBe(5);
    // The team's CSV says how each contact met the case, with the boat's label and departure in local time.
    const vi = traceCsvVi(result, 'Asia/Ho_Chi_Minh').split('\r\n');
    expect(vi.filter((line) => line.includes('cùng chuyến tàu'))).toHaveLength(3);
    expect(vi.find((line) => line.includes(ON_BOARD))).toContain('Tàu 10:30,cùng chuyến tàu,26/11/2026 10:30');
    expect(vi.find((line) => line.includes(NEXT_MET))).toContain('gặp tại địa điểm');
    const machine = traceCsv(result).split('\r\n');
    expect(machine.find((line) => line.includes(ON_BOARD_EARLY))).toContain(
      `sailing,${FIRST.id},${FIRST.departsAt},true`,
    );
  });

  it('pages through the grouped contacts in the same order', async () => {
    const whole = await trace(TRACED);
    const server = new DistrictServer({ store });
    const pages: string[] = [];
    for (let offset = 0; offset < whole.contactsTotal; offset += 2) {
      const page = await server.trace(TRACED, DAY.from, DAY.to, 15, { limit: 2, offset });
      pages.push(...page.contacts.map((c) => `${c.idNumber} ${c.group?.kind ?? '-'}`));
    }
    expect(pages).toEqual(whole.contacts.map((c) => `${c.idNumber} ${c.group?.kind ?? '-'}`));
  });

  it('leaves someone refused boarding ashore: no voyage, only those met at the port', async () => {
    const result = await trace(REFUSED);
    expect(result.visits.map((v) => v.closedBy)).toEqual(['default-stay']);
    expect(result.contacts.every((c) => c.group === null)).toBe(true);
    // Met at the port within the margin: everyone there between 10:10 and 12:10, not the early passenger who left at 09:20.
    expect(result.contacts.map((c) => c.idNumber).sort()).toEqual(
      [ON_BOARD, TRACED, NEXT_MET, ON_BOARD_LATE, ON_BOARD_LATE, NEXT_APART].sort(),
    );
  });

  it("groups a hotel's guests of the same room, whatever the spelling, and lists the other guests after", async () => {
    const rooms = [
      scan(hotel, '2026-11-26T05:00:00.000Z', '051090000011', 'in', { label: 'P.203' }),
      scan(hotel, '2026-11-26T06:00:00.000Z', '051090000012', 'in', { label: 'P. 203 ' }),
      scan(hotel, '2026-11-26T06:30:00.000Z', '051090000013', 'in', { label: '305' }),
      scan(hotel, '2026-11-26T07:00:00.000Z', '051090000011', 'out', { label: 'P.203' }),
      scan(hotel, '2026-11-26T07:30:00.000Z', '051090000013', 'out', { label: '305' }),
      scan(hotel, '2026-11-26T08:00:00.000Z', '051090000012', 'out', { label: 'P. 203 ' }),
      // The same room after the traced guest left: not met.
      scan(hotel, '2026-11-26T09:00:00.000Z', '051090000014', 'in', { label: 'P.203' }),
    ];
    await ingestScans(store, hotel, rooms, REPORT);
    const result = await trace('051090000012');
    expect(result.contacts.map((c) => [c.idNumber, c.group])).toEqual([
      ['051090000011', { kind: 'room', label: 'P. 203' }],
      ['051090000013', null],
    ]);
  });
});
