import { expect, test } from '@playwright/test';
import { adminHeaders, createVenue } from '../support/districtHttp';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { startHost, type HostProcess } from './kioskHostProcess';
import { scanKeys } from './wedgeKeys';

const CCCD = '037188000123||Phạm Thị Hồng|23071988|Nữ|Xóm 3, Xã Ninh Hải, Huyện Hoa Lư, Ninh Bình|09092021';

let server: ServerProcess;
let host: HostProcess;

test.afterEach(async () => {
  await host?.stop().catch(() => undefined);
  await server?.stop().catch(() => undefined);
});

test.use({ viewport: { width: 1920, height: 1080 } });

test('enrolled by flags, a scan in Chromium reaches the district and its trace shows the venue', async ({ page }) => {
  server = await startServerProcess();
  const { code } = await createVenue(server.url, 'Cảng Lý Sơn', 'port');
  host = await startHost(undefined, ['--server', server.url, '--enroll', code, '--upload-interval', '1']);
  await page.goto(host.url);
  await expect(page.getByTestId('venue-name')).toHaveText('Cảng Lý Sơn');
  await expect(page.getByTestId('scan-sink')).toBeFocused();

  await scanKeys(page, CCCD);
  await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'recorded');

  const from = new Date(Date.now() - 3600_000).toISOString();
  const to = new Date(Date.now() + 3600_000).toISOString();
  const traceOf = async () => {
    const response = await fetch(`${server.url}/api/v1/trace?idNumber=037188000123&from=${from}&to=${to}`, {
      headers: adminHeaders(),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { visits: { venueName: string; venueType: string; closedBy: string }[] };
  };
  // The scheduled upload (every second here) takes it to the district; then the screen says all is sent.
  await expect.poll(async () => (await traceOf()).visits.length, { timeout: 15_000 }).toBe(1);
  await expect(page.getByTestId('upload-status')).toHaveAttribute('data-pending', '0');
  await expect(page.getByTestId('upload-status')).toHaveAttribute('data-state', 'ok');
  await page.screenshot({ path: 'test-results/screens/scan-uploaded-vi-1920.png' });
  const trace = await traceOf();
  expect(trace.visits).toEqual([expect.objectContaining({ venueName: 'Cảng Lý Sơn', venueType: 'port' })]);
  // No exit was scanned: the visit closes after the port's default stay, or at midnight if sooner.
  expect(['default-stay', 'end-of-day']).toContain(trace.visits[0].closedBy);
});

test('the setup wizard enrolls with a typed code and shows the venue name and type from the district', async ({
  page,
}) => {
  server = await startServerProcess();
  const { code } = await createVenue(server.url, 'Cảng Lý Sơn', 'port');
  host = await startHost(undefined, [], { firstRun: true });
  await page.goto(host.url);
  await page.getByTestId('setup-vi').click();
  await page.getByTestId('setup-code').fill(code);
  await page.getByLabel('Địa chỉ máy chủ huyện (nếu mã không kèm)').fill(server.url);
  await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
  await expect(page.getByTestId('setup-wizard')).toHaveAttribute('data-step', 'venue');
  await expect(page.getByTestId('setup-venue-name')).toHaveValue('Cảng Lý Sơn');
  await page.getByRole('button', { name: 'Quay lại' }).click();
  await expect(page.getByTestId('setup-enrolled')).toHaveText('Đã đăng ký: Cảng Lý Sơn (Cảng, bến tàu)');
});
