/**
 * A 150-letter name (one word, nothing to wrap at) in a trace's contact table: the table stays
 * within a 1024 px screen and within an A4 page's printable width, every column in view.
 */
import { expect, test, type Page } from '@playwright/test';
import { postBatch } from '../support/districtHttp';
import { uploadedScan } from '../support/districtSamples';
import type { DistrictProcess } from '../support/districtServerProcess';
import { signInConsole, startConsoleServer } from './consoleServer';

const LONG_NAME = 'Nguyễn'.repeat(25);
let server: DistrictProcess | undefined;

test.afterAll(async () => {
  await server?.stop().catch(() => undefined);
});

/** How far the contact table and the page reach to the right, px. */
async function widths(page: Page): Promise<{ table: number; page: number; lastHeader: number }> {
  return page.evaluate(() => {
    const table = document.querySelector('[data-testid="contacts"]') as HTMLElement;
    const headers = table.querySelectorAll('th');
    return {
      table: table.getBoundingClientRect().right,
      page: document.documentElement.scrollWidth,
      lastHeader: headers[headers.length - 1].getBoundingClientRect().right,
    };
  });
}

test('a contact with a 150-letter name keeps the contact table within 1024 px and the printed page', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const started = await startConsoleServer('chi.it');
  server = started.server;
  const { url, deviceToken } = started;
  const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3600_000).toISOString();
  const scans = [
    uploadedScan(at(3), { seq: 1, idNumber: '037188000123', direction: 'in' }),
    uploadedScan(at(2.5), { seq: 2, idNumber: '001099000777', fullName: LONG_NAME, direction: 'in' }),
    uploadedScan(at(1.5), { seq: 3, idNumber: '001099000777', fullName: LONG_NAME, direction: 'out' }),
    uploadedScan(at(1), { seq: 4, idNumber: '037188000123', direction: 'out' }),
  ];
  const sent = await postBatch(url, deviceToken, { sentAt: at(0), appVersion: '0.1.0', pendingCount: 0, scans });
  expect(sent.status).toBe(200);

  await page.setViewportSize({ width: 1024, height: 768 });
  await signInConsole(page, url, 'chi.it');
  await page.getByTestId('nav-trace').click();
  await page.getByTestId('trace-id').fill('037188000123');
  await page.getByTestId('trace-case').fill('BN-2026-01');
  await page.getByTestId('trace-submit').click();
  const row = page.locator('[data-contact="001099000777"]');
  await expect(row).toContainText(LONG_NAME.slice(0, 20));
  await page.screenshot({ path: 'test-results/console-long-name-1024.png', fullPage: true });
  const screen = await widths(page);
  expect(screen.page).toBeLessThanOrEqual(1024);
  expect(screen.table).toBeLessThanOrEqual(1024);
  expect(screen.lastHeader).toBeLessThanOrEqual(1024);

  // On paper: A4 less 12 mm margins each side is 186 mm, about 703 CSS px.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 703, height: 1000 });
  await page.screenshot({ path: 'test-results/console-long-name-print.png', fullPage: true });
  const paper = await widths(page);
  expect(paper.table).toBeLessThanOrEqual(703);
  expect(paper.lastHeader).toBeLessThanOrEqual(703);
});
