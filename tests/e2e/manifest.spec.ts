/**
 * The passenger manifest a port hands over per sailing: 85 passengers boarded against 120 seats,
 * "close sailing" offers the list, which prints on A4 across pages with every row whole. Screenshots
 * of the screen and of the printed pages are kept in docs/manifest/.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, copyFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { connectKioskSocket } from '../support/kioskSocket';
import { readScans, startHost, type HostProcess } from './kioskHostProcess';
import { docsShot } from './docsShots';

let host: HostProcess;
test.afterEach(async () => {
  await host?.stop().catch(() => undefined);
});

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Đức', 'Thu', 'Quốc', 'Thanh'];
const GIVEN = [
  'An',
  'Bình',
  'Châu',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Khánh',
  'Lan',
  'Long',
  'Mai',
  'Nam',
  'Oanh',
  'Phúc',
  'Quang',
  'Sơn',
  'Tâm',
  'Trang',
  'Tuấn',
  'Yến',
];

/** Invented passengers with consistent CCCDs (the ID's century, gender and year agree with the fields). */
function passenger(index: number): { readonly code: string; readonly name: string; readonly id: string } {
  const year = 1950 + (index % 55);
  const female = index % 2 === 1;
  const centuryGender = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
  const id = `051${centuryGender}${String(year % 100).padStart(2, '0')}${String(100000 + index * 7919).slice(-6)}`;
  const name = `${FAMILY[index % FAMILY.length]} ${female ? 'Thị' : MIDDLE[index % MIDDLE.length]} ${GIVEN[(index * 7) % GIVEN.length]}`;
  return {
    code: `${id}||${name}|${String((index % 28) + 1).padStart(2, '0')}0${(index % 9) + 1}${year}|${female ? 'Nữ' : 'Nam'}|Thôn ${(index % 9) + 1}, Xã An Vĩnh, Huyện Lý Sơn, Quảng Ngãi|01072021`,
    name,
    id,
  };
}

const SAILING = 'Tàu 07:30 Sa Kỳ → Lý Sơn';
const shot = (page: Page, name: string) => page.screenshot({ path: docsShot(`manifest/${name}.png`), fullPage: false });

/** The page as printed (A4), each page as a PNG in docs/manifest, and its text. */
async function printed(page: Page, name: string): Promise<{ pages: number; text: string }> {
  await page.emulateMedia({ media: 'print' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'manifest-pdf-'));
  const pdf = path.join(dir, `${name}.pdf`);
  writeFileSync(pdf, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  await page.emulateMedia({ media: 'screen' });
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(dir, 'page')]);
  const pngs = readdirSync(dir)
    .filter((file) => file.endsWith('.png'))
    .sort();
  pngs.forEach((file, index) => copyFileSync(path.join(dir, file), docsShot(`manifest/${name}-page-${index + 1}.png`)));
  return { pages: pngs.length, text: execFileSync('pdftotext', ['-layout', pdf, '-']).toString() };
}

test('a clerk boards 85 passengers against 120 seats, closes the sailing and prints its manifest on A4 pages', async ({
  page,
}) => {
  test.setTimeout(120_000);
  host = await startHost(undefined, ['--venue-name', 'Cảng Sa Kỳ', '--admin-pin', '2468']);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(host.url);
  await page.getByTestId('direction-in').click();
  await page.getByTestId('context-input').fill(SAILING);
  await page.getByTestId('capacity-input').fill('120');
  await page.getByTestId('context-save').click();
  await expect(page.getByTestId('onboard-count')).toHaveText('Đã lên tàu: 0 / 120');

  const socket = await connectKioskSocket(host.url);
  const people = Array.from({ length: 84 }, (_, index) => passenger(index));
  for (const person of people)
    expect(await socket.call('submitScan', { raw: person.code, source: 'hid' })).toMatchObject({
      ok: true,
      value: { outcome: 'recorded' },
    });
  expect(await socket.call('submitScan', { raw: 'VE-SAKY-0085', source: 'hid' })).toMatchObject({
    ok: true,
    value: { outcome: 'recorded' },
  });
  await expect(page.getByTestId('onboard-count')).toHaveText('Đã lên tàu: 85 / 120');
  await shot(page, 'counter-sailing-1920-vi');

  await page.getByTestId('close-sailing').click();
  await expect(page.getByTestId('manifest')).toHaveAttribute('data-count', '85');
  await expect(page.getByTestId('manifest-count')).toHaveText('Tổng số: 85 người / 120 chỗ');
  const rows = page.getByTestId('manifest-rows').locator('tr');
  await expect(rows).toHaveCount(85);
  await expect(rows.nth(9).locator('td').first()).toHaveText('10');
  await expect(rows.nth(84)).toContainText('Vé VE-SAKY-0085');
  await expect(rows.nth(0).locator('td').nth(2)).toHaveText(`••••••••${people[0].id.slice(-4)}`);
  await shot(page, 'manifest-screen-1920-vi');

  const vi = await printed(page, 'manifest-a4-vi');
  expect(vi.pages).toBeGreaterThanOrEqual(3);
  for (const person of people) expect(vi.text).toContain(person.name);
  for (const row of [1, 10, 85]) expect(vi.text).toMatch(new RegExp(`^\\s*${row}\\s`, 'm'));
  expect(vi.text).toContain('DANH SÁCH HÀNH KHÁCH');
  expect(vi.text).toContain('Thuyền trưởng');
  expect(vi.text).toContain('Tổng số: 85 người / 120 chỗ');
  // No full ID number on paper: only the last four characters.
  for (const person of people) expect(vi.text).not.toContain(person.id);
  // The sailing stays closed; the list of the past sailing is still what was printed.
  await page.getByTestId('manifest-close').click();
  await expect(page.locator('.context-label')).toHaveCount(0);

  await page.setViewportSize({ width: 1024, height: 768 });
  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('language-switch')).toHaveText('Tiếng Việt');
  await page.getByTestId('open-admin').click();
  await page.getByTestId('pin-input').fill('2468');
  await page.getByTestId('pin-submit').click();
  await page.getByTestId('print-inside').click();
  await expect(page.getByTestId('manifest')).toHaveAttribute('data-kind', 'inside');
  await expect(page.getByTestId('manifest-count')).toHaveText('Total: 85 people');
  const widest = await page.evaluate('document.documentElement.scrollWidth');
  expect(widest).toBeLessThanOrEqual(1024);
  await shot(page, 'inside-list-1024-en');
  const en = await printed(page, 'inside-a4-en');
  expect(en.text).toContain('PEOPLE INSIDE');
  expect(en.text).toContain(people[83].name);
  expect(readScans(host.dataDir)).toHaveLength(85);
  socket.close();
});
