// Dashboard and device list in the browser, fed by a scripted agent: live, filterable, clickable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { demoAccounts, type RunningHub } from '@crosspoint/hub';
import { FakeAgent, linkDevice } from '@crosspoint/hub/testing';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, screenshot, type TestBrowser } from './browser.ts';
import { connectDemoAgent, signInToDemoClient, startHubForBrowser } from './hub-fixture.ts';

describe('dashboard and devices in Chromium', () => {
  let hub: RunningHub;
  let browser: TestBrowser;
  let page: Page;
  let agent: FakeAgent;
  let seq = 0;

  beforeAll(async () => {
    hub = await startHubForBrowser();
    await hub.services.bootstrap.seedDemo();
    browser = await launchBrowser();
    page = await browser.newPage();
    const statuses = ['Down', 'Safety Mute On', 'OVERHEATING!', 'Healthy', 'Healthy', 'Healthy'];
    ({ agent, seq } = await connectDemoAgent(hub, `${demoAccounts.agent.name}@C10000`, statuses));
  });
  afterAll(async () => {
    agent.close();
    await browser.close();
    await hub.close();
  });

  it('shows Down / Issues / Healthy and opens the filtered list from the chart', async () => {
    await signInToDemoClient(page, hub.url);
    const chart = page.getByRole('group', { name: 'Devices by Down, Issues, Healthy' });
    await chart.getByRole('button', { name: 'Down: 1' }).waitFor();
    await chart.getByRole('button', { name: 'Issues: 2' }).waitFor();
    await screenshot(page, 'dashboard');
    await expectNoSeriousViolations(page, 'dashboard (client)');
    // The slices are keyboard-operable buttons; the legend beside them leads to the same lists.
    await chart.getByRole('button', { name: 'Healthy: 3' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Devices', exact: true }).waitFor();
    await page
      .getByTestId('list-count')
      .getByText(/^3 devices/)
      .waitFor();
    expect(new URL(page.url()).searchParams.get('group')).toBe('healthy');
    await expectNoSeriousViolations(page, 'devices, healthy');
  });

  it('updates the list live when the agent reports a change, without reload', async () => {
    await page.getByLabel('Filter by group').selectOption('down');
    await page
      .getByTestId('list-count')
      .getByText(/^1 device\b/)
      .waitFor();
    await page.getByRole('status', { name: 'Live updates on' }).waitFor();
    agent.send({
      type: 'deltas',
      seq: ++seq,
      changes: [{ id: linkDevice(5).id, status: 'Down', since: Date.now(), at: Date.now() }],
    });
    await page
      .getByTestId('list-count')
      .getByText(/^2 devices/)
      .waitFor();
    expect(await page.getByRole('table', { name: 'Devices' }).innerText()).toMatch(/Room 5/);
    await screenshot(page, 'devices');
    await expectNoSeriousViolations(page, 'devices, down');
  });

  it('sorts, searches, hides a column and opens a device with its history', async () => {
    await page.getByLabel('Filter by group').selectOption('');
    await page
      .getByTestId('list-count')
      .getByText(/^6 devices/)
      .waitFor();
    await page.getByRole('button', { name: 'Name' }).click();
    await expect
      .poll(() => page.getByRole('columnheader', { name: 'Name', exact: true }).getAttribute('aria-sort'))
      .toBe('descending');
    const firstName = async () =>
      (await page.getByRole('table', { name: 'Devices' }).locator('tbody tr').first().innerText()).includes(
        'Room 6',
      );
    await expect.poll(firstName).toBe(true);
    await page.getByLabel('Search devices').fill('127.20.1.13');
    await page
      .getByTestId('list-count')
      .getByText(/^1 device\b/)
      .waitFor();
    // The connections path reads on one line: its last two steps, the whole path on hover.
    const path = page
      .getByRole('table', { name: 'Devices' })
      .getByTitle('HQ Rack › Subnet 127.20.1.0/24 (sim1) › Stack A › C-Link 03');
    expect(await path.innerText()).toBe('… › Stack A › C-Link 03');
    await page.locator('.columns-menu summary').click();
    await page.getByLabel('Serial #').uncheck();
    expect(await page.getByRole('columnheader', { name: 'Serial #' }).count()).toBe(0);
    await expectNoSeriousViolations(page, 'devices, searched, columns menu open');
    await page.getByRole('link', { name: 'Room 3' }).click();
    await page.getByRole('heading', { name: 'Room 3' }).waitFor();
    expect(await page.getByTestId('device-status').innerText()).toMatch(/OVERHEATING!/);
    expect(await page.getByRole('navigation', { name: 'Connections' }).innerText()).toMatch(
      /HQ Rack › Subnet 127\.20\.1\.0\/24 \(sim1\) › Stack A › C-Link 03/,
    );
    await page.getByRole('list', { name: 'Status history' }).getByText('OVERHEATING!').waitFor();
    // Availability per day from the hub's daily figures: 30 bars; the device is known since an hour
    // ago, in an issue (available), so today reads 100 % and the older days have no status known.
    const chart = page.getByTestId('availability-chart');
    await chart.getByRole('img', { name: 'Available per day, last 30 days (UTC)' }).waitFor();
    expect(await chart.locator('rect').count()).toBe(30);
    const bars = chart.locator('rect title');
    expect(await bars.last().textContent()).toMatch(/: 100% available$/);
    expect(await bars.first().textContent()).toMatch(/: no status known$/);
    expect(await page.getByTestId('availability').innerText()).toMatch(/Available, last 7 days\s+100%/);
    await screenshot(page, 'device-detail');
    await expectNoSeriousViolations(page, 'device detail');
  });

  it('finds help for this organization and role, from the navigation bar', async () => {
    await page.getByRole('search').getByLabel('Search help').fill('overflowed');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Help' }).waitFor();
    await page.getByRole('heading', { name: 'Device statuses and what to do' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Enterprise license' }).count()).toBe(0);
    await expectNoSeriousViolations(page, 'help, searched');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Downloads' }).click();
    await page.getByRole('heading', { name: 'Crosspoint agent' }).waitFor();
    await expectNoSeriousViolations(page, 'downloads');
    await page.goBack();
    await page.goBack();
  });

  it('runs device actions as jobs with live progress, asking before risky ones', async () => {
    await page.getByRole('button', { name: 'Locate on' }).click();
    const locate = await agent.next('command');
    expect(locate.command).toEqual({ type: 'locate', on: true });
    agent.send({ type: 'command-result', commandId: locate.commandId, ok: true, result: { on: true } });
    await page
      .getByTestId('job-progress')
      .getByText(/1 of 1 done/)
      .waitFor();

    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    await page.getByRole('button', { name: 'Restart', exact: true }).click();
    const restart = await agent.next('command');
    expect(asked).toMatch(/Restart Room 3\?/);
    agent.send({ type: 'job-progress', commandId: restart.commandId, percent: 40, phase: 'Restarting...' });
    await page
      .getByTestId('job-progress')
      .getByText(/Restarting\.\.\./)
      .waitFor();
    agent.send({
      type: 'command-result',
      commandId: restart.commandId,
      ok: false,
      error: { code: 'DEVICE_TIMEOUT', message: 'The device did not come back within 5 minutes.' },
    });
    await page
      .getByTestId('job-progress')
      .getByText(/1 failed/)
      .waitFor();
    // Shown with the action's progress and in the device's list of jobs.
    await expect
      .poll(() => page.getByText('The device did not come back within 5 minutes.').count())
      .toBeGreaterThanOrEqual(1);
    await expectNoSeriousViolations(page, 'device detail, job failed');
  });

  it('downloads the current view as CSV and selects all visible rows', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Pro Audio', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Pro Audio devices' }).waitFor();
    await page
      .getByTestId('list-count')
      .getByText(/^6 devices/)
      .waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile(await file.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'Status,Product model,Name,Serial #,Connections,Location,Firmware,Access IP',
    );
    expect(csv.trim().split('\r\n')).toHaveLength(7);
    await page.getByLabel('Select all visible devices').check();
    await page.getByRole('region', { name: 'Selection' }).getByText('6 selected').waitFor();
    await expectNoSeriousViolations(page, 'Pro Audio devices, all selected');
  });
  it('opened by its address, asks for its list, counts and locations once: the screen takes what its prefetch asked', async () => {
    const asked: { path: string }[] = [];
    const onRequest = (r: Request) => {
      if (r.resourceType() !== 'fetch') return; // not the page itself, which has /devices too
      const { pathname, search } = new URL(r.url());
      if (/\/devices$|\/devices\/summary$|\/locations$/.test(pathname))
        asked.push({ path: pathname.replace(/.*\/orgs\/[^/]+/, '') + search });
    };
    page.on('request', onRequest);
    try {
      await page.goto(`${hub.url}/devices?sort=status&order=desc`);
      await page.getByRole('table', { name: 'Devices' }).locator('tbody tr').first().waitFor();
      await page
        .getByTestId('list-count')
        .getByText(/^6 devices/)
        .waitFor();
      // Give a second request by the mounted screen (a key that did not match the prefetch) time to leave.
      await page.waitForTimeout(500);
    } finally {
      page.off('request', onRequest);
    }
    const lists = asked.filter((a) => a.path.startsWith('/devices?'));
    expect(lists.map((a) => a.path)).toEqual(['/devices?sort=status&order=desc&limit=100']);
    expect(asked.filter((a) => a.path === '/devices/summary')).toHaveLength(1);
    expect(asked.filter((a) => a.path === '/locations')).toHaveLength(1);
    // The header's first row is the worst status: the list asked for is the address's sort.
    await expect(page.locator('th[aria-sort="descending"]', { hasText: 'Status' }).count()).resolves.toBe(1);
  });
});
