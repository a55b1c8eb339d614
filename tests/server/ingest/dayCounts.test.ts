/**
 * The counts per venue and day the console and `GET /api/v1/stats/daily` read are kept at ingest:
 * a re-sent batch adds nothing, a scan counts on the district's day whatever its kiosk's zone, a
 * correction takes its scan off once however many times it comes, and only a correction of the
 * scan's own venue does.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { venueDaysBuildSql } from '../../../server/store/dayCountsSql';
import { PostgresDistrictStore } from '../../../server/store/PostgresDistrictStore';
import { SqliteDistrictStore } from '../../../server/store/SqliteDistrictStore';
import { createTestDatabase } from '../../support/postgresDatabase';
import { adminHeaders, createVenue, enrollDevice, postBatch } from '../../support/districtHttp';
import { uploadedScan } from '../../support/districtSamples';
import { DISTRICT_STORES, startDistrictServer, type TestDistrictServer } from '../../support/districtServer';

describe.each(DISTRICT_STORES)('day counts kept at ingest on %s', (_name, open) => {
  let server: TestDistrictServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });
  const batch = (scans: unknown[]) => ({
    sentAt: '2026-11-25T03:00:00.000Z',
    appVersion: '0.2.0',
    pendingCount: 0,
    scans,
  });
  const undo = (seq: number, voidsScanId: string) =>
    uploadedScan(`2026-11-25T02:1${seq}:00.000Z`, {
      seq,
      direction: null,
      source: 'manual',
      idNumber: null,
      fullName: null,
      birthDate: null,
      address: null,
      voidsScanId,
    });

  it('counts each scan once across re-sends, and in the overview and the venue list the same', async () => {
    server = await startDistrictServer(await open());
    const venue = await createVenue(server.url, 'Cảng Lý Sơn', 'port');
    const token = (await enrollDevice(server.url, venue.code)).deviceToken;
    const scans = [
      uploadedScan('2026-11-25T01:00:00.000Z', { seq: 1, idNumber: '001200000001', direction: 'in' }),
      uploadedScan('2026-11-25T01:05:00.000Z', { seq: 2, idNumber: '001200000002', direction: 'out' }),
      uploadedScan('2026-11-25T01:06:00.000Z', {
        seq: 3,
        outcome: 'refused',
        reason: 'unreadable',
        idNumber: null,
        fullName: null,
        direction: null,
      }),
    ];
    for (let i = 0; i < 3; i += 1) expect((await postBatch(server.url, token, batch(scans))).status).toBe(200);
    const daily = await (
      await fetch(`${server.url}/api/v1/stats/daily?from=2026-11-25&to=2026-11-25`, { headers: adminHeaders() })
    ).json();
    expect(daily).toMatchObject({
      days: [expect.objectContaining({ venueId: venue.venueId, day: '2026-11-25', in: 1, out: 1, refused: 1 })],
    });
    const overview = await (await fetch(`${server.url}/api/v1/overview`, { headers: adminHeaders() })).json();
    expect(overview).toMatchObject({ scansToday: 3, venuesUploadedToday: 1 });
    expect(overview.scansPerDay.find((d: { day: string }) => d.day === '2026-11-25')).toEqual({
      day: '2026-11-25',
      scans: 3,
    });
  });

  it('counts one id sent twice in a batch once, and pairs it once', async () => {
    server = await startDistrictServer(await open());
    const token = (await enrollDevice(server.url, (await createVenue(server.url, 'Cảng Lý Sơn', 'port')).code))
      .deviceToken;
    const scan = uploadedScan('2026-11-25T01:00:00.000Z', { seq: 1, idNumber: '001200000031', direction: 'in' });
    const response = await postBatch(server.url, token, batch([scan, scan]));
    expect(((await response.json()) as { results: unknown[] }).results).toEqual([{ id: scan.id, status: 'accepted' }]);
    expect((await server.store.dailyCounts('2026-11-25', '2026-11-25')).map((c) => Number(c.in))).toEqual([1]);
    expect(
      await server.store.presenceOfPerson(
        '001200000031',
        Date.parse('2026-11-25T00:00:00Z'),
        Date.parse('2026-11-26T00:00:00Z'),
      ),
    ).toHaveLength(1);
  });

  it('drops the counts of days wholly before the retention cutoff with the scans, and keeps the days around it', async () => {
    server = await startDistrictServer(await open());
    const token = (await enrollDevice(server.url, (await createVenue(server.url, 'Cảng Lý Sơn', 'port')).code))
      .deviceToken;
    const days = ['2026-10-20', '2026-10-25', '2026-10-26', '2026-11-20'];
    await postBatch(
      server.url,
      token,
      batch(days.map((day, i) => uploadedScan(`${day}T03:00:00.000Z`, { seq: i + 1, idNumber: `00120000004${i}` }))),
    );
    await server.store.purgeScansBefore('2026-10-26T00:00:00.000Z');
    expect((await server.store.dailyCounts('2026-10-01', '2026-11-30')).map((c) => c.day)).toEqual([
      '2026-10-25',
      '2026-10-26',
      '2026-11-20',
    ]);
    expect(await server.store.countScans()).toBe(2);
  });

  it('counts a scan on the district’s day even when its kiosk’s PC is set to UTC', async () => {
    server = await startDistrictServer(await open());
    const venue = await createVenue(server.url, 'Cảng Lý Sơn', 'port');
    const token = (await enrollDevice(server.url, venue.code)).deviceToken;
    // 01:30 on 26 November in Viet Nam; the kiosk thinks it is still the 25th.
    server.setNow('2026-11-25T18:40:00.000Z');
    const late = uploadedScan('2026-11-25T18:30:00.000Z', { seq: 1, idNumber: '001200000021', utcOffsetMin: 0 });
    await postBatch(server.url, token, {
      sentAt: '2026-11-25T18:40:00.000Z',
      appVersion: '0.2.0',
      pendingCount: 0,
      scans: [late],
    });
    const overview = await (await fetch(`${server.url}/api/v1/overview`, { headers: adminHeaders() })).json();
    expect(overview).toMatchObject({ today: '2026-11-26', scansToday: 1, venuesUploadedToday: 1 });
    expect((await server.store.dailyCounts('2026-11-26', '2026-11-26')).map((c) => Number(c.in))).toEqual([1]);
  });

  it('takes a voided scan off once, and only for a correction of its own venue', async () => {
    server = await startDistrictServer(await open());
    const port = await createVenue(server.url, 'Cảng Lý Sơn', 'port');
    const portToken = (await enrollDevice(server.url, port.code)).deviceToken;
    const otherToken = (await enrollDevice(server.url, (await createVenue(server.url, 'Khách sạn', 'hotel')).code))
      .deviceToken;
    const first = uploadedScan('2026-11-25T01:00:00.000Z', { seq: 1, idNumber: '001200000011', direction: 'in' });
    const second = uploadedScan('2026-11-25T01:01:00.000Z', { seq: 2, idNumber: '001200000012', direction: 'in' });
    await postBatch(server.url, portToken, batch([first, second]));
    // Another venue's device cannot take the port's scan off.
    await postBatch(server.url, otherToken, batch([undo(1, first.id)]));
    // The port's own correction, twice in one batch and once more later: one scan off.
    await postBatch(server.url, portToken, batch([undo(3, first.id), undo(4, first.id)]));
    await postBatch(server.url, portToken, batch([undo(5, first.id)]));
    const counts = await server.store.dailyCounts('2026-11-25', '2026-11-25');
    expect(counts.map((c) => [c.venueName, Number(c.in), Number(c.out)])).toEqual([
      ['Cảng Lý Sơn', 1, 0],
      ['Khách sạn', 0, 0],
    ]);
  });

  it('shows in the console the passages the kiosk counted: an undone scan is off, its correction is no passage', async () => {
    server = await startDistrictServer(await open());
    const venue = await createVenue(server.url, 'Cảng Lý Sơn', 'port');
    const token = (await enrollDevice(server.url, venue.code)).deviceToken;
    // The kiosk shows 3 in and 2 out after the counter clerk undid a mistaken entry.
    const ins = [1, 2, 3, 4].map((i) =>
      uploadedScan(`2026-11-25T01:0${i}:00.000Z`, { seq: i, idNumber: `00120000006${i}`, direction: 'in' }),
    );
    const outs = [5, 6].map((i) =>
      uploadedScan(`2026-11-25T01:0${i}:00.000Z`, { seq: i, idNumber: `00120000006${i - 4}`, direction: 'out' }),
    );
    await postBatch(server.url, token, batch([...ins, ...outs, undo(7, ins[3].id)]));
    const overview = await (await fetch(`${server.url}/api/v1/overview`, { headers: adminHeaders() })).json();
    expect(overview).toMatchObject({ scansToday: 5 });
    expect(overview.venues.find((v: { id: string }) => v.id === venue.venueId)).toMatchObject({
      scansToday: 5,
      scans7Days: 5,
    });
    expect(overview.scansPerDay.find((d: { day: string }) => d.day === '2026-11-25')).toEqual({
      day: '2026-11-25',
      scans: 5,
    });
  });
});

/**
 * The migrations' SQL (which builds the counts of a store upgraded with scans in it) and ingest count
 * the same: a day holding only a correction (its scan was just before midnight), refused scans,
 * voided entries and exits. Stores filled through ingest, then counted again by the SQL.
 */
