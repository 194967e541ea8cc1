// The first five minutes (issue #25), from the README's own command: `crosspoint demo` (what
// `npm start` runs) in a process of its own; Chromium signs in as the owner it prints, sees devices
// of several clients on the first screen, pastes the fault-injection command it prints and watches
// the dashboard change, then opens Devices and Locations. Screenshots of the first screens are kept
// in .test-results/screenshots for review.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runCli } from '@crosspoint/cli';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, screenshot, type TestBrowser } from './browser.ts';
import { freePort } from './hub-fixture.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The demo's printed lines, once it says "Press Ctrl-C to stop." */
async function startDemo(dataDir: string, port: number): Promise<{ child: ChildProcess; printed: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'packages/cli/src/main.ts', 'demo', '--data-dir', dataDir, '--port', String(port)],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let printed = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not start:\n${printed}`)), 90_000);
    const read = (d: Buffer) => {
      printed += d.toString();
      if (printed.includes('Press Ctrl-C to stop.')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`the demo exited (${String(code)}):\n${printed}`)));
  });
  return { child, printed };
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

describe('the first five minutes with the demo, in Chromium', () => {
  let dir: string;
  let demo: { child: ChildProcess; printed: string };
  let browser: TestBrowser;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cp-e2e-demo-'));
    demo = await startDemo(join(dir, 'data'), await freePort());
    url = /Open (http:\/\/\S+) in your browser/.exec(demo.printed)?.[1] ?? '';
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 120_000);
  afterAll(async () => {
    await browser.close();
    demo.child.kill('SIGINT');
    await new Promise((r) => demo.child.once('exit', r));
    await rm(dir, { recursive: true, force: true });
  });

  it('prints how to sign in and which clients it simulates', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(demo.printed).toMatch(/Sign in as (\S+) \(support organization owner\)/);
    expect(demo.printed).toMatch(/Password: \S+/);
    expect(demo.printed).toMatch(
      /Globex Corporation, Northwind Bank, Riverside University, St\. Mary’s Hospital/,
    );
  });

  it('shows the whole fleet of several clients on the owner’s first screen, and a pasted fault live', async () => {
    const email = /Sign in as (\S+) \(support organization owner\)/.exec(demo.printed)?.[1] ?? '';
    const password = /Password: (\S+)/.exec(demo.printed)?.[1] ?? '';
    await page.goto(`${url}/sign-in`);
    await page.getByLabel('Username or email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const terms = page.getByRole('dialog', { name: 'Read and accept terms' });
    await terms.getByLabel('I accept the Terms of Use').check();
    await terms.getByLabel('I accept the Privacy Policy').check();
    await terms.getByRole('button', { name: 'Accept' }).click();
    // The first screen: the integrator's dashboard with every client's devices.
    for (const client of [
      'Globex Corporation',
      'Northwind Bank',
      'Riverside University',
      'St. Mary’s Hospital',
    ])
      await page.getByRole('main').getByText(client, { exact: true }).first().waitFor({ timeout: 30_000 });
    const down = page
      .getByRole('main')
      .getByRole('figure', { name: 'Devices', exact: true })
      .locator('ul.legend')
      .getByRole('button', { name: /^Down: \d+$/ });
    await down.waitFor({ timeout: 30_000 });
    await expect
      .poll(async () => Number(/\d+/.exec((await down.innerText()) || '')?.[0] ?? 0), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(2);
    const before = Number(/\d+/.exec(await down.innerText())?.[0] ?? 0);
    await screenshot(page, 'demo-first-screen');
    await expectNoSeriousViolations(page, 'the demo owner’s first screen');

    // Paste the printed fault: a healthy box goes down, the dashboard follows without a reload.
    const hint = /npm run crosspoint -- (sim fault set .+)$/m.exec(demo.printed)?.[1] ?? '';
    expect(hint).toMatch(/sim fault set \S+ down --control-url http:\/\/127\.0\.0\.1:\d+/);
    const lines: string[] = [];
    const code = await runCli(hint.split(' '), { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    expect(code, lines.join('\n')).toBe(0);
    await expect
      .poll(async () => Number(/\d+/.exec(await down.innerText())?.[0] ?? 0), { timeout: 30_000 })
      .toBe(before + 1);
    await screenshot(page, 'demo-first-screen-after-fault');
  });

  it('reads like a real site: devices named after their rooms, in a location tree', async () => {
    await nav(page, 'Pro Audio');
    const table = page.getByRole('table');
    await table
      .getByText(/^Boardroom-4\.12-DSP1$/)
      .first()
      .waitFor({ timeout: 30_000 });
    await table.getByText('Boardroom 4.12', { exact: true }).first().waitFor();
    await screenshot(page, 'demo-devices');
    // One line a row: the list reads like a site.
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height));
    expect(Math.max(...rows)).toBeLessThan(40);
    // A client: its rooms in a tree, its alert rules.
    await page.getByRole('button', { name: 'Choose Organization…' }).click();
    await page
      .getByRole('dialog', { name: 'Choose Organization' })
      .getByRole('button', { name: /Northwind Bank/ })
      .click();
    await page.getByRole('heading', { name: 'Northwind Bank' }).waitFor();
    await nav(page, 'Locations');
    await page.getByRole('main').getByText('Client Suite 2.1', { exact: true }).first().waitFor();
    await screenshot(page, 'demo-locations');
    await nav(page, 'Alerts');
    await page.getByRole('tab', { name: 'Rules' }).click();
    await page.getByRole('main').getByText('Device down for 30 seconds').first().waitFor();
    await screenshot(page, 'demo-alert-rules');
  });

  it('keeps the mail it cannot send (no SMTP server in the demo) for the operator to read under Hub status', async () => {
    const owner = /Sign in as (\S+) \(support organization owner\)/.exec(demo.printed)?.[1] ?? '';
    const asked = await fetch(`${url}/api/v1/auth/forgot-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: owner }),
    });
    expect(asked.status).toBe(202);
    const operator = /or (\S+) \(platform operator\)/.exec(demo.printed)?.[1] ?? '';
    const password = /Password: (\S+)/.exec(demo.printed)?.[1] ?? '';
    const op = await browser.newPage();
    await op.setViewportSize({ width: 1280, height: 800 });
    await op.goto(`${url}/sign-in`);
    await op.getByLabel('Username or email address').fill(operator);
    await op.getByLabel('Password', { exact: true }).fill(password);
    await op.getByRole('button', { name: 'Sign in' }).click();
    const terms = op.getByRole('dialog', { name: 'Read and accept terms' });
    await terms.getByLabel('I accept the Terms of Use').check();
    await terms.getByLabel('I accept the Privacy Policy').check();
    await terms.getByRole('button', { name: 'Accept' }).click();
    await op
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Hub status', exact: true })
      .click();
    const mail = op.getByRole('table', { name: 'Outgoing mail' });
    await op.getByLabel('Search outgoing mail').fill(owner);
    const read = mail.getByRole('button', { name: /^Read “.*password.*”$/i }).first();
    await read.waitFor({ timeout: 20_000 });
    await expect.poll(() => mail.getByText('Kept here', { exact: true }).count()).toBeGreaterThan(0);
    await read.click();
    const dialog = op.getByRole('dialog').last();
    await dialog.getByText(owner, { exact: true }).waitFor();
    expect(await dialog.locator('pre.mail-text').innerText()).toMatch(/password/i);
    await expectNoSeriousViolations(op, 'the operator reading a kept mail');
    await screenshot(op, 'demo-outgoing-mail');
    await op.close();
  });
});
