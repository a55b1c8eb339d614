/**
 * scan.feedback: Enter pressed in Chromium to the result card painted, through the browser kiosk
 * host. Measured inside the page: the Enter keydown's timestamp to the next animation frame after
 * the card changed. Baseline: the same measurement for a bare page that paints on keydown itself.
 */
import { chromium } from '@playwright/test';
import { startHost } from '../tests/e2e/kioskHostProcess';
import { percentiles } from './scanRecord';
import type { Figure } from './run';

/** Polls the page (our CSP forbids the eval that waitForFunction would need). */
async function waitForSamples(page: import('@playwright/test').Page, count: number): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (((await page.evaluate('window.samples.length')) as number) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('bench: the result card never changed');
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function scanFeedbackFigures(count: number): Promise<Figure[]> {
  const host = await startHost();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.getByTestId('scan-sink').focus();
    // Scripts as strings: the TypeScript runner would add helpers to functions that the page lacks.
    await page.evaluate(`(() => {
      window.samples = [];
      window.addEventListener('keydown', (event) => { if (event.key === 'Enter') window.enterAt = event.timeStamp; }, true);
      const card = document.querySelector('[data-testid="result-card"]');
      new MutationObserver(() => requestAnimationFrame(() => window.samples.push(performance.now() - window.enterAt)))
        .observe(card.parentElement, { subtree: true, attributes: true, attributeFilter: ['data-serial'] });
    })()`);
    for (let i = 0; i < count; i += 1) {
      await page.keyboard.type(`VE-${String(i).padStart(6, '0')}`, { delay: 2 });
      await page.keyboard.press('Enter');
      await waitForSamples(page, i + 1);
    }
    const samples = (await page.evaluate('window.samples')) as number[];

    const bare = await browser.newPage();
    await bare.setContent('<div id="c">0</div>');
    await bare.evaluate(`(() => {
      window.samples = [];
      window.addEventListener('keydown', (event) => {
        const at = event.timeStamp;
        document.getElementById('c').textContent = String(at);
        requestAnimationFrame(() => window.samples.push(performance.now() - at));
      });
    })()`);
    for (let i = 0; i < count; i += 1) await bare.keyboard.press('Enter');
    await waitForSamples(bare, count);
    const floor = (await bare.evaluate('window.samples')) as number[];

    const ours = percentiles(samples);
    const base = percentiles(floor);
    return (['p50', 'p99'] as const).map((q) => ({
      name: `scan.feedback ${q}`,
      value: Number(ours[q].toFixed(1)),
      unit: 'ms',
      baseline: Number(base[q].toFixed(1)),
      ratio: Number((ours[q] / Math.max(0.1, base[q])).toFixed(1)),
      note: `target p99 < 50 ms; baseline = a bare page painting on keydown, same browser; ${count} scans`,
    }));
  } finally {
    await browser.close();
    await host.stop();
  }
}
