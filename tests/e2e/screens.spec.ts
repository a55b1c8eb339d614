import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { decodeQrPng } from '../support/qrDecode';
import { readScans, startHost, type HostProcess } from './kioskHostProcess';
import { scanAtCounter, scanKeys } from './wedgeKeys';

const CCCD = '037188000123||Phạm Thị Hồng|23071988|Nữ|Xóm 3, Xã Ninh Hải, Huyện Hoa Lư, Ninh Bình|09092021';
const OTHER = '001099012345||Nguyễn Văn An|01021999|Nam|Phường Láng Hạ, Quận Đống Đa, Hà Nội|15032022';
let host: HostProcess;
test.afterEach(async () => {
  await host?.stop().catch(() => undefined);
});

/** Opens admin with the PIN the host was started with (`--admin-pin 2468`). */
async function openAdmin(page: Page): Promise<void> {
  await page.getByTestId('open-admin').click();
  await page.getByTestId('pin-input').fill('2468');
  await page.getByTestId('pin-submit').click();
  await expect(page.getByTestId('admin-screen')).toBeVisible();
}

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png` });

test.describe('at 1024x768', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('a venue owner finishes the first-run setup and the kiosk scans', async ({ page }) => {
    host = await startHost(undefined, [], { firstRun: true });
    await page.goto(host.url);
    await expect(page.getByTestId('setup-wizard')).toHaveAttribute('data-step', 'language');
    await shot(page, 'setup-1-language-1024');
    await page.getByTestId('setup-vi').click();
    await expect(page.getByTestId('setup-wizard')).toHaveAttribute('data-step', 'enroll');
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-venue-name').fill('Cảng Lý Sơn');
    await page.getByTestId('setup-mode-counter').check();
    await page.getByTestId('setup-next').click();
    await expect(page.getByTestId('setup-privacy-note')).toContainText('số định danh, họ tên, năm sinh');
    await shot(page, 'setup-4-privacy-1024');
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-pin-1').fill('2468');
    await page.getByTestId('setup-pin-2').fill('2469');
    await page.getByTestId('setup-next').click();
    await expect(page.getByTestId('setup-error')).toContainText('không giống nhau');
    await page.getByTestId('setup-pin-2').fill('2468');
    await page.getByTestId('setup-next').click();
    await expect(page.getByTestId('setup-wizard')).toHaveAttribute('data-step', 'test');
    await expect(page.getByTestId('setup-finish')).toBeDisabled();
    await page.locator('body').click();
    await scanKeys(page, 'VE-TEST-0001');
    await expect(page.getByTestId('test-kind')).toHaveText('Mã khác');
    await shot(page, 'setup-6-scanner-test-1024');
    await page.getByTestId('setup-finish').click();
    await expect(page.getByTestId('venue-name')).toHaveText('Cảng Lý Sơn');
    expect(readScans(host.dataDir)).toEqual([]);
    await page.getByTestId('scan-sink').focus();
    await scanAtCounter(page, CCCD);
    await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'recorded');
  });

  /** A first run on a kiosk IT started with `--admin-pin 2468`, walked to the PIN step. */
  async function wizardToPinStepWithItPin(page: Page): Promise<void> {
    host = await startHost(undefined, ['--admin-pin', '2468'], { firstRun: true });
    await page.goto(host.url);
    await page.getByTestId('setup-vi').click();
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-venue-name').fill('Trường TH Lý Sơn');
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-next').click();
    await expect(page.getByTestId('setup-pin-already')).toContainText('đã có mã PIN quản trị');
  }

  /** Finishes the wizard without a scanner test and opens admin with `pin`. */
  async function finishAndOpenAdmin(page: Page, pin: string): Promise<void> {
    await expect(page.getByTestId('setup-wizard')).toHaveAttribute('data-step', 'test');
    await page.getByTestId('setup-finish-untested').click();
    await page.getByTestId('open-admin').click();
    await page.getByTestId('pin-input').fill(pin);
    await page.getByTestId('pin-submit').click();
    await expect(page.getByTestId('admin-screen')).toBeVisible();
  }

  test('the wizard keeps the admin PIN IT set when the owner types none', async ({ page }) => {
    await wizardToPinStepWithItPin(page);
    await shot(page, 'setup-5-pin-set-by-it-1024');
    await page.getByTestId('setup-next').click();
    await finishAndOpenAdmin(page, '2468');
  });

  test('the wizard changes the PIN IT set only with the current one, and again without it once set there: no lockout', async ({
    page,
  }) => {
    await wizardToPinStepWithItPin(page);
    await page.getByTestId('setup-pin-current').fill('1111');
    await page.getByTestId('setup-pin-1').fill('1357');
    await page.getByTestId('setup-pin-2').fill('1357');
    await page.getByTestId('setup-next').click();
    await expect(page.getByTestId('setup-error')).toContainText('Sai mã PIN');
    await page.getByTestId('setup-pin-current').fill('2468');
    await page.getByTestId('setup-next').click();
    await expect(page.getByTestId('setup-wizard')).toHaveAttribute('data-step', 'test');
    // Back on the PIN step, the PIN set here is changed again without asking for it.
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await expect(page.getByTestId('setup-pin-already')).toHaveCount(0);
    await page.getByTestId('setup-pin-1').fill('9753');
    await page.getByTestId('setup-pin-2').fill('9753');
    await page.getByTestId('setup-next').click();
    await finishAndOpenAdmin(page, '9753');
  });

  test('self-service: the result fills the screen, then the prompt returns; admin needs the PIN', async ({ page }) => {
    host = await startHost(undefined, ['--admin-pin', '2468']);
    await page.goto(host.url);
    await page.getByTestId('open-admin').click();
    await page.getByTestId('pin-input').fill('1111');
    await page.getByTestId('pin-submit').click();
    await expect(page.getByTestId('pin-error')).toContainText('Sai mã PIN');
    await expect(page.getByTestId('admin-screen')).toHaveCount(0);
    await page.getByTestId('pin-input').fill('2468');
    await page.getByTestId('pin-submit').click();
    await page.getByTestId('settings-kiosk-mode').selectOption('self-service');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('admin-close').click();
    await expect(page.locator('main')).toHaveAttribute('data-mode', 'self-service');
    await page.getByTestId('scan-sink').focus();
    await shot(page, 'self-service-idle-1024');
    await scanAtCounter(page, CCCD);
    await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'recorded');
    // An unattended screen faces the queue: the given name only.
    await expect(page.getByTestId('result-name')).toHaveText('Hồng');
    await shot(page, 'self-service-recorded-1024');
    await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'idle', { timeout: 8000 });
    await expect(page.getByTestId('scanner-test-open')).toHaveCount(0);
  });
});

test.describe('at 1920x1080', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('counter staff switch direction and set the sailing; each scan is tagged with it', async ({ page }) => {
    host = await startHost(undefined, ['--venue-name', 'Cảng Sa Kỳ']);
    await page.goto(host.url);
    await page.getByTestId('context-input').fill('Tàu 07:30 Sa Kỳ → Lý Sơn');
    await page.getByTestId('context-save').click();
    await expect(page.locator('.context-label')).toContainText('Tàu 07:30 Sa Kỳ → Lý Sơn');
    await page.getByTestId('direction-in').click();
    await page.getByTestId('scan-sink').focus();
    await scanAtCounter(page, CCCD);
    await expect(page.getByTestId('inside-count')).toContainText('1');
    await page.getByTestId('direction-out').click();
    // After a button, the sink takes focus back by itself (Vietnamese text needs a focused field).
    await expect(page.getByTestId('scan-sink')).toBeFocused();
    await scanAtCounter(page, OTHER);
    await expect(page.getByTestId('result-card')).toContainText('Đã ghi nhận · Ra');
    await page.getByTestId('manual-open').click();
    await page.getByTestId('manual-name').fill('Trần Thị Mai');
    await page.getByTestId('manual-phone').fill('0912345678');
    await page.getByTestId('manual-in').click();
    await expect(page.getByTestId('result-name')).toHaveText('Trần Thị Mai');
    await expect(page.getByTestId('result-card')).toContainText('Nhập tay');
    await page.getByTestId('counter-search').fill('Văn An');
    await expect(page.getByTestId('recent-list').locator('li')).toHaveCount(1);
    await page.getByTestId('counter-search').fill('');
    await shot(page, 'counter-1920');
    expect(readScans(host.dataDir).map((row) => [row.direction, row.full_name])).toEqual([
      ['in', 'Phạm Thị Hồng'],
      ['out', 'Nguyễn Văn An'],
      ['in', 'Trần Thị Mai'],
    ]);
  });

  test('admin: today’s log with search, CSV export of the day, who is inside now', async ({ page }) => {
    host = await startHost(undefined, ['--admin-pin', '2468']);
    await page.goto(host.url);
    await page.getByTestId('scan-sink').focus();
    await scanAtCounter(page, CCCD);
    await scanAtCounter(page, OTHER);
    await openAdmin(page);
    await expect(page.getByTestId('admin-log').locator('li')).toHaveCount(2);
    await page.getByTestId('log-search').fill('Văn An');
    await expect(page.getByTestId('admin-log').locator('li')).toHaveCount(1);
    await expect(page.getByTestId('inside-list').locator('li')).toHaveCount(2);
    const download = page.waitForEvent('download');
    await page.getByTestId('export-day').click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('Phạm Thị Hồng');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(3);
    await shot(page, 'admin-1920');
    await page.getByTestId('admin-close').click();
    await expect(page.getByTestId('result-card')).toBeVisible();
  });

  test('the venue QR poster prints at A4 and its code reads back; the self-service idle screen shows it', async ({
    page,
  }) => {
    const official = 'https://tokhaiyte.vn/?page=QrCodeInfo&qrCode=LYSON-CANG-0007';
    host = await startHost(undefined, ['--admin-pin', '2468', '--venue-name', 'Cảng Lý Sơn']);
    await page.goto(host.url);
    await openAdmin(page);
    await page.getByTestId('settings-venue-qr').fill(official);
    await page.getByTestId('settings-kiosk-mode').selectOption('self-service');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('open-poster').click();
    const poster = page.getByTestId('venue-poster');
    await expect(poster).toContainText('Cảng Lý Sơn');
    await expect(poster).toContainText('Scan this code with your phone app');
    const box = await page.getByTestId('poster-qr').boundingBox();
    // 150 mm at 96 CSS px per inch: the printed code is at least 15 x 15 cm.
    expect(box?.width).toBeGreaterThanOrEqual(566);
    expect(decodeQrPng(await poster.screenshot({ path: 'test-results/screens/poster-1920.png' }))).toBe(official);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('poster-print')).toBeHidden();
    await page.emulateMedia({ media: 'screen' });
    await page.getByText('Quay lại').click();
    await page.getByTestId('admin-close').click();
    await expect(page.getByTestId('idle-qr')).toBeVisible();
    expect(decodeQrPng(await page.getByTestId('idle-qr').screenshot())).toBe(official);
  });

  test('self-service with a health declaration: the visitor answers before green, a yes turns amber', async ({
    page,
  }) => {
    host = await startHost(undefined, ['--admin-pin', '2468']);
    await page.goto(host.url);
    await openAdmin(page);
    await page.getByTestId('settings-kiosk-mode').selectOption('self-service');
    await page
      .getByTestId('settings-health-questions')
      .fill('Sốt, ho, khó thở trong 14 ngày qua?\nTiếp xúc người nghi nhiễm?');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('admin-close').click();
    await page.getByTestId('scan-sink').focus();
    await scanAtCounter(page, CCCD);
    await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'needs-declaration');
    await expect(page.getByTestId('declare-submit')).toBeDisabled();
    await page.getByTestId('declare-0-no').click();
    await page.getByTestId('declare-1-yes').click();
    await shot(page, 'self-service-declaration-1920');
    await page.getByTestId('declare-submit').click();
    await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'recorded');
    await expect(page.getByTestId('see-staff')).toBeVisible();
    expect(readScans(host.dataDir)).toEqual([
      expect.objectContaining({ outcome: 'recorded', id_number: '037188000123' }),
    ]);
  });
});

for (const size of [
  { width: 1024, height: 768 },
  { width: 1920, height: 1080 },
]) {
  test.describe(`every screen fits ${size.width}x${size.height}`, () => {
    test.use({ viewport: size });
    test('setup, counter, self-service, admin and poster have no sideways overflow', async ({ page }) => {
      const fits = async (name: string) => {
        const width = await page.evaluate('document.documentElement.scrollWidth');
        expect(width, name).toBeLessThanOrEqual(size.width);
        await shot(page, `${name}-${size.width}`);
      };
      host = await startHost(undefined, [], { firstRun: true });
      await page.goto(host.url);
      await expect(page.getByTestId('setup-wizard')).toBeVisible();
      await fits('fit-setup');
      await host.stop();
      host = await startHost(undefined, ['--admin-pin', '2468']);
      await page.goto(host.url);
      await expect(page.getByTestId('counter-search')).toBeVisible();
      await fits('fit-counter');
      await openAdmin(page);
      await expect(page.getByTestId('admin-screen')).toBeVisible();
      await fits('fit-admin');
      await page.getByTestId('settings-venue-qr').fill('https://tokhaiyte.vn/?qrCode=FIT');
      await page.getByTestId('settings-kiosk-mode').selectOption('self-service');
      await page.getByTestId('settings-save').click();
      await page.getByTestId('open-poster').click();
      await expect(page.getByTestId('venue-poster')).toBeVisible();
      await page.getByText(size.width === 1024 ? 'Quay lại' : 'Quay lại').click();
      await page.getByTestId('admin-close').click();
      await expect(page.getByTestId('idle-qr')).toBeVisible();
      await fits('fit-self-service');
    });
  });
}
