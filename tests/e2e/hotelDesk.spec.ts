/**
 * The hotel desk (issue 23, item 6) through the real page, host and district server: two guests in two
 * rooms (the room typed for each guest, never left for the next), a check-out by scanning out, and
 * the residence declaration's CSV read back.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { createVenue } from '../support/districtHttp';
import { tableEdges } from '../support/printedTable';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { startHost, type HostProcess } from './kioskHostProcess';
import { personKeys, scanAtCounter } from './wedgeKeys';

const HONG = '037188000123||Phạm Thị Hồng|23071988|Nữ|Xóm 3, Xã Ninh Hải, Huyện Hoa Lư, Ninh Bình|09092021';
const AN = '001099012345||Nguyễn Văn An|01021999|Nam|Phường Láng Hạ, Quận Đống Đa, Hà Nội|15032022';

let server: ServerProcess | null = null;
let host: HostProcess | null = null;
test.afterEach(async () => {
  await host?.stop().catch(() => undefined);
  await server?.stop().catch(() => undefined);
  host = null;
  server = null;
});
test.use({ viewport: { width: 1024, height: 768 } });

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png` });

async function openAdmin(page: Page): Promise<void> {
  await page.getByTestId('open-admin').click();
  await personKeys(page, '2468', { enter: true });
  await expect(page.getByTestId('admin-screen')).toBeVisible();
}

/** Types the next guest's room at the desk, as a receptionist does before scanning their card. */
async function roomForNextGuest(page: Page, room: string): Promise<void> {
  await page.getByTestId('room-input').fill(room);
  await page.getByTestId('room-save').click();
  await expect(page.getByTestId('room-waiting')).toHaveAttribute('data-room', room);
}

async function startHotel(): Promise<void> {
  server = await startServerProcess();
  const { code } = await createVenue(server.url, 'Khách sạn Biển Xanh', 'hotel');
  host = await startHost(undefined, ['--server', server.url, '--enroll', code, '--admin-pin', '2468']);
}

test('two guests in two rooms, one checks out, and the residence declaration is exported', async ({ page }) => {
  await startHotel();
  if (!host) throw new Error('no host');
  await page.goto(host.url);
  // The hotel keeps every field (full profile) and lets a guest scan out soon after checking in.
  await openAdmin(page);
  await page.locator('select:has(option[value="full"])').selectOption('full');
  await page.getByLabel('Bỏ qua quét lặp trong (giây)').fill('0');
  await page.getByTestId('settings-save').click();
  await expect(page.getByText('Đã lưu.')).toBeVisible();
  await page.getByTestId('admin-close').click();

  await expect(page.getByTestId('room-input')).toHaveAttribute('placeholder', 'Ví dụ: 203');
  await shot(page, 'hotel-desk-empty-vi-1024');
  await roomForNextGuest(page, '203');
  await page.getByTestId('scan-sink').focus();
  await scanAtCounter(page, HONG);
  await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'recorded');
  // Not sticky: the room went with that guest; the desk's field is empty for the next one.
  await expect(page.getByTestId('room-waiting')).toHaveAttribute('data-room', '');
  await expect(page.getByTestId('room-input')).toHaveValue('');
  await roomForNextGuest(page, '305');
  await shot(page, 'hotel-desk-room-waiting-vi-1024');
  await page.getByTestId('scan-sink').focus();
  await scanAtCounter(page, AN);
  // Hồng scans out: her next scan is the check-out, and it carries her room.
  await scanAtCounter(page, HONG);
  await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'recorded');
  await shot(page, 'hotel-desk-checkout-vi-1024');
  expect(roomsOf(host.dataDir)).toEqual([
    ['in', '203', 'Phạm Thị Hồng'],
    ['in', '305', 'Nguyễn Văn An'],
    ['out', '203', 'Phạm Thị Hồng'],
  ]);

  await openAdmin(page);
  const list = page.getByTestId('guest-list');
  await expect(list.locator('tbody tr')).toHaveCount(2);
  await expect(list.locator('tr[data-room="203"]')).toContainText('23/07/1988');
  await list.scrollIntoViewIfNeeded();
  await shot(page, 'hotel-guest-list-vi-1024');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-guests').click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const [header, ...rows] = csv.trimEnd().split('\r\n');
  expect(header).toBe('Họ và tên,Ngày sinh,Giới tính,Số giấy tờ,Quốc tịch,Địa chỉ thường trú,Phòng,Đến,Đi');
  expect(rows).toHaveLength(2);
  const dateTime = '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}';
  expect(rows[0]).toMatch(
    new RegExp(
      `^Phạm Thị Hồng,23/07/1988,Nữ,"=""037188000123""",Việt Nam,"Xóm 3, Xã Ninh Hải, Huyện Hoa Lư, Ninh Bình",203,${dateTime},${dateTime}$`,
    ),
  );
  expect(rows[1]).toMatch(
    new RegExp(
      `^Nguyễn Văn An,01/02/1999,Nam,"=""001099012345""",Việt Nam,"Phường Láng Hạ, Quận Đống Đa, Hà Nội",305,${dateTime},$`,
    ),
  );

  // The same in English.
  await page.getByTestId('admin-close').click();
  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('room-input')).toHaveAttribute('placeholder', 'E.g. 203');
  await shot(page, 'hotel-desk-en-1024');
  await openAdmin(page);
  await expect(page.getByTestId('guest-list')).toContainText('Permanent address');
  await page.getByTestId('guest-list').scrollIntoViewIfNeeded();
  await shot(page, 'hotel-guest-list-en-1024');
});

