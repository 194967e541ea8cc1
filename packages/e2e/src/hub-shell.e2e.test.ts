import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { loadHubConfig, startHub, defaultWebDir, type RunningHub } from '@crosspoint/hub';
import { launchBrowser, type TestBrowser } from './browser.ts';

describe('web shell in Chromium', () => {
  let hub: RunningHub;
  let browser: TestBrowser;

  beforeAll(async () => {
    if (!existsSync(join(defaultWebDir, 'index.html'))) {
      throw new Error('The web app is not built: run `npm run build:web` (npm test does it first).');
    }
    hub = await startHub(loadHubConfig({ port: '0', logLevel: 'silent' }, {}), {
      logger: pino({ level: 'silent' }),
      database: { kind: 'pglite', dataDir: null },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await hub.close();
  });

  it('shows the hub status and refreshes it on a click', async () => {
    const page = await browser.newPage();
    await page.goto(hub.url);
    await expect(page.getByRole('heading', { name: 'Hub status' }).isVisible()).resolves.toBe(true);
    await page.getByTestId('hub-version').waitFor();
    expect(await page.getByRole('table', { name: 'Dependencies' }).innerText()).toMatch(/database\s+Answering/);

    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    const answered = page.waitForResponse((r) => r.url().endsWith('/readyz'));
    await page.getByRole('button', { name: 'Refresh' }).click();
    await answered;
    expect(requests).toContain('/readyz');
    expect(requests).toContain('/api/v1/system/info');
    await page.close();
  });

  it('answers an unknown deep link with a helpful page, and the link leads home', async () => {
    const page = await browser.newPage();
    await page.goto(`${hub.url}/no/such/screen`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.getByRole('link', { name: 'Back to the hub status' }).click();
    await page.getByRole('heading', { name: 'Hub status' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.close();
  });

  it('is usable from the keyboard: the skip link moves focus to the content', async () => {
    const page = await browser.newPage();
    await page.goto(hub.url);
    await page.getByTestId('hub-version').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });
});