describe('day counts built by the migrations’ SQL agree with ingest', () => {
  const scans = (voidsOf: (id: string) => ReturnType<typeof uploadedScan>) => {
    const late = uploadedScan('2026-11-25T16:55:00.000Z', { seq: 1, idNumber: '001200000051', direction: 'in' });
    const out = uploadedScan('2026-11-25T10:00:00.000Z', { seq: 2, idNumber: '001200000052', direction: 'out' });
    const refused = uploadedScan('2026-11-25T10:01:00.000Z', {
      seq: 3,
      outcome: 'refused',
      reason: 'unreadable',
      idNumber: null,
      fullName: null,
      direction: null,
    });
    return [out, refused, late, voidsOf(late.id), voidsOf(out.id)];
  };
  const correction = (seq: number, at: string) => (id: string) =>
    uploadedScan(at, {
      seq,
      direction: null,
      source: 'manual',
      idNumber: null,
      fullName: null,
      birthDate: null,
      address: null,
      voidsScanId: id,
    });

  it.each(['SQLite', 'PostgreSQL'])('on %s', async (engine) => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'district-days-')), 'district.sqlite');
    const url = engine === 'PostgreSQL' ? await createTestDatabase() : '';
    const server = await startDistrictServer(
      engine === 'SQLite' ? new SqliteDistrictStore(file) : await PostgresDistrictStore.connect(url),
    );
    try {
      const token = (await enrollDevice(server.url, (await createVenue(server.url, 'Cảng Lý Sơn', 'port')).code))
        .deviceToken;
      let seq = 10;
      // The late entry's correction at 00:02 on the 26th (Viet Nam): that day holds only the correction.
      const list = scans((id) =>
        correction((seq += 1), seq === 11 ? '2026-11-25T17:02:00.000Z' : '2026-11-25T10:05:00.000Z')(id),
      );
      server.setNow('2026-11-25T17:10:00.000Z');
      await postBatch(server.url, token, {
        sentAt: '2026-11-25T17:10:00.000Z',
        appVersion: '0.2.0',
        pendingCount: 0,
        scans: list,
      });
      const byIngest = await server.store.dailyCounts('2026-11-24', '2026-11-27');
      expect(byIngest.map((c) => [c.day, Number(c.in), Number(c.out), Number(c.refused)])).toEqual([
        ['2026-11-25', 0, 0, 1],
        ['2026-11-26', 0, 0, 0],
      ]);
      if (engine === 'SQLite') {
        const db = new Database(file);
        db.exec(`DELETE FROM venue_days; ${venueDaysBuildSql('sqlite')}`);
        db.close();
      } else {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query('DELETE FROM venue_days');
        await client.query(venueDaysBuildSql('postgres'));
        await client.end();
      }
      expect(await server.store.dailyCounts('2026-11-24', '2026-11-27')).toEqual(byIngest);
      expect(await server.store.scansPerDay('2026-11-24', '2026-11-27')).toEqual([
        { day: '2026-11-25', scans: 1 },
        { day: '2026-11-26', scans: 0 },
      ]);
    } finally {
      await server.close();
    }
  });
});
