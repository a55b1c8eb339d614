/**
 * A trace with more contacts than the console shows at once (200 a page): "Export CSV" holds every
 * one of them, not the pages someone happened to load, and the lookup stays one audit row.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { adminHeaders, postBatch } from '../support/districtHttp';
import { uploadedScan } from '../support/districtSamples';
import type { DistrictProcess } from '../support/districtServerProcess';
import { signInConsole, startConsoleServer } from './consoleServer';

const CONTACTS = 230;
let server: DistrictProcess | undefined;

test.afterAll(async () => {
  await server?.stop().catch(() => undefined);
});

test('the CSV of a trace holds every contact, past the pages shown', async ({ page }) => {
  test.setTimeout(120_000);
  const started = await startConsoleServer('chi.truyvet');
  server = started.server;
  const { url, deviceToken } = started;
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  // The traced person at the port for two hours; 230 others came and went while they were there.
  const scans = [
    uploadedScan(at(180), { seq: 1, idNumber: '037188000123', direction: 'in' }),
    ...Array.from({ length: CONTACTS }, (_, i) => [
      uploadedScan(at(170 - i * 0.1), {
        seq: 2 + 2 * i,
        idNumber: `0010990${String(i).padStart(5, '0')}`,
        direction: 'in',
      }),
      uploadedScan(at(100 - i * 0.1), {
        seq: 3 + 2 * i,
        idNumber: `0010990${String(i).padStart(5, '0')}`,
        direction: 'out',
      }),
    ]).flat(),
    uploadedScan(at(60), { seq: 2 + 2 * CONTACTS, idNumber: '037188000123', direction: 'out' }),
  ];
  const sent = await postBatch(url, deviceToken, { sentAt: at(0), appVersion: '0.1.0', pendingCount: 0, scans });
  expect(sent.status).toBe(200);

  await signInConsole(page, url, 'chi.truyvet');
  await page.getByTestId('nav-trace').click();
  await page.getByTestId('trace-id').fill('037188000123');
  await page.getByTestId('trace-case').fill('BN-2026-07');
  await page.getByTestId('trace-submit').click();
  // The first page is on screen, and there are more.
  await expect(page.getByTestId('trace-more')).toBeVisible();
  expect(await page.locator('[data-contact]').count()).toBeLessThan(CONTACTS);

  const download = page.waitForEvent('download');
  await page.getByTestId('trace-csv').click();
  const csv = readFileSync((await (await download).path()) as string, 'utf8');
  const contactIds = new Set([...csv.matchAll(/0010990\d{5}/g)].map(([id]) => id));
  expect(contactIds.size).toBe(CONTACTS);
  // Every contact is on screen too now (the print shows the same), and the "more" button is gone.
  await expect(page.locator('[data-contact]')).toHaveCount(CONTACTS);
  await expect(page.getByTestId('trace-more')).toHaveCount(0);

  // One lookup, one audit row, marked as exported.
  const audit = (await (await fetch(`${url}/api/v1/audit/traces?limit=10`, { headers: adminHeaders() })).json()) as {
    entries: unknown[];
  };
  expect(audit.entries).toHaveLength(1);
});
