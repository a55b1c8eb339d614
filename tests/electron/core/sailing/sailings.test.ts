/**
 * A port's sailings in the core, through the same dispatch the page calls: the migration keeps an
 * older database's scans; a sailing is opened, scanned on board up to its seats and no further (the
 * next person is recorded at the port, not on board, and uploaded so); closed without losing its
 * manifest, reopened within five minutes and not after; listed while within retention; exported.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchKioskCall } from '../../../../electron/core/dispatchKioskCall';
import { memoryLogger } from '../../../../electron/core/log';
import { LATEST_SCHEMA_VERSION, migrate, openDatabase } from '../../../../electron/core/store/openDatabase';
import { MIGRATIONS } from '../../../../electron/core/store/migrations/index';
import { readBatch } from '../../../../electron/core/upload/batches';
import type { KioskMethodName, KioskMethodOutputs } from '../../../../shared/contract';
import type { Sailing } from '../../../../shared/kioskSailings';
import type { ScanResult } from '../../../../shared/kioskScans';
import { openKioskFixture, type KioskFixture } from '../../../support/kioskFixture';

let fixture: KioskFixture;
afterEach(async () => fixture?.kiosk.close());

/** A consistent CCCD (the ID's century, gender and year agree) with an accentless name, as a US wedge leaves it. */
function passenger(index: number): { readonly raw: string; readonly id: string; readonly name: string } {
  const year = 1960 + (index % 40);
  const id = `0510${String(year % 100).padStart(2, '0')}${String(100000 + index).slice(-6)}`;
  const name = `Nguyen Van Khach ${index}`;
  return { raw: `${id}||${name}|0101${year}|Nam|To 5, P. Nghia Lo, TP Quang Ngai, Quang Ngai|01082021`, id, name };
}

/** Calls a method as the page would (counter access: a counter kiosk), answering its value or failing. */
async function call<M extends KioskMethodName>(method: M, input: unknown = {}): Promise<KioskMethodOutputs[M]> {
  const answer = await dispatchKioskCall(fixture.kiosk.parts, method, input, memoryLogger());
  if (!answer.ok) throw new Error(`${method}: ${answer.error.code} ${answer.error.message}`);
  return answer.value as KioskMethodOutputs[M];
}
async function error(method: KioskMethodName, input: unknown): Promise<string> {
  const answer = await dispatchKioskCall(fixture.kiosk.parts, method, input, memoryLogger());
  return answer.ok ? 'ok' : answer.error.code;
}

const scan = (raw: string): ScanResult => fixture.kiosk.parts.pipeline.submit({ raw, source: 'wedge' });
const openSailing = (seats: number, label = 'Tàu 07:30 Sa Kỳ → Lý Sơn') =>
  call('openSailing', { label, route: 'Sa Kỳ → Lý Sơn', departsAt: '2026-11-25T00:30:00.000Z', seats });

