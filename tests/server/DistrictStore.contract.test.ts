/**
 * One contract, every store: each test here runs on SQLite, on PostgreSQL, and on a Citus coordinator
 * with two workers where Citus is installed (else the run says once that it skipped them).
 */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceRecord, DistrictStore, StoredScan } from '../../server/store/DistrictStore';
import type { VenueType } from '../../shared/district';
import { uploadedScan } from '../support/districtSamples';
import { STORES_WITH_CITUS } from '../support/districtServer';
import { ingestScans } from '../../server/ingest/ingestScans';
import { communeKey } from '../../server/domain/communes';

describe.each(STORES_WITH_CITUS)('DistrictStore on %s', (_name, open) => {
  let store: DistrictStore;
  let device: DeviceRecord;
  const venueId = uuidv7();
  const now = '2026-11-25T01:00:00.000Z';

  const stored = (at: string, overrides: Partial<StoredScan> = {}): StoredScan => ({
    ...uploadedScan(at),
    venueId,
    deviceId: device.id,
    receivedAt: now,
    correctedAt: at,
    localDay: new Date(Date.parse(at) + 420 * 60_000).toISOString().slice(0, 10),
    ...overrides,
  });
  const report = { receivedAt: now, sentAt: now, clockOffsetMs: 0, pendingCount: 0, appVersion: '0.1.0' };

  beforeAll(async () => {
    store = await open();
    await store.createEnrollment({
      venue: { id: venueId, name: 'Cảng Lý Sơn', type: 'port', address: null },
      codeHash: 'hash-1',
      createdAt: now,
      expiresAt: '2026-12-01T00:00:00.000Z',
    });
    const redeemed = await store.redeemEnrollment('hash-1', now, {
      id: uuidv7(),
      name: 'Quầy 1',
      tokenHash: 'token-hash-1',
      appVersion: '0.1.0',
    });
    expect(redeemed).toMatchObject({ status: 'enrolled', venue: { id: venueId, name: 'Cảng Lý Sơn', type: 'port' } });
    device = (await store.findDeviceByTokenHash('token-hash-1')) as DeviceRecord;
  });
  afterAll(() => store?.close());

  it('redeems an enrollment code once, and knows unknown and expired codes', async () => {
    expect(
      await store.redeemEnrollment('hash-1', now, { id: uuidv7(), name: 'again', tokenHash: 't2', appVersion: null }),
    ).toEqual({ status: 'used' });
    expect(
      await store.redeemEnrollment('nope', now, { id: uuidv7(), name: 'x', tokenHash: 't3', appVersion: null }),
    ).toEqual({ status: 'unknown' });
    await store.createEnrollment({
      venue: { id: uuidv7(), name: 'Old', type: 'shop', address: null },
      codeHash: 'hash-old',
      createdAt: now,
      expiresAt: '2026-11-24T00:00:00.000Z',
    });
    expect(
      await store.redeemEnrollment('hash-old', now, { id: uuidv7(), name: 'x', tokenHash: 't4', appVersion: null }),
    ).toEqual({ status: 'expired' });
    expect(device).toMatchObject({ venueId, venueName: 'Cảng Lý Sơn', name: 'Quầy 1', revokedAt: null });
  });

  it('inserts each scan id at most once, across batches and within one', async () => {
    const a = stored('2026-11-25T00:10:00.000Z');
    const b = stored('2026-11-25T00:11:00.000Z', { idNumber: '001099012345' });
    expect([...(await ingestScans(store, device, [a, b], report))].sort()).toEqual([a.id, b.id].sort());
    expect([...(await ingestScans(store, device, [a, b, a], report))]).toEqual([]);
    const c = stored('2026-11-25T00:12:00.000Z');
    expect([...(await ingestScans(store, device, [b, c], { ...report, pendingCount: 7 }))]).toEqual([c.id]);
    expect(await store.countScans()).toBe(3);
    expect((await store.findDeviceByTokenHash('token-hash-1'))?.pendingCount).toBe(7);
  });

  it('answers a second counter of the venue sending the first one’s ids as taken once, and keeps them the first one’s', async () => {
    // A disk copied between the venue's two PCs: the second sends the first one's scans as its own.
    expect(await store.addEnrollmentCode(venueId, 'hash-copied-disk', now, '2026-12-01T00:00:00.000Z')).toBe(true);
    await store.redeemEnrollment('hash-copied-disk', now, {
      id: uuidv7(),
      name: 'Quầy 2',
      tokenHash: 'token-copied-disk',
      appVersion: null,
    });
    const second = (await store.findDeviceByTokenHash('token-copied-disk')) as DeviceRecord;
    const first = [stored('2026-11-24T05:00:00.000Z'), stored('2026-11-24T05:00:01.000Z')];
    await ingestScans(store, device, first, report);
    const before = await store.countScans();
    const own = { ...stored('2026-11-24T05:00:02.000Z'), deviceId: second.id };
    const copies = first.map((scan) => ({ ...scan, deviceId: second.id }));
    expect([...(await ingestScans(store, second, [...copies, own], report))].sort()).toEqual(
      [...first.map((scan) => scan.id), own.id].sort(),
    );
    // Sent again: duplicates, like any re-send; nothing stored twice, nothing moved to the second PC.
    expect([...(await ingestScans(store, second, [...copies, own], report))]).toEqual([]);
    expect(await store.countScans()).toBe(before + 1);
    const kept = await store.scansOfPerson(
      first[0].idNumber as string,
      '2026-11-24T05:00:00.000Z',
      '2026-11-24T05:01:00.000Z',
    );
    expect(kept.filter((scan) => first.some((f) => f.id === scan.id)).map((scan) => scan.deviceId)).toEqual([
      device.id,
      device.id,
    ]);
  });
  it('answers exactly the new ids of a large batch with old ones and repeats scattered through it', async () => {
    const before = await store.countScans();
    const fresh = Array.from({ length: 237 }, (_, i) =>
      stored(new Date(Date.parse('2026-11-24T03:00:00.000Z') + i * 1000).toISOString()),
    );
    const old = fresh.filter((_, i) => i % 7 === 0);
    await ingestScans(store, device, old, report);
    // Old ones and one repeat of a new one inside the batch: neither is reported as inserted.
    const batch = [...fresh.slice(0, 150), fresh[140], ...fresh.slice(150)];
    const inserted = await ingestScans(store, device, batch, report);
    expect([...inserted].sort()).toEqual(
      fresh
        .filter((_, i) => i % 7 !== 0)
        .map((s) => s.id)
        .sort(),
    );
    expect(await store.countScans()).toBe(before + fresh.length);
    const all = await store.scansOfPerson(
      fresh[0].idNumber as string,
      '2026-11-24T03:00:00.000Z',
      '2026-11-24T04:00:00.000Z',
    );
    expect(all.find((s) => s.id === fresh[236].id)).toEqual(fresh[236]);
  });
  it('keeps scans of different months in their own partitions and finds them all', async () => {
    const old = stored('2026-09-30T23:59:59.000Z', { idNumber: '079300000001' });
    const next = stored('2026-10-01T00:00:00.000Z', { idNumber: '079300000001' });
    await ingestScans(store, device, [old, next], report);
    expect(
      (await store.scansOfPerson('079300000001', '2026-09-01T00:00:00Z', '2026-11-01T00:00:00Z')).map((s) => s.id),
    ).toEqual([old.id, next.id]);
  });

  it('returns a person’s recorded scans in time order with every field', async () => {
    const scans = await store.scansOfPerson('037188000123', '2026-11-25T00:00:00.000Z', '2026-11-26T00:00:00.000Z');
    expect(scans.map((s) => s.correctedAt)).toEqual(['2026-11-25T00:10:00.000Z', '2026-11-25T00:12:00.000Z']);
    expect(scans[0]).toMatchObject({
      venueId,
      deviceId: device.id,
      fullName: 'Phạm Thị Hồng',
      direction: 'in',
      localDay: '2026-11-25',
      problems: [],
    });
    expect(await store.scansAtVenue(venueId, '2026-11-25T00:00:00.000Z', '2026-11-25T00:11:30.000Z')).toHaveLength(2);
  });

  it('counts per venue and local day, and finds silent venues', async () => {
    await ingestScans(
      store,
      device,
      [stored('2026-11-25T02:00:00.000Z', { direction: null, outcome: 'refused', idNumber: null, fullName: null })],
      report,
    );
    expect(await store.dailyCounts('2026-11-25', '2026-11-25')).toEqual([
      { venueId, venueName: 'Cảng Lý Sơn', venueType: 'port', day: '2026-11-25', in: 3, out: 0, refused: 1 },
    ]);
    expect((await store.silentVenues('2026-11-24T00:00:00.000Z')).map((v) => v.name)).toEqual(['Old']);
  });

  it('traces a person through the server’s pairing and contacts on this store', async () => {
    const { DistrictServer } = await import('../../server/DistrictServer');
    const index = '079400000999';
    await ingestScans(
      store,
      device,
      [
        stored('2026-11-25T03:00:00.000Z', { idNumber: index, direction: 'in' }),
        stored('2026-11-25T03:05:00.000Z', { idNumber: '079400000888', fullName: 'Lê Văn Tư', direction: 'in' }),
        stored('2026-11-25T03:40:00.000Z', { idNumber: index, direction: 'out' }),
      ],
      report,
    );
    const trace = await new DistrictServer({ store }).trace(
      index,
      '2026-11-25T00:00:00.000Z',
      '2026-11-26T00:00:00.000Z',
      15,
    );
    expect(trace.visits).toEqual([
      expect.objectContaining({
        venueName: 'Cảng Lý Sơn',
        entryAt: '2026-11-25T03:00:00.000Z',
        exitAt: '2026-11-25T03:40:00.000Z',
        closedBy: 'exit',
      }),
    ]);
    expect(trace.contacts.map((c) => c.idNumber)).toContain('079400000888');
  });

  it('re-pairs a venue (its type changed) without heeding a correction another venue sent for one of its scans', async () => {
    const enrol = async (name: string, type: VenueType, key: string) => {
      const id = uuidv7();
      await store.createEnrollment({
        venue: { id, name, type, address: null },
        codeHash: `hash-${key}`,
        createdAt: now,
        expiresAt: '2026-12-01T00:00:00.000Z',
      });
      await store.redeemEnrollment(`hash-${key}`, now, {
        id: uuidv7(),
        name: 'Quầy',
        tokenHash: `token-${key}`,
        appVersion: null,
      });
      return { venueId: id, device: (await store.findDeviceByTokenHash(`token-${key}`)) as DeviceRecord };
    };
    const a = await enrol('Bến A', 'port', 'void-a');
    const b = await enrol('Quán B', 'shop', 'void-b');
    const person = '079400000777';
    const scan = stored('2026-11-25T05:00:00.000Z', {
      venueId: a.venueId,
      deviceId: a.device.id,
      idNumber: person,
      direction: 'in',
    });
    await ingestScans(store, a.device, [scan], report);
    // Venue B's device "voids" venue A's scan: ingest ignores it, and so must every later re-pair.
    const foreignCorrection = stored('2026-11-25T05:02:00.000Z', {
      venueId: b.venueId,
      deviceId: b.device.id,
      seq: 2,
      direction: null,
      source: 'manual',
      idNumber: null,
      fullName: null,
      birthDate: null,
      voidsScanId: scan.id,
    });
    await ingestScans(store, b.device, [foreignCorrection], report);
    const stays = async () =>
      (
        await store.presenceOfPerson(
          person,
          Date.parse('2026-11-25T00:00:00.000Z'),
          Date.parse('2026-11-26T00:00:00.000Z'),
        )
      ).length;
    expect(await stays()).toBe(1);
    expect(
      await store.updateVenue(a.venueId, { name: 'Bến A', type: 'transport', area: null, address: null }, 420),
    ).toBe(true);
    expect(await stays()).toBe(1);
  });

  it('finds a device by its key; a code an import redeemed for that key gives it its first token, once (nobody else); keeps the import audit', async () => {
    const venue = uuidv7();
    await store.createEnrollment({
      venue: { id: venue, name: 'Trạm Y tế An Hải', type: 'other', address: null },
      codeHash: 'hash-keyed',
      createdAt: now,
      expiresAt: '2026-11-26T00:00:00.000Z',
    });
    const key = 'k'.repeat(43);
    // As an import enrolls a kiosk set up offline: no token anyone holds yet.
    const first = {
      id: uuidv7(),
      name: 'Quầy đảo',
      tokenHash: 'token-keyed-1',
      appVersion: null,
      publicKey: key,
      awaitingToken: true,
    };
    // Looked at without redeeming (as an import does before reading a whole file; twice, still open): open, unknown, expired.
    expect(await store.enrollmentCodeState('hash-keyed', now)).toBe('open');
    expect(await store.enrollmentCodeState('hash-keyed', now)).toBe('open');
    expect(await store.enrollmentCodeState('hash-nobody', now)).toBe('unknown');
    expect(await store.enrollmentCodeState('hash-keyed', '2026-11-26T00:00:00.000Z')).toBe('expired');
    expect(await store.redeemEnrollment('hash-keyed', now, first)).toMatchObject({
      status: 'enrolled',
      deviceId: first.id,
    });
    expect(await store.findDeviceByPublicKey(key)).toMatchObject({ id: first.id, venueId: venue, publicKey: key });
    expect(await store.enrollmentCodeState('hash-keyed', now)).toBe('used');
    expect(await store.findDeviceByPublicKey('z'.repeat(43))).toBeNull();
    // Another code redeemed with a key a device holds enrolls nothing, and stays unspent.
    await store.createEnrollment({
      venue: { id: uuidv7(), name: 'Bến Tàu Mỹ Á', type: 'port', address: null },
      codeHash: 'hash-taken-key',
      createdAt: now,
      expiresAt: '2026-11-26T00:00:00.000Z',
    });
    const taken = { id: uuidv7(), name: 'Quầy 2', tokenHash: 'token-taken', appVersion: null, publicKey: key };
    expect(await store.redeemEnrollment('hash-taken-key', now, taken)).toEqual({ status: 'key-in-use' });
    expect(await store.findDeviceByTokenHash('token-taken')).toBeNull();
    expect(await store.redeemEnrollment('hash-taken-key', now, { ...taken, publicKey: 'y'.repeat(43) })).toMatchObject({
      status: 'enrolled',
      deviceId: taken.id,
    });
    // A device without a key takes one through its upload, once; a key another device holds is refused.
    const keyless = { id: uuidv7(), name: 'Quầy cũ', tokenHash: 'token-keyless', appVersion: null };
    await store.createEnrollment({
      venue: { id: uuidv7(), name: 'Cảng Sa Kỳ', type: 'port', address: null },
      codeHash: 'hash-keyless',
      createdAt: now,
      expiresAt: '2026-11-26T00:00:00.000Z',
    });
    expect(await store.redeemEnrollment('hash-keyless', now, keyless)).toMatchObject({ status: 'enrolled' });
    expect(await store.registerDevicePublicKey(keyless.id, key)).toBe(false);
    expect(await store.registerDevicePublicKey(keyless.id, 'q'.repeat(43))).toBe(true);
    expect(await store.registerDevicePublicKey(keyless.id, 'r'.repeat(43))).toBe(false);
    expect(await store.findDeviceByPublicKey('q'.repeat(43))).toMatchObject({ id: keyless.id });
    // Again, after the code expired: the same device, given its first token; another key, or no `again`, is refused.
    const later = '2026-11-30T00:00:00.000Z';
    const again = { id: uuidv7(), name: 'Quầy 1', tokenHash: 'token-keyed-2', appVersion: '0.3.0', publicKey: key };
    expect(await store.redeemEnrollment('hash-keyed', later, again)).toEqual({ status: 'used' });
    expect(await store.redeemEnrollment('hash-keyed', later, { ...again, publicKey: 'z'.repeat(43) }, true)).toEqual({
      status: 'used',
    });
    expect(await store.redeemEnrollment('hash-keyed', later, again, true)).toMatchObject({
      status: 'enrolled',
      deviceId: first.id,
      venue: { id: venue },
    });
    expect(await store.findDeviceByTokenHash('token-keyed-1')).toBeNull();
    expect(await store.findDeviceByTokenHash('token-keyed-2')).toMatchObject({ id: first.id, name: 'Quầy đảo' });
    // Once given, never again: whoever replays the key's proof cannot take the device's token.
    const replay = { ...again, tokenHash: 'token-keyed-3' };
    expect(await store.redeemEnrollment('hash-keyed', later, replay, true)).toEqual({ status: 'used' });
    expect(await store.findDeviceByTokenHash('token-keyed-2')).toMatchObject({ id: first.id });
    // A kiosk that enrolled online with its key has its token: its code is not redeemed again either.
    const online = {
      id: uuidv7(),
      name: 'Quầy 3',
      tokenHash: 'token-online',
      appVersion: null,
      publicKey: 'p'.repeat(43),
    };
    await store.createEnrollment({
      venue: { id: uuidv7(), name: 'Cảng Dung Quất', type: 'port', address: null },
      codeHash: 'hash-online',
      createdAt: now,
      expiresAt: '2026-11-26T00:00:00.000Z',
    });
    expect(await store.redeemEnrollment('hash-online', now, online)).toMatchObject({ status: 'enrolled' });
    expect(
      await store.redeemEnrollment('hash-online', now, { ...online, id: uuidv7(), tokenHash: 'token-online-2' }, true),
    ).toEqual({ status: 'used' });
    expect(await store.findDeviceByTokenHash('token-online')).toMatchObject({ id: online.id });

    const row = {
      importedAt: now,
      actor: 'user:it',
      deviceId: first.id,
      deviceName: 'Quầy đảo',
      venueId: venue,
      venueName: 'Trạm Y tế An Hải',
      fileBytes: 3_000_000_000,
      fileScans: 1200,
      seqFrom: 1,
      seqTo: 1200,
    };
    const running = await store.recordScanImport({ ...row, outcome: 'running' });
    const refused = await store.recordScanImport({ ...row, importedAt: later, outcome: 'bad-signature' });
    await store.finishScanImport(running, {
      outcome: 'imported',
      counts: { accepted: 1190, duplicate: 8, rejected: 2 },
      receiptSeq: 1200,
    });
    const listed = await store.listScanImports(10);
    expect(listed.map((r) => r.id)).toEqual([refused, running]);
    expect(listed[1]).toEqual({
      ...row,
      id: running,
      accepted: 1190,
      duplicate: 8,
      rejected: 2,
      outcome: 'imported',
      receiptSeq: 1200,
    });
    expect(listed[0]).toMatchObject({ outcome: 'bad-signature', accepted: 0, receiptSeq: null, importedAt: later });
    expect((await store.listScanImports(10, refused)).map((r) => r.id)).toEqual([running]);
  });

  it('revokes a device once', async () => {
    await store.createEnrollment({
      venue: { id: uuidv7(), name: 'Khách sạn', type: 'hotel', address: 'Lý Sơn' },
      codeHash: 'hash-2',
      createdAt: now,
      expiresAt: '2026-12-01T00:00:00.000Z',
    });
    const deviceId = uuidv7();
    await store.redeemEnrollment('hash-2', now, {
      id: deviceId,
      name: 'Lễ tân',
      tokenHash: 'token-hash-2',
      appVersion: null,
    });
    expect(await store.revokeDevice(deviceId, now)).toBe(true);
    expect(await store.revokeDevice(deviceId, now)).toBe(false);
    expect((await store.findDeviceByTokenHash('token-hash-2'))?.revokedAt).toBe(now);
  });

  it('keeps on each code whether a kiosk enrolled before sends its unsent scans under it', async () => {
    const redeem = (codeHash: string) =>
      store.redeemEnrollment(codeHash, now, {
        id: uuidv7(),
        name: 'Quầy 2',
        tokenHash: `t-${codeHash}`,
        appVersion: null,
      });
    expect(await store.addEnrollmentCode(venueId, 'hash-carry', now, '2026-12-01T00:00:00.000Z', true)).toBe(true);
    expect(await store.addEnrollmentCode(venueId, 'hash-keep', now, '2026-12-01T00:00:00.000Z')).toBe(true);
    expect(await redeem('hash-carry')).toMatchObject({ status: 'enrolled', carryUnsentScans: true });
    expect(await redeem('hash-keep')).toMatchObject({ status: 'enrolled', carryUnsentScans: false });
    // A venue's first code (made with the venue) asks for nothing unless told.
    expect(await redeem('hash-1')).toEqual({ status: 'used' });
  });

  it('keeps the district list of communes: one per spelling, renamed and merged with their venues', async () => {
    const commune = (id: string, name: string) => ({ id, name, nameKey: communeKey(name), createdAt: now });
    const anVinh = uuidv7();
    const anHai = uuidv7();
    expect(await store.addCommune(commune(anVinh, 'Xã An Vĩnh'))).toBe(true);
    expect(await store.addCommune(commune(uuidv7(), 'xã an vĩnh'))).toBe(false);
    expect(await store.addCommune(commune(anHai, 'Xã An Hải'))).toBe(true);
    const inVinh = uuidv7();
    await store.createEnrollment({
      venue: { id: inVinh, name: 'Chợ An Vĩnh', type: 'shop', address: null, area: 'Xã An Vĩnh' },
      codeHash: 'hash-commune',
      createdAt: now,
      expiresAt: '2026-12-01T00:00:00.000Z',
    });
    expect(await store.renameCommune(anVinh, 'Xã Lý Sơn', communeKey('Xã Lý Sơn'))).toBe('renamed');
    expect(await store.renameCommune(anVinh, 'Xã An Hải', communeKey('Xã An Hải'))).toBe('taken');
    expect(await store.renameCommune(uuidv7(), 'Xã X', communeKey('Xã X'))).toBe('missing');
    expect((await store.findVenue(inVinh))?.area).toBe('Xã Lý Sơn');
    expect(await store.mergeCommune(anHai, anVinh)).toEqual({ status: 'merged', movedVenues: 0 });
    expect(await store.mergeCommune(anVinh, anVinh)).toEqual({ status: 'same' });
    const target = uuidv7();
    await store.addCommune(commune(target, 'Đặc khu Lý Sơn'));
    expect(await store.mergeCommune(anVinh, target)).toEqual({ status: 'merged', movedVenues: 1 });
    expect((await store.findVenue(inVinh))?.area).toBe('Đặc khu Lý Sơn');
    expect((await store.listCommunes()).map((c) => [c.name, c.venues])).toEqual([['Đặc khu Lý Sơn', 1]]);
  });

  it('purges scans older than the cutoff and keeps the rest', async () => {
    const before = await store.countScans();
    const purged = await store.purgeScansBefore('2026-10-15T00:00:00.000Z');
    expect(purged).toBe(2);
    expect(await store.countScans()).toBe(before - 2);
    expect(await store.scansOfPerson('079300000001', '2026-09-01T00:00:00Z', '2026-11-01T00:00:00Z')).toEqual([]);
  });
});
