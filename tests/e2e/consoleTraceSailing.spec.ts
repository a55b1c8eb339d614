/**
 * A ferry case traced in the console: a port kiosk uploads a sailing of 40 passengers (names folded
 * by a US-layout wedge), a 41st refused for a full boat, and the next sailing's passengers; the
 * trace of one passenger lists exactly the other 39 who boarded under that sailing, and of the rest
 * at the port only those who were there with them (the refused one, the next boat's early comers).
 * Photographed in Vietnamese and English at 1024x768, and in print.
 */
import { expect, test, type Page } from '@playwright/test';
import type { UploadedScan } from '../../shared/district';
import { createVenue, enrollDevice, postBatch } from '../support/districtHttp';
import { uploadedScan } from '../support/districtSamples';
import type { DistrictProcess } from '../support/districtServerProcess';
import { signInConsole, startConsoleServer } from './consoleServer';
import { docsShot } from './docsShots';

const servers: DistrictProcess[] = [];

test.afterAll(async () => {
  for (const server of servers) await server.stop().catch(() => undefined);
});

const TRACED = '051090000100';
const FAMILY = ['NGUYEN', 'TRAN', 'LE', 'PHAM', 'HUYNH', 'VO', 'DANG', 'BUI'];
const GIVEN = ['VAN AN', 'THI HONG', 'MINH TAM', 'THI LAN', 'QUOC BAO'];
const idOf = (i: number) => `0510900${String(i).padStart(5, '0')}`;
/** A name as a US-layout wedge leaves it: Vietnamese letters folded to ASCII. */
const nameOf = (i: number) => `${FAMILY[i % FAMILY.length]} ${GIVEN[i % GIVEN.length]}`;

/** The boarded passengers of the first boat (ids 101 to 139, and the traced one), the refused 41st, the next boat's. */
const ON_BOARD = Array.from({ length: 39 }, (_, i) => idOf(101 + i));
const REFUSED = idOf(141);
const NEXT_MET = [idOf(201), idOf(202), idOf(203)];
const NEXT_APART = Array.from({ length: 7 }, (_, i) => idOf(211 + i));

async function contactIdsOf(page: Page, group: string): Promise<string[]> {
  return (
    await page
      .locator(`[data-testid="contact-part"][data-group="${group}"] [data-contact]`)
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-contact') ?? ''))
  ).sort();
}

