/**
 * The district on Citus, end to end (issue 22): two kiosks at venues whose shards live on different
 * workers upload through a server on a coordinator; the console's trace of a person who was at both
 * finds each venue's contacts. Skipped, with one line saying so, where Citus is not installed.
 */
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { citusInstalled } from '../../server/localCluster';
import { createVenue } from '../support/districtHttp';
import type { DistrictProcess } from '../support/districtServerProcess';
import { startPostgresCluster, type PostgresCluster } from '../support/postgresCluster';
import { signInConsole, startConsoleServer } from './consoleServer';
import { startHost, type HostProcess } from './kioskHostProcess';
import { scanAtCounter } from './wedgeKeys';

const cccd = (id: string, name: string) =>
  `${id}||${name}|01011990|Nam|Thôn Đông, Xã An Vĩnh, Huyện Lý Sơn, Quảng Ngãi|01082021`;
const TRACED = cccd('051090012345', 'Trương Văn Được');
const AT_FIRST = cccd('051090054321', 'Lê Thị Hải');
const AT_SECOND = cccd('051090067890', 'Phạm Văn Sơn');

let cluster: PostgresCluster | undefined;
let server: DistrictProcess | undefined;
const hosts: HostProcess[] = [];

test.afterAll(async () => {
  for (const host of hosts) await host.stop().catch(() => undefined);
  await server?.stop().catch(() => undefined);
  cluster?.stop();
});

test.skip(
  !citusInstalled(),
  'Citus is not installed: the distributed console test is skipped (bash scripts/install.sh --citus)',
);

test('kiosks upload to a server on Citus and the console trace finds contacts on both workers', async ({ browser }) => {
  test.setTimeout(300_000);
  cluster = await startPostgresCluster(2);
  const databaseUrl = await cluster.cluster.prepareDatabase('district');
  const started = await startConsoleServer('chi.truyvet', { DATABASE_URL: databaseUrl });
  server = started.server;
  const { url } = started;

  // Two venues whose scans live on different workers.
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  const byWorker = new Map<number, string>();
  try {
    for (let i = 0; i < 16 && byWorker.size < 2; i++) {
      const { code, venueId } = await createVenue(url, i % 2 === 0 ? `Cảng Lý Sơn ${i}` : `Chợ An Vĩnh ${i}`, 'port');
      const { rows } = await admin.query(
        `SELECT nodeport FROM citus_shards WHERE table_name = 'scans'::regclass AND shardid = get_shard_id_for_distribution_column('scans', $1::uuid)`,
        [venueId],
      );
      if (!byWorker.has(Number(rows[0].nodeport))) byWorker.set(Number(rows[0].nodeport), code);
    }
  } finally {
    await admin.end();
  }
  expect(byWorker.size).toBe(2);

  const pages = [];
  for (const [k, code] of [...byWorker.values()].entries()) {
    const host = await startHost(undefined, ['--server', url, '--enroll', code, '--upload-interval', '1']);
    hosts.push(host);
    const page = await browser.newPage();
    await page.goto(host.url);
    await expect(page.getByTestId('scan-sink')).toBeFocused();
    await scanAtCounter(page, TRACED);
    await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'recorded');
    await scanAtCounter(page, k === 0 ? AT_FIRST : AT_SECOND);
    await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'recorded');
    pages.push(page);
  }
  for (const page of pages)
    await expect(page.getByTestId('upload-status')).toHaveAttribute('data-pending', '0', { timeout: 30_000 });

  const consolePage = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  await signInConsole(consolePage, url, 'chi.truyvet');
  await consolePage.getByTestId('nav-trace').click();
  await consolePage.getByTestId('trace-id').fill('051090012345');
  await consolePage.getByTestId('trace-case').fill('BN-2026-22');
  await consolePage.getByTestId('trace-submit').click();
  await expect(consolePage.locator('[data-contact="051090054321"]')).toBeVisible();
  await expect(consolePage.locator('[data-contact="051090067890"]')).toBeVisible();
  await consolePage.screenshot({ path: 'test-results/screens/console-trace-citus-vi-1024.png', fullPage: true });
});
