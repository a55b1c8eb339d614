/**
 * A revoked kiosk enrolls again from admin (behind the PIN) by scanning the new setup sheet's QR:
 * the district did not ask for the unsent scans on the new code, so the screen says how many stay on
 * the kiosk, and what is scanned after reaches the district under the new enrollment.
 */
import { expect, test, type Page } from '@playwright/test';
import { enrollmentText } from '../../shared/enrollmentText';
import { adminHeaders, createVenue } from '../support/districtHttp';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { startHost, type HostProcess } from './kioskHostProcess';
import { scanAtCounter, scanKeys } from './wedgeKeys';

let server: ServerProcess;
let host: HostProcess;

test.afterEach(async () => {
  await host?.stop().catch(() => undefined);
  await server?.stop().catch(() => undefined);
});

test.use({ viewport: { width: 1024, height: 768 } });

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png` });

async function openAdmin(page: Page): Promise<void> {
  await page.getByTestId('open-admin').click();
  await page.getByTestId('pin-input').fill('2468');
  await page.getByTestId('pin-submit').click();
  await expect(page.getByTestId('admin-screen')).toBeVisible();
}

async function scanTicket(page: Page, text: string): Promise<void> {
  await scanAtCounter(page, text);
  await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'recorded');
}

async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: adminHeaders(),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok).toBe(true);
  return (await response.json()) as T;
}

test('a revoked kiosk enrolls again from admin with the scanned QR; its unsent scans stay on it', async ({ page }) => {
  server = await startServerProcess();
  const first = await createVenue(server.url, 'Cảng Sa Kỳ', 'port');
  host = await startHost(undefined, [
    '--server',
    server.url,
    '--enroll',
    first.code,
    '--admin-pin',
    '2468',
    '--upload-interval',
    '1',
  ]);
  await page.goto(host.url);
  await expect(page.getByTestId('venue-name')).toHaveText('Cảng Sa Kỳ');

  const { devices } = await api<{ devices: { id: string }[] }>('GET', '/api/v1/stats/devices');
  await api('POST', `/api/v1/devices/${devices[0].id}/revoke`);
  await scanTicket(page, 'VE-SK-0001');
  await scanTicket(page, 'VE-SK-0002');
  await expect(page.getByTestId('upload-status')).toHaveAttribute('data-state', 'revoked', { timeout: 15_000 });

  await openAdmin(page);
  await expect(page.getByTestId('enroll-form')).toHaveCount(0);
  await page.getByTestId('reenroll').click();
  await expect(page.getByTestId('enroll-name')).toHaveValue(/.+/);
  await page.getByTestId('enroll-name').fill('Quầy vé 2');
  await page.getByTestId('enroll-form').scrollIntoViewIfNeeded();
  await shot(page, 'admin-reenroll-form-vi-1024');

  const second = await createVenue(server.url, 'Bến tàu Đảo Bé', 'port');
  // The new setup sheet's QR, scanned by the wedge scanner into the open form.
  await scanKeys(page, enrollmentText(second.code, server.url));
  await expect(page.getByTestId('enroll-code')).toHaveValue(enrollmentText(second.code, server.url));
  await page.getByTestId('enroll-submit').click();
  await expect(page.getByRole('status')).toContainText(
    'Đã đăng ký lại với huyện. 2 lượt quét chưa gửi được giữ trên máy này',
  );
  await expect(page.getByTestId('enroll-form')).toHaveCount(0);
  await expect(page.getByTestId('upload-kept')).toHaveText(
    '2 lượt quét chưa gửi được giữ trên máy này, không gửi lên huyện (xuất CSV)',
  );
  await expect(page.getByTestId('upload-status')).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId('upload-status')).toHaveAttribute('data-pending', '0');
  await page.locator('#district-title').scrollIntoViewIfNeeded();
  await shot(page, 'admin-reenrolled-vi-1024');

  // The district holds none of the two; the kiosk is listed under its new name at the new venue.
  expect(server.scanIds()).toEqual([]);
  const after = await api<{ devices: { name: string; venueName: string; revokedAt: string | null }[] }>(
    'GET',
    '/api/v1/stats/devices',
  );
  expect(after.devices.filter((d) => d.revokedAt === null)).toEqual([
    expect.objectContaining({ name: 'Quầy vé 2', venueName: 'Bến tàu Đảo Bé' }),
  ]);

  // The same screens in English.
  await page.getByTestId('admin-close').click();
  await page.getByTestId('language-switch').click();
  await scanTicket(page, 'VE-DB-0003');
  await expect.poll(() => server.scanIds().length, { timeout: 15_000 }).toBe(1);
  await openAdmin(page);
  await expect(page.getByTestId('upload-kept')).toHaveText(
    '2 unsent scans kept on this kiosk, not sent to the district (CSV export)',
  );
  await page.getByTestId('reenroll').click();
  await page.getByTestId('enroll-form').scrollIntoViewIfNeeded();
  await shot(page, 'admin-reenroll-form-en-1024');
});
