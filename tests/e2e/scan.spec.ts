import { expect, test, type Page } from '@playwright/test';
import { readScans, startHost, type HostProcess } from './kioskHostProcess';
import { personKeys, scanAtCounter } from './wedgeKeys';

const CCCD = '037188000123||Phạm Thị Hồng|23071988|Nữ|Xóm 3, Xã Ninh Hải, Huyện Hoa Lư, Ninh Bình|09092021';
const OTHER_CCCD = '001099012345||Nguyễn Văn An|01021999|Nam|Phường Láng Hạ, Quận Đống Đa, Hà Nội|15032022';

let host: HostProcess;

test.afterEach(async () => {
  await host?.stop().catch(() => undefined);
});

async function openKiosk(page: Page): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'idle');
  await expect(page.getByTestId('scan-sink')).toBeFocused();
}

test('a CCCD scanned at 3 ms a key shows the name and lands as one row; again within the window it is already recorded', async ({
  page,
}) => {
  host = await startHost();
  await openKiosk(page);

  await scanAtCounter(page, CCCD);
  const card = page.getByTestId('result-card');
  await expect(card).toHaveAttribute('data-outcome', 'recorded');
  await expect(page.getByTestId('result-name')).toHaveText('Phạm Thị Hồng');
  await expect(page.getByTestId('result-masked-id')).toHaveText('••••••••0123');
  await expect(card).toContainText('Đã ghi nhận');
  await expect(page.getByTestId('count-in')).toHaveText('1');

  const rows = readScans(host.dataDir);
  expect(rows).toEqual([
    expect.objectContaining({
      outcome: 'recorded',
      kind: 'cccd',
      direction: 'in',
      id_number: '037188000123',
      full_name: 'Phạm Thị Hồng',
      birth_date: '1988',
      address: null,
    }),
  ]);

  await scanAtCounter(page, CCCD);
  await expect(card).toHaveAttribute('data-outcome', 'duplicate');
  await expect(card).toContainText('Đã ghi nhận trước đó');
  expect(readScans(host.dataDir)).toHaveLength(1);
  await expect(page.getByTestId('count-in')).toHaveText('1');
});

test('a person typing slowly produces no scan', async ({ page }) => {
  host = await startHost();
  await openKiosk(page);
  await personKeys(page, '037188000123', { gapMs: 120, enter: true });
  await personKeys(page, 'hello', { gapMs: 90, enter: true });
  // A real scan afterwards is the event to wait for: it must be the first and only result.
  await scanAtCounter(page, OTHER_CCCD);
  await expect(page.getByTestId('result-card')).toHaveAttribute('data-serial', '1');
  await expect(page.getByTestId('result-name')).toHaveText('Nguyễn Văn An');
  expect(readScans(host.dataDir).map((row) => row.id_number)).toEqual(['001099012345']);
});

test('garbage, control characters and a 10,000-character burst give a red card and the kiosk keeps scanning', async ({
  page,
}) => {
  // 10,000 key events take their time to deliver on a loaded machine; their own times say burst.
  test.setTimeout(180_000);
  host = await startHost();
  await openKiosk(page);
  const card = page.getByTestId('result-card');

  await scanAtCounter(page, 'NZCOVIDTRACER:eyJnbG4iOiIzMzMzMyJ9');
  await expect(card).toHaveAttribute('data-outcome', 'refused');
  await expect(page.getByTestId('result-reason')).toHaveAttribute('data-reason', 'foreign-venue');

  await scanAtCounter(page, 'abc\u0001\u0002def<script>x</script>');
  await expect(card).toHaveAttribute('data-outcome', 'refused');
  await expect(page.getByTestId('result-reason')).toHaveAttribute('data-reason', 'unreadable');
  await expect(page.locator('script', { hasText: 'x' })).toHaveCount(0);

  await scanAtCounter(page, '7'.repeat(10_000), 0);
  await expect(card).toHaveAttribute('data-outcome', 'refused');
  await expect(page.getByTestId('result-reason')).toHaveAttribute('data-reason', 'too-long');

  await scanAtCounter(page, CCCD);
  await expect(card).toHaveAttribute('data-outcome', 'recorded');
  await expect(page.getByTestId('count-refused')).toHaveText('3');
  const rows = readScans(host.dataDir);
  expect(rows.map((row) => row.outcome)).toEqual(['refused', 'refused', 'refused', 'recorded']);
  expect(rows.slice(0, 3).every((row) => row.id_number === null && row.full_name === null)).toBe(true);
});

test('a scanned code never leaks into a focused text field, and a person typing there still types', async ({
  page,
}) => {
  host = await startHost();
  await openKiosk(page);
  // A text field (the admin screens will have them): inject one the way a screen would render it.
  await page.evaluate(() => {
    const field = document.createElement('input');
    field.setAttribute('data-testid', 'plain-field');
    document.body.append(field);
    field.focus();
  });
  const field = page.getByTestId('plain-field');
  await scanAtCounter(page, OTHER_CCCD);
  await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'recorded');
  await expect(field).toHaveValue('');
  await field.focus();
  await personKeys(page, 'Lan', { gapMs: 110 });
  await expect(field).toHaveValue('Lan');
});

test('the recorded row survives a kill -9 of the host right after the green card', async ({ page }) => {
  host = await startHost();
  await openKiosk(page);
  await scanAtCounter(page, CCCD);
  await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'recorded');
  await host.kill9();

  expect(readScans(host.dataDir)).toEqual([
    expect.objectContaining({ outcome: 'recorded', id_number: '037188000123' }),
  ]);
  host = await startHost(host.dataDir);
  await page.goto(host.url);
  await expect(page.getByTestId('count-in')).toHaveText('1');
  await expect(page.getByTestId('recent-list')).toContainText('Phạm Thị Hồng');
});

test('English can be chosen and the choice is kept', async ({ page }) => {
  host = await startHost();
  await openKiosk(page);
  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('result-card')).toContainText('Please scan your code');
  await page.getByTestId('scan-sink').focus();
  await scanAtCounter(page, CCCD);
  await expect(page.getByTestId('result-card')).toContainText('Recorded');
  await page.screenshot({ path: 'test-results/screens/scan-recorded-en-1024.png' });
  await page.reload();
  await expect(page.getByTestId('count-in')).toHaveText('1');
  await expect(page.getByTestId('result-card')).toContainText('Please scan your code');
});
