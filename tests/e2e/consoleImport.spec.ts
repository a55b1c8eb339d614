/**
 * The console's "Import from USB" page in Debian's Chromium against the real server process: IT
 * picks a kiosk's sealed scan file, sees what came in and a receipt QR (decoded, it is the
 * district's receipt for that kiosk through the file's last scan), prints it; the same file again
 * adds nothing; a file of another format is refused in words; the history lists every import.
 * Photographed in both languages, and the printed receipt.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  checkReceipt,
  deviceKeyFingerprint,
  enrollProofMessage,
  newDeviceKeyPair,
  signMessage,
  writeScanFile,
} from '../../hosting/sealedScans';
import { DISTRICT_KEY_FILE_NAME, readDistrictKeys } from '../../server/districtKeyFile';
import type { EnrollResponse } from '../../shared/district';
import { createVenue } from '../support/districtHttp';
import { uploadedScan } from '../support/districtSamples';
import { decodeQrPng } from '../support/qrDecode';
import { signInConsole, startConsoleServer, type ConsoleServer } from './consoleServer';
import { docsShot } from './docsShots';

let console_: ConsoleServer | undefined;

test.afterAll(async () => {
  await console_?.server.stop().catch(() => undefined);
});

test.use({ viewport: { width: 1366, height: 900 } });

async function photograph(page: Page, name: string): Promise<void> {
  for (const language of ['vi', 'en'] as const) {
    await page.getByTestId(`lang-${language}`).first().click();
    await expect(page.getByTestId('loading')).toHaveCount(0);
    await page.screenshot({ path: docsShot(`console/${name}-${language}-1366.png`), fullPage: true });
  }
  await page.getByTestId('lang-vi').first().click();
}

test('IT imports a kiosk’s USB file, sees what came in and prints the receipt; a bad file is refused', async ({
  page,
}) => {
  console_ = await startConsoleServer('cntt');
  const { url, server } = console_;
  const [district] = readDistrictKeys(path.join(server.dataDir, DISTRICT_KEY_FILE_NAME));

  // A kiosk enrolled with its device key, whose venue lost its network: 48 scans, one unreadable.
  const venue = await createVenue(url, 'Trạm Y tế Xã An Hải', 'other');
  const key = newDeviceKeyPair();
  const enrolled = (await (
    await fetch(`${url}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        code: venue.code,
        deviceName: 'Quầy tiếp đón',
        devicePublicKey: key.publicKey,
        deviceProof: signMessage(key.privateKey, enrollProofMessage(venue.code)),
      }),
    })
  ).json()) as EnrollResponse;
  const start = Date.now() - 6 * 3_600_000;
  const scans = Array.from({ length: 48 }, (_, i) =>
    uploadedScan(new Date(start + i * 420_000).toISOString(), {
      seq: i + 1,
      idNumber: i === 47 ? '0371\u000088' : `03718800${String(i).padStart(4, '0')}`,
    }),
  );
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'console-import-')), 'quet-tram-y-te.kiosk-scans');
  await writeScanFile(file, {
    header: {
      createdAt: new Date().toISOString(),
      deviceId: enrolled.deviceId,
      deviceName: 'Quầy tiếp đón',
      venueId: enrolled.venueId,
      venueName: 'Trạm Y tế Xã An Hải',
      scanCount: scans.length,
      seqFrom: 1,
      seqTo: 48,
      firstScannedAt: scans[0].scannedAt,
      lastScannedAt: scans[47].scannedAt,
    },
    districtKey: district.publicKey,
    deviceKey: key,
    secrets: { enrollmentCode: null },
    batches: (async function* () {
      yield scans;
    })(),
  });

  await signInConsole(page, url, 'cntt');
  await page.getByTestId('nav-import').click();
  await expect(page.getByTestId('import-page')).toBeVisible();
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-result')).toBeVisible();
  await expect(page.getByTestId('import-accepted')).toHaveText('47');
  await expect(page.getByTestId('import-duplicate')).toHaveText('0');
  await expect(page.getByTestId('import-rejected')).toHaveText('1');
  await expect(page.getByTestId('import-refusals')).toContainText('Số định danh');
  const receipt = decodeQrPng(await page.getByTestId('import-receipt').getByTestId('qr').screenshot());
  expect(checkReceipt(receipt ?? '', [district.publicKey], deviceKeyFingerprint(key.publicKey))).toMatchObject({
    ok: true,
    receipt: { seqThrough: 48 },
  });
  await expect(page.locator('tr[data-outcome="imported"]')).toHaveCount(1);
  await photograph(page, 'import');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('receipt-sheet')).toBeVisible();
  await expect(page.getByTestId('import-history')).toBeHidden();
  await page.screenshot({ path: docsShot('console/import-receipt-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // The same file again: nothing new.
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-duplicate')).toHaveText('47');
  await expect(page.getByTestId('import-accepted')).toHaveText('0');

  // A spreadsheet picked by mistake: refused in words, nothing imported.
  const wrong = path.join(path.dirname(file), 'danh-sach.csv');
  await import('node:fs/promises').then((fs) => fs.writeFile(wrong, 'id,name\n1,Nguyễn Văn A\n'));
  await page.getByTestId('import-file').setInputFiles(wrong);
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('error')).toContainText('không phải tệp lượt quét');
  await expect(page.locator('tr[data-outcome="not-a-scan-file"]')).toHaveCount(1);
  await photograph(page, 'import-refused');
});
