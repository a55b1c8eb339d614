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

/** Starts the server (`env`: e.g. its DATABASE_URL), makes the first account `accountName` and the port venue 'Cảng Lý Sơn' with a kiosk. */
export async function startConsoleServer(accountName: string, env: NodeJS.ProcessEnv = {}): Promise<ConsoleServer> {
  const server = await startDistrictProcess({ env: { DISTRICT_ADMIN_TOKEN: ADMIN_TOKEN, ...env } });
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
