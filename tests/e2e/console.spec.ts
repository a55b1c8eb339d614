/**
 * The district console in Debian's Chromium, against the real server process and a real kiosk
 * host: the first IT account from the admin token; accounts with one-time passwords; a venue and
 * its printed setup sheet, whose QR (decoded with jsQR) enrolls a kiosk through its setup wizard;
 * the kiosk's scans make the venue "scanning" while another stays silent; a tracer traces a
 * scanned card and sees the visit in local time and a contact; a viewer cannot trace; the trace is
 * in IT's audit log. Every page is photographed at 1366x768 and 1920x1080 in both languages.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { decodeQrPng } from '../support/qrDecode';
import { startDistrictProcess, type DistrictProcess } from '../support/districtServerProcess';
import { freePort } from '../support/freePort';
import { startHost, type HostProcess } from './kioskHostProcess';
import { docsShot } from './docsShots';
import { scanAtCounter, scanKeys, typeKeys } from './wedgeKeys';
import { addCommune, addVenue } from './consoleServer';

const ADMIN_TOKEN = 'console-e2e-admin-token-0123456789';
const HONG = '037188000123||Phạm Thị Hồng|23071988|Nữ|Xóm 3, Xã Ninh Hải, Huyện Hoa Lư, Ninh Bình|09092021';
const TAM = '001099000777||Lê Văn Tâm|15081999|Nam|Số 5, Phường Hàng Bạc, Quận Hoàn Kiếm, Hà Nội|01022021';
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

let server: DistrictProcess | undefined;
let host: HostProcess | undefined;

test.afterAll(async () => {
  await host?.stop().catch(() => undefined);
  await server?.stop().catch(() => undefined);
});

/** Photographs the current page in both languages at both sizes into docs/console/. */
async function photograph(page: Page, name: string): Promise<void> {
  for (const language of ['vi', 'en'] as const) {
    await page.getByTestId(`lang-${language}`).first().click();
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await expect(page.getByTestId('loading')).toHaveCount(0);
      await page.screenshot({ path: docsShot(`console/${name}-${language}-${viewport.width}.png`), fullPage: true });
    }
  }
  await page.getByTestId('lang-vi').first().click();
}

async function signIn(page: Page, name: string, password: string): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(name);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('sign-in')).toBeVisible();
}

/** Signs in with a one-time password and chooses a new one. */
async function firstSignIn(page: Page, name: string, oneTime: string, chosen: string): Promise<void> {
  await signIn(page, name, oneTime);
  await expect(page.getByTestId('change-password')).toBeVisible();
  // Someone on the wrong account can back out before choosing a password.
  await expect(page.getByTestId('sign-out')).toBeVisible();
  await page.screenshot({ path: 'test-results/console/change-password.png' });
  await page.getByLabel('Mật khẩu hiện tại').fill(oneTime);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill(chosen);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(chosen);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText(name);
}

async function addAccount(page: Page, name: string, role: 'tracer' | 'viewer'): Promise<string> {
  await page.getByTestId('user-name').fill(name);
  await page.getByTestId('user-role').selectOption(role);
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  const notice = page.getByTestId('one-time-password');
  await expect(notice).toContainText(name);
  return (await notice.getAttribute('data-password')) ?? '';
}

/** Local `HH:mm` in Asia/Ho_Chi_Minh, the way the console shows it. */
const localHm = (at: Date) =>
  new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);

