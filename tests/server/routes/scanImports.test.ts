/**
 * Scan files carried on a USB stick, imported at the district (POST /api/v1/console/imports), on
 * both stores, with real files made by `writeScanFile`: a good file imports and gives a receipt the
 * kiosk accepts; a second import and a later upload of the same scans add nothing; each bad file is
 * refused whole with its code and nothing ingested; a kiosk set up offline is enrolled by its file's
 * code and later enrolls online with the same key as the same device; every import is audited; the
 * district key reaches kiosks at enrollment, on upload answers and on setup sheets.
 */
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkReceipt,
  deviceKeyFingerprint,
  enrollProofMessage,
  newDeviceKeyPair,
  newDistrictKeyPair,
  signMessage,
  writeScanFile,
  type DeviceKeyPair,
  type DistrictPublicKey,
} from '../../../hosting/sealedScans';
import type { EnrollmentSheet } from '../../../shared/console';
import {
  parseEnrollmentText,
  type EnrollResponse,
  type ScanBatchResponse,
  type UploadedScan,
} from '../../../shared/district';
import type { ScanImportList, ScanImportResponse } from '../../../shared/scanImport';
import { addTestUser, ConsoleClient } from '../../support/consoleClient';
import { postBatch } from '../../support/districtHttp';
import { uploadedScan } from '../../support/districtSamples';
import { DISTRICT_STORES, startDistrictServer, type TestDistrictServer } from '../../support/districtServer';
import { sha256Hex } from '../../../server/domain/secretHash';
import { newEnrollmentCode } from '../../../server/routes/enrollment';

const scansAt = (count: number, firstSeq = 1): UploadedScan[] =>
  Array.from({ length: count }, (_, i) =>
    uploadedScan(new Date(Date.parse('2026-11-24T01:00:00.000Z') + (firstSeq + i) * 60_000).toISOString(), {
      seq: firstSeq + i,
      idNumber: `03718800${String(firstSeq + i).padStart(4, '0')}`,
      fullName: `Nguyễn Văn ${firstSeq + i}`,
    }),
  );

interface FileOptions {
  readonly scans: readonly UploadedScan[];
  readonly key: DeviceKeyPair;
  readonly districtKey: DistrictPublicKey;
  readonly code?: string | null;
  readonly deviceId?: string | null;
  readonly venueId?: string | null;
  /** A kiosk fault: each batch sealed as an object, not a list of scans (signed right, `damaged` when read). */
  readonly notALists?: boolean;
}