test('under the minimal profile the guest list says it cannot serve the declaration, and its CSV says what is not kept', async ({
  page,
}) => {
  await startHotel();
  if (!host) throw new Error('no host');
  await page.goto(host.url);
  await roomForNextGuest(page, '12');
  await page.getByTestId('scan-sink').focus();
  await scanAtCounter(page, HONG);
  await openAdmin(page);
  await expect(page.getByTestId('guests-minimal')).toContainText('không đủ cho khai báo lưu trú');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-guests').click();
  const csv = readFileSync(await (await download).path(), 'utf8').replace(/^\uFEFF/, '');
  const rows = csv.trimEnd().split('\r\n').slice(1);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatch(
    /^Phạm Thị Hồng,1988,không lưu \(hồ sơ tối thiểu\),••••••••0123,Việt Nam,không lưu \(hồ sơ tối thiểu\),12,/,
  );
  await page.getByTestId('guest-list').scrollIntoViewIfNeeded();
  await shot(page, 'hotel-guest-list-minimal-vi-1024');

  // The printed guest list: its table whole on the A4 page, the right border too (it was cut off).
  await page.getByTestId('print-inside').click();
  await expect(page.getByTestId('manifest')).toHaveAttribute('data-kind', 'guests');
  await page.emulateMedia({ media: 'print' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hotel-pdf-'));
  writeFileSync(path.join(dir, 'guests.pdf'), await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '100',
    '-f',
    '1',
    '-l',
    '1',
    path.join(dir, 'guests.pdf'),
    path.join(dir, 'page'),
  ]);
  const png = path.join(dir, readdirSync(dir).find((name) => name.endsWith('.png')) ?? 'missing.png');
  copyFileSync(png, 'test-results/screens/hotel-guests-a4-vi-page-1.png');
  const edges = tableEdges(png);
  expect(edges.leftRuleShare).toBeGreaterThan(0.95);
  expect(edges.rightRuleShare).toBeGreaterThan(0.95);
});

/** Direction, room and name of every row, oldest first (the room is what travels to the district). */
function roomsOf(dataDir: string): (string | null)[][] {
  const db = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    const rows = db.prepare('SELECT direction, context_label, full_name FROM scans ORDER BY seq').all() as {
      direction: string | null;
      context_label: string | null;
      full_name: string | null;
    }[];
    return rows.map((row) => [row.direction, row.context_label, row.full_name]);
  } finally {
    db.close();
  }
}
