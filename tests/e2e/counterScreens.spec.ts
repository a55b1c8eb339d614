/**
 * The counter, self-service and setup screens as a port clerk and a venue owner use them: undo and
 * flip of the last scan, every message in Vietnamese (errors, scanner problems, the CSV), the setup
 * wizard's hints, stale test cards, and what an unattended screen tells visitors. Screenshots go to
 * docs/screens/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { SAMPLE_CCCD, typedOnAzerty } from '../support/cccdSamples';
import { connectKioskSocket } from '../support/kioskSocket';
import { looksUntranslated, untranslatedParts } from '../support/untranslated';
import { startHost, type HostProcess } from './kioskHostProcess';
import { docsShot } from './docsShots';
import { scanAtCounter, scanKeys } from './wedgeKeys';

let host: HostProcess;
test.afterEach(async () => {
  await host?.stop().catch(() => undefined);
});

const shot = (page: Page, name: string) => page.screenshot({ path: docsShot(`screens/${name}.png`) });

async function scan(page: Page, text: string): Promise<void> {
  await page.getByTestId('scan-sink').focus();
  await scanAtCounter(page, text);
}

/** Fails with the lines that are not Vietnamese. */
async function expectAllVietnamese(page: Page, where: string): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(untranslatedParts(text), where).toEqual([]);
}

function rows(dataDir: string): { direction: string | null; voids: string | null; full_name: string | null }[] {
  const db = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT direction, voids, full_name FROM scans ORDER BY seq').all() as {
      direction: string | null;
      voids: string | null;
      full_name: string | null;
    }[];
  } finally {
    db.close();
  }
}

for (const size of [
  { width: 1024, height: 768 },
  { width: 1920, height: 1080 },
]) {
  test(`a clerk flips a scan's direction, then undoes it (${size.width}x${size.height})`, async ({ page }) => {
    host = await startHost(undefined, ['--venue-name', 'Cảng Lý Sơn']);
    await page.setViewportSize(size);
    await page.goto(host.url);
    await scan(page, SAMPLE_CCCD);
    await expect(page.getByTestId('correction')).toContainText('Vào · Phạm Thị Hồng');
    await page.getByTestId('flip-last').click();
    await expect(page.getByTestId('result-card')).toContainText('Đã ghi nhận · Ra');
    await expect(page.getByTestId('result-flipped')).toBeVisible();
    await expect(page.getByTestId('inside-count')).toHaveText('Đang ở bên trong: 0');
    await expect(page.locator('.counter-out dd')).toHaveText('1');
    await expect(page.locator('.counter-in dd')).toHaveText('0');
    await shot(page, `counter-flipped-${size.width}-vi`);
    await page.getByTestId('undo-last').click();
    await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'voided');
    await expect(page.getByTestId('result-card')).toContainText('Đã hủy lượt quét');
    await expect(page.locator('.counter-out dd')).toHaveText('0');
    await expect(page.getByTestId('correction')).toHaveCount(0);
    await expect(page.getByTestId('recent-list').locator('[data-voided="true"]')).toHaveCount(2);
    await expectAllVietnamese(page, 'counter after undo');
    await shot(page, `counter-undone-${size.width}-vi`);
    // Never a delete: the scan, the correction voiding it, the flipped scan, the correction voiding that.
    const stored = rows(host.dataDir);
    expect(stored.map((row) => [row.direction, row.voids !== null, row.full_name])).toEqual([
      ['in', false, 'Phạm Thị Hồng'],
      [null, true, null],
      ['out', false, 'Phạm Thị Hồng'],
      [null, true, null],
    ]);
    await page.getByTestId('language-switch').click();
    await expect(page.getByTestId('result-card')).toContainText('Scan undone');
    await shot(page, `counter-undone-${size.width}-en`);
  });
}

