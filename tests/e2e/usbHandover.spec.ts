/**
 * A venue with no network, in the browser kiosk host: the owner scans the district's setup sheet,
 * the district cannot be reached, the kiosk goes on offline; scans at the counter; admin exports
 * them (the page downloads the sealed file from the host's one-time link) and scans the district's
 * receipt back with the counter's scanner (a refused one first). In Vietnamese and English.
 */
import { expect, test, type Page } from '@playwright/test';
import { deviceKeyFingerprint, newDistrictKeyPair, newDeviceKeyPair } from '../../hosting/sealedScans/keys';
import { receiptText } from '../../hosting/sealedScans/receipt';
import { openScanFile } from '../../hosting/sealedScans/scanFile';
import { enrollmentText } from '../../shared/enrollmentText';
import { docsShot } from './docsShots';
import { startHost, type HostProcess } from './kioskHostProcess';
import { scanAtCounter, scanKeys } from './wedgeKeys';

let host: HostProcess | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

const shot = (page: Page, name: string) => page.screenshot({ path: docsShot(`screens/${name}.png`), fullPage: false });

for (const language of ['vi', 'en'] as const) {
  test(`offline setup from a setup sheet, export to USB, the district's receipt (${language})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1024, height: 768 });
    const district = newDistrictKeyPair(new Date());
    // The sheet's server address answers nothing: the district cannot be reached.
    const sheet = enrollmentText('ABCDE12345', 'http://127.0.0.1:9', district.publicKey.text);
    host = await startHost(undefined, [], { firstRun: true });
    await page.goto(host.url);
    await page.getByTestId(`setup-${language}`).click();
    await page.getByTestId('setup-code').fill(sheet);
    await page.getByTestId('setup-enroll').click();
    await expect(page.getByTestId('setup-error')).toBeVisible();
    await expect(page.getByTestId('setup-offline-offer')).toBeVisible();
    await shot(page, `setup-offline-offer-1024-${language}`);
    await page.getByTestId('setup-offline').click();
    await page.getByTestId('setup-venue-name').fill('Trạm y tế xã An Vĩnh');
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-pin-1').fill('2468');
    await page.getByTestId('setup-pin-2').fill('2468');
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-finish-untested').click();
    await expect(page.getByTestId('setup-wizard')).toHaveCount(0);

    for (const ticket of ['VE-AV-0001', 'VE-AV-0002', 'VE-AV-0003']) {
      await scanAtCounter(page, ticket);
      await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'recorded');
    }

    await page.getByTestId('open-admin').click();
    await page.getByTestId('pin-input').fill('2468');
    await page.getByTestId('pin-submit').click();
    await expect(page.getByTestId('admin-screen')).toBeVisible();
    const section = page.locator('section[aria-labelledby="usb-title"]');
    await section.scrollIntoViewIfNeeded();
    await expect(page.getByTestId('usb-pending')).toContainText('3');
    const downloading = page.waitForEvent('download');
    await page.getByTestId('usb-export').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^quet-tram-y-te-xa-an-vinh-.*-3-luot\.kiosk-scans$/);
    const file = test.info().outputPath(download.suggestedFilename());
    await download.saveAs(file);
    await expect(page.getByTestId('usb-export-done')).toBeVisible();
    await section.screenshot({ path: docsShot(`screens/admin-usb-exported-1024-${language}.png`) });
    const opened = await openScanFile(file, [district]);
    expect(opened.secrets.enrollmentCode).toBe('ABCDE12345');
    let scans = 0;
    for await (const batch of opened.batches()) scans += batch.length;
    expect(scans).toBe(3);

    // Another kiosk's receipt: refused, in words, nothing changes.
    const receipt = (fingerprint: string) =>
      receiptText(district, {
        deviceFingerprint: fingerprint,
        exportId: opened.header.exportId,
        seqThrough: opened.header.seqTo ?? 0,
        issuedAt: new Date(),
      });
    await page.getByTestId('usb-receipt-start').click();
    await expect(page.getByTestId('usb-receipt-waiting')).toBeVisible();
    await scanKeys(page, receipt(deviceKeyFingerprint(newDeviceKeyPair().publicKey)));
    await expect(page.getByTestId('usb-receipt-refused')).toBeVisible();
    await expect(page.getByTestId('usb-pending')).toContainText('3');
    await section.screenshot({ path: docsShot(`screens/admin-usb-receipt-refused-1024-${language}.png`) });

    // This kiosk's: the "not sent" count falls to 0.
    await page.getByTestId('usb-receipt-start').click();
    await expect(page.getByTestId('usb-receipt-waiting')).toBeVisible();
    await section.screenshot({ path: docsShot(`screens/admin-usb-receipt-waiting-1024-${language}.png`) });
    await scanKeys(page, receipt(deviceKeyFingerprint(opened.header.devicePublicKey)));
    await expect(page.getByTestId('usb-receipt-accepted')).toBeVisible();
    await expect(page.getByTestId('usb-pending')).toContainText('0');
    await section.screenshot({ path: docsShot(`screens/admin-usb-receipt-accepted-1024-${language}.png`) });
  });
}
