import { defineConfig } from '@playwright/test';

/** Debian's Chromium; never a downloaded browser (it cannot be fetched on these machines). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/globalSetup.ts',
  timeout: 60_000,
  // One worker: each test runs a host, a Chromium and sometimes a server on 2 cores; synthetic key
  // events get their time when dispatched, so a starved driver would stretch a scanner's key gaps.
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    viewport: { width: 1024, height: 768 },
  },
});
