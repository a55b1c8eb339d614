/**
 * A district server process for a console test: its first IT account made with the admin token, a
 * port venue with one enrolled kiosk, and a way to sign in to the console as that account.
 */
import { expect, type Page } from '@playwright/test';
import { ADMIN_TOKEN, createVenue, enrollDevice } from '../support/districtHttp';
import { startDistrictProcess, type DistrictProcess } from '../support/districtServerProcess';

/** The first account's password in these tests. */
export const CONSOLE_PASSWORD = 'một mật khẩu đủ dài 2026';

export interface ConsoleServer {
  readonly server: DistrictProcess;
  readonly url: string;
  /** The token of a kiosk enrolled at the port venue. */
  readonly deviceToken: string;
}

/**
 * Starts the server (`env`: e.g. its DATABASE_URL; `args`: more flags), makes the first account
 * `accountName` and the port venue 'Cảng Lý Sơn' with a kiosk.
 */
export async function startConsoleServer(
  accountName: string,
  env: NodeJS.ProcessEnv = {},
  args: readonly string[] = [],
): Promise<ConsoleServer> {
  const server = await startDistrictProcess({ env: { DISTRICT_ADMIN_TOKEN: ADMIN_TOKEN, ...env }, args });
  const url = server.url;
  const made = await fetch(`${url}/api/v1/setup/first-account`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: accountName, password: CONSOLE_PASSWORD }),
  });
  expect(made.status).toBe(201);
  const { deviceToken } = await enrollDevice(url, (await createVenue(url, 'Cảng Lý Sơn', 'port')).code);
  return { server, url, deviceToken };
}

/** Signs in to the console (Vietnamese, its default) as `accountName`. */
export async function signInConsole(page: Page, url: string, accountName: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Tên đăng nhập').fill(accountName);
  await page.getByLabel('Mật khẩu').fill(CONSOLE_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** Adds a venue in the console's venues page (its commune must exist); leaves its setup sheet shown. */
export async function addVenue(page: Page, name: string, type: string, area: string): Promise<void> {
  await page.getByTestId('nav-venues').click();
  await page.getByTestId('add-venue').click();
  await page.getByLabel('Tên địa điểm').fill(name);
  await page.getByLabel('Loại').selectOption(type);
  await page.getByTestId('venue-area').selectOption(area);
  await page.getByRole('button', { name: 'Tạo địa điểm và in phiếu cài đặt' }).click();
  await expect(page.getByTestId('sheet-venue')).toHaveText(name);
}

/** Adds a commune in the console's communes page. */
export async function addCommune(page: Page, commune: string): Promise<void> {
  await page.getByTestId('nav-communes').click();
  await page.getByLabel('Tên xã / phường').fill(commune);
  await page.getByRole('button', { name: 'Thêm', exact: true }).click();
  await expect(page.locator(`tr[data-commune="${commune}"]`)).toBeVisible();
}