describe('migration 0050 (sailings)', () => {
  it('adds the sailings table and the sailing columns to a version-40 database, keeping its scans', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kiosk-store-')), 'kiosk.sqlite');
    const older = new Database(file);
    migrate(
      older,
      MIGRATIONS.filter((m) => m.version <= 40),
    );
    older
      .prepare(
        `INSERT INTO scans (id, scanned_at, utc_offset_min, local_day, source, kind, outcome, context_label) VALUES ('a', '2026-11-20T01:00:00.000Z', 420, '2026-11-20', 'wedge', 'cccd', 'recorded', 'Tàu 07:30')`,
      )
      .run();
    older.close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT id, context_label, sailing_id, boarded FROM scans').all()).toEqual([
      { id: 'a', context_label: 'Tàu 07:30', sailing_id: null, boarded: null },
    ]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM sailings').get()).toEqual({ n: 0 });
    expect(() =>
      db
        .prepare(
          `INSERT INTO sailings (id, label, departs_at, seats, state, created_at) VALUES ('s', 'x', '2026-11-20T01:00:00Z', 10, 'sunk', '2026-11-20T01:00:00Z')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});

describe('a sailing at the counter', () => {
  it('boards passengers up to its seats; the next is red, recorded at the port and not on board', async () => {
    fixture = openKioskFixture({ directionMode: 'in', setupDone: false });
    const sailing = await openSailing(3);
    expect(sailing).toMatchObject({ state: 'boarding', seats: 3, onBoard: 0 });
    expect((await call('getState')).sailing?.id).toBe(sailing.id);

    const people = [0, 1, 2, 3].map(passenger);
    const results = people.map((person) => scan(person.raw));
    expect(results.map((result) => result.outcome)).toEqual(['recorded', 'recorded', 'recorded', 'boat-full']);
    expect(results[2].boarding).toEqual({ onBoard: 3, seats: 3 });
    expect(results[3]).toMatchObject({
      direction: 'in',
      displayName: people[3].name,
      boarding: { onBoard: 3, seats: 3 },
    });
    expect(results[3].scanId).not.toBeNull();
    // Every scan is a row for the sailing; the fourth with boarded = 0.
    expect(fixture.rows().map((row) => [row.sailing_id, row.boarded, row.context_label])).toEqual([
      [sailing.id, 1, 'Tàu 07:30 Sa Kỳ → Lý Sơn'],
      [sailing.id, 1, 'Tàu 07:30 Sa Kỳ → Lý Sơn'],
      [sailing.id, 1, 'Tàu 07:30 Sa Kỳ → Lý Sơn'],
      [sailing.id, 0, 'Tàu 07:30 Sa Kỳ → Lý Sơn'],
    ]);
    const state = await call('getState');
    expect(state.sailing).toMatchObject({ onBoard: 3, refused: 1 });
    // Someone already on board scanned again stays on board (not refused for the seat they hold).
    fixture.advance(120_000);
    // ...and the card says 3 of 3, not 4 of 3.
    expect(scan(people[0].raw)).toMatchObject({ outcome: 'recorded', boarding: { onBoard: 3, seats: 3 } });
    // The refused passenger scanned again at once is counted against the seats again (red, never amber).
    expect(scan(people[3].raw).outcome).toBe('boat-full');

    const manifest = await call('manifest', { sailingId: sailing.id });
    expect(manifest.entries.map((entry) => entry.displayName)).toEqual(people.slice(0, 3).map((p) => p.name));
    expect(manifest.refusedEntries?.map((entry) => entry.displayName)).toEqual([people[3].name]);
    expect(manifest.sailing).toMatchObject({
      seats: 3,
      route: 'Sa Kỳ → Lý Sơn',
      departsAt: '2026-11-25T00:30:00.000Z',
    });
    // Minimal profile: the ID masked on paper.
    expect(manifest.fullIds).toBe(false);
    expect(manifest.entries[0]).not.toHaveProperty('idNumber');
    expect(manifest.entries[0].maskedId).toBe(`••••••••${people[0].id.slice(-4)}`);
  });

  it('uploads every scan of the sailing with its id, departure and whether the person boarded', async () => {
    fixture = openKioskFixture({ directionMode: 'in' });
    const sailing = await openSailing(1);
    scan(passenger(0).raw);
    scan(passenger(1).raw);
    await call('pickSailing', { id: null });
    scan(passenger(2).raw);
    const db = new Database(path.join(fixture.dataDir, 'kiosk.sqlite'), { readonly: true });
    const batch = await readBatch(db, 0, 100);
    db.close();
    const sent = JSON.parse(`[${batch?.scansJson}]`) as { sailing?: unknown; contextLabel: string | null }[];
    expect(sent.map((scanned) => scanned.sailing)).toEqual([
      { id: sailing.id, departsAt: '2026-11-25T00:30:00.000Z', boarded: true },
      { id: sailing.id, departsAt: '2026-11-25T00:30:00.000Z', boarded: false },
      undefined,
    ]);
    expect(sent[0].contextLabel).toBe('Tàu 07:30 Sa Kỳ → Lý Sơn');
  });

  it('prints whole ID numbers under the full profile', async () => {
    fixture = openKioskFixture({ directionMode: 'in', privacyProfile: 'full' });
    const sailing = await openSailing(5);
    scan(passenger(7).raw);
    const manifest = await call('manifest', { sailingId: sailing.id });
    expect(manifest.fullIds).toBe(true);
    expect(manifest.entries[0].idNumber).toBe(passenger(7).id);
  });

  it('in auto mode, boards a person whose earlier scan today was for another sailing', async () => {
    fixture = openKioskFixture({ directionMode: 'auto' });
    await openSailing(10, 'Tàu 07:30');
    expect(scan(passenger(1).raw).direction).toBe('in');
    fixture.advance(3600_000);
    const later = await call('openSailing', {
      label: 'Tàu 13:00',
      departsAt: '2026-11-25T06:00:00.000Z',
      seats: 10,
    });
    const again = scan(passenger(1).raw);
    expect(again).toMatchObject({ outcome: 'recorded', direction: 'in' });
    expect((await call('manifest', { sailingId: later.id })).entries).toHaveLength(1);
  });
});

describe('a night sailing in auto mode', () => {
  it("takes a boarded passenger's next scan after midnight as leaving the boat, not boarding it again", async () => {
    fixture = openKioskFixture({ directionMode: 'auto' }, new Date('2026-11-24T16:50:00Z'));
    const sailing = await call('openSailing', { label: 'Tàu 00:30', departsAt: '2026-11-24T17:30:00.000Z', seats: 2 });
    expect(scan(passenger(1).raw)).toMatchObject({ direction: 'in', boarding: { onBoard: 1, seats: 2 } });
    fixture.advance(20 * 60_000); // 00:10 the next day, Vietnam time
    expect(scan(passenger(1).raw)).toMatchObject({ direction: 'out', boarding: { onBoard: 0, seats: 2 } });
    expect((await call('manifest', { sailingId: sailing.id })).entries).toHaveLength(0);
    fixture.advance(5 * 60_000);
    expect(scan(passenger(1).raw)).toMatchObject({ direction: 'in', boarding: { onBoard: 1, seats: 2 } });
  });
});

describe('flipping a sailing scan', () => {
  it('frees the seat of a boarding flipped to leaving, and boards a leaving flipped back only if a seat is free', async () => {
    fixture = openKioskFixture({ directionMode: 'in' });
    const sailing = await openSailing(1);
    scan(passenger(0).raw);
    const left = await call('flipLastScan');
    expect(left).toMatchObject({ outcome: 'recorded', direction: 'out', boarding: { onBoard: 0, seats: 1 } });
    expect((await call('getState')).sailing).toMatchObject({ onBoard: 0 });
    // The seat is free again: the next passenger boards.
    fixture.advance(60_000);
    expect(scan(passenger(1).raw)).toMatchObject({ outcome: 'recorded', boarding: { onBoard: 1, seats: 1 } });
    // A passenger scanned as leaving, flipped to boarding on a full boat: red, not on board.
    fixture.advance(60_000);
    fixture.kiosk.parts.pipeline.submit({ raw: passenger(2).raw, source: 'wedge', direction: 'out' });
    const boarded = await call('flipLastScan');
    expect(boarded).toMatchObject({ outcome: 'boat-full', direction: 'in', boarding: { onBoard: 1, seats: 1 } });
    const manifest = await call('manifest', { sailingId: sailing.id });
    expect(manifest.entries.map((entry) => entry.displayName)).toEqual([passenger(1).name]);
    expect(
      fixture
        .rows()
        .filter((row) => row.voids === null)
        .map((row) => [row.direction, row.boarded]),
    ).toEqual([
      ['in', 1],
      ['out', null],
      ['in', 1],
      ['out', null],
      ['in', 0],
    ]);
  });
});

describe('closing a sailing', () => {
  it('keeps its manifest, reopens within five minutes and not after, and lists it while within retention', async () => {
    fixture = openKioskFixture({ directionMode: 'in', retentionDays: 30 });
    const sailing = await openSailing(10);
    scan(passenger(0).raw);
    scan(passenger(1).raw);
    const closed = await call('closeSailing', { id: sailing.id });
    expect(closed).toMatchObject({ state: 'closed', onBoard: 2, closedAt: '2026-11-25T01:00:00.000Z' });
    expect((await call('getState')).sailing).toBeNull();
    // A closed sailing cannot be picked; scans now are for no sailing.
    expect(await error('pickSailing', { id: sailing.id })).toBe('invalid-input');
    fixture.advance(61_000);
    expect(scan(passenger(2).raw).outcome).toBe('recorded');
    expect(fixture.rows()[2].sailing_id).toBeNull();
    // The print was cancelled: the manifest is still there, whole.
    expect((await call('manifest', { sailingId: sailing.id })).entries).toHaveLength(2);

    // Reopened four minutes after the close: boarding and current again.
    fixture.advance(180_000);
    expect(await call('reopenSailing', { id: sailing.id })).toMatchObject({ state: 'boarding' });
    expect((await call('getState')).sailing?.id).toBe(sailing.id);
    await call('closeSailing', { id: sailing.id });
    fixture.advance(5 * 60_000 + 1000);
    expect(await error('reopenSailing', { id: sailing.id })).toBe('invalid-input');

    // Past its departure and the reopening window: departed; listed with its counts.
    const listed: readonly Sailing[] = await call('listSailings');
    expect(listed).toEqual([expect.objectContaining({ id: sailing.id, state: 'departed', onBoard: 2, seats: 10 })]);
    const exported = await call('exportScans', { sailingId: sailing.id });
    expect(exported.rows).toHaveLength(2);
    expect(exported.rows.map((row) => row[exported.columns.indexOf('boarded')])).toEqual(['yes', 'yes']);

    // 31 days on, past retention: no longer listed (its scans are past retention too).
    fixture.advance(31 * 86_400_000);
    expect(await call('listSailings')).toEqual([]);
  });

  it('answers a clear error for a sailing this kiosk does not have, and for bad input', async () => {
    fixture = openKioskFixture();
    expect(await error('closeSailing', { id: '0190a000-0000-7000-8000-000000000001' })).toBe('invalid-input');
    expect(await error('manifest', { sailingId: '0190a000-0000-7000-8000-000000000001' })).toBe('invalid-input');
    expect(await error('openSailing', { label: '', departsAt: '2026-11-25T00:30:00.000Z', seats: 10 })).toBe(
      'invalid-input',
    );
    expect(await error('openSailing', { label: 'Tàu', departsAt: 'soon', seats: 10 })).toBe('invalid-input');
    expect(await error('openSailing', { label: 'Tàu', departsAt: '2026-11-25T00:30:00.000Z', seats: 0 })).toBe(
      'invalid-input',
    );
  });
});

describe('a port kiosk with a free label left from before sailings', () => {
  it('ignores it: without a sailing picked, scans carry no label and no seats stop them', async () => {
    fixture = openKioskFixture({ directionMode: 'in', contextLabel: 'Tàu cũ', sailingCapacity: 1 });
    const db = new Database(path.join(fixture.dataDir, 'kiosk.sqlite'));
    db.prepare(`INSERT INTO settings (key, value) VALUES ('district-device', ?)`).run(
      JSON.stringify({
        serverUrl: 'http://127.0.0.1:9',
        deviceId: 'd',
        deviceToken: 't',
        venueId: 'v',
        venueName: 'Cảng Sa Kỳ',
        venueType: 'port',
      }),
    );
    db.close();
    expect([0, 1].map((index) => scan(passenger(index).raw).outcome)).toEqual(['recorded', 'recorded']);
    expect(fixture.rows().map((row) => [row.context_label, row.sailing_id, row.boarded])).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
    const sailing = await openSailing(1);
    expect(scan(passenger(2).raw)).toMatchObject({ outcome: 'recorded', contextLabel: sailing.label });
  });
});

describe('a context label with seats (venues other than ports)', () => {
  it('stops the scan past the seats too: red, recorded, not on the list', async () => {
    fixture = openKioskFixture({ directionMode: 'in', contextLabel: 'Xe 08:00', sailingCapacity: 2 });
    const outcomes = [0, 1, 2].map((index) => scan(passenger(index).raw).outcome);
    expect(outcomes).toEqual(['recorded', 'recorded', 'boat-full']);
    expect((await call('manifest', { contextLabel: 'Xe 08:00' })).entries).toHaveLength(2);
    expect((await call('getState')).contextCount).toBe(2);
  });
});
