import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath, showBrowser } from './config.ts';

export interface TestBrowser {
  browser: Browser;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Debian's Chromium with the flags this kind of machine needs: no sandbox (root), no GPU, and no
 * background networking (the machine's closed network refuses it). Playwright gives every launch
 * a fresh temporary profile.
 */
export async function launchBrowser(): Promise<TestBrowser> {
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
