/**
 * The console's devices as district IT sees a day with three kiosks, in Debian's Chromium against
 * the real server process: a kiosk that reports (its scans, then its heartbeat) makes its venue
 * "scanning"; a venue whose only kiosk is revoked is not; a kiosk that never reported is flagged;
 * IT renames the kiosk everyone called "vm"; the venue page offers the unsent-scans choice with a
 * new code. Photographed at 1024x768 in both languages.
 */
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_TOKEN, createVenue, enrollDevice, postBatch } from '../support/districtHttp';
import { uploadedScan } from '../support/districtSamples';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';

const PASSWORD = 'mật khẩu đủ dài 2026';
let server: ServerProcess | undefined;

test.afterAll(async () => {
  await server?.stop().catch(() => undefined);
});

test.use({ viewport: { width: 1024, height: 768 } });

async function photograph(page: Page, name: string): Promise<void> {
  for (const language of ['vi', 'en'] as const) {
    await page.getByTestId(`lang-${language}`).first().click();
    await expect(page.getByTestId('loading')).toHaveCount(0);
    await page.screenshot({ path: `test-results/screens/console-${name}-${language}-1024.png`, fullPage: true });
  }
  await page.getByTestId('lang-vi').first().click();
}

test('IT tells a reporting kiosk from a revoked or silent one, and names the kiosk called "vm"', async ({ page }) => {
  server = await startServerProcess();
  const url = server.url;
  const first = await fetch(`${url}/api/v1/setup/first-account`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'it', password: PASSWORD }),
  });
  expect(first.status).toBe(201);

  const port = await createVenue(url, 'Cảng Sa Kỳ', 'port');
  const island = await createVenue(url, 'Bến tàu Đảo Bé', 'port');
  const counter = await enrollDevice(url, port.code, 'vm');
  const islandKiosk = await enrollDevice(url, island.code, 'vm');
  const now = Date.now();
  for (const [device, seq] of [
    [counter, 1],
    [islandKiosk, 1],
  ] as const) {
    const sent = await postBatch(url, device.deviceToken, {
      sentAt: new Date(now).toISOString(),
      appVersion: '0.3.0',
      pendingCount: 0,
      scans: [uploadedScan(new Date(now - 60_000).toISOString(), { seq })],
    });
    expect(sent.status).toBe(200);
  }
  // The port's kiosk reports in with nothing to send (its heartbeat); the island's is revoked.
  expect(
    (
      await postBatch(url, counter.deviceToken, {
        sentAt: new Date().toISOString(),
        appVersion: '0.3.0',
        pendingCount: 0,
        scans: [],
      })
    ).status,
  ).toBe(200);
  const revoked = await fetch(`${url}/api/v1/devices/${islandKiosk.deviceId}/revoke`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(revoked.status).toBe(200);
  // A second kiosk at the port, enrolled but never switched on since.
  const second = await createVenueCode(url, port.venueId);
  await enrollDevice(url, second, 'Quầy 2');

  await page.goto(url);
  await page.getByLabel('Tên đăng nhập').fill('it');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByTestId('overview-page')).toBeVisible();
  const statusOf = (name: string) =>
    page.getByTestId('overview-venues').locator('tr', { hasText: name }).locator('[data-status]');
  await expect(statusOf('Cảng Sa Kỳ')).toHaveAttribute('data-status', 'scanning');
  await expect(statusOf('Bến tàu Đảo Bé')).toHaveAttribute('data-status', 'offline');
  await expect(statusOf('Bến tàu Đảo Bé')).toHaveText('Không máy nào báo về');
  await photograph(page, 'overview');

  await page.goto(`${url}/#/devices`);
  await expect(page.getByTestId('device-table')).toBeVisible();
  const row = (name: string, venue: string) => page.locator(`tr[data-device="${name}"]`, { hasText: venue });
  await expect(row('vm', 'Cảng Sa Kỳ').getByTestId('device-state')).toHaveText('đang hoạt động');
  await expect(row('Quầy 2', 'Cảng Sa Kỳ').getByTestId('device-state')).toHaveText('chưa báo về lần nào');
  await expect(row('vm', 'Bến tàu Đảo Bé').getByTestId('device-state')).toContainText('đã thu hồi');
  page.once('dialog', (dialog) => void dialog.accept('Quầy vé 1'));
  await row('vm', 'Cảng Sa Kỳ').getByRole('button', { name: 'Đổi tên' }).click();
  await expect(row('Quầy vé 1', 'Cảng Sa Kỳ')).toBeVisible();
  await photograph(page, 'devices');

  await page.goto(`${url}/#/venues/${port.venueId}`);
  await expect(page.getByTestId('venue-title')).toHaveText('Cảng Sa Kỳ');
  await expect(page.getByTestId('carry-unsent')).not.toBeChecked();
  await expect(page.locator('tr[data-device="Quầy vé 1"]')).toBeVisible();
  await photograph(page, 'venue');
});

/** A further one-time code of a venue (the venue page's "new code"), with the admin token. */
async function createVenueCode(url: string, venueId: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/venues/${venueId}/codes`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { code: string }).code;
}