test("a passenger's trace lists the voyage's passengers under the sailing, and the next boat's only where they met", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const started = await startConsoleServer('chi.truyvet');
  servers.push(started.server);
  const { url, deviceToken } = started;
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const first = { id: '0190c000-0000-4000-8000-000000000730', departsAt: at(120) };
  const next = { id: '0190c000-0000-4000-8000-000000000930', departsAt: at(-10) };
  // Labels as the counter names its boats: by their departure, local time.
  const hm = (iso: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit' }).format(
      new Date(iso),
    );
  const FIRST_LABEL = `Tàu ${hm(first.departsAt)} Sa Kỳ - Lý Sơn`;
  const NEXT_LABEL = `Tàu ${hm(next.departsAt)} Sa Kỳ - Lý Sơn`;
  let seq = 0;
  const scan = (
    minutesAgo: number,
    idNumber: string,
    fullName: string,
    sailing: { id: string; departsAt: string; boarded: boolean },
    label: string,
    direction: 'in' | 'out' = 'in',
  ): UploadedScan =>
    uploadedScan(at(minutesAgo), {
      seq: (seq += 1),
      idNumber,
      fullName,
      birthDate: '1990',
      direction,
      contextLabel: label,
      sailing,
      problems: ['letters-folded'],
    });
  const scans: UploadedScan[] = [
    // Two passengers scanned in and out long before the traced one came: on the voyage all the same.
    ...ON_BOARD.slice(0, 2).flatMap((id, i) => [
      scan(200 - i, id, nameOf(i), { ...first, boarded: true }, FIRST_LABEL),
      scan(190 - i, id, nameOf(i), { ...first, boarded: true }, FIRST_LABEL, 'out'),
    ]),
    ...ON_BOARD.slice(2).map((id, i) => scan(170 - i, id, nameOf(i + 2), { ...first, boarded: true }, FIRST_LABEL)),
    scan(150, TRACED, 'PHAM THI HONG', { ...first, boarded: true }, FIRST_LABEL),
    // Seat 41: the boat was full; recorded at the port, not on board.
    scan(125, REFUSED, 'TRAN VAN BINH', { ...first, boarded: false }, FIRST_LABEL),
    // The next boat: three came before the first one left, seven after.
    ...NEXT_MET.map((id, i) => scan(130 - i, id, nameOf(i + 50), { ...next, boarded: true }, NEXT_LABEL)),
    ...NEXT_APART.map((id, i) => scan(90 - i * 5, id, nameOf(i + 60), { ...next, boarded: true }, NEXT_LABEL)),
  ];
  const sent = await postBatch(url, deviceToken, { sentAt: at(0), appVersion: '0.1.0', pendingCount: 0, scans });
  expect(sent.status).toBe(200);
  const answer = (await sent.json()) as { results: { status: string }[] };
  expect(answer.results.map((r) => r.status)).toEqual(scans.map(() => 'accepted'));

  await signInConsole(page, url, 'chi.truyvet');
  await page.getByTestId('nav-trace').click();
  await page.getByTestId('trace-id').fill(TRACED);
  await page.getByTestId('trace-case').fill('BN-2026-LS1');
  await page.getByTestId('trace-submit').click();

  const visit = page.locator('[data-testid="visits"] li');
  await expect(visit).toHaveCount(1);
  await expect(visit).toContainText(FIRST_LABEL);
  await expect(visit).toContainText('Kết thúc: giờ tàu chạy');
  await expect(visit).toContainText(`đã lên tàu, khởi hành ${hm(first.departsAt)}`);
  // Exactly the voyage's other passengers under the sailing; the refused and the next boat's early comers met at the port.
  await expect(page.locator('[data-testid="contact-part"][data-group="sailing"] h4')).toContainText(
    `Cùng chuyến tàu ${FIRST_LABEL}`,
  );
  expect(await contactIdsOf(page, 'sailing')).toEqual([...ON_BOARD].sort());
  expect(await contactIdsOf(page, 'met')).toEqual([REFUSED, ...NEXT_MET].sort());
  for (const id of NEXT_APART) await expect(page.locator(`[data-contact="${id}"]`)).toHaveCount(0);
  // Named on every row, as the card gave the name.
  await expect(page.locator(`[data-contact="${ON_BOARD[0]}"]`)).toContainText(nameOf(0));

  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: docsShot('console/trace-sailing-vi-1024.png') });
  await page.getByTestId('lang-en').first().click();
  await expect(page.locator('[data-testid="contact-part"][data-group="sailing"] h4')).toContainText(
    `Same sailing ${FIRST_LABEL}`,
  );
  await page.screenshot({ path: docsShot('console/trace-sailing-en-1024.png') });
  await page.getByTestId('lang-vi').first().click();
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: docsShot('console/trace-sailing-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
});

test("a hotel guest's trace lists the guests of the same room first, under the room", async ({ page }) => {
  test.setTimeout(120_000);
  const started = await startConsoleServer('chi.truyvet');
  servers.push(started.server);
  const { url } = started;
  const { deviceToken } = await enrollDevice(url, (await createVenue(url, 'Khách sạn Biển Xanh', 'hotel')).code);
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  let seq = 0;
  const guest = (minutesAgo: number, idNumber: string, fullName: string, room: string, direction: 'in' | 'out') =>
    uploadedScan(at(minutesAgo), { seq: (seq += 1), idNumber, fullName, direction, contextLabel: room });
  const scans = [
    guest(600, '051090000301', 'Võ Thị Thu', 'P.203', 'in'),
    guest(500, '051090000302', 'Đặng Minh Khoa', 'P. 203', 'in'),
    guest(480, '051090000303', 'Bùi Văn Hải', '305', 'in'),
    guest(300, '051090000303', 'Bùi Văn Hải', '305', 'out'),
    guest(200, '051090000301', 'Võ Thị Thu', 'P.203', 'out'),
    guest(100, '051090000302', 'Đặng Minh Khoa', 'P. 203', 'out'),
  ];
  const sent = await postBatch(url, deviceToken, { sentAt: at(0), appVersion: '0.1.0', pendingCount: 0, scans });
  expect(sent.status).toBe(200);

  await signInConsole(page, url, 'chi.truyvet');
  await page.getByTestId('nav-trace').click();
  await page.getByTestId('trace-id').fill('051090000302');
  await page.getByTestId('trace-case').fill('BN-2026-KS2');
  await page.getByTestId('trace-submit').click();
  await expect(page.locator('[data-testid="contact-part"][data-group="room"] h4')).toContainText('Cùng phòng P. 203');
  expect(await contactIdsOf(page, 'room')).toEqual(['051090000301']);
  expect(await contactIdsOf(page, 'met')).toEqual(['051090000303']);
  await page.screenshot({ path: docsShot('console/trace-room-vi-1024.png') });
});
