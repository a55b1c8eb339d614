/**
 * A ferry clerk's sailing, end to end, as issue 23 asked: a port kiosk enrolled with a district
 * server; a sailing of 40 seats opened at the counter; 40 passengers scanned through a US-layout
 * wedge (names without accents, addresses with their abbreviations); seat 41 is red and not on
 * board; boarding closed (the print not made), then the manifest reprinted and exported from admin's
 * past sailings; every scan uploaded with its sailing, the 41st as refused boarding. Screenshots (vi
 * and en, 1024x768, and the printed pages) go to test-results/screens/sailing/.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createVenue } from '../support/districtHttp';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { startUploadRecorder, type UploadRecorder } from '../support/uploadRecorder';
import { startHost, type HostProcess } from './kioskHostProcess';
import { scanKeys } from './wedgeKeys';

let server: ServerProcess;
let recorder: UploadRecorder;
let host: HostProcess;
test.afterEach(async () => {
  await host?.stop().catch(() => undefined);
  await recorder?.close().catch(() => undefined);
  await server?.stop().catch(() => undefined);
});

const SHOTS = path.join('test-results', 'screens', 'sailing');
const shot = async (page: Page, name: string) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
};

/** The page as printed on A4: its pages as PNGs beside the screenshots, and its text. */
async function printed(page: Page, name: string): Promise<{ pages: number; text: string }> {
  await page.emulateMedia({ media: 'print' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sailing-pdf-'));
  const pdf = path.join(dir, `${name}.pdf`);
  writeFileSync(pdf, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  await page.emulateMedia({ media: 'screen' });
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(dir, 'page')]);
  const pngs = readdirSync(dir)
    .filter((file) => file.endsWith('.png'))
    .sort();
  mkdirSync(SHOTS, { recursive: true });
  pngs.forEach((file, index) => copyFileSync(path.join(dir, file), path.join(SHOTS, `${name}-page-${index + 1}.png`)));
  return { pages: pngs.length, text: execFileSync('pdftotext', ['-layout', pdf, '-']).toString() };
}

const FAMILY = ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Huynh', 'Vo', 'Dang', 'Bui', 'Do'];
const MIDDLE = ['Van', 'Minh', 'Ngoc', 'Duc', 'Quoc', 'Thanh'];
const GIVEN = ['An', 'Binh', 'Chau', 'Dung', 'Giang', 'Hai', 'Khanh', 'Long', 'Nam', 'Phuc', 'Quang', 'Son', 'Tam'];
/** Real addresses' abbreviations: not dropped letters. */
const ADDRESSES = [
  'To 5, P. Nghia Lo, TP Quang Ngai, Quang Ngai',
  'KDC Bau Giang, TT Chau O, H. Binh Son, Quang Ngai',
  'KP 3, P. Nguyen Nghiem, TX Duc Pho, Quang Ngai',
  'So 12 QL1A, P. Hoa Khanh Bac, Q. Lien Chieu, Da Nang',
  'Thon Dong, Xa An Vinh, H. Ly Son, Quang Ngai',
];

/** Invented passengers, as a US-layout wedge types their CCCD: no accents, every field consistent. */
function passenger(index: number): { readonly code: string; readonly name: string; readonly id: string } {
  const year = 1955 + ((index * 7) % 60);
  const female = index % 3 === 1;
  const centuryGender = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
  const id = `051${centuryGender}${String(year % 100).padStart(2, '0')}${String(200000 + index * 613).slice(-6)}`;
  const name = `${FAMILY[index % FAMILY.length]} ${female ? 'Thi' : MIDDLE[index % MIDDLE.length]} ${GIVEN[index % GIVEN.length]}`;
  const born = `${String((index % 28) + 1).padStart(2, '0')}${String((index % 12) + 1).padStart(2, '0')}${year}`;
  return {
    code: `${id}||${name}|${born}|${female ? 'Nu' : 'Nam'}|${ADDRESSES[index % ADDRESSES.length]}|01082021`,
    name,
    id,
  };
}

test('a sailing of 40 seats: 40 boarded by wedge, seat 41 refused in red, closed, reprinted and exported from the past sailings, uploaded with its sailing', async ({
  page,
}) => {
  test.setTimeout(240_000);
  server = await startServerProcess();
  recorder = await startUploadRecorder(server.url);
  const { code } = await createVenue(server.url, 'Cảng Sa Kỳ', 'port');
  host = await startHost(undefined, [
    '--server',
    recorder.url,
    '--enroll',
    code,
    '--upload-interval',
    '2',
    '--admin-pin',
    '2468',
  ]);
  await page.goto(host.url);
  await expect(page.getByTestId('venue-name')).toHaveText('Cảng Sa Kỳ');
  // A port: the counter picks or opens a sailing instead of typing a free label.
  await expect(page.getByTestId('sailing-none')).toBeVisible();
  await expect(page.getByTestId('context-input')).toBeHidden();
  await page.getByTestId('direction-in').click();
  await page.getByTestId('sailing-new').click();
  await page.getByTestId('sailing-open').click();
  await expect(page.getByTestId('sailing-error')).toHaveText('Cần tên chuyến, giờ khởi hành và số chỗ (1 đến 5000).');
  await page.getByTestId('sailing-label').fill('Tàu cao tốc 07:30');
  await page.getByTestId('sailing-route').fill('Sa Kỳ → Lý Sơn');
  await page.getByTestId('sailing-departure').fill('07:30');
  await page.getByTestId('sailing-seats').fill('40');
  await page.getByTestId('sailing-open').click();
  await expect(page.getByTestId('onboard-count')).toHaveText('Đã lên tàu: 0 / 40');
  await expect(page.getByTestId('header-sailing')).toContainText('Tàu cao tốc 07:30');
  await expect(page.getByTestId('scan-sink')).toBeFocused();

  const card = page.getByTestId('result-card');
  const people = Array.from({ length: 41 }, (_, index) => passenger(index));
  for (const [index, person] of people.slice(0, 40).entries()) {
    await scanKeys(page, person.code);
    await expect(card).toHaveAttribute('data-serial', String(index + 1));
    await expect(card).toHaveAttribute('data-outcome', 'recorded');
    await expect(page.getByTestId('result-name')).toHaveText(person.name);
  }
  await expect(page.getByTestId('onboard-count')).toHaveText('Đã lên tàu: 40 / 40');
  await expect(page.getByTestId('sailing-full')).toHaveText('TÀU ĐÃ ĐỦ CHỖ: không cho thêm người lên');

  // Seat 41: red, said in words, not on board.
  await scanKeys(page, people[40].code);
  await expect(card).toHaveAttribute('data-serial', '41');
  await expect(card).toHaveAttribute('data-outcome', 'boat-full');
  await expect(card).toHaveClass(/tone-red/);
  await expect(card.locator('.result-title')).toHaveText('Tàu đã đủ chỗ');
  await expect(page.getByTestId('boat-full')).toContainText('KHÔNG cho lên tàu: đã đủ 40 chỗ');
  await expect(page.getByTestId('result-name')).toHaveText(people[40].name);
  await expect(page.getByTestId('onboard-count')).toHaveText('Đã lên tàu: 40 / 40');
  await expect(page.getByTestId('sailing-refused')).toHaveText('Từ chối vì đủ chỗ: 1');
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1024);
  await shot(page, 'counter-boat-full-1024-vi');
  await page.getByTestId('language-switch').click();
  await expect(card.locator('.result-title')).toHaveText('The boat is full');
  await expect(page.getByTestId('boat-full')).toContainText('Do NOT board: all 40 seats are taken');
  await shot(page, 'counter-boat-full-1024-en');
  await page.getByTestId('language-switch').click();
  await expect(card.locator('.result-title')).toHaveText('Tàu đã đủ chỗ');

  // Boarding closed: the manifest asks to be printed; the print is not made (cancelled).
  await page.getByTestId('close-sailing').click();
  await expect(page.getByTestId('manifest-closed')).toContainText('Đã đóng chuyến lúc');
  await expect(page.getByTestId('manifest')).toHaveAttribute('data-count', '40');
  const rows = page.getByTestId('manifest-rows').locator('tr');
  await expect(rows).toHaveCount(40);
  const names = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[1].textContent));
  expect(names).toEqual(people.slice(0, 40).map((person) => person.name));
  await expect(page.getByTestId('manifest-refused-rows').locator('tr')).toHaveCount(1);
  await expect(page.getByTestId('manifest-refused')).toContainText(people[40].name);
  await expect(page.getByTestId('manifest-reopen')).toBeVisible();
  await shot(page, 'manifest-closed-1024-vi');
  await page.getByTestId('manifest-close').click();
  await expect(page.getByTestId('sailing-none')).toBeVisible();
  await expect(page.getByTestId('sailing-reopen')).toBeVisible();

  // Admin's past sailings: the closed one, reprinted and exported.
  await page.getByTestId('open-admin').click();
  await page.getByTestId('pin-input').fill('2468');
  await page.getByTestId('pin-submit').click();
  const listed = page.getByTestId('sailing-row');
  await expect(listed).toHaveCount(1);
  await expect(listed).toHaveAttribute('data-state', 'closed');
  await expect(listed).toContainText('Tàu cao tốc 07:30');
  await expect(listed).toContainText('40 / 40');
  await page.getByTestId('sailing-row').scrollIntoViewIfNeeded();
  await shot(page, 'admin-sailings-1024-vi');
  const download = page.waitForEvent('download');
  await page.getByTestId('sailing-export').click();
  const csv = readFileSync(await (await download).path()).toString();
  const csvLines = csv.trim().split('\r\n');
  expect(csvLines[0]).toContain('Lên tàu');
  expect(csvLines).toHaveLength(42);
  expect(csvLines.filter((line) => line.endsWith(',Có'))).toHaveLength(40);
  expect(csvLines.filter((line) => line.endsWith(',Không (tàu đủ chỗ)'))).toHaveLength(1);

  await page.getByTestId('sailing-reprint').click();
  await expect(page.getByTestId('manifest-closed')).toHaveCount(0);
  await expect(page.getByTestId('manifest-rows').locator('tr')).toHaveCount(40);
  await expect(page.getByTestId('manifest-route')).toHaveText('Sa Kỳ → Lý Sơn');
  const vi = await printed(page, 'manifest-a4-vi');
  expect(vi.pages).toBeGreaterThanOrEqual(2);
  for (const person of people) expect(vi.text).toContain(person.name);
  expect(vi.text).toContain('DANH SÁCH HÀNH KHÁCH');
  expect(vi.text).toContain('Tổng số: 40 người / 40 chỗ');
  expect(vi.text).toContain('Không được lên tàu: 1 người');
  expect(vi.text).toContain('Thuyền trưởng');
  // Every page numbered at its foot: "1 / 2", "2 / 2".
  for (let number = 1; number <= vi.pages; number += 1)
    expect(vi.text).toMatch(new RegExp(`^\\s*${number}\\s*/\\s*${vi.pages}\\s*$`, 'm'));
  // The minimal profile: only the last four characters of an ID on paper.
  for (const person of people) expect(vi.text).not.toContain(person.id);
  await page.getByTestId('manifest-close').click();

  await page.getByTestId('admin-close').click();
  await page.getByTestId('language-switch').click();
  await page.getByTestId('open-admin').click();
  await page.getByTestId('pin-input').fill('2468');
  await page.getByTestId('pin-submit').click();
  await expect(page.getByTestId('sailing-row')).toContainText('Closed');
  await page.getByTestId('sailing-row').scrollIntoViewIfNeeded();
  await shot(page, 'admin-sailings-1024-en');
  await page.getByTestId('sailing-reprint').click();
  await expect(page.getByTestId('manifest')).toContainText('PASSENGER MANIFEST');
  await shot(page, 'manifest-screen-1024-en');
  const en = await printed(page, 'manifest-a4-en');
  expect(en.text).toContain('Refused boarding: 1 people');
  expect(en.text).toMatch(new RegExp(`^\\s*1\\s*/\\s*${en.pages}\\s*$`, 'm'));

  // Every scan reached the district with its sailing: 40 boarded, the 41st refused boarding.
  await expect.poll(() => recorder.scans().filter((scan) => scan.sailing).length, { timeout: 20_000 }).toBe(41);
  const sent = recorder.scans().filter((scan) => scan.sailing);
  expect(new Set(sent.map((scan) => scan.sailing?.id)).size).toBe(1);
  expect(sent.filter((scan) => scan.sailing?.boarded === true)).toHaveLength(40);
  expect(sent.filter((scan) => scan.sailing?.boarded === false).map((scan) => scan.idNumber)).toEqual([people[40].id]);
  expect(new Date(sent[0].sailing?.departsAt ?? '').getHours()).toBe(7);
  expect(sent.every((scan) => scan.contextLabel === 'Tàu cao tốc 07:30')).toBe(true);
  await expect.poll(() => server.scanIds().length, { timeout: 20_000 }).toBe(41);
});