test('a venue owner sets up in Vietnamese: every error and scanner problem in Vietnamese words, hints where the wizard waits', async ({
  page,
}) => {
  test.setTimeout(90_000);
  host = await startHost(undefined, [], { firstRun: true });
  await page.goto(host.url);
  await page.getByTestId('setup-vi').click();
  // The district cannot be reached: the error is in words, not the core's message.
  await page.getByTestId('setup-code').fill('ABCD2345');
  await page.getByLabel('Địa chỉ máy chủ huyện (nếu mã không kèm)').fill('http://127.0.0.1:9');
  await page.getByTestId('setup-enroll').click();
  await expect(page.getByTestId('setup-error')).toContainText('Không đăng ký được với huyện');
  await expectAllVietnamese(page, 'enroll failed');
  await shot(page, 'setup-enroll-error-1024-vi');
  await page.getByTestId('setup-next').click();
  await page.getByTestId('setup-venue-name').fill('   ');
  await page.getByTestId('setup-next').click();
  await expect(page.getByTestId('setup-error')).toHaveText('Tên địa điểm cần từ 1 đến 120 ký tự.');
  await expectAllVietnamese(page, 'venue name refused');
  await expect(page.getByText('Lần quét đầu trong ngày là vào')).toBeVisible();
  await shot(page, 'setup-venue-1024-vi');
  await page.getByTestId('setup-venue-name').fill('Cảng Lý Sơn');
  await page.getByTestId('setup-next').click();
  await page.getByTestId('setup-next').click();
  await page.getByTestId('setup-pin-1').fill('2468');
  await page.getByTestId('setup-pin-show').check();
  await expect(page.getByTestId('setup-pin-1')).toHaveAttribute('type', 'text');
  await page.getByTestId('setup-pin-2').fill('2468');
  await page.getByTestId('setup-next').click();
  await expect(page.getByTestId('setup-finish')).toBeDisabled();
  await expect(page.getByTestId('setup-finish-hint')).toBeVisible();
  await expect(page.getByTestId('scanner-test-close')).toHaveCount(0);
  await shot(page, 'setup-test-waiting-1024-vi');
  await page.locator('body').click();
  await scanKeys(page, 'VE-TEST-0001');
  await expect(page.getByTestId('test-kind')).toHaveText('Mã khác');
  await expect(page.getByTestId('setup-finish-hint')).toHaveCount(0);
  await page.getByTestId('setup-finish').click();
  // The test card and its layout warning stay behind: the counter starts idle.
  await expect(page.getByTestId('venue-name')).toHaveText('Cảng Lý Sơn');
  await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'idle');
  await expect(page.getByTestId('upload-status')).toHaveText('Chưa đăng ký với huyện: dữ liệu chỉ lưu trên máy này');
  await expectAllVietnamese(page, 'counter after setup');

  // The scanner test from the counter ends without leaving its card behind either.
  await page.getByTestId('scanner-test-open').click();
  await page.getByTestId('scan-sink').focus();
  // A CCCD as a US-layout wedge scanner types it on a French AZERTY PC: the problem in words.
  await scanKeys(page, typedOnAzerty(SAMPLE_CCCD));
  await expect(page.getByTestId('test-problems')).toHaveText('bàn phím không phải kiểu US');
  await expectAllVietnamese(page, 'scanner test');
  await shot(page, 'scanner-test-layout-1024-vi');
  await page.getByTestId('scanner-test-close').click();
  await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'idle');

  // The day's CSV: Vietnamese headers and values.
  await scan(page, SAMPLE_CCCD);
  await page.getByTestId('open-admin').click();
  await page.getByTestId('pin-input').fill('2468');
  await page.getByTestId('pin-submit').click();
  await page.getByTestId('settings-venue-name').fill('');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('admin-error')).toHaveText('Tên địa điểm cần từ 1 đến 120 ký tự.');
  await expectAllVietnamese(page, 'admin');
  await shot(page, 'admin-error-1024-vi');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-day').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^luot-quet-\d{4}-\d{2}-\d{2}\.csv$/);
  const [header, first] = readFileSync(await file.path(), 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n');
  expect(header).toBe(
    'Thời gian,Chiều,Loại mã,Số giấy tờ,Họ và tên,Ngày sinh,Giới tính,Địa chỉ,Mã quét được,Chuyến / phòng,Lên tàu',
  );
  expect(first).toContain(',Vào,CCCD gắn chip,037188000123,Phạm Thị Hồng,1988,');
  expect(looksUntranslated(header)).toBe(false);
});

test('an unattended screen asks visitors to see staff, not to fix the scanner; the declaration title stays one line in English', async ({
  page,
}) => {
  host = await startHost(undefined, ['--admin-pin', '2468']);
  const socket = await connectKioskSocket(host.url);
  await page.goto(host.url);
  await page.getByTestId('open-admin').click();
  await page.getByTestId('pin-input').fill('2468');
  await page.getByTestId('pin-submit').click();
  await page.getByTestId('settings-kiosk-mode').selectOption('self-service');
  await page.getByTestId('settings-standard-questions').click();
  await page.getByTestId('settings-save').click();
  await page.getByTestId('admin-close').click();
  await expect(page.locator('main')).toHaveAttribute('data-mode', 'self-service');
  await socket.call('submitScan', { raw: '&é"\'(-è_çà', source: 'hid' });
  await expect(page.getByTestId('result-reason')).toHaveAttribute('data-reason', 'keyboard-layout');
  await expect(page.getByTestId('result-reason')).toContainText('Vui lòng gặp nhân viên');
  await expect(page.getByTestId('result-card')).not.toContainText('Unikey');
  await shot(page, 'self-service-see-staff-1024-vi');
  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('language-switch')).toHaveText('Tiếng Việt');
  await socket.call('submitScan', { raw: SAMPLE_CCCD, source: 'hid' });
  await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'needs-declaration');
  const title = page.locator('.result-title');
  await expect(title).toHaveText('Answer the health declaration');
  // One line as rendered: the title's content box is no taller than one line box (a second line would be two).
  const { contentHeight, lineHeight } = await title.evaluate((element) => {
    const style = getComputedStyle(element);
    const px = (value: string) => Number.parseFloat(value) || 0;
    const probe = document.createElement('span');
    probe.textContent = 'A';
    element.append(probe);
    // `normal` has no number: one line's height is what a one-letter inline box measures.
    const line = style.lineHeight === 'normal' ? probe.getBoundingClientRect().height : px(style.lineHeight);
    probe.remove();
    const box = element.getBoundingClientRect();
    const vertical = ['padding-top', 'padding-bottom', 'border-top-width', 'border-bottom-width'];
    return {
      contentHeight: box.height - vertical.reduce((sum, name) => sum + px(style.getPropertyValue(name)), 0),
      lineHeight: line,
    };
  });
  expect(lineHeight).toBeGreaterThan(0);
  expect(contentHeight).toBeLessThanOrEqual(1.5 * lineHeight);
  await expect(page.getByTestId('result-card')).toContainText('have you had a fever');
  await shot(page, 'self-service-declaration-1024-en');
  socket.close();
});
