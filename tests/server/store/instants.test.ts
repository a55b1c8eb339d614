/**
 * Times are instants on both stores: whatever offset and precision a kiosk wrote a scan's time in,
 * and an admin wrote a window in, a scan is found exactly when its instant is in [from, to).
 */
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceRecord, DistrictStore, StoredScan } from '../../../server/store/DistrictStore';
import { uploadedScan } from '../../support/districtSamples';
import { DISTRICT_STORES } from '../../support/districtServer';
import { ingestScans } from '../../../server/ingest/ingestScans';

const BASE = Date.parse('2026-11-24T00:00:00.000Z');
const SPAN = 3 * 86_400_000;

/** `ms` written at a UTC offset (minutes) with a precision: whole seconds, milliseconds or microseconds; `Z` or `+00:00` at UTC. */
function written(ms: number, offsetMin: number, precision: 's' | 'ms' | 'us', utcAsZ: boolean): string {
  const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 23);
  const body = precision === 's' ? local.slice(0, 19) : precision === 'ms' ? local : `${local}000`;
  if (offsetMin === 0 && utcAsZ) return `${body}Z`;
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${body}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const offsets = fc.integer({ min: -48, max: 56 }).map((quarter) => quarter * 15);
const precision = fc.constantFrom<'s' | 'ms' | 'us'>('s', 'ms', 'us');
/** An instant in the span, whole seconds when the precision drops milliseconds. */
const instantWritten = fc
  .record({ ms: fc.integer({ min: 0, max: SPAN }), offset: offsets, precision, utcAsZ: fc.boolean() })
  .map(({ ms, offset, precision: p, utcAsZ }) => {
    const at = BASE + (p === 's' ? Math.floor(ms / 1000) * 1000 : ms);
    return { at, text: written(at, offset, p, utcAsZ) };
  });

describe.each(DISTRICT_STORES)('instants on %s', (_name, open) => {
  let store: DistrictStore;
  let device: DeviceRecord;
  const venueId = uuidv7();
  const scans: { id: string; at: number }[] = [];
  const idNumber = '079200000555';

  beforeAll(async () => {
    store = await open();
    const now = '2026-11-25T01:00:00.000Z';
    await store.createEnrollment({
      venue: { id: venueId, name: 'Bến xe', type: 'transport', address: null },
      codeHash: 'h',
      createdAt: now,
      expiresAt: '2026-12-01T00:00:00.000Z',
    });
    await store.redeemEnrollment('h', now, { id: uuidv7(), name: 'Quầy', tokenHash: 't', appVersion: null });
    device = (await store.findDeviceByTokenHash('t')) as DeviceRecord;
    // Scans whose times were written in assorted offsets and precisions.
    const samples = fc.sample(instantWritten, { numRuns: 60, seed: 7 });
    const rows: StoredScan[] = samples.map(({ at, text }, i) => ({
      ...uploadedScan(new Date(at).toISOString(), { seq: i + 1, idNumber, scannedAt: text }),
      id: uuidv7({ msecs: at }),
      venueId,
      deviceId: device.id,
      receivedAt: now,
      correctedAt: text,
      localDay: '2026-11-25',
    }));
    await ingestScans(store, device, rows, {
      receivedAt: now,
      sentAt: now,
      clockOffsetMs: 0,
      pendingCount: 0,
      appVersion: 't',
    });
    for (const row of rows) scans.push({ id: row.id, at: samples[rows.indexOf(row)].at });
  });
  afterAll(() => store.close());

  it('finds a scan exactly when its instant is in the window, however both were written', async () => {
    await fc.assert(
      fc.asyncProperty(instantWritten, instantWritten, async (a, b) => {
        const [from, to] = a.at <= b.at ? [a, b] : [b, a];
        const expected = scans
          .filter((s) => s.at >= from.at && s.at < to.at)
          .map((s) => s.id)
          .sort();
        const byPerson = (await store.scansOfPerson(idNumber, from.text, to.text)).map((s) => s.id).sort();
        const atVenue = (await store.scansAtVenue(venueId, from.text, to.text)).map((s) => s.id).sort();
        expect(byPerson).toEqual(expected);
        expect(atVenue).toEqual(expected);
      }),
      { numRuns: 80 },
    );
  });

  it('gives times back as UTC ISO instants with milliseconds', async () => {
    const all = await store.scansOfPerson(idNumber, '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z');
    expect(all).toHaveLength(scans.length);
    for (const scan of all) {
      expect(scan.correctedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Date.parse(scan.correctedAt)).toBe(scans.find((s) => s.id === scan.id)?.at);
    }
  });
});
