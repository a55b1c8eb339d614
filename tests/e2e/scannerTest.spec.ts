import { expect, test } from '@playwright/test';
import { SAMPLE_CCCD, typedOnAzerty } from '../support/cccdSamples';
import { readScans, startHost, type HostProcess } from './kioskHostProcess';
import { scanKeys } from './wedgeKeys';

let host: HostProcess;
test.afterEach(async () => {
  await host?.stop().catch(() => undefined);
});

test('the scanner test screen shows what a scan delivered and its diagnosis, and records nothing', async ({ page }) => {
  host = await startHost();
  await page.goto(host.url);
  await page.getByTestId('scanner-test-open').click();
  await expect(page.getByTestId('scanner-test')).toBeVisible();
  await page.getByTestId('scan-sink').focus();
  // A CCCD as a US-layout wedge scanner types it on a French AZERTY PC.
  await scanKeys(page, typedOnAzerty(SAMPLE_CCCD));
  await expect(page.getByTestId('test-problems')).toHaveText('bàn phím không phải kiểu US');
  await expect(page.getByTestId('test-kind')).toHaveText('CCCD gắn chip');
  await expect(page.getByTestId('test-would')).toHaveText('được ghi nhận');
  await expect(page.getByTestId('test-characters')).toContainText('U+00B5 µ');
  await expect(page.getByTestId('scanner-test')).toContainText('Hãy đặt máy quét về bàn phím US');
  await page.screenshot({ path: 'test-results/screens/scanner-test-vi-1024.png' });
  expect(readScans(host.dataDir)).toEqual([]);
  await page.getByTestId('scanner-test-close').click();
  await expect(page.getByTestId('result-card')).toBeVisible();
});
