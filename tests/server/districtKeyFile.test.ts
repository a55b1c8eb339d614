/**
 * The district's key file and the server commands around it: made at first start (0600, the
 * same key at the next start), rotated with the older key kept (a file sealed to it still opens),
 * and `server import FILE` printing what came in and the receipt, or refusing with exit 2.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { newDeviceKeyPair, openScanFile, writeScanFile, type DistrictPublicKey } from '../../hosting/sealedScans';
import {
  DISTRICT_KEY_FILE_NAME,
  loadDistrictKeys,
  readDistrictKeys,
  rotateDistrictKey,
} from '../../server/districtKeyFile';
import { uploadedScan } from '../support/districtSamples';

const run = promisify(execFile);
const cli = (args: readonly string[]) =>
  run(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], { env: { ...process.env, DATABASE_URL: '' } });

async function sealedFile(file: string, districtKey: DistrictPublicKey, code: string | null = null): Promise<void> {
  const scans = [1, 2, 3].map((seq) =>
    uploadedScan(new Date(Date.now() - 3_600_000 + seq * 1000).toISOString(), { seq }),
  );
  await writeScanFile(file, {
    header: {
      createdAt: new Date().toISOString(),
      deviceId: null,
      deviceName: 'Quầy đảo',
      venueId: null,
      venueName: 'Cảng Lý Sơn',
      scanCount: scans.length,
      seqFrom: 1,
      seqTo: 3,
      firstScannedAt: scans[0].scannedAt,
      lastScannedAt: scans[2].scannedAt,
    },
    districtKey,
    deviceKey: newDeviceKeyPair(),
    secrets: { enrollmentCode: code },
    batches: (async function* () {
      yield scans;
    })(),
  });
}

describe('the district key file', () => {
  it('is made at first start, readable by the server user alone, and the same key at the next start', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'district-keys-')), DISTRICT_KEY_FILE_NAME);
    const first = loadDistrictKeys(file, new Date('2026-12-01T00:00:00Z'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadDistrictKeys(file, new Date()).map((k) => k.publicKey.text)).toEqual(first.map((k) => k.publicKey.text));
  });

  it('is made in a data folder that does not exist yet (a server on PostgreSQL given a new --data)', () => {
    const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'district-keys-')), 'new', 'district');
    const file = path.join(folder, DISTRICT_KEY_FILE_NAME);
    const made = loadDistrictKeys(file, new Date('2026-12-01T00:00:00Z'));
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readDistrictKeys(file).map((k) => k.publicKey.text)).toEqual(made.map((k) => k.publicKey.text));
  });

  it('rotates to a new current key and keeps the older one, which still opens files sealed to it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'district-keys-'));
    const file = path.join(dir, DISTRICT_KEY_FILE_NAME);
    const [old] = loadDistrictKeys(file, new Date('2026-12-01T00:00:00Z'));
    const sealed = path.join(dir, 'old.kiosk-scans');
    await sealedFile(sealed, old.publicKey);
    const text = rotateDistrictKey(file, new Date('2026-12-02T00:00:00Z'));
    const keys = readDistrictKeys(file);
    expect(keys.map((k) => k.publicKey.text)).toEqual([old.publicKey.text, text]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const opened = await openScanFile(sealed, keys);
    expect(opened.header.scanCount).toBe(3);
  });

  it('refuses a damaged key file without printing it', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'district-keys-')), DISTRICT_KEY_FILE_NAME);
    await writeFile(
      file,
      '{"format":1,"keys":[{"publicKey":"x","sealPrivate":"SECRET","signPrivate":"y","createdAt":"z"}]}',
    );
    expect(() => loadDistrictKeys(file, new Date())).toThrow(/district key/);
    expect(() => loadDistrictKeys(file, new Date())).not.toThrow(/SECRET/);
  });
});

describe('server import and district-key rotate', () => {
  it('imports a file of a kiosk set up offline, prints the counts and receipt; refuses a bad one with exit 2', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'district-cli-'));
    const data = path.join(dir, 'data');
    const enrolled = await cli([
      'enroll',
      '--data',
      data,
      '--venue-name',
      'Cảng Lý Sơn',
      '--venue-type',
      'port',
      '--public-url',
      'https://district.test',
    ]);
    const { code, qrText } = JSON.parse(enrolled.stdout) as { code: string; qrText: string };
    const keys = readDistrictKeys(path.join(data, DISTRICT_KEY_FILE_NAME));
    expect(qrText).toBe(`KIOSK-ENROLL:${code}@https://district.test#${keys[0].publicKey.text}`);
    expect(statSync(path.join(data, DISTRICT_KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    // The data folder, holding the database and the key file only, is still the server's own.
    expect(statSync(data).mode & 0o777).toBe(0o700);

    const file = path.join(dir, 'scans.kiosk-scans');
    await sealedFile(file, keys[0].publicKey, code);
    const png = path.join(dir, 'receipt.png');
    const imported = await cli(['import', '--data', data, file, '--receipt-png', png]);
    expect(imported.stdout).toMatch(/new: 3\nalready there: 0\nrefused: 0\n/);
    // The receipt: the kiosk's fingerprint, the export's id, through scan 3.
    expect(imported.stdout).toMatch(/KIOSK-RECEIPT:1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}\.3\./);
    expect((await readFile(png)).subarray(1, 4).toString()).toBe('PNG');
    const again = await cli(['import', '--data', data, file]);
    expect(again.stdout).toMatch(/new: 0\nalready there: 3\n/);

    const rotated = await cli(['district-key', 'rotate', '--data', data]);
    expect(rotated.stdout).toContain('dk1.');
    expect(readDistrictKeys(path.join(data, DISTRICT_KEY_FILE_NAME))).toHaveLength(2);
    // Sealed to the older key, it still opens after the rotation (already there now).
    expect((await cli(['import', '--data', data, file])).stdout).toMatch(/already there: 3/);

    await writeFile(file, 'not a scan file');
    const refused = await cli(['import', '--data', data, file]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused).toMatchObject({ code: 2 });
    expect((refused as { stderr: string }).stderr).toContain('import-not-a-scan-file');
    // A folder, or a path with nothing there: said in words, exit 2, no stack.
    for (const [given, words] of [
      [data, 'that is a folder, not a scan file'],
      [path.join(data, 'missing.kiosk-scans'), 'no such file'],
    ] as const) {
      const odd = await cli(['import', '--data', data, given]).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect(odd).toMatchObject({ code: 2 });
      expect((odd as { stderr: string }).stderr).toContain(words);
    }
  }, 90_000);

  it('says in words that a --data naming a file is not a folder, on either store', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'district-keys-')), 'not-a-folder');
    await writeFile(file, 'x');
    for (const url of ['', 'postgres://nowhere.invalid/none']) {
      const refused = await run(process.execPath, ['--import', 'tsx', 'server/main.ts', '--data', file], {
        env: { ...process.env, DATABASE_URL: url, DISTRICT_ADMIN_TOKEN: 'a-test-admin-token-of-32-characters!' },
      }).catch((error: { code: number; stderr: string }) => error);
      expect(refused).toMatchObject({ code: 1 });
      expect((refused as { stderr: string }).stderr).toContain('is a file, not a folder');
    }
  });

  it('wants a place for the key with DATABASE_URL', async () => {
    const refused = await run(process.execPath, ['--import', 'tsx', 'server/main.ts', 'import', 'x'], {
      env: { ...process.env, DATABASE_URL: 'postgres://nowhere.invalid/none' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toContain('--district-key-file');
  });
});
