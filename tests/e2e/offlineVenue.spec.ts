/**
 * A venue with no network, end to end, against the real district server process: the school's kiosk
 * is set up from the printed setup sheet while the district cannot be reached, scans 50 pupils and
 * staff, and exports them to a USB stick; IT imports the file in the console; the trace finds a
 * pupil there and everyone who was there with them; the receipt QR, read by the kiosk's own
 * scanner, clears its "not sent" count; when the network comes, the kiosk enrolls as the device the
 * import made and its upload adds nothing (one more scan then arrives as one).
 */
import { createConnection, createServer, type Server } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { openScanFile } from '../../hosting/sealedScans';
import { DISTRICT_KEY_FILE_NAME, readDistrictKeys } from '../../server/districtKeyFile';
import { cccdText } from '../support/cccdSamples';
import { freePort } from '../support/freePort';
import { decodeQrPng } from '../support/qrDecode';
import { addCommune, addVenue, signInConsole, startConsoleServer, type ConsoleServer } from './consoleServer';
import { docsShot } from './docsShots';
import { startHost, type HostProcess } from './kioskHostProcess';
import { scanAtCounter, scanKeys } from './wedgeKeys';

let district: ConsoleServer | undefined;
let host: HostProcess | undefined;
let link: Server | undefined;

test.afterEach(async () => {
  link?.close();
  await host?.stop().catch(() => undefined);
  await district?.server.stop().catch(() => undefined);
});

/** Fifty people with consistent CCCDs (the ID's century, gender and year agree with the fields). */
const people = Array.from({ length: 50 }, (_, i) => {
  const year = 1970 + (i % 40);
  const female = i % 2 === 1;
  const id = `051${(year >= 2000 ? 2 : 0) + (female ? 1 : 0)}${String(year % 100).padStart(2, '0')}${String(200_000 + i).padStart(6, '0')}`;
  const name = `${female ? 'Trần Thị' : 'Nguyễn Văn'} Học Sinh ${i + 1}`;
  return {
    id,
    name,
    code: cccdText({
      id,
      name,
      birth: `0105${year}`,
      gender: female ? 'Nữ' : 'Nam',
      address: 'Thôn Tây, Xã An Hải, Huyện Lý Sơn, Quảng Ngãi',
      issue: '01082021',
    }),
  };
});

/** The district's scans (every row, and distinct ids) and the school's devices, read from its database. */
function districtHolds(dataDir: string): { rows: number; ids: number; schoolDevices: number } {
  const db = new Database(path.join(dataDir, 'district.sqlite'), { readonly: true });
  try {
    const scans = db.prepare('SELECT COUNT(*) AS rows, COUNT(DISTINCT id) AS ids FROM scans').get() as {
      rows: number;
      ids: number;
    };
    const devices = db
      .prepare(
        "SELECT COUNT(*) AS n FROM devices d JOIN venues v ON v.id = d.venue_id WHERE v.name = 'Trường THCS An Hải'",
      )
      .get() as { n: number };
    return { ...scans, schoolDevices: devices.n };
  } finally {
    db.close();
  }
}

