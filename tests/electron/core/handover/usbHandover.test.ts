/**
 * A venue with no network, at the kiosk's boundary (its core API, a stand-in district on loopback,
 * the files it writes): the device key, the district keys, offline setup from a setup sheet, the
 * sealed export and the district's receipt.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  deviceKeyFingerprint,
  enrollProofMessage,
  newDeviceKeyPair,
  newDistrictKeyPair,
  verifyMessage,
  type DistrictKeyPair,
} from '../../../../hosting/sealedScans/keys';
import { receiptText } from '../../../../hosting/sealedScans/receipt';
import { openScanFile, readScanFileHeader, scanFileName } from '../../../../hosting/sealedScans/scanFile';
import { isoWithOffset } from '../../../../electron/core/localTime';
import { KioskMethodError } from '../../../../shared/contract';
import { enrollmentText } from '../../../../shared/enrollmentText';
import type { UploadedScan } from '../../../../shared/district';
import type { UsbExportDone } from '../../../../shared/handover';
import { Kiosk } from '../../../../electron/core/Kiosk';
import { memoryLogger } from '../../../../electron/core/log';
import { folderDestination } from '../../../../electron/core/handover/UsbHandover';
import { cccdText } from '../../../support/cccdSamples';
import { listenOnLoopback } from '../../../support/loopback';

const CODE = 'ABCDE12345';
const START = new Date('2026-11-25T01:00:00Z');

/** A stand-in district: answers enrollment and uploads, keeps what it was sent. */
interface FakeDistrict {
  readonly url: string;
  readonly enrollments: Record<string, unknown>[];
  readonly uploaded: UploadedScan[];
  /** The device key each upload carried (a kiosk enrolled before keys registers its key so). */
  readonly uploadKeys: (string | undefined)[];
  /** The key the answers carry (a test rotates it). */
  key: DistrictKeyPair;
  /** An HTTP status to refuse enrollments with (a test sets it); undefined: enroll. */
  refuseEnrollment?: number;
  close(): Promise<void>;
}

async function startFakeDistrict(key: DistrictKeyPair): Promise<FakeDistrict> {
  const district: Omit<FakeDistrict, 'url' | 'close'> = { enrollments: [], uploaded: [], uploadKeys: [], key };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      response.setHeader('Content-Type', 'application/json');
      if (request.url === '/api/v1/enroll') {
        district.enrollments.push(JSON.parse(body.toString()) as Record<string, unknown>);
        if (district.refuseEnrollment !== undefined) {
          response.statusCode = district.refuseEnrollment;
          response.end(JSON.stringify({ error: 'enrollment-used', message: 'server: code already used' }));
          return;
        }
        response.end(
          JSON.stringify({
            deviceId: 'dev-1',
            deviceToken: 'token-1',
            venueId: 'venue-1',
            venueName: 'Trạm y tế xã An Vĩnh',
            venueType: 'other',
            districtKey: district.key.publicKey.text,
          }),
        );
        return;
      }
      const batch = JSON.parse(gunzipSync(body).toString()) as { scans: UploadedScan[]; devicePublicKey?: string };
      district.uploaded.push(...batch.scans);
      district.uploadKeys.push(batch.devicePublicKey);
      response.end(
        JSON.stringify({
          results: batch.scans.map((scan) => ({ id: scan.id, status: 'accepted' })),
          receivedAt: new Date().toISOString(),
          districtKey: district.key.publicKey.text,
        }),
      );
    });
  });
  const url = await listenOnLoopback(server);
  return Object.assign(district as FakeDistrict, {
    url,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

/** An address nothing listens on (the district cannot be reached). */
const UNREACHABLE = 'http://127.0.0.1:9';

let district: FakeDistrict;
let districtPair: DistrictKeyPair;
const kiosks: Kiosk[] = [];
let now = START.getTime();

function openKiosk(dataDir: string, serverUrl?: string): Kiosk {
  const kiosk = Kiosk.open({
    dataDir,
    now: () => new Date(now),
    logger: memoryLogger(),
    serverUrl,
    deviceName: 'may-quet-1',
    settingsOverride: { venueName: 'Trạm y tế xã An Vĩnh', setupDone: true },
    scanFileDestination: folderDestination(path.join(dataDir, 'usb')),
  });
  kiosks.push(kiosk);
  return kiosk;
}

function newDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'kiosk-usb-'));
}