test('district console: accounts, a venue whose printed QR enrolls a kiosk, which venues scan, trace with audit, roles', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const tokenFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'console-e2e-')), 'admin-token');
  writeFileSync(tokenFile, ADMIN_TOKEN, { mode: 0o600 });
  server = await startDistrictProcess({
    args: ['--port', String(port), '--public-url', publicUrl, '--admin-token-file', tokenFile],
  });
  expect(server.url).toBe(publicUrl);

  // The console is served at / with a strict policy.
  const index = await fetch(`${publicUrl}/`);
  expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(index.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  const thirdParty: string[] = [];
  page.on('request', (request) => {
    if (
      !request.url().startsWith(publicUrl) &&
      !request.url().startsWith('blob:') &&
      !request.url().startsWith('data:')
    )
      thirdParty.push(request.url());
  });

  // First run: the admin token makes the first IT account.
  await page.setViewportSize(VIEWPORTS[0]);
  await page.goto(publicUrl);
  await expect(page.getByTestId('first-run')).toBeVisible();
  await photograph(page, 'first-run');
  await page.getByLabel('Mã quản trị').fill(ADMIN_TOKEN);
  await page.getByLabel('Tên đăng nhập của bạn').fill('it.huyen');
  await page.getByLabel('Mật khẩu (ít nhất 10 ký tự)').fill('Quản trị huyện Lý Sơn 1');
  await page.getByLabel('Nhập lại mật khẩu').fill('Quản trị huyện Lý Sơn 1');
  await page.getByRole('button', { name: 'Tạo tài khoản CNTT' }).click();
  await expect(page.getByTestId('overview-page')).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toHaveText('it.huyen (CNTT)');

  // Accounts for the tracing team and a viewer, each with a one-time password.
  await page.getByTestId('nav-users').click();
  const tracerOneTime = await addAccount(page, 'truy.vet', 'tracer');
  const viewerOneTime = await addAccount(page, 'xem.so-lieu', 'viewer');
  await photograph(page, 'users');

  // The district's communes, which venues pick from (one row per commune in the overview).
  for (const commune of ['Xã An Vĩnh', 'Xã An Hải']) await addCommune(page, commune);
  await photograph(page, 'communes');

  // A venue and its setup sheet; the sheet's QR holds the enrollment text with the public URL.
  await addVenue(page, 'Cảng Lý Sơn', 'port', 'Xã An Vĩnh');
  const code = (await page.getByTestId('sheet-code').textContent()) ?? '';
  await page.setViewportSize({ width: 1366, height: 1400 });
  const qrText = decodeQrPng(await page.getByTestId('qr').screenshot());
  expect(qrText).toMatch(new RegExp(`^KIOSK-ENROLL:${code}@${publicUrl}#dk1\\.[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}$`));
  await photograph(page, 'setup-sheet');
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: docsShot('console/setup-sheet-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await addVenue(page, 'Trường THCS An Hải', 'school', 'Xã An Hải');

  // A kiosk's setup wizard enrolls by scanning the printed QR (a wedge scanner types it).
  host = await startHost(undefined, ['--upload-interval', '1'], { firstRun: true });
  const kiosk = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await kiosk.goto(host.url);
  await kiosk.getByTestId('setup-vi').click();
  await expect(kiosk.getByTestId('setup-wizard')).toHaveAttribute('data-step', 'enroll');
  await scanKeys(kiosk, qrText ?? '');
  await expect(kiosk.getByTestId('setup-code')).toHaveValue(qrText ?? '');
  await kiosk.getByRole('button', { name: 'Đăng ký', exact: true }).click();
  await expect(kiosk.getByTestId('setup-wizard')).toHaveAttribute('data-step', 'venue');
  await expect(kiosk.getByTestId('setup-venue-name')).toHaveValue('Cảng Lý Sơn');
  // The rest of the wizard is the venue owner's; restart the enrolled kiosk set up, as IT rolls out.
  await kiosk.close();
  const dataDir = host.dataDir;
  await host.stop();
  host = await startHost(dataDir, ['--upload-interval', '1']);
  const scanner = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await scanner.goto(host.url);
  await expect(scanner.getByTestId('venue-name')).toHaveText('Cảng Lý Sơn');
  const scannedAt = new Date();
  for (const card of [HONG, TAM]) {
    await scanAtCounter(scanner, card);
    await expect(scanner.getByTestId('result-card')).toHaveAttribute('data-outcome', 'recorded');
  }
  await expect(scanner.getByTestId('upload-status')).toHaveAttribute('data-pending', '0', { timeout: 20_000 });
  await scanner.close();

  // The overview: the port scans, the school has no scan yet (listed first).
  await page.setViewportSize(VIEWPORTS[0]);
  await page.getByTestId('nav-overview').click();
  await expect(page.locator('[data-venue="Cảng Lý Sơn"] [data-status]')).toHaveAttribute('data-status', 'scanning');
  await expect(page.locator('[data-venue="Trường THCS An Hải"] [data-status]')).toHaveAttribute('data-status', 'never');
  await expect(page.locator('[data-testid="overview-venues"] tbody tr').first()).toHaveAttribute(
    'data-venue',
    'Trường THCS An Hải',
  );
  await expect(page.getByTestId('stat-registered')).toHaveText('2');
  await expect(page.getByTestId('stat-scans')).toHaveText('2');
  await photograph(page, 'overview');

  await page.getByTestId('nav-venues').click();
  await page.getByTestId('venue-search').fill('ly son');
  await expect(page.locator('[data-testid="venue-table"] tbody tr')).toHaveCount(1);
  await page.getByTestId('venue-search').fill('');
  await photograph(page, 'venues');
  await page.getByRole('link', { name: 'Cảng Lý Sơn' }).click();
  await expect(page.getByTestId('venue-title')).toHaveText('Cảng Lý Sơn');
  await expect(page.getByTestId('device-table')).toBeVisible();
  await photograph(page, 'venue');
  await page.getByTestId('nav-devices').click();
  await expect(page.getByTestId('device-table')).toBeVisible();
  await photograph(page, 'devices');
  await signOut(page);
  await photograph(page, 'sign-in');

  // A tracer scans the card into the ID field and sees the visit in local time and the contact.
  await firstSignIn(page, 'truy.vet', tracerOneTime, 'Đội truy vết 2026 mật');
  await page.getByTestId('nav-trace').click();
  await page.getByTestId('trace-id').click();
  await typeKeys(page, [{ text: HONG, gapMs: 3 }], { enter: false });
  await page.getByTestId('trace-submit').click();
  await expect(page.getByTestId('error')).toHaveText('Hãy nhập mã ca bệnh (bắt buộc cho mỗi lần truy vết).');
  await expect(page.getByTestId('trace-id')).toHaveValue('037188000123');
  await page.getByTestId('trace-case').fill('BN-2026-118');
  await page.getByTestId('trace-submit').click();
  const visit = page.locator('[data-testid="visits"] li');
  await expect(visit).toHaveCount(1);
  await expect(visit).toContainText('Cảng Lý Sơn');
  const shown = (await visit.locator('.visit-time').textContent()) ?? '';
  const possible = [
    localHm(new Date(scannedAt.getTime() - 60_000)),
    localHm(scannedAt),
    localHm(new Date(scannedAt.getTime() + 60_000)),
    localHm(new Date(scannedAt.getTime() + 120_000)),
  ];
  expect(possible.some((hm) => shown.includes(hm))).toBe(true);
  await expect(page.locator('[data-contact="001099000777"]')).toContainText('Lê Văn Tâm');
  const download = page.waitForEvent('download');
  await page.getByTestId('trace-csv').click();
  expect((await download).suggestedFilename()).toBe('truy-vet-037188000123-BN-2026-118.csv');
  await photograph(page, 'trace');
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: docsShot('console/trace-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await signOut(page);

  // A viewer sees no trace page, and the server refuses the trace itself.
  await firstSignIn(page, 'xem.so-lieu', viewerOneTime, 'Chỉ xem số liệu 2026');
  await expect(page.getByTestId('nav-trace')).toHaveCount(0);
  await page.goto(`${publicUrl}/#/trace`);
  await expect(page.getByTestId('trace-forbidden')).toBeVisible();
  const refused = await page.evaluate(
    async () =>
      (await fetch('/api/v1/trace?idNumber=037188000123&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z&caseRef=x'))
        .status,
  );
  expect(refused).toBe(403);
  await signOut(page);

  // IT reads the trace in the audit: who, which ID, which case.
  await signIn(page, 'it.huyen', 'Quản trị huyện Lý Sơn 1');
  await page.getByTestId('nav-audit').click();
  const entry = page.locator('[data-testid="audit-table"] tbody tr').first();
  await expect(entry).toHaveAttribute('data-actor', 'user:truy.vet');
  await expect(entry).toContainText('037188000123');
  await expect(entry).toContainText('BN-2026-118');
  await photograph(page, 'audit');
  expect(thirdParty).toEqual([]);
});
