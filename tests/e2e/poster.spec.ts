/**
 * The venue poster fits one A4 page (it spilled onto a second, 1155 px of 1123), and a venue with no
 * official QR text still gets one: the district's venue code from enrollment, said on the poster.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createVenue } from '../support/districtHttp';
import { decodeQrPng } from '../support/qrDecode';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { startHost, type HostProcess } from './kioskHostProcess';
import { docsShot } from './docsShots';

let server: ServerProcess | undefined;
let host: HostProcess;
test.afterEach(async () => {
  await host?.stop().catch(() => undefined);
  await server?.stop().catch(() => undefined);
});

/** Pages of the printed poster. */
async function printedPages(page: Page, name: string): Promise<number> {
  await page.emulateMedia({ media: 'print' });
  const pdf = path.join(mkdtempSync(path.join(os.tmpdir(), 'poster-')), `${name}.pdf`);
  writeFileSync(pdf, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  await page.emulateMedia({ media: 'screen' });
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', pdf, docsShot(`screens/${name}`)]);
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())?.[1]);
}

async function openPoster(page: Page): Promise<void> {
  await page.getByTestId('open-admin').click();
  await page.getByTestId('pin-input').fill('2468');
  await page.getByTestId('pin-submit').click();
  await page.getByTestId('open-poster').click();
  await expect(page.getByTestId('venue-poster')).toBeVisible();
  await expect
    .poll(() => page.getByTestId('poster-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true);
}

test('the official venue QR poster prints on exactly one A4 page, even with a long name and address', async ({
  page,
}) => {
  host = await startHost(undefined, [
    '--admin-pin',
    '2468',
    '--venue-name',
    'Cảng cá và bến tàu khách Sa Kỳ – xã Bình Châu, huyện Bình Sơn',
  ]);
  await page.goto(host.url);
  await page.getByTestId('open-admin').click();
  await page.getByTestId('pin-input').fill('2468');
  await page.getByTestId('pin-submit').click();
  await page.getByTestId('settings-venue-qr').fill('https://tokhaiyte.vn/?page=QrCodeInfo&qrCode=SAKY-0001');
  await page
    .getByLabel('Địa chỉ (in trên áp phích)')
    .fill('Thôn An Hải, xã Bình Châu, huyện Bình Sơn, tỉnh Quảng Ngãi');
  await page.getByTestId('settings-save').click();
  await page.getByTestId('open-poster').click();
  await expect(page.getByTestId('poster-venue-code')).toHaveCount(0);
  expect(await printedPages(page, 'poster-official-a4')).toBe(1);
});

test('an enrolled venue without an official QR gets a poster with the district venue code', async ({ page }) => {
  server = await startServerProcess();
  const venue = await createVenue(server.url, 'Nhà nghỉ Hải Âu', 'hotel');
  host = await startHost(undefined, ['--admin-pin', '2468', '--server', server.url, '--enroll', venue.code]);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(host.url);
  await expect(page.getByTestId('venue-name')).toHaveText('Nhà nghỉ Hải Âu');
  await openPoster(page);
  await expect(page.getByTestId('poster-venue-code')).toContainText('Mã QR do huyện cấp');
  expect(
    decodeQrPng(
      await page.getByTestId('venue-poster').screenshot({ path: docsShot('screens/poster-district-code-1920.png') }),
    ),
  ).toBe(venue.venueId);
  expect(await printedPages(page, 'poster-district-code-a4')).toBe(1);
});
