// The device list as a person gets it: Debian's Chromium (the browser tests' own launcher and
// sign-in, as the demo owner in Globex Corporation),
// timing how long the Devices screen takes to show its first rows, and how long a click on the
// Status header takes to show the rows sorted — with the organization's whole fleet behind it.
import { launchBrowser, signInToDemoClient } from '@crosspoint/e2e';
import { summarize, type Summary } from './stats.ts';

export interface BrowserListResult {
  firstRowsMs: Summary;
  sortedRowsMs: Summary;
  /** The list's count as the screen shows it ("100,000 devices"). */
  shownCount: string;
}

/**
 * Opens the Devices screen `rounds` times: each time from a blank page to the first rows on screen,
 * then a click on the Status header to the first row of the sorted answer rendered (the hub's answer
 * and React's render, as the person waits for them).
 */
export async function timeDeviceListInBrowser(o: {
  hubUrl: string;
  rounds: number;
}): Promise<BrowserListResult> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    await signInToDemoClient(page, o.hubUrl);
    const first: number[] = [];
    const sorted: number[] = [];
    let shownCount = '';
    const rows = page.getByRole('table', { name: 'Devices' }).locator('tbody tr');
    for (let i = 0; i < o.rounds; i++) {
      await page.goto('about:blank');
      const t0 = Date.now();
      await page.goto(`${o.hubUrl}/devices`);
      await rows.first().waitFor();
      first.push(Date.now() - t0);
      shownCount = (await page.getByTestId('list-count').innerText()).trim();
      const answered = page.waitForResponse(
        (r) => r.url().includes('/devices?') && r.url().includes('sort=status'),
      );
      const t1 = Date.now();
      await page.getByRole('button', { name: 'Status' }).first().click();
      await answered;
      await page.locator('th[aria-sort]', { hasText: 'Status' }).waitFor();
      await rows.first().waitFor();
      // The frame the sorted rows are painted in.
      await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)))');
      sorted.push(Date.now() - t1);
    }
    return { firstRowsMs: summarize(first), sortedRowsMs: summarize(sorted), shownCount };
  } finally {
    await browser.close();
  }
}
