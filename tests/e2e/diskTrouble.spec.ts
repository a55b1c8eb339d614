/**
 * A read-only data disk, seen from the screen: red, in words, never green; green again when the
 * disk can be written. Needs root to mount a tmpfs (CI and these machines run as root).
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { canMount, mountTmpfs, type Tmpfs } from '../support/tmpfs';
import { readScans, startHost, type HostProcess } from './kioskHostProcess';
import { scanKeys } from './wedgeKeys';

if (!canMount) console.log('read-only disk screen test: SKIPPED (mounting a tmpfs needs root; CI runs as root)');

let host: HostProcess | undefined;
let disk: Tmpfs | undefined;

test.beforeEach(() => {
  test.skip(!canMount, 'mounting a tmpfs needs root');
  disk = mountTmpfs('16m', 'kiosk-e2e-ro');
});

test.afterEach(async () => {
  await host?.stop().catch(() => undefined);
  disk?.unmount();
});

test('on a read-only disk every screen says scans are not recorded, a scan is red, and recording resumes by itself', async ({
  page,
}) => {
  const dataDir = path.join((disk as Tmpfs).path, 'data');
  host = await startHost(dataDir, ['--venue-name', 'Cảng Sa Kỳ', '--admin-pin', '2468']);
  await host.stop();

  disk?.remount('ro');
  try {
    host = await startHost(dataDir);
    await page.goto(host.url);
    const banner = page.getByTestId('storage-problem');
    await expect(banner).toContainText('KHÔNG GHI ĐƯỢC LƯỢT QUÉT');
    await expect(banner).toContainText('chỉ đọc');
    await expect(page.getByTestId('venue-name')).toHaveText('Cảng Sa Kỳ');

    await expect(page.getByTestId('scan-sink')).toBeFocused();
    await scanKeys(page, 'VE-RO-000123');
    const card = page.getByTestId('result-card');
    await expect(card).toHaveAttribute('data-outcome', 'failed');
    await expect(card).toContainText('Ổ đĩa chỉ đọc');
    await expect(page.getByTestId('count-in')).toHaveText('0');
    await page.screenshot({ path: 'test-results/screens/storage-read-only.png' });

    // Admin opens with the PIN read from the unwritable file, under the same banner.
    await page.getByTestId('open-admin').click();
    await page.getByTestId('pin-input').fill('2468');
    await page.getByTestId('pin-submit').click();
    await expect(page.getByTestId('admin-screen')).toBeVisible();
    await expect(page.getByTestId('storage-problem')).toContainText('chỉ đọc');
    await page.screenshot({ path: 'test-results/screens/storage-read-only-admin.png' });
    await page.getByTestId('admin-close').click();
    await expect(page.getByTestId('scan-sink')).toBeFocused();
  } finally {
    disk?.remount('rw');
  }

  // The kiosk tries again every few seconds; the banner goes without anyone touching it.
  await expect(page.getByTestId('storage-problem')).toHaveCount(0, { timeout: 15_000 });
  await scanKeys(page, 'VE-RW-000456');
  await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'recorded');
  await host.stop();
  expect(readScans(dataDir).map((row) => row.outcome)).toEqual(['recorded']);
});
