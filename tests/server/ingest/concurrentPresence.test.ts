/**
 * Two kiosks at one gate (entries on one, exits on the other) upload at the same moment: each
 * person's entry and exit still end as one interval closed by the exit, as if the batches had come
 * one after the other. On PostgreSQL the batches run on two connections at once; presence is
 * written under a lock per venue, so neither batch pairs against a slice the other is changing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanBatchResponse } from '../../../shared/district';
import { adminHeaders, createVenue, enrollDevice, postBatch } from '../../support/districtHttp';
import { uploadedScan } from '../../support/districtSamples';
import { DISTRICT_STORES, startDistrictServer, type TestDistrictServer } from '../../support/districtServer';

describe.each(DISTRICT_STORES)('presence under concurrent uploads on %s', (_name, open) => {
  let server: TestDistrictServer;
  let entryToken: string;
  let exitToken: string;

  beforeAll(async () => {
    server = await startDistrictServer(await open());
    const venue = await createVenue(server.url, 'Cảng Lý Sơn', 'port');
    entryToken = (await enrollDevice(server.url, venue.code, 'Cổng vào')).deviceToken;
    const sheet = (await (
      await fetch(`${server.url}/api/v1/venues/${venue.venueId}/codes`, { method: 'POST', headers: adminHeaders() })
    ).json()) as { code: string };
    exitToken = (await enrollDevice(server.url, sheet.code, 'Cổng ra')).deviceToken;
  });
  afterAll(() => server.close());

  it('pairs entries and exits sent by two kiosks at once into one interval per visit', async () => {
    const people = 300;
    const idOf = (round: number, person: number) =>
      `0451${String(round).padStart(2, '0')}${String(person).padStart(6, '0')}`;
    for (let round = 0; round < 4; round += 1) {
      const at = (minutes: number, person: number) =>
        new Date(
          Date.parse('2026-11-25T01:00:00.000Z') + round * 3_600_000 + minutes * 60_000 + person * 10,
        ).toISOString();
      const entries = Array.from({ length: people }, (_, p) =>
        uploadedScan(at(0, p), { idNumber: idOf(round, p), direction: 'in', seq: round * people + p + 1 }),
      );
      const exits = Array.from({ length: people }, (_, p) =>
        uploadedScan(at(30, p), { idNumber: idOf(round, p), direction: 'out', seq: round * people + p + 1 }),
      );
      const batch = (scans: unknown[]) => ({
        sentAt: '2026-11-25T03:00:00.000Z',
        appVersion: '0.2.0',
        pendingCount: 0,
        scans,
      });
      const answers = await Promise.all([
        postBatch(server.url, entryToken, batch(entries)),
        postBatch(server.url, exitToken, batch(exits)),
      ]);
      for (const answer of answers)
        expect(((await answer.json()) as ScanBatchResponse).results.every((r) => r.status === 'accepted')).toBe(true);
    }
    const day = [Date.parse('2026-11-25T00:00:00.000Z'), Date.parse('2026-11-26T00:00:00.000Z')] as const;
    for (const round of [0, 1, 2, 3]) {
      for (const person of [0, 150, 299]) {
        const intervals = await server.store.presenceOfPerson(idOf(round, person), ...day);
        expect(intervals.map((i) => [i.closedBy, i.end - i.start])).toEqual([['exit', 30 * 60_000]]);
      }
    }
  });
});
