/**
 * Presence intervals kept at ingest are the intervals of pairing every scan at once: whatever the
 * order and grouping in which scans arrive (out of order, duplicates, several devices), on both
 * stores, and the same as the set-based SQL that migrations and a venue's change of type use.
 */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VenueType } from '../../../shared/district';
import type { DeviceRecord, DistrictStore, PresenceInterval, StoredScan } from '../../../server/store/DistrictStore';
import { compareEvents, eventOfScan, pairSequence, personKey } from '../../../server/domain/presencePairing';
import { uploadedScan } from '../../support/districtSamples';
import { STORES_WITH_CITUS } from '../../support/districtServer';
import { ingestScans } from '../../../server/ingest/ingestScans';

const START = Date.parse('2026-11-22T00:00:00.000Z');
const HOUR = 3_600_000;
const TYPES: readonly VenueType[] = ['port', 'hotel', 'school'];
const PEOPLE = ['001000000001', '001000000002', '001000000003', '001000000004', '001000000005'];
/** Sailings some scans name (the kiosk's ids): a boarded one's entry with no exit ends at its departure. */
const SAILINGS = ['0190a000-0000-4000-8000-000000000001', '0190a000-0000-4000-8000-000000000002'];

/** The interval's sailing as compared: id, departure, boarded (or none). */
function sailingText(sailing: { id: string; departsAt: number; boarded: boolean } | null): string {
  return sailing ? `${sailing.id}@${new Date(sailing.departsAt).toISOString()}:${sailing.boarded}` : '-';
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Every interval at a venue, as the trace reads them (pages of 7, so paging is walked too). */
async function storedAt(store: DistrictStore, venueId: string): Promise<string[]> {
  const window = { venueId, from: 0, to: 2 ** 50 };
  let [page] = await store.presenceInWindows([window], 7);
  const rows: PresenceInterval[] = [...page.intervals];
  while (page.next) {
    [page] = await store.presenceInWindows([{ ...window, after: page.next }], 7);
    rows.push(...page.intervals);
  }
  return rows
    .map(
      (r) =>
        `${r.personKey} ${new Date(r.start).toISOString()} ${new Date(r.end).toISOString()} ${r.closedBy} ${r.ownerId} ${sailingText(r.sailing)}`,
    )
    .sort();
}

/** The intervals of pairing all of a venue's scans at once. */
function expectedAt(scans: readonly StoredScan[], venueId: string, type: VenueType): string[] {
  const byPerson = new Map<string, ReturnType<typeof eventOfScan>[]>();
  for (const scan of scans) {
    const event = eventOfScan(scan, 420);
    if (scan.venueId !== venueId || !event) continue;
    const key = personKey(scan) as string;
    byPerson.set(key, [...(byPerson.get(key) ?? []), event]);
  }
  const rows: string[] = [];
  for (const [key, events] of byPerson) {
    const sorted = (events as NonNullable<(typeof events)[number]>[]).sort(compareEvents);
    for (const p of pairSequence(sorted, type))
      rows.push(
        `${key} ${new Date(p.start).toISOString()} ${new Date(p.end).toISOString()} ${p.closedBy} ${p.owner.id} ${sailingText(p.owner.sailing)}`,
      );
  }
  return rows.sort();
}

describe.each(STORES_WITH_CITUS)('presence intervals on %s', (_name, open) => {
  let store: DistrictStore;
  const venues: { id: string; type: VenueType; devices: DeviceRecord[] }[] = [];
  /** Every scan sent so far (the seeds share the store, days apart; pairing spans them). */
  const all: StoredScan[] = [];
  const now = '2026-11-25T03:00:00.000Z';
  const report = { receivedAt: now, sentAt: now, clockOffsetMs: 0, pendingCount: 0, appVersion: 't' };

  beforeAll(async () => {
    store = await open();
    for (const [v, type] of TYPES.entries()) {
      const id = uuidv7();
      await store.createEnrollment({
        venue: { id, name: `V${v}`, type, address: null },
        codeHash: `c${v}`,
        createdAt: now,
        expiresAt: '2026-12-01T00:00:00.000Z',
      });
      await store.redeemEnrollment(`c${v}`, now, { id: uuidv7(), name: 'a', tokenHash: `t${v}a`, appVersion: null });
      await store.addEnrollmentCode(id, `c${v}b`, now, '2026-12-01T00:00:00.000Z');
      await store.redeemEnrollment(`c${v}b`, now, { id: uuidv7(), name: 'b', tokenHash: `t${v}b`, appVersion: null });
      const devices = [
        (await store.findDeviceByTokenHash(`t${v}a`)) as DeviceRecord,
        (await store.findDeviceByTokenHash(`t${v}b`)) as DeviceRecord,
      ];
      venues.push({ id, type, devices });
    }
  });
  afterAll(() => store.close());

  it.each([1, 2, 3])(
    'match pairing all scans at once, whatever the arrival order and batches (seed %i)',
    async (seed) => {
      const random = seeded(seed);
      const scans: { scan: StoredScan; device: DeviceRecord }[] = [];
      for (let i = 0; i < 400; i += 1) {
        const venue = venues[Math.floor(random() * venues.length)];
        const device = venue.devices[Math.floor(random() * 2)];
        // Times on a coarse grid so some scans share an instant; a ticket code among the ID numbers.
        const at = new Date(
          START +
            seed * 4 * 86_400_000 +
            Math.floor(random() * 72) * (HOUR / 2) +
            (random() < 0.1 ? 0 : Math.floor(random() * 60) * 60_000),
        ).toISOString();
        const person = Math.floor(random() * (PEOPLE.length + 1));
        const direction = random() < 0.05 ? null : random() < 0.5 ? 'in' : 'out';
        const upload = uploadedScan(at, {
          seq: i + 1,
          direction,
          outcome: random() < 0.05 ? 'refused' : 'recorded',
          contextLabel: random() < 0.2 ? `Chuyến ${i}` : null,
          // Some kiosk PCs on UTC: pairing (at ingest and by the SQL) goes by the district's day all the same.
          utcOffsetMin: random() < 0.3 ? 0 : 420,
          // A third of the scans name a sailing: departing from an hour before the scan (late) to three after, some refused.
          sailing:
            random() < 0.35
              ? {
                  id: SAILINGS[Math.floor(random() * SAILINGS.length)],
                  departsAt: new Date(Date.parse(at) + Math.floor(random() * 8 - 2) * (HOUR / 2)).toISOString(),
                  boarded: random() < 0.8,
                }
              : null,
          ...(person === PEOPLE.length
            ? { idNumber: null, kind: 'other' as const, codeText: 'VE-0042' }
            : { idNumber: PEOPLE[person] }),
        });
        scans.push({
          scan: {
            ...upload,
            venueId: venue.id,
            deviceId: device.id,
            receivedAt: now,
            correctedAt: at,
            localDay: at.slice(0, 10),
          },
          device,
        });
      }
      // Arrival: shuffled, in batches of 1 to 40 per device, some scans sent twice.
      const shuffled = [...scans].sort(() => random() - 0.5);
      for (let i = 0; i < shuffled.length;) {
        const size = 1 + Math.floor(random() * 40);
        const groups = groupByDevice(shuffled.slice(i, i + size));
        i += size;
        for (const group of groups) await ingestScans(store, group.device, group.scans, report);
        if (random() < 0.3) await ingestScans(store, groups[0].device, groups[0].scans.slice(0, 1), report);
      }
      all.push(...scans.map((s) => s.scan));
      for (const venue of venues)
        expect(await storedAt(store, venue.id)).toEqual(expectedAt(all, venue.id, venue.type));
      // The sailings were heeded: some stays end at their departure, kept with their sailing.
      const rows = (await Promise.all(venues.map((venue) => storedAt(store, venue.id)))).flat();
      expect(rows.some((row) => row.includes(' departure ') && row.endsWith(':true'))).toBe(true);

      // The set-based SQL (a venue's type changes, and back): the same intervals.
      for (const venue of venues) {
        const before = await storedAt(store, venue.id);
        const record = (await store.findVenue(venue.id)) as NonNullable<
          Awaited<ReturnType<DistrictStore['findVenue']>>
        >;
        await store.updateVenue(venue.id, { name: record.name, type: 'shop', area: null, address: null });
        expect(await storedAt(store, venue.id)).toEqual(expectedAt(all, venue.id, 'shop'));
        await store.updateVenue(venue.id, { name: record.name, type: venue.type, area: null, address: null });
        expect(await storedAt(store, venue.id)).toEqual(before);
      }
    },
    60_000,
  );

  it('reads a round of windows, some venues with several and one continued, as it reads each window alone', async () => {
    // On Citus a venue with one window and a venue with several take different statements in one round.
    const day = (d: number) => START + d * 86_400_000;
    const continued = { venueId: venues[2].id, from: day(4), to: day(14) };
    const [first] = await store.presenceInWindows([continued], 3);
    expect(first.next).not.toBeNull();
    const round = [
      { venueId: venues[0].id, from: day(4), to: day(4.75) },
      { venueId: venues[1].id, from: day(4), to: day(14) },
      { venueId: venues[0].id, from: day(4.75), to: day(14) },
      { ...continued, after: first.next ?? undefined },
    ];
    const together = await store.presenceInWindows(round, 3);
    const alone = [];
    for (const window of round) alone.push(...(await store.presenceInWindows([window], 3)));
    expect(together).toEqual(alone);
    expect(together.every((page) => page.intervals.length > 0)).toBe(true);
    expect(together[3].intervals[0].start).toBeGreaterThanOrEqual(first.intervals[2].start);
  });
  it("finds a stay longer than two days from a window in its middle, without widening the venue's other windows", async () => {
    const hotel = venues.find((v) => v.type === 'hotel') as (typeof venues)[number];
    const at = (iso: string, direction: 'in' | 'out', seq: number): StoredScan => ({
      ...uploadedScan(iso, { idNumber: '001000000099', direction, seq }),
      venueId: hotel.id,
      deviceId: hotel.devices[0].id,
      receivedAt: now,
      correctedAt: iso,
      localDay: iso.slice(0, 10),
    });
    await ingestScans(
      store,
      hotel.devices[0],
      [at('2026-12-10T02:00:00.000Z', 'in', 9001), at('2026-12-14T02:00:00.000Z', 'out', 9002)],
      report,
    );
    const window = {
      venueId: hotel.id,
      from: Date.parse('2026-12-12T00:00:00.000Z'),
      to: Date.parse('2026-12-12T01:00:00.000Z'),
    };
    const [page] = await store.presenceInWindows([window], 100);
    expect(
      page.intervals.map((r) => [
        r.personKey,
        new Date(r.start).toISOString(),
        new Date(r.end).toISOString(),
        r.closedBy,
      ]),
    ).toEqual([['001000000099', '2026-12-10T02:00:00.000Z', '2026-12-14T02:00:00.000Z', 'exit']]);
    // A continued page holds no long stays (they come with the first page only).
    const [next] = await store.presenceInWindows(
      [{ ...window, after: { start: 0, ownerId: '00000000-0000-0000-0000-000000000000' } }],
      100,
    );
    expect(next.intervals).toEqual([]);
  });
});

function groupByDevice(
  items: readonly { scan: StoredScan; device: DeviceRecord }[],
): { device: DeviceRecord; scans: StoredScan[] }[] {
  const groups = new Map<string, { device: DeviceRecord; scans: StoredScan[] }>();
  for (const { scan, device } of items) {
    const group = groups.get(device.id) ?? { device, scans: [] };
    group.scans.push(scan);
    groups.set(device.id, group);
  }
  return [...groups.values()];
}
