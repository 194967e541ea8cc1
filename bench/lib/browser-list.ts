// The device list as a person gets it: Debian's Chromium (the browser tests' own launcher and
// sign-in, as the demo owner in Globex Corporation),
// timing how long the Devices screen takes to show its first rows, and how long a click on the
// Status header takes to show the rows sorted — with the organization's whole fleet behind it —
// and weighing the JavaScript each first page downloads (sign-in, dashboard, Devices).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchBrowser, signInToDemoClient } from '@crosspoint/e2e';
import { summarize, type Summary } from './stats.ts';

/** The JavaScript a page downloaded, in bytes, from an empty cache. */
export interface ScriptWeight {
  /** Files fetched. */
  files: number;
  /** As sent, body only (Resource Timing's encodedBodySize): what the browser accepted, brotli here. */
  transferred: number;
  /** The same files asked for with `accept-encoding: gzip` (bodies as the hub sends them). */
  gzip: number;
  /** Uncompressed. */
  raw: number;
  /** content-encoding of the files as the browser got them (`identity` when none). */
  encodings: string[];
}

export interface BrowserListResult {
  /** Blank page → first rows, in the signed-in browser (its cache warm: a person coming back). */
  firstRowsMs: Summary;
  /** Blank page → first rows in a new browser context each round (empty cache: a first visit). */
  firstRowsColdMs: Summary;
  sortedRowsMs: Summary;
  /** The list's count as the screen shows it ("100,000 devices"). */
  shownCount: string;
  scripts: { signIn: ScriptWeight; dashboard: ScriptWeight; devices: ScriptWeight };
}

interface ScriptEntry {
  url: string;
  encoded: number;
  decoded: number;
}

/** Body bytes of `url` when asked with `accept-encoding: gzip` (node:http leaves bodies as sent). */
function gzipBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      let n = 0;
      res.on('data', (c: Buffer) => (n += c.length));
      res.on('end', () => resolve(n));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The Devices table's rows, found by CSS: cheap to poll (see `noteFirstRows`). */
const deviceRows = 'table[aria-label="Devices"] tbody tr';

/**
 * Makes every page `page` opens note (in `window.__firstRowsAt`, epoch ms) the moment the Devices
 * table's first row is on screen: put in the document (seen by a MutationObserver in the page), then
 * laid out and painted. The time then ends when the page showed its rows, not when the bench's
 * polling noticed them; and the bench waits with a
 * CSS selector: Playwright's role queries compute every element's accessible name and visibility
 * in the page's main thread at each poll (about 35 ms per poll with 100 rows, measured with the
 * DevTools profiler), time no person's page spends.
 */
async function noteFirstRows(page: Page): Promise<void> {
  // Noted after the frame that shows the rows: a message posted from that frame's animation
  // callback runs once it has been laid out and painted.
  await page.addInitScript(`(() => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector(${JSON.stringify(deviceRows)})) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => (window.__firstRowsAt = performance.timeOrigin + performance.now());
        channel.port2.postMessage(0);
      });
    });
    observer.observe(document, { childList: true, subtree: true });
  })()`);
}

/** The moment `noteFirstRows` noted in the page now open (epoch ms). */
async function firstRowsAt(page: Page): Promise<number> {
  await page.waitForFunction('window.__firstRowsAt !== undefined');
  const at = await page.evaluate<number | undefined>('window.__firstRowsAt');
  if (at === undefined) throw new Error('noteFirstRows: the page noted no rows');
  return at;
}

/**
 * Opens `path` in a new context (empty cache; `storageState` for a signed-in one), waits for
 * `ready`, then sums the scripts the page fetched (Resource Timing; a screen is on the page only
 * once its code and the code it imports have run, so nothing it needs is still loading).
 */
