/**
 * The Electron shell for real: start, scan, quit. Runs where the Electron runtime is installed; here
 * (ELECTRON_SKIP_BINARY_DOWNLOAD) it prints one line and is skipped.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../electron/electronRuntime';
import { readScans } from './kioskHostProcess';
import { scanKeys } from './wedgeKeys';

const binary = electronBinary();
if (!binary) console.log('electron shell test: SKIPPED (the Electron runtime is not installed on this machine)');

test('the Electron shell starts, records a wedge scan durably and quits cleanly', async () => {
  test.skip(!binary, 'the Electron runtime is not installed on this machine');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-electron-'));
  const app = await electron.launch({
    executablePath: binary as string,
    args: ['dist-electron/main.mjs'],
    env: { ...process.env, KIOSK_DATA_DIR: dataDir },
  });
  const page = await app.firstWindow();
  await expect(page.getByTestId('scan-sink')).toBeFocused();
  expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  await scanKeys(page, 'VE-LS-2026-000731');
  await expect(page.getByTestId('result-card')).toHaveAttribute('data-outcome', 'recorded');
  await app.close();
  expect(readScans(dataDir)).toEqual([expect.objectContaining({ outcome: 'recorded', kind: 'other' })]);
});
