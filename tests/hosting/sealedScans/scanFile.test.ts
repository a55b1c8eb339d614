import fc from 'fast-check';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  newDeviceKeyPair,
  newDistrictKeyPair,
  openScanFile,
  readScanFileHeader,
  ScanFileError,
  scanFileName,
  writeScanFile,
  type ScanFileProblem,
  type WriteScanFileOptions,
} from '../../../hosting/sealedScans';
import { uploadedScan } from '../../support/districtSamples';

const district = newDistrictKeyPair(new Date('2026-12-01T00:00:00Z'));
const otherDistrict = newDistrictKeyPair(new Date('2026-12-01T00:00:00Z'));
const device = newDeviceKeyPair();
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'scan-file-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** A scan as the uploader sends it, with personal fields a file must never show in the clear. */
function scan(seq: number) {
  return uploadedScan(new Date(Date.UTC(2026, 11, 1, 1, 0, seq)).toISOString(), {
    seq,
    idNumber: `0371880${String(seq).padStart(5, '0')}`,
    fullName: `Nguyễn Văn Hưởng ${seq}`,
    birthDate: '1988-04-12',
    gender: 'male',
    address: 'Thôn Đông, Xã An Vĩnh, Huyện Lý Sơn',
  });
}

function batchesOf(scans: readonly unknown[], size: number): AsyncIterable<unknown[]> {
  return (async function* () {
    for (let i = 0; i < scans.length; i += size) yield scans.slice(i, i + size);
  })();
}

function options(scans: readonly ReturnType<typeof scan>[], code: string | null = null): WriteScanFileOptions {
  return {
    header: {
      createdAt: '2026-12-02T14:30:00+07:00',
      deviceId: code ? null : '0193a5b0-0000-7000-8000-00000000d001',
      deviceName: 'Quầy 1',
      venueId: code ? null : '0193a5b0-0000-7000-8000-00000000a001',
      venueName: 'Cảng Lý Sơn',
      scanCount: scans.length,
      seqFrom: scans[0]?.seq ?? null,
      seqTo: scans.at(-1)?.seq ?? null,
      firstScannedAt: scans[0]?.scannedAt ?? null,
      lastScannedAt: scans.at(-1)?.scannedAt ?? null,
    },
    districtKey: district.publicKey,
    deviceKey: device,
    secrets: { enrollmentCode: code },
    batches: batchesOf(scans, 5000),
  };
}

async function readAll(file: string, keys = [district]): Promise<unknown[]> {
  const opened = await openScanFile(file, keys);
  const all: unknown[] = [];
  for await (const batch of opened.batches()) all.push(...batch);
  return all;
}

async function problemOf(action: Promise<unknown>): Promise<ScanFileProblem | 'opened'> {
  try {
    await action;
    return 'opened';
  } catch (error) {
    if (error instanceof ScanFileError) return error.problem;
    throw error;
  }
}

