/**
 * The CLI's import (`DistrictServer.importScanFile`) reads a private copy of the file, not the file
 * by its path again and again: a file changed on the stick after its signature was checked (here,
 * overwritten in place once the first batch is stored) changes nothing of what is imported. The
 * copy is this user's only (0600) and is gone afterwards.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newDeviceKeyPair, writeScanFile, type DeviceKeyPair } from '../../../hosting/sealedScans';
import type { UploadedScan } from '../../../shared/district';
import { DistrictServer } from '../../../server/DistrictServer';
import { PRIVATE_COPY_PREFIX } from '../../../server/ingest/privateCopy';
import { SqliteDistrictStore } from '../../../server/store/SqliteDistrictStore';
import { uploadedScan } from '../../support/districtSamples';

let folder: string;
let store: SqliteDistrictStore;
let district: DistrictServer;
let afterCommit: () => void = () => undefined;

const copies = () => readdirSync(os.tmpdir()).filter((name) => name.startsWith(PRIVATE_COPY_PREFIX));

async function scanFile(name: string, key: DeviceKeyPair, code: string, firstSeq: number): Promise<string> {
  const scans: UploadedScan[] = Array.from({ length: 120 }, (_, i) =>
    uploadedScan(new Date(Date.parse('2026-11-24T01:00:00.000Z') + (firstSeq + i) * 60_000).toISOString(), {
      seq: firstSeq + i,
      idNumber: `03718800${String(firstSeq + i).padStart(4, '0')}`,
    }),
  );
  const file = path.join(folder, name);
  await writeScanFile(file, {
    header: {
      createdAt: '2026-11-25T02:00:00.000Z',
      deviceId: null,
      deviceName: 'Quầy đảo',
      venueId: null,
      venueName: 'Cảng Lý Sơn',
      scanCount: scans.length,
      seqFrom: scans[0].seq,
      seqTo: scans[scans.length - 1].seq,
      firstScannedAt: scans[0].scannedAt,
      lastScannedAt: scans[scans.length - 1].scannedAt,
    },
    districtKey: district.districtKeys[district.districtKeys.length - 1].publicKey,
    deviceKey: key,
    secrets: { enrollmentCode: code },
    batches: (async function* () {
      for (let i = 0; i < scans.length; i += 40) yield scans.slice(i, i + 40);
    })(),
  });
  return file;
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'import-copy-'));
  store = new SqliteDistrictStore(path.join(folder, 'district.sqlite'));
  district = new DistrictServer({
    store,
    now: () => new Date('2026-11-25T03:00:00.000Z'),
    afterIngestCommit: () => afterCommit(),
  });
});
afterAll(async () => {
  await store?.close();
  await rm(folder, { recursive: true, force: true });
});

it('imports the file as it was when its signature was checked, from a private copy removed afterwards', async () => {
  const { code } = await district.createEnrollment({ venueName: 'Cảng Lý Sơn', venueType: 'port' });
  const key = newDeviceKeyPair();
  const file = await scanFile('quet.kiosk-scans', key, code, 1);
  // Another file of the same kiosk, as the stick's bytes become after the first batch is stored.
  const swapped = await readFile(await scanFile('other.kiosk-scans', key, code, 500));
  const before = copies();
  let modes: number[] = [];
  afterCommit = () => {
    if (modes.length > 0) return;
    modes = copies()
      .filter((name) => !before.includes(name))
      .flatMap((name) => readdirSync(path.join(os.tmpdir(), name)).map((f) => path.join(os.tmpdir(), name, f)))
      .map((copy) => statSync(copy).mode & 0o777);
    writeFileSync(file, swapped);
  };
  try {
    const result = await district.importScanFile(file, 'cli');
    expect(result.counts).toEqual({ accepted: 120, duplicate: 0, rejected: 0 });
  } finally {
    afterCommit = () => undefined;
  }
  expect(await store.countScans()).toBe(120);
  expect(modes).toEqual([0o600]);
  expect(copies().filter((name) => !before.includes(name))).toEqual([]);
});
