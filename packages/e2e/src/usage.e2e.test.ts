// Usage metering in Chromium: the support owner sees a client's usage this month on the
// Organizations screen, opens the client's usage (chart and table per day), switches to the previous
// month and downloads the CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoAccounts, type RunningHub } from '@crosspoint/hub';
import type { FakeAgent } from '@crosspoint/hub/testing';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, screenshot, type TestBrowser } from './browser.ts';
import { connectDemoAgent, signInAsDemoOwner, startHubForBrowser } from './hub-fixture.ts';

const monthName = (d: Date) =>
  d.toLocaleDateString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });

describe('usage metering in Chromium', () => {
  let hub: RunningHub;
  let browser: TestBrowser;
  let page: Page;
  let agent: FakeAgent | undefined;
  const now = new Date();
  const thisMonth = monthName(now);
  const lastMonth = monthName(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));

  beforeAll(async () => {
    hub = await startHubForBrowser();
    await hub.services.bootstrap.seedDemo();
    browser = await launchBrowser();
    page = await browser.newPage();
    // The demo client Globex Corporation (C10000) reports four Pro Audio devices.
    agent = (
      await connectDemoAgent(hub, `${demoAccounts.agent.name}@C10000`, [
        'Healthy',
        'Healthy',
        'Down',
        'Healthy',
      ])
    ).agent;
  });
  afterAll(async () => {
    agent?.close();
    await browser.close();
    await hub.close();
  });

  it('shows a client’s usage this month on the Organizations screen', async () => {
    await signInAsDemoOwner(page, hub.url);
    await page.getByRole('heading', { name: 'Demo AV Integrators' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
    const table = page.getByRole('table', { name: 'Client organizations' });
    await table.getByRole('columnheader', { name: 'Usage this month' }).waitFor();
    const globex = table.getByRole('row', { name: /Globex Corporation/ });
    await globex.getByText(/Pro Audio: [\d.]+ avg \/ 4 peak/).waitFor();
    await expectNoSeriousViolations(page, 'organizations with usage this month');
  });

  it('opens the client’s usage: a chart and a table per day, another month, the CSV', async () => {
    await page
      .getByRole('table', { name: 'Client organizations' })
      .getByRole('link', { name: 'Usage of Globex Corporation' })
      .click();
    await page.getByRole('heading', { name: 'Usage of Globex Corporation' }).waitFor();
    await page.getByRole('img', { name: new RegExp(`per day in ${thisMonth}`) }).waitFor();
    const days = page.getByRole('table', { name: `Usage per day in ${thisMonth}` });
    // Today so far: four devices at peak.
    const today = days.getByRole('row', { name: /so far/ });
    await today.waitFor();
    expect(await today.getByRole('cell').nth(1).innerText()).toBe('4');
    await page
      .getByRole('group', { name: `Totals for ${thisMonth}` })
      .or(page.getByLabel(`Totals for ${thisMonth}`))
      .first()
      .waitFor();
    await screenshot(page, 'usage-client');
    await expectNoSeriousViolations(page, 'usage of a client');

    await page.getByRole('button', { name: 'Previous month' }).click();
    const previous = page.getByRole('table', { name: `Usage per day in ${lastMonth}` });
    await previous.waitFor();
    // Metering began today: every day of last month is there, with nothing monitored.
    await expect.poll(() => previous.getByRole('row').count()).toBeGreaterThanOrEqual(29);
    expect(await previous.getByRole('row').nth(1).getByRole('cell').nth(1).innerText()).toBe('0');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download CSV' }).click();
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile(await (await download).path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'day,pro_audio_peak,pro_audio_device_days,video_peak,video_device_days,overflow,overflowed_peak,plan_max_devices,partial',
    );
    expect((await download).suggestedFilename()).toMatch(
      /^usage-Globex-Corporation-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.csv$/,
    );
  });
});
