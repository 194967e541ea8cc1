// The device list as a person gets it: Debian's Chromium (playwright-core) signed in to the hub,
// timing how long the Devices screen takes to show its first rows, and how long a click on the
// Status header takes to show the rows sorted — with the organization's whole fleet behind it.
import { chromium, type Page } from 'playwright-core';
import { summarize, type Summary } from './stats.ts';

export interface BrowserListResult {
  firstRowsMs: Summary;
  sortedRowsMs: Summary;
  /** The list's count as the screen shows it ("100,000 devices"). */
  shownCount: string;
}

const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function signIn(
  page: Page,
  hubUrl: string,
  email: string,
  password: string,
  orgName: string,
): Promise<void> {
  await page.goto(`${hubUrl}/sign-in`);
  await page.getByLabel('Username or email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const terms = page.getByRole('dialog', { name: 'Read and accept terms' });
  await terms.getByLabel('I accept the Terms of Use').check();
  await terms.getByLabel('I accept the Privacy Policy').check();
  await terms.getByRole('button', { name: 'Accept' }).click();
  await page.getByRole('button', { name: 'Choose Organization…' }).click();
  await page
    .getByRole('dialog', { name: 'Choose Organization' })
    .getByRole('button', { name: new RegExp(orgName) })
    .click();
  await page.getByRole('heading', { name: orgName }).waitFor();
}

/**
 * Opens the Devices screen `rounds` times: each time from a blank page to the first rows on screen,
 * then a click on the Status header to the first row of the sorted answer rendered (the hub's answer
 * and React's render, as the person waits for them).
 */
export async function timeDeviceListInBrowser(o: {
  hubUrl: string;
  email: string;
  password: string;
  orgName: string;
  rounds: number;
}): Promise<BrowserListResult> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    await signIn(page, o.hubUrl, o.email, o.password, o.orgName);
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