/** `count` different people, each with a name and an address (personal data the file must hide). */
function record(kiosk: Kiosk, count: number, from = 0): void {
  for (let i = from; i < from + count; i += 1) {
    const raw = cccdText({
      id: `0371880${String(10000 + i)}`,
      name: `Nguyễn Thị Lan ${String.fromCharCode(65 + (i % 26))}${i}`,
      birth: '23071988',
      gender: 'Nữ',
      address: `Thôn Đông ${i}, Xã An Vĩnh, Huyện Lý Sơn, Quảng Ngãi`,
      issue: '09092021',
    });
    const result = kiosk.parts.pipeline.submit({ raw, source: 'serial' });
    expect(result.outcome).toBe('recorded');
    now += 1000;
  }
}

async function exported(kiosk: Kiosk): Promise<UsbExportDone> {
  const result = await kiosk.parts.handover.exportScans();
  expect(result.status).toBe('written');
  return result as UsbExportDone;
}

async function scansIn(file: string, keys: readonly DistrictKeyPair[]): Promise<UploadedScan[]> {
  const opened = await openScanFile(file, keys);
  const scans: UploadedScan[] = [];
  for await (const batch of opened.batches()) scans.push(...(batch as UploadedScan[]));
  return scans;
}

function codeOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof KioskMethodError ? error.code : 'thrown';
  }
}

beforeEach(async () => {
  now = START.getTime();
  districtPair = newDistrictKeyPair(START);
  district = await startFakeDistrict(districtPair);
});
afterEach(async () => {
  for (const kiosk of kiosks.splice(0)) await kiosk.close();
  await district.close();
});