async function weighScripts(
  browser: Browser,
  url: string,
  ready: (page: Page) => Promise<unknown>,
  storageState?: BrowserContextOptions['storageState'],
  /** When the page itself notes the moment it was ready (`noteFirstRows`), that moment ends the time. */
  readyAt?: (page: Page) => Promise<number>,
): Promise<{ weight: ScriptWeight; ms: number }> {
  const context = await browser.newContext(storageState ? { storageState } : {});
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    if (readyAt) await noteFirstRows(page);
    const encodings = new Set<string>();
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.endsWith('.js'))
        encodings.add(r.headers()['content-encoding'] ?? 'identity');
    });
    const t0 = Date.now();
    await page.goto(url);
    await ready(page);
    const ms = (readyAt ? await readyAt(page) : Date.now()) - t0;
    const entries = JSON.parse(
      await page.evaluate<string>(
        `JSON.stringify(performance.getEntriesByType('resource')
          .filter((e) => new URL(e.name).pathname.endsWith('.js'))
          .map((e) => ({ url: e.name, encoded: e.encodedBodySize, decoded: e.decodedBodySize })))`,
      ),
    ) as ScriptEntry[];
    let gzip = 0;
    for (const e of entries) gzip += await gzipBytes(e.url);
    return {
      ms,
      weight: {
        files: entries.length,
        transferred: entries.reduce((n, e) => n + e.encoded, 0),
        gzip,
        raw: entries.reduce((n, e) => n + e.decoded, 0),
        encodings: [...encodings].sort(),
      },
    };
  } finally {
    await context.close();
  }
}

/**
 * Weighs the scripts of the sign-in page, the dashboard and the Devices screen, each from an empty
 * cache; opens the Devices screen `rounds` times from an empty cache and `rounds` times in the
 * signed-in browser: each time from a blank page to the first rows on screen, then (warm rounds) a
 * click on the Status header to the first row of the sorted answer rendered (the hub's answer and
 * React's render, as the person waits for them).
 */
export async function timeDeviceListInBrowser(o: {
  hubUrl: string;
  rounds: number;
}): Promise<BrowserListResult> {
  const testBrowser = await launchBrowser();
  const { browser } = testBrowser;
  try {
    const signIn = await weighScripts(browser, `${o.hubUrl}/sign-in`, (p) =>
      p.getByRole('button', { name: 'Sign in' }).waitFor(),
    );
    const page = await testBrowser.newPage();
    page.setDefaultTimeout(60_000);
    await signInToDemoClient(page, o.hubUrl);
    const session = await page.context().storageState();
    const dashboard = await weighScripts(
      browser,
      `${o.hubUrl}/`,
      (p) => p.getByRole('heading', { name: 'Globex Corporation' }).waitFor(),
      session,
    );
    const rowsOf = (p: Page) => p.locator(deviceRows).first();
    const cold: number[] = [];
    let devices: ScriptWeight | undefined;
    for (let i = 0; i < o.rounds; i++) {
      const round = await weighScripts(
        browser,
        `${o.hubUrl}/devices`,
        (p) => rowsOf(p).waitFor(),
        session,
        firstRowsAt,
      );
      cold.push(round.ms);
      devices ??= round.weight;
    }
    const first: number[] = [];
    const sorted: number[] = [];
    let shownCount = '';
    const rows = page.locator(deviceRows);
    await noteFirstRows(page);
    for (let i = 0; i < o.rounds; i++) {
      await page.goto('about:blank');
      const t0 = Date.now();
      await page.goto(`${o.hubUrl}/devices`);
      await rows.first().waitFor();
      first.push((await firstRowsAt(page)) - t0);
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
    if (!devices) throw new Error('timeDeviceListInBrowser: rounds must be at least 1');
    return {
      firstRowsMs: summarize(first),
      firstRowsColdMs: summarize(cold),
      sortedRowsMs: summarize(sorted),
      shownCount,
      scripts: { signIn: signIn.weight, dashboard: dashboard.weight, devices },
    };
  } finally {
    await testBrowser.close();
  }
}

/** The web build the hub serves (packages/web/dist): all its JavaScript, as built and precompressed. */
export interface WebBuild {
  files: number;
  raw: number;
  /** The .gz files beside them (a file without one counts at its own size: the hub sends it as is). */
  gzip: number;
  brotli: number;
  largestRaw: number;
}

export function weighWebBuild(dir = 'packages/web/dist'): WebBuild | undefined {
  const assets = join(dir, 'assets');
  if (!existsSync(assets)) return undefined;
  const size = (f: string) => (existsSync(f) ? statSync(f).size : undefined);
  const build: WebBuild = { files: 0, raw: 0, gzip: 0, brotli: 0, largestRaw: 0 };
  for (const name of readdirSync(assets).filter((n) => n.endsWith('.js'))) {
    const file = join(assets, name);
    const raw = statSync(file).size;
    build.files++;
    build.raw += raw;
    build.gzip += size(`${file}.gz`) ?? raw;
    build.brotli += size(`${file}.br`) ?? raw;
    build.largestRaw = Math.max(build.largestRaw, raw);
  }
  return build;
}