test('a school with no network: set up from the sheet, 50 scans to the district on a USB stick, traced, receipt, then online adds nothing', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  // The sheet names an address that answers nothing yet: the school has no network.
  const linkPort = await freePort();
  const publicUrl = `http://127.0.0.1:${linkPort}`;
  district = await startConsoleServer('cntt', {}, ['--public-url', publicUrl]);
  const { server } = district;
  const [districtKey] = readDistrictKeys(path.join(server.dataDir, DISTRICT_KEY_FILE_NAME));

  // IT prints the school's setup sheet in the console; its QR is what the kiosk scans.
  await page.setViewportSize({ width: 1366, height: 1000 });
  await signInConsole(page, district.url, 'cntt');
  await addCommune(page, 'Xã An Hải');
  await addVenue(page, 'Trường THCS An Hải', 'school', 'Xã An Hải');
  const sheet = decodeQrPng(await page.getByTestId('qr').screenshot()) ?? '';
  expect(sheet).toMatch(new RegExp(`^KIOSK-ENROLL:[0-9A-Z]{10}@${publicUrl.replace(/[.:/]/g, '\\$&')}#dk1\\.`));

  // At the school: the wizard cannot reach the district and offers to go on without a network.
  host = await startHost(undefined, ['--upload-interval', '1'], { firstRun: true });
  const kiosk = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  await kiosk.goto(host.url);
  await kiosk.getByTestId('setup-vi').click();
  await expect(kiosk.getByTestId('setup-wizard')).toHaveAttribute('data-step', 'enroll');
  await scanKeys(kiosk, sheet);
  await expect(kiosk.getByTestId('setup-code')).toHaveValue(sheet);
  await kiosk.getByTestId('setup-enroll').click();
  await expect(kiosk.getByTestId('setup-offline-offer')).toBeVisible();
  await kiosk.getByTestId('setup-offline').click();
  await kiosk.getByTestId('setup-venue-name').fill('Trường THCS An Hải');
  await kiosk.getByTestId('setup-next').click();
  await kiosk.getByTestId('setup-next').click();
  await kiosk.getByTestId('setup-pin-1').fill('2468');
  await kiosk.getByTestId('setup-pin-2').fill('2468');
  await kiosk.getByTestId('setup-next').click();
  await kiosk.getByTestId('setup-finish-untested').click();
  await expect(kiosk.getByTestId('setup-wizard')).toHaveCount(0);

  // Fifty people at the gate, a few seconds apart: each was there with all the others.
  for (const person of people) {
    await scanAtCounter(kiosk, person.code);
    await expect(kiosk.getByTestId('result-card')).toHaveAttribute('data-outcome', 'recorded');
  }

  // Admin exports them: the page downloads the sealed file.
  await kiosk.getByTestId('open-admin').click();
  await kiosk.getByTestId('pin-input').fill('2468');
  await kiosk.getByTestId('pin-submit').click();
  await expect(kiosk.getByTestId('usb-pending')).toContainText('50');
  const downloading = kiosk.waitForEvent('download');
  await kiosk.getByTestId('usb-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^quet-truong-thcs-an-hai-\d{8}-\d{4}-50-luot\.kiosk-scans$/);
  const file = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const header = (await openScanFile(file, [districtKey])).header;
  expect(header).toMatchObject({ scanCount: 50, deviceId: null, venueId: null });

  // IT imports the stick's file: 50 new, and the kiosk is enrolled by it.
  await page.getByTestId('nav-import').click();
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-accepted')).toHaveText('50');
  await expect(page.getByTestId('import-duplicate')).toHaveText('0');
  await expect(page.getByTestId('import-rejected')).toHaveText('0');
  const receipt = decodeQrPng(await page.getByTestId('import-receipt').getByTestId('qr').screenshot()) ?? '';
  expect(receipt).toMatch(/^KIOSK-RECEIPT:1\./);
  expect(districtHolds(server.dataDir)).toEqual({ rows: 50, ids: 50, schoolDevices: 1 });

  // The trace finds a pupil at the school and the 49 others who were there with them.
  await page.getByTestId('nav-trace').click();
  await page.getByTestId('trace-id').fill(people[7].id);
  await page.getByTestId('trace-case').fill('BN-2026-201');
  await page.getByTestId('trace-submit').click();
  const visit = page.locator('[data-testid="visits"] li');
  await expect(visit).toHaveCount(1);
  await expect(visit).toContainText('Trường THCS An Hải');
  const contacts = page.locator('[data-testid="contacts"] tbody tr');
  await expect(contacts).toHaveCount(49);
  await expect(page.locator('[data-testid="contacts"]').first()).toContainText(people[8].name);
  await page.screenshot({ path: docsShot('console/trace-offline-venue-vi-1366.png'), fullPage: true });

  // Back at the school, the kiosk's scanner reads the receipt: nothing waits any more.
  await kiosk.getByTestId('usb-receipt-start').click();
  await expect(kiosk.getByTestId('usb-receipt-waiting')).toBeVisible();
  await scanKeys(kiosk, receipt);
  await expect(kiosk.getByTestId('usb-receipt-accepted')).toBeVisible();
  await expect(kiosk.getByTestId('usb-pending')).toContainText('0');

  // The network comes: the sheet's address now reaches the district.
  const serverPort = Number(new URL(server.url).port);
  link = createServer((socket) => {
    const upstream = createConnection(serverPort, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => link?.listen(linkPort, '127.0.0.1', resolve));
  await kiosk.getByTestId('send-now').click();
  await kiosk.getByTestId('admin-close').click();
  const status = kiosk.getByTestId('upload-status');
  await expect(status).toHaveAttribute('data-state', 'ok', { timeout: 30_000 });
  await expect(status).toHaveAttribute('data-pending', '0');
  // Enrolled as the device the import made; its upload added nothing.
  expect(districtHolds(server.dataDir)).toEqual({ rows: 50, ids: 50, schoolDevices: 1 });

  // One more person, online: exactly one more scan at the district.
  await scanAtCounter(
    kiosk,
    cccdText({
      id: '051089300001',
      name: 'Lê Văn Bảo Vệ',
      birth: '01011989',
      gender: 'Nam',
      address: 'Thôn Tây, Xã An Hải, Huyện Lý Sơn, Quảng Ngãi',
      issue: '01082021',
    }),
  );
  await expect(kiosk.getByTestId('result-card')).toHaveAttribute('data-outcome', 'recorded');
  await expect(status).toHaveAttribute('data-pending', '0', { timeout: 20_000 });
  await expect.poll(() => districtHolds(server.dataDir)).toEqual({ rows: 51, ids: 51, schoolDevices: 1 });
});