describe('the device key and enrollment', () => {
  it('is made once and kept: enrollment sends it with a proof the district verifies, the same key after a restart; enrolled again, a new one', async () => {
    const dataDir = newDataDir();
    const first = openKiosk(dataDir, district.url);
    await first.parts.enrollment.enroll(CODE);
    await first.close();
    const again = openKiosk(dataDir, district.url);
    // The same key after a restart: every upload (a heartbeat too) carries it, so a district that has
    // none for the device keeps it.
    await again.parts.uploader.sendNow();
    const [one] = district.enrollments as { code: string; devicePublicKey: string; deviceProof: string }[];
    expect(one.devicePublicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(verifyMessage(one.devicePublicKey, enrollProofMessage(one.code), one.deviceProof)).toBe(true);
    expect(district.uploadKeys.length).toBeGreaterThan(0);
    expect(new Set(district.uploadKeys)).toEqual(new Set([one.devicePublicKey]));
    // Enrolled again with another code (revoked, or moved): a new key, one key being one device at
    // the district; the uploads carry the new one from then on.
    await again.parts.enrollment.enroll(enrollmentText('FGHJK67890', district.url));
    expect(district.enrollments).toHaveLength(2);
    const two = district.enrollments[1] as { code: string; devicePublicKey: string; deviceProof: string };
    expect(two.devicePublicKey).not.toBe(one.devicePublicKey);
    expect(verifyMessage(two.devicePublicKey, enrollProofMessage(two.code), two.deviceProof)).toBe(true);
    // A proof for one code is no proof for another.
    expect(verifyMessage(one.devicePublicKey, enrollProofMessage(two.code), one.deviceProof)).toBe(false);
    district.uploadKeys.length = 0;
    await again.parts.uploader.sendNow();
    expect(new Set(district.uploadKeys)).toEqual(new Set([two.devicePublicKey]));
    // The private key never reaches the page.
    expect(JSON.stringify(again.parts.state.read())).not.toContain('privateKey');
  });

  it('keeps the district key from enrollment, and a rotated one from an upload answer (old receipts still taken)', async () => {
    const kiosk = openKiosk(newDataDir(), district.url);
    await kiosk.parts.enrollment.enroll(CODE);
    expect(kiosk.parts.uploader.status().districtKeyKnown).toBe(true);
    record(kiosk, 3);
    const rotated = newDistrictKeyPair(START);
    district.key = rotated;
    expect((await kiosk.parts.uploader.sendNow()).pendingCount).toBe(0);
    record(kiosk, 2, 3);
    // Sealed to the rotated key: the old one does not open it, the new one does.
    const file = await exported(kiosk);
    const filePath = path.join(file.savedTo ?? '');
    await expect(openScanFile(filePath, [districtPair])).rejects.toMatchObject({ problem: 'other-district' });
    expect(await scansIn(filePath, [rotated])).toHaveLength(2);
    // A receipt signed with the key before the rotation is still the district's.
    const own = deviceKeyFingerprint((district.enrollments[0] as { devicePublicKey: string }).devicePublicKey);
    const { seqTo, exportId } = await readScanFileHeader(filePath);
    const taken = kiosk.parts.handover.scanReceipt(
      receiptText(districtPair, { deviceFingerprint: own, exportId, seqThrough: seqTo ?? 0, issuedAt: new Date(now) }),
    );
    expect(taken).toMatchObject({ cleared: 2, pendingCount: 0 });
  });
});

describe('a kiosk set up offline from a setup sheet', () => {
  const sheet = () => enrollmentText(CODE, UNREACHABLE, districtPair.publicKey.text);

  it('refuses to go offline without the district key, and says the district cannot be reached apart from a refusal', async () => {
    const kiosk = openKiosk(newDataDir());
    await expect(kiosk.parts.enrollment.enroll(sheet())).rejects.toMatchObject({ code: 'enroll-unreachable' });
    expect(codeOf(() => kiosk.parts.handover.setupOffline(enrollmentText(CODE, UNREACHABLE)))).toBe('no-district-key');
    expect(kiosk.parts.uploader.status()).toMatchObject({ offlineSetup: false, districtKeyKnown: false });
    await expect(kiosk.parts.handover.exportScans()).rejects.toMatchObject({ code: 'no-district-key' });
  });

  it('keeps code and key, scans, never purges unsent scans, exports them with its code, then enrolls when online', async () => {
    const dataDir = newDataDir();
    const kiosk = openKiosk(dataDir);
    const status = kiosk.parts.handover.setupOffline(sheet(), undefined, 'Máy cổng trạm');
    expect(status).toMatchObject({ enrolled: false, offlineSetup: true, districtKeyKnown: true });
    await expect(kiosk.parts.handover.exportScans()).rejects.toMatchObject({ code: 'nothing-to-export' });
    record(kiosk, 5);
    // Past retention (30 days): an unenrolled kiosk would purge them all; this one keeps them for the district.
    now += 60 * 86_400_000;
    expect(kiosk.parts.retention.purgeExpired()).toBe(0);
    expect(kiosk.parts.uploader.status().pendingCount).toBe(5);

    const file = await exported(kiosk);
    expect(file.scanCount).toBe(5);
    const filePath = file.savedTo ?? '';
    const opened = await openScanFile(filePath, [districtPair]);
    expect(opened.secrets.enrollmentCode).toBe(CODE);
    expect(opened.header).toMatchObject({ deviceId: null, venueId: null, deviceName: 'Máy cổng trạm', scanCount: 5 });
    const bytes = readFileSync(filePath);
    for (const personal of ['Nguyễn', 'Lan', '037188010', 'Thôn Đông', 'Lý Sơn'])
      expect(bytes.includes(Buffer.from(personal)), personal).toBe(false);
    const ids = (await scansIn(filePath, [districtPair])).map((scan) => scan.id);

    // The network is back (the district's address in the kept sheet answers): a restart with it.
    await kiosk.close();
    const online = Kiosk.open({
      dataDir,
      now: () => new Date(now),
      logger: memoryLogger(),
      uploaderTuning: { requestTimeoutMs: 2000 },
    });
    kiosks.push(online);
    // The kept address is the sheet's; point it at the district as a moved network would.
    const db = (online as unknown as { db: import('better-sqlite3').Database }).db;
    const kept = JSON.parse(
      (db.prepare("SELECT value FROM settings WHERE key = 'offline-setup'").get() as { value: string }).value,
    ) as Record<string, string>;
    expect(kept).toMatchObject({ code: CODE, districtKey: districtPair.publicKey.text });
    db.prepare("UPDATE settings SET value = ? WHERE key = 'offline-setup'").run(
      JSON.stringify({ ...kept, serverUrl: district.url }),
    );
    const after = await online.parts.uploader.sendNow();
    expect(after).toMatchObject({ enrolled: true, offlineSetup: false, pendingCount: 0 });
    const enrolled = district.enrollments[0] as {
      code: string;
      devicePublicKey: string;
      deviceProof: string;
      deviceName: string;
    };
    expect(enrolled.code).toBe(CODE);
    expect(enrolled.deviceName).toBe('Máy cổng trạm');
    expect(verifyMessage(enrolled.devicePublicKey, enrollProofMessage(CODE), enrolled.deviceProof)).toBe(true);
    expect(opened.header.devicePublicKey).toBe(enrolled.devicePublicKey);
    // Exactly the scans the file held went up (the district ingests them once by id).
    expect(district.uploaded.map((scan) => scan.id)).toEqual(ids);
  });
});

describe('a kiosk set up offline whose code the district will not take', () => {
  it('says so (a new sheet is needed) when refused, retries a district in trouble, and keeps every scan', async () => {
    const kiosk = openKiosk(newDataDir());
    kiosk.parts.handover.setupOffline(enrollmentText(CODE, district.url, districtPair.publicKey.text));
    record(kiosk, 3);
    district.refuseEnrollment = 410;
    const refused = await kiosk.parts.uploader.sendNow();
    expect(refused).toMatchObject({ enrolled: false, pendingCount: 3, lastError: { code: 'setup-code-refused' } });
    district.refuseEnrollment = 503;
    const trouble = await kiosk.parts.uploader.sendNow();
    expect(trouble).toMatchObject({ pendingCount: 3, lastError: { code: 'server-error', status: 503 } });
    district.refuseEnrollment = undefined;
    expect(await kiosk.parts.uploader.sendNow()).toMatchObject({ enrolled: true, pendingCount: 0, lastError: null });
    expect(district.uploaded).toHaveLength(3);
  });
});

describe('export and receipt', () => {
  async function enrolledKioskWithUnsent(uploaded: number, unsent: number): Promise<Kiosk> {
    const kiosk = openKiosk(newDataDir(), district.url);
    await kiosk.parts.enrollment.enroll(CODE);
    record(kiosk, uploaded);
    if (uploaded > 0) expect((await kiosk.parts.uploader.sendNow()).pendingCount).toBe(0);
    await district.close();
    record(kiosk, unsent, uploaded);
    return kiosk;
  }

  it('writes exactly the unsent scans, in order, as the uploader sends them, with progress', async () => {
    const kiosk = await enrolledKioskWithUnsent(4, 7);
    const progress: number[] = [];
    kiosk.subscribe((event) => {
      if (event.name === 'export-progress') progress.push(event.payload.written);
    });
    const file = await exported(kiosk);
    expect(file.fileName).toMatch(/^quet-.*-7-luot\.kiosk-scans$/);
    expect(readdirSync(path.dirname(file.savedTo ?? ''))).toEqual([file.fileName]);
    const scans = await scansIn(file.savedTo ?? '', [districtPair]);
    const sentIds = new Set(district.uploaded.map((scan) => scan.id));
    expect(scans).toHaveLength(7);
    expect(scans.some((scan) => sentIds.has(scan.id))).toBe(false);
    expect(scans.map((scan) => scan.seq)).toEqual([...scans.map((scan) => scan.seq)].sort((a, b) => a - b));
    expect(scans[0]).toMatchObject({ outcome: 'recorded', fullName: expect.stringContaining('Nguyễn') });
    expect(progress.at(-1)).toBe(7);
    const header = await readScanFileHeader(file.savedTo ?? '');
    expect(header).toMatchObject({
      deviceId: 'dev-1',
      venueId: 'venue-1',
      scanCount: 7,
      seqFrom: scans[0].seq,
      seqTo: scans[6].seq,
    });
    // Exporting changes nothing: the scans stay unsent until the receipt.
    expect(kiosk.parts.uploader.status().pendingCount).toBe(7);
  });

  it("a receipt moves the cursor and the pending count; another kiosk's, a forged one or any text change nothing", async () => {
    const kiosk = await enrolledKioskWithUnsent(2, 6);
    const file = await exported(kiosk);
    const header = await readScanFileHeader(file.savedTo ?? '');
    const own = deviceKeyFingerprint(header.devicePublicKey);
    const receipt = (pair: DistrictKeyPair, fingerprint: string, seqThrough: number, exportId = header.exportId) =>
      receiptText(pair, { deviceFingerprint: fingerprint, exportId, seqThrough, issuedAt: new Date(now) });
    const other = deviceKeyFingerprint(newDeviceKeyPair().publicKey);
    const refusals = [
      codeOf(() => kiosk.parts.handover.scanReceipt('037188010001||Nguyễn Thị Lan')),
      codeOf(() => kiosk.parts.handover.scanReceipt(receipt(districtPair, other, header.seqTo ?? 0))),
      codeOf(() => kiosk.parts.handover.scanReceipt(receipt(newDistrictKeyPair(START), own, header.seqTo ?? 0))),
      codeOf(() => kiosk.parts.handover.scanReceipt(receipt(districtPair, own, 999).replace('.999.', '.9999.'))),
      // Signed by the district for this kiosk, but for no export it made (one from before a reset).
      codeOf(() =>
        kiosk.parts.handover.scanReceipt(receipt(districtPair, own, header.seqTo ?? 0, 'Zz3dEf6hIj9lMn2pQr5tUv')),
      ),
    ];
    expect(refusals).toEqual([
      'receipt-not-a-receipt',
      'receipt-other-kiosk',
      'receipt-forged',
      'receipt-forged',
      'receipt-unknown-export',
    ]);
    expect(kiosk.parts.uploader.status().pendingCount).toBe(6);

    // A receipt for part of them (a file exported before the last scans): those only.
    const partial = kiosk.parts.handover.scanReceipt(receipt(districtPair, own, (header.seqTo ?? 0) - 2));
    expect(partial).toMatchObject({ cleared: 4, pendingCount: 2 });
    expect(kiosk.parts.uploader.status().pendingCount).toBe(2);
    // Scans recorded after the export stay unsent, whatever seq a receipt names.
    record(kiosk, 1, 100);
    const full = kiosk.parts.handover.scanReceipt(receipt(districtPair, own, (header.seqTo ?? 0) + 1));
    expect(full).toMatchObject({ cleared: 2, pendingCount: 1 });
    // Scanned twice, or an older one after it: nothing moves back.
    expect(kiosk.parts.handover.scanReceipt(receipt(districtPair, own, 1))).toMatchObject({
      cleared: 0,
      pendingCount: 1,
    });
  });

  it('IT exports a data folder with the CLI (the count and the file printed)', async () => {
    const kiosk = await enrolledKioskWithUnsent(1, 3);
    const dataDir = (kiosk as unknown as { options: { dataDir: string } }).options.dataDir;
    await kiosk.close();
    const out = mkdtempSync(path.join(os.tmpdir(), 'kiosk-usb-out-'));
    const run = promisify(execFile);
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'electron/core/cli.ts', 'export', '--data', dataDir, '--out', out],
      {
        cwd: path.resolve(__dirname, '../../../..'),
      },
    );
    const [name] = readdirSync(out);
    expect(name).toMatch(/-3-luot\.kiosk-scans$/);
    expect(stdout).toContain(`exported 3 scans to ${path.join(out, name)}`);
    expect(await scansIn(path.join(out, name), [districtPair])).toHaveLength(3);
    const empty = mkdtempSync(path.join(os.tmpdir(), 'kiosk-usb-empty-'));
    await expect(
      run(process.execPath, ['--import', 'tsx', 'electron/core/cli.ts', 'export', '--data', empty, '--out', out], {
        cwd: path.resolve(__dirname, '../../../..'),
      }),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('no district key') });
  });
});

describe("the export's file name", () => {
  it("says when it was written on the venue's clock, not in UTC", () => {
    const at = new Date('2026-12-02T07:48:00Z');
    expect(isoWithOffset(at, 420)).toBe('2026-12-02T14:48:00+07:00');
    expect(isoWithOffset(at, -150)).toBe('2026-12-02T05:18:00-02:30');
    expect(scanFileName({ venueName: 'Cảng Lý Sơn', createdAt: isoWithOffset(at, 420), scanCount: 3 })).toBe(
      'quet-cang-ly-son-20261202-1448-3-luot.kiosk-scans',
    );
  });
});