describe.each(DISTRICT_STORES)('scan file imports on %s', (_name, open) => {
  let server: TestDistrictServer;
  let it_: ConsoleClient;
  let folder: string;
  let fileNumber = 0;

  /** A sealed scan file as the kiosk writes it. */
  async function scanFile(o: FileOptions): Promise<string> {
    const file = path.join(folder, `file-${(fileNumber += 1)}.kiosk-scans`);
    await writeScanFile(file, {
      header: {
        createdAt: '2026-11-25T02:00:00.000Z',
        deviceId: o.deviceId ?? null,
        deviceName: 'Quầy đảo',
        venueId: o.venueId ?? null,
        venueName: 'Cảng Lý Sơn',
        scanCount: o.scans.length,
        seqFrom: o.scans[0]?.seq ?? null,
        seqTo: o.scans.at(-1)?.seq ?? null,
        firstScannedAt: o.scans[0]?.scannedAt ?? null,
        lastScannedAt: o.scans.at(-1)?.scannedAt ?? null,
      },
      districtKey: o.districtKey,
      deviceKey: o.key,
      secrets: { enrollmentCode: o.code ?? null },
      batches: (async function* () {
        for (let i = 0; i < o.scans.length; i += 40) {
          const batch = o.scans.slice(i, i + 40);
          yield o.notALists ? ({ length: batch.length } as unknown as UploadedScan[]) : batch;
        }
      })(),
    });
    return file;
  }

  const districtKey = () => server.district.districtKeys[server.district.districtKeys.length - 1].publicKey;

  function importFile(file: string | Buffer, client: ConsoleClient = it_): Promise<Response> {
    return (typeof file === 'string' ? readFile(file) : Promise.resolve(file)).then((body) =>
      fetch(`${server.url}/api/v1/console/imports`, {
        method: 'POST',
        headers: {
          Cookie: client.cookie,
          'X-CSRF-Token': client.session.csrfToken,
          Origin: server.url,
          'Content-Type': 'application/octet-stream',
        },
        body: new Uint8Array(body),
      }),
    );
  }

  async function newVenue(name: string): Promise<EnrollmentSheet> {
    const response = await it_.post('/api/v1/venues', { name, type: 'port' });
    expect(response.status).toBe(201);
    return (await response.json()) as EnrollmentSheet;
  }

  async function enrollWithKey(code: string, key: DeviceKeyPair, proofKey: DeviceKeyPair = key): Promise<Response> {
    return fetch(`${server.url}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        code,
        deviceName: 'Quầy 1',
        devicePublicKey: key.publicKey,
        deviceProof: signMessage(proofKey.privateKey, enrollProofMessage(code)),
      }),
    });
  }

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'scan-imports-'));
    server = await startDistrictServer(await open());
    await addTestUser(server.store, 'it', 'it');
    it_ = await ConsoleClient.signIn(server.url, 'it');
  });
  afterAll(async () => {
    await server?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('hands the district key out on the setup sheet, at enrollment and on every upload answer', async () => {
    const sheet = await newVenue('Bến Đức');
    expect(parseEnrollmentText(sheet.qrText)).toMatchObject({ code: sheet.code, districtKey: districtKey().text });
    const key = newDeviceKeyPair();
    const enrolled = await enrollWithKey(sheet.code, key);
    expect(enrolled.status).toBe(201);
    const device = (await enrolled.json()) as EnrollResponse;
    expect(device.districtKey).toBe(districtKey().text);
    const answer = await postBatch(server.url, device.deviceToken, {
      sentAt: '2026-11-25T03:00:00.000Z',
      appVersion: '0.3.0',
      pendingCount: 0,
      scans: [],
    });
    expect(((await answer.json()) as ScanBatchResponse).districtKey).toBe(districtKey().text);
    // A key whose proof is another key's signature is refused, and the code is not spent.
    const other = await newVenue('Bến Cũ');
    const forged = await enrollWithKey(other.code, newDeviceKeyPair(), newDeviceKeyPair());
    expect([forged.status, ((await forged.json()) as { error: string }).error]).toEqual([400, 'bad-device-proof']);
    expect((await enrollWithKey(other.code, newDeviceKeyPair())).status).toBe(201);
  });

  it('refuses a device key another kiosk holds with 409 device-key-in-use, and leaves the code unspent', async () => {
    const key = newDeviceKeyPair();
    expect((await enrollWithKey((await newVenue('Bến Tàu Sa Huỳnh')).code, key)).status).toBe(201);
    const second = await newVenue('Bến Tàu Mỹ Á');
    const refused = await enrollWithKey(second.code, key);
    expect([refused.status, ((await refused.json()) as { error: string }).error]).toEqual([409, 'device-key-in-use']);
    expect((await enrollWithKey(second.code, newDeviceKeyPair())).status).toBe(201);
  });

  it('imports a good file once: a second import and a later upload of the same scans add nothing', async () => {
    const sheet = await newVenue('Cảng Lý Sơn');
    const key = newDeviceKeyPair();
    const device = (await (await enrollWithKey(sheet.code, key)).json()) as EnrollResponse;
    const scans = [...scansAt(90), { ...uploadedScan('2026-11-24T05:00:00.000Z', { seq: 91 }), idNumber: 'a\u0000b' }];
    const file = await scanFile({
      scans,
      key,
      districtKey: districtKey(),
      deviceId: device.deviceId,
      venueId: sheet.venueId,
    });
    const before = await server.store.countScans();

    const first = await importFile(file);
    expect(first.status).toBe(200);
    const result = (await first.json()) as ScanImportResponse;
    expect(result).toMatchObject({
      deviceId: device.deviceId,
      venueId: sheet.venueId,
      enrolledNow: false,
      counts: { accepted: 90, duplicate: 0, rejected: 1 },
      refusals: [{ reason: 'invalid-text: idNumber', count: 1 }],
      header: { scanCount: 91, seqFrom: 1, seqTo: 91 },
    });
    expect(await server.store.countScans()).toBe(before + 90);
    // The receipt is the district's, for this kiosk, through the file's last scan.
    const check = checkReceipt(result.receipt ?? '', [districtKey()], deviceKeyFingerprint(key.publicKey));
    expect(check).toMatchObject({ ok: true, receipt: { seqThrough: 91 } });
    expect(
      checkReceipt(result.receipt ?? '', [districtKey()], deviceKeyFingerprint(newDeviceKeyPair().publicKey)),
    ).toMatchObject({ ok: false, reason: 'other-kiosk' });

    const again = (await (await importFile(file)).json()) as ScanImportResponse;
    expect(again.counts).toEqual({ accepted: 0, duplicate: 90, rejected: 1 });
    const upload = await postBatch(server.url, device.deviceToken, {
      sentAt: '2026-11-25T03:00:00.000Z',
      appVersion: '0.3.0',
      pendingCount: 0,
      scans: [...scansAt(90).map((s, i) => ({ ...s, id: scans[i].id })), ...scansAt(5, 200)],
    });
    const answered = ((await upload.json()) as ScanBatchResponse).results;
    expect(answered.filter((r) => r.status === 'duplicate')).toHaveLength(90);
    expect(answered.filter((r) => r.status === 'accepted')).toHaveLength(5);
    expect(await server.store.countScans()).toBe(before + 95);
  });

  it('knows the file of a kiosk enrolled before device keys once it sent its key with an upload', async () => {
    const sheet = await newVenue('Cảng Sa Kỳ');
    const older = (await (
      await fetch(`${server.url}/api/v1/enroll`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: sheet.code, deviceName: 'Quầy cũ' }),
      })
    ).json()) as EnrollResponse;
    const key = newDeviceKeyPair();
    const file = await scanFile({
      scans: scansAt(3, 300),
      key,
      districtKey: districtKey(),
      deviceId: older.deviceId,
      venueId: sheet.venueId,
    });
    // Before: the district cannot tell the file is this kiosk's.
    expect(((await (await importFile(file)).json()) as { error: string }).error).toBe('import-unknown-device');
    const heartbeat = (publicKey: string) =>
      postBatch(server.url, older.deviceToken, {
        sentAt: '2026-11-25T03:00:00.000Z',
        appVersion: '0.3.0',
        pendingCount: 3,
        devicePublicKey: publicKey,
        scans: [],
      });
    expect((await heartbeat(key.publicKey)).status).toBe(200);
    // The first key stays: a later upload cannot swap it for another.
    expect((await heartbeat(newDeviceKeyPair().publicKey)).status).toBe(200);
    const imported = (await (await importFile(file)).json()) as ScanImportResponse;
    expect(imported).toMatchObject({ deviceId: older.deviceId, counts: { accepted: 3, duplicate: 0, rejected: 0 } });
  });

  it('refuses each bad file whole with its code, and ingests nothing of it', async () => {
    const sheet = await newVenue('Trạm Y tế An Hải');
    const key = newDeviceKeyPair();
    const device = (await (await enrollWithKey(sheet.code, key)).json()) as EnrollResponse;
    const good = await scanFile({ scans: scansAt(30, 1000), key, districtKey: districtKey(), venueId: sheet.venueId });
    const bytes = await readFile(good);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)] ^= 0x01;
    const cut = path.join(folder, 'cut.kiosk-scans');
    await writeFile(cut, bytes);
    await truncate(cut, bytes.length - 50);
    const otherDistrict = await scanFile({
      scans: scansAt(3, 1100),
      key,
      districtKey: newDistrictKeyPair(new Date()).publicKey,
    });
    const stranger = await scanFile({ scans: scansAt(3, 1200), key: newDeviceKeyPair(), districtKey: districtKey() });
    const elsewhere = await scanFile({
      scans: scansAt(3, 1300),
      key,
      districtKey: districtKey(),
      venueId: '0193a5b0-0000-7000-8000-00000000a001',
    });
    const before = await server.store.countScans();
    const refusals: Array<[string | Buffer, string]> = [
      [flipped, 'import-bad-signature'],
      [cut, 'import-truncated'],
      [otherDistrict, 'import-other-district'],
      [Buffer.from('id,name\n1,Nguyễn Văn A\n'), 'import-not-a-scan-file'],
      [stranger, 'import-unknown-device'],
      [elsewhere, 'import-other-venue'],
    ];
    for (const [file, code] of refusals) {
      const response = await importFile(file);
      expect([response.status, ((await response.json()) as { error: string }).error]).toEqual([422, code]);
    }
    expect((await it_.post(`/api/v1/devices/${device.deviceId}/revoke`)).status).toBe(200);
    const revoked = await importFile(good);
    expect([revoked.status, ((await revoked.json()) as { error: string }).error]).toEqual([
      422,
      'import-device-revoked',
    ]);
    expect(await server.store.countScans()).toBe(before);
  });

  it('enrolls a kiosk set up offline by the code in its file; online later with the same key it is the same device', async () => {
    const sheet = await newVenue('Trường Tiểu học An Bình');
    const key = newDeviceKeyPair();
    const parsed = parseEnrollmentText(sheet.qrText);
    const file = await scanFile({
      scans: scansAt(12, 2000),
      key,
      districtKey:
        (await import('../../../hosting/sealedScans')).parseDistrictKey(parsed?.districtKey ?? '') ?? districtKey(),
      code: sheet.code,
    });
    const imported = (await (await importFile(file)).json()) as ScanImportResponse;
    expect(imported).toMatchObject({
      enrolledNow: true,
      venueId: sheet.venueId,
      deviceName: 'Quầy đảo',
      counts: { accepted: 12, duplicate: 0, rejected: 0 },
    });
    // Imported again, the kiosk is found by its key.
    expect(((await (await importFile(file)).json()) as ScanImportResponse).enrolledNow).toBe(false);

    // Someone else with the code is refused as before; the kiosk itself enrolls as the same device.
    expect((await enrollWithKey(sheet.code, newDeviceKeyPair())).status).toBe(410);
    const online = await enrollWithKey(sheet.code, key);
    expect(online.status).toBe(201);
    const enrolled = (await online.json()) as EnrollResponse;
    expect(enrolled.deviceId).toBe(imported.deviceId);
    const upload = await postBatch(server.url, enrolled.deviceToken, {
      sentAt: '2026-11-25T03:00:00.000Z',
      appVersion: '0.3.0',
      pendingCount: 0,
      scans: [],
    });
    expect(upload.status).toBe(200);
    // Once the kiosk has its token, the code and the key's (replayable) proof enroll nobody, the kiosk's token stays.
    const second = await enrollWithKey(sheet.code, key);
    expect([second.status, ((await second.json()) as { error: string }).error]).toEqual([410, 'enrollment-used']);
    const still = await postBatch(server.url, enrolled.deviceToken, {
      sentAt: '2026-11-25T03:00:00.000Z',
      appVersion: '0.3.0',
      pendingCount: 0,
      scans: [],
    });
    expect(still.status).toBe(200);
  });

  it('never enrolls a kiosk enrolled online again with its code and key proof', async () => {
    const sheet = await newVenue('Cảng Dung Quất');
    const key = newDeviceKeyPair();
    const first = await enrollWithKey(sheet.code, key);
    expect(first.status).toBe(201);
    const replay = await enrollWithKey(sheet.code, key);
    expect([replay.status, ((await replay.json()) as { error: string }).error]).toEqual([410, 'enrollment-used']);
    const token = ((await first.json()) as EnrollResponse).deviceToken;
    const upload = await postBatch(server.url, token, {
      sentAt: '2026-11-25T03:00:00.000Z',
      appVersion: '0.3.0',
      pendingCount: 0,
      scans: [],
    });
    expect(upload.status).toBe(200);
  });

  it('refuses the file of an unknown key with no open code before reading its batches', async () => {
    // Its batches are not lists of scans: read through, it would be `damaged`.
    const lying = { scans: scansAt(3, 1400), districtKey: districtKey(), notALists: true };
    const stranger = await importFile(await scanFile({ ...lying, key: newDeviceKeyPair() }));
    expect([stranger.status, ((await stranger.json()) as { error: string }).error]).toEqual([
      422,
      'import-unknown-device',
    ]);
    // With an open code its batches are read (and refused) before the code is spent.
    const sheet = await newVenue('Cảng Tịnh Kỳ');
    const coded = await importFile(await scanFile({ ...lying, key: newDeviceKeyPair(), code: sheet.code }));
    expect(((await coded.json()) as { error: string }).error).toBe('import-damaged');
    expect((await enrollWithKey(sheet.code, newDeviceKeyPair())).status).toBe(201);
  });

  it('tells an expired code from an unknown kiosk; the kiosk enrolls by its file once IT gives it a new code', async () => {
    const sheet = await newVenue('Đảo Bé');
    // A code that lived a day and ended an hour before the import.
    const oldCode = newEnrollmentCode();
    await server.store.addEnrollmentCode(
      sheet.venueId,
      sha256Hex(oldCode),
      '2026-11-24T02:00:00.000Z',
      '2026-11-25T02:00:00.000Z',
    );
    const key = newDeviceKeyPair();
    const expired = await scanFile({ scans: scansAt(4, 1500), key, districtKey: districtKey(), code: oldCode });
    const refused = await importFile(expired);
    expect([refused.status, ((await refused.json()) as { error: string }).error]).toEqual([422, 'import-code-expired']);
    const fresh = await it_.post(`/api/v1/venues/${sheet.venueId}/codes`);
    const newCode = ((await fresh.json()) as EnrollmentSheet).code;
    const renewed = await scanFile({ scans: scansAt(4, 1500), key, districtKey: districtKey(), code: newCode });
    expect(((await (await importFile(renewed)).json()) as ScanImportResponse).enrolledNow).toBe(true);
    // A used code is no usable code: as unknown as none.
    const reused = await scanFile({
      scans: scansAt(1, 1600),
      key: newDeviceKeyPair(),
      districtKey: districtKey(),
      code: newCode,
    });
    expect(((await (await importFile(reused)).json()) as { error: string }).error).toBe('import-unknown-device');
  });

  it('gives a venue with no network a code that lives until its first file comes (up to 90 days)', async () => {
    const sheet = await newVenue('Trường Tiểu học Đảo Bé');
    server.setNow('2026-11-25T03:00:00.000Z');
    const long = (await (
      await it_.post(`/api/v1/venues/${sheet.venueId}/codes`, { validDays: 90 })
    ).json()) as EnrollmentSheet;
    expect(long.expiresAt).toBe('2027-02-23T03:00:00.000Z');
    const usual = (await (await it_.post(`/api/v1/venues/${sheet.venueId}/codes`)).json()) as EnrollmentSheet;
    expect(usual.expiresAt).toBe('2026-12-02T03:00:00.000Z');
    expect((await it_.post(`/api/v1/venues/${sheet.venueId}/codes`, { validDays: 91 })).status).toBe(400);
    // Seven weeks later the island's first file comes: its code still enrolls the kiosk.
    server.setNow('2027-01-13T03:00:00.000Z');
    const key = newDeviceKeyPair();
    const file = await scanFile({ scans: scansAt(2, 1800), key, districtKey: districtKey(), code: long.code });
    // (The district's own import: a console session would have ended in seven weeks.)
    expect((await server.district.importScanFile(file, 'test')).enrolledNow).toBe(true);
    server.setNow('2026-11-25T03:00:00.000Z');
  });

  it('leaves the device table as the kiosk last reported: an import is not an upload', async () => {
    const sheet = await newVenue('Bến Sa Cần');
    const key = newDeviceKeyPair();
    const device = (await (await enrollWithKey(sheet.code, key)).json()) as EnrollResponse;
    server.setNow('2026-11-25T02:00:00.000Z');
    const heartbeat = await postBatch(server.url, device.deviceToken, {
      sentAt: '2026-11-25T02:00:00.000Z',
      appVersion: '0.2.9',
      pendingCount: 7,
      scans: [],
    });
    server.setNow('2026-11-25T03:00:00.000Z');
    expect(heartbeat.status).toBe(200);
    const reported = { lastUploadAt: '2026-11-25T02:00:00.000Z', pendingCount: 7, appVersion: '0.2.9' };
    const row = async (id: string) => (await server.store.listDevices()).find((d) => d.id === id);
    expect(await row(device.deviceId)).toMatchObject(reported);
    const file = await scanFile({ scans: scansAt(50, 1700), key, districtKey: districtKey() });
    expect((await importFile(file)).status).toBe(200);
    expect(await row(device.deviceId)).toMatchObject(reported);
    // A kiosk set up offline, enrolled by its file, has still never reported.
    const offline = await scanFile({
      scans: scansAt(2, 1800),
      key: newDeviceKeyPair(),
      districtKey: districtKey(),
      code: (await newVenue('Hòn Tre')).code,
    });
    const enrolled = (await (await importFile(offline)).json()) as ScanImportResponse;
    expect(await row(enrolled.deviceId)).toMatchObject({ lastUploadAt: null, pendingCount: null });
  });

  it('audits every import: who, which device, the file and what came of it; IT only', async () => {
    const response = await it_.get('/api/v1/console/imports?limit=50');
    expect(response.status).toBe(200);
    const { imports } = (await response.json()) as ScanImportList;
    const outcomes = imports.map((row) => row.outcome);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        'imported',
        'bad-signature',
        'truncated',
        'device-revoked',
        'unknown-device',
        'code-expired',
      ]),
    );
    expect(outcomes).not.toContain('running');
    const good = imports.find((row) => row.outcome === 'imported' && row.accepted === 90);
    expect(good).toMatchObject({
      actor: 'user:it',
      venueName: 'Cảng Lý Sơn',
      fileScans: 91,
      seqFrom: 1,
      seqTo: 91,
      duplicate: 0,
      rejected: 1,
      receiptSeq: 91,
    });
    expect(good?.fileBytes).toBeGreaterThan(0);
    expect(imports.find((row) => row.outcome === 'not-a-scan-file')).toMatchObject({ fileScans: null, deviceId: null });

    await addTestUser(server.store, 'xem', 'viewer');
    const viewer = await ConsoleClient.signIn(server.url, 'xem');
    expect((await viewer.get('/api/v1/console/imports')).status).toBe(403);
    expect((await importFile(Buffer.from('x'), viewer)).status).toBe(403);
  });
});
