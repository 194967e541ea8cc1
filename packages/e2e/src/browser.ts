import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath, showBrowser } from './config.ts';

export interface TestBrowser {
  browser: Browser;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * For calls (communications.e2e): a fake camera and microphone, granted without asking, and ICE
 * candidates on loopback too (the calls of a test relay through a TURN server on 127.0.0.1).
 */
const callFlags = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
];

/**
 * Debian's Chromium with the flags this kind of machine needs: no sandbox (root), no GPU, and no
 * background networking (the machine's closed network refuses it). Playwright gives every launch
 * a fresh temporary profile.
 */
export async function launchBrowser(options: { fakeMedia?: boolean } = {}): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: !showBrowser,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.fakeMedia ? callFlags : []),
    ],
  });
  return {
    browser,
    newPage: async () => {
      const page = await browser.newPage();
      page.setDefaultTimeout(10_000);
      return page;
    },
    close: async () => {
      await browser.close();
    },
  };
}

/**
 * Saves a screenshot of the page for reviewers under `.test-results/screenshots/` (git-ignored).
 * Never fails a test: a screenshot is an artifact, not an assertion.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const { mkdir } = await import('node:fs/promises');
  const dir = new URL('../../../.test-results/screenshots/', import.meta.url);
  await mkdir(dir, { recursive: true });
  await page
    .screenshot({ path: new URL(`${name}.png`, dir).pathname, fullPage: true })
    .catch(() => undefined);
}
