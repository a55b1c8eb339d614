/**
 * Real scanners on factory settings, through the real page: a US-layout wedge that cannot type
 * Vietnamese letters, and a busy PC that stalls the first keys of a scan.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { adminHeaders, createVenue } from '../support/districtHttp';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { freshDataDir, startHost, type HostProcess } from './kioskHostProcess';
import { scanKeys, typeKeys } from './wedgeKeys';

/** A CCCD as a US-layout wedge types it: every Vietnamese letter folded to ASCII. */
const ASCII_CCCD = '001089004567||Do Van Minh|12031989|Nam|Thon 3, Xa An Hai, Huyen Ly Son, Quang Ngai|15032022';

let server: ServerProcess | null = null;
let host: HostProcess | null = null;

test.afterEach(async () => {
  await host?.stop().catch(() => undefined);
  await server?.stop().catch(() => undefined);
  host = null;
  server = null;
});

test.use({ viewport: { width: 1024, height: 768 } });

async function scanned(page: Page, serial: number): Promise<string | null> {
  await expect(page.getByTestId('result-card')).toHaveAttribute('data-serial', String(serial));
  return page.getByTestId('result-card').getAttribute('data-outcome');
}

test('a US-layout wedge scan of an ASCII-only CCCD turns green, tells staff, and reaches the district', async ({
  page,
}) => {
  server = await startServerProcess();
  const { code } = await createVenue(server.url, 'Cảng Lý Sơn', 'port');
  host = await startHost(undefined, ['--server', server.url, '--enroll', code, '--upload-interval', '1']);
  await page.goto(host.url);
  await expect(page.getByTestId('scan-sink')).toBeFocused();
  await scanKeys(page, ASCII_CCCD);
  await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'recorded');
  await expect(page.getByTestId('result-masked-id')).toHaveText('••••••••4567');
  await expect(page.getByTestId('result-staff')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/ascii-cccd-recorded-vi-1024.png' });
  const from = new Date(Date.now() - 3600_000).toISOString();
  const to = new Date(Date.now() + 3600_000).toISOString();
  await expect
    .poll(
      async () => {
        const response = await fetch(
          `${server?.url}/api/v1/trace?idNumber=001089004567&from=${from}&to=${to}&caseRef=e2e`,
          { headers: adminHeaders() },
        );
        return ((await response.json()) as { visits?: unknown[] }).visits?.length ?? 0;
      },
      { timeout: 15_000 },
    )
    .toBe(1);
});

test('a scan whose first keys stall is recorded whole or refused, never shortened', async ({ page }) => {
  const dataDir = freshDataDir();
  host = await startHost(dataDir);
  await page.goto(host.url);
  await expect(page.getByTestId('scan-sink')).toBeFocused();
  const ticket = 'VE-TEST-000731';
  const outcomes: (string | null)[] = [];
  // Stalls of 60, 150 and 400 ms after the first one or two keys, as a busy PC or a USB hiccup does.
  const stalls = [
    [1, 60],
    [2, 150],
    [1, 400],
  ] as const;
  for (const [index, [keys, stallMs]] of stalls.entries()) {
    const code = `${ticket}${index}`;
    // The stall is in the keys' own times, so a busy machine cannot lengthen or shorten it.
    await typeKeys(
      page,
      [
        { text: code.slice(0, keys), gapMs: 3 },
        { text: code.slice(keys), gapMs: 3, pauseBeforeMs: stallMs },
      ],
      { enter: true },
    );
    outcomes.push(await scanned(page, index + 1));
  }
  // Up to the decoder's 160 ms start-stall window the scan stays whole; past it, the cut-off first
  // key makes the rest a scan that lost its start: refused (scan again), never recorded shortened.
  expect(outcomes).toEqual(['recorded', 'recorded', 'refused']);
  const db = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    const kept = db.prepare("SELECT code_text FROM scans WHERE outcome = 'recorded'").all() as { code_text: string }[];
    // Whatever was recorded is a whole ticket: never one missing its first characters.
    for (const row of kept) expect(row.code_text).toMatch(/^VE-TEST-000731\d$/);
    expect(kept.length).toBe(outcomes.filter((outcome) => outcome === 'recorded').length);
  } finally {
    db.close();
  }
});