describe('the sealed scan file', () => {
  const scans = Array.from({ length: 12_345 }, (_, i) => scan(i + 101));
  let file: string;
  let bytes: Buffer;
  let exportId: string;

  beforeAll(async () => {
    file = path.join(
      folder,
      scanFileName({ venueName: 'Cảng Lý Sơn', createdAt: '2026-12-02T14:30:00+07:00', scanCount: scans.length }),
    );
    const progress: number[] = [];
    ({ exportId } = await writeScanFile(file, {
      ...options(scans, 'ABCDEFGH12'),
      onProgress: (n) => progress.push(n),
    }));
    expect(exportId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(progress).toEqual([5000, 10_000, 12_345]);
    bytes = await readFile(file);
  });

  it('is named for what it holds, in ASCII', () => {
    expect(path.basename(file)).toBe('quet-cang-ly-son-20261202-1430-12345-luot.kiosk-scans');
  });

  it('opens with the district key to exactly the scans written, in order, with its sealed code', async () => {
    const opened = await openScanFile(file, [otherDistrict, district]);
    expect(opened.header.exportId).toBe(exportId);
    expect(opened.secrets).toEqual({ enrollmentCode: 'ABCDEFGH12' });
    expect(opened.header).toMatchObject({ scanCount: 12_345, seqFrom: 101, seqTo: 12_445, venueName: 'Cảng Lý Sơn' });
    expect(await readAll(file)).toEqual(scans);
  });

  it('shows no name, ID number, birth date or address anywhere in its bytes', () => {
    const text = bytes.toString('latin1');
    const utf8 = bytes.toString('utf8');
    for (const probe of [
      String(scans[0].idNumber),
      String(scans[7].idNumber),
      'Nguy',
      'Văn',
      'Hưởng',
      '1988-04-12',
      'An Vĩnh',
      'Thôn',
    ]) {
      expect(text.includes(probe)).toBe(false);
      expect(utf8.includes(probe)).toBe(false);
    }
    // The readable header says what the file is, and nothing personal.
    expect(utf8.slice(0, 600)).toContain('"venueName":"Cảng Lý Sơn"');
  });

  it('reads its header without a key', async () => {
    expect(await readScanFileHeader(file)).toMatchObject({ format: 1, scanCount: 12_345, deviceName: 'Quầy 1' });
  });

  it('is refused when sealed to another district', async () => {
    expect(await problemOf(openScanFile(file, [otherDistrict]))).toBe('other-district');
  });

  it('is refused, naming the signature, when one byte of its sealed part is flipped', async () => {
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)] ^= 0x01;
    const target = path.join(folder, 'flipped.kiosk-scans');
    await writeFile(target, flipped);
    expect(await problemOf(openScanFile(target, [district]))).toBe('bad-signature');
  });

  it('is refused as truncated wherever it is cut after the header', async () => {
    const headerEnd = bytes.indexOf(0x0a, 14) + 1;
    for (const length of [headerEnd, headerEnd + 3, headerEnd + 40, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const target = path.join(folder, `cut-${length}.kiosk-scans`);
      await writeFile(target, bytes);
      await truncate(target, length);
      expect([length, await problemOf(openScanFile(target, [district]))]).toEqual([length, 'truncated']);
    }
  });

  it('is refused as another format for a PNG, a CSV, an empty file or text', async () => {
    for (const content of [
      Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
      Buffer.from('id,name\n1,An\n'),
      Buffer.alloc(0),
      Buffer.from('KIOSK-SCANS/2\n{}\n'),
    ]) {
      const target = path.join(folder, 'other.bin');
      await writeFile(target, content);
      expect(await problemOf(openScanFile(target, [district]))).toBe('not-a-scan-file');
    }
  });

  it('is refused when a scan is appended after the kiosk signed', async () => {
    const target = path.join(folder, 'appended.kiosk-scans');
    await writeFile(target, Buffer.concat([bytes, Buffer.from('{"id":"x"}')]));
    expect(await problemOf(openScanFile(target, [district]))).not.toBe('opened');
  });
});

describe('any single change to a small file', () => {
  it('is refused, never opened to different scans', async () => {
    const scans = Array.from({ length: 7 }, (_, i) => scan(i + 1));
    const file = path.join(folder, 'small.kiosk-scans');
    await writeScanFile(file, { ...options(scans), batches: batchesOf(scans, 3) });
    const bytes = await readFile(file);
    const target = path.join(folder, 'small-changed.kiosk-scans');
    await fc.assert(
      fc.asyncProperty(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), async (at, mask) => {
        const changed = Buffer.from(bytes);
        changed[at] ^= mask;
        await writeFile(target, changed);
        expect(await problemOf(readAll(target))).not.toBe('opened');
      }),
      { numRuns: 300 },
    );
  });
});

describe('a crafted file signed by its own key', () => {
  it('cannot make the district inflate a batch past its cap', async () => {
    // A frame of zeros deflates a thousandfold: 40 MiB of JSON in a file of some 40 KiB.
    const bomb = ['x'.repeat(40 * 1024 * 1024)];
    const file = path.join(folder, 'bomb.kiosk-scans');
    const crafted = options([]);
    await writeScanFile(file, {
      ...crafted,
      header: { ...crafted.header, scanCount: 1 },
      batches: batchesOf(bomb, 1),
    });
    expect((await readFile(file)).length).toBeLessThan(1024 * 1024);
    expect(await problemOf(readAll(file))).toBe('damaged');
  });

  it('is refused past 5,000 scans in one batch', async () => {
    const many = Array.from({ length: 5001 }, (_, i) => ({ id: i }));
    const file = path.join(folder, 'many.kiosk-scans');
    const crafted = options([]);
    await writeScanFile(file, {
      ...crafted,
      header: { ...crafted.header, scanCount: 5001 },
      batches: batchesOf(many, 5001),
    });
    expect(await problemOf(readAll(file))).toBe('damaged');
  });
});

describe('a file with no scans', () => {
  it('still carries its sealed code (a kiosk set up offline hands over its key before its first visitor)', async () => {
    const file = path.join(folder, 'empty.kiosk-scans');
    await writeScanFile(file, options([], 'ZXCVBNM234'));
    const opened = await openScanFile(file, [district]);
    expect(opened.secrets.enrollmentCode).toBe('ZXCVBNM234');
    expect(await readAll(file)).toEqual([]);
  });

  it('is never written when the header miscounts, and leaves no file behind', async () => {
    const file = path.join(folder, 'miscounted.kiosk-scans');
    const scans = [scan(1), scan(2)];
    const wrong = options(scans);
    await expect(writeScanFile(file, { ...wrong, header: { ...wrong.header, scanCount: 3 } })).rejects.toThrow(
      /3 scans/,
    );
    await expect(readFile(file)).rejects.toThrow();
  });
});
