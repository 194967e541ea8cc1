// The support organization's one view over its clients in Chromium: the dashboard ranks the clients
// by health, a click opens the roll-up list filtered to one client, a client's new device appears
// in it live, a device opens in its client's organization without switching to it, Servers lists
// the clients' agent accounts and adds one to the client it is filtered to, History names the
// organization of each entry and filters to one, and a released client is attached again from the
// add-client wizard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoAccounts, type RunningHub } from '@crosspoint/hub';
import { linkDevice, type FakeAgent } from '@crosspoint/hub/testing';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, type TestBrowser } from './browser.ts';
import { connectDemoAgent, startHubForBrowser } from './hub-fixture.ts';

describe('a support organization’s roll-up in Chromium', () => {
  let hub: RunningHub;
  let browser: TestBrowser;
  let page: Page;
  let agent: FakeAgent | undefined;
  let seq = 0;
  const statuses = ['Down', 'Safety Mute On', 'Healthy', 'Healthy'];

  beforeAll(async () => {
    hub = await startHubForBrowser();
    await hub.services.bootstrap.seedDemo();
    browser = await launchBrowser();
    page = await browser.newPage();
    // The demo client Globex Corporation (C10000) reports four devices through its agent.
    const demo = await connectDemoAgent(hub, `${demoAccounts.agent.name}@C10000`, statuses);
    agent = demo.agent;
    seq = demo.seq;
  });
  afterAll(async () => {
    agent?.close();
    await browser.close();
    await hub.close();
  });

  it('ranks the clients by health on the support organization’s dashboard', async () => {
    await page.goto(`${hub.url}/sign-in`);
    await page.getByLabel('Username or email address').fill(demoAccounts.owner);
    await page.getByLabel('Password', { exact: true }).fill(demoAccounts.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const terms = page.getByRole('dialog', { name: 'Read and accept terms' });
    await terms.getByLabel('I accept the Terms of Use').check();
    await terms.getByLabel('I accept the Privacy Policy').check();
    await terms.getByRole('button', { name: 'Accept' }).click();
    await page.getByRole('heading', { name: 'Demo AV Integrators' }).waitFor();
    // The support organization's own dashboard counts its client's devices.
    const chart = page.getByRole('group', { name: 'Devices by Down, Issues, Healthy' });
    await chart.getByRole('button', { name: 'Down: 1' }).waitFor();
    const clients = page.getByRole('table', { name: 'Clients by health' });
    const globex = clients.getByRole('row', { name: /Globex Corporation/ });
    await globex.waitFor();
    expect(await globex.innerText()).toMatch(/Globex Corporation\s+1\s+1\s+4/);
    await page.getByLabel('Search clients').fill('no such client');
    await page.getByText('No client matches this search.').waitFor();
    await page.getByLabel('Search clients').fill('globex');
    await expectNoSeriousViolations(page, 'dashboard (support organization)');
  });

  it('opens a client’s devices from the dashboard and shows its new device live', async () => {
    await page
      .getByRole('table', { name: 'Clients by health' })
      .getByRole('link', { name: 'Globex Corporation' })
      .click();
    await page.getByRole('heading', { name: 'Devices', exact: true }).waitFor();
    await page
      .getByTestId('list-count')
      .getByText(/^4 devices/)
      .waitFor();
    const table = page.getByRole('table', { name: 'Devices' });
    await table.getByRole('columnheader', { name: 'Organization' }).waitFor();
    const filter = page.getByLabel('Filter by organization');
    expect(await filter.inputValue()).not.toBe('');
    await page.getByRole('status', { name: 'Live updates on' }).waitFor();
    // The client's agent finds a fifth device: it appears in the support organization's list.
    agent?.send({
      type: 'inventory',
      seq: ++seq,
      devices: [...statuses, 'Healthy'].map((s, i) => ({
        ...linkDevice(i + 1, s),
        ...(i === 4 ? { name: 'Boardroom mixer' } : {}),
      })),
    });
    await page
      .getByTestId('list-count')
      .getByText(/^5 devices/)
      .waitFor();
    await table
      .getByRole('row', { name: /Boardroom mixer/ })
      .getByText('Globex Corporation')
      .waitFor();
    await expectNoSeriousViolations(page, 'devices (roll-up)');
  });

  it('opens a client’s device in the client’s organization without switching to it', async () => {
    await page.getByRole('table', { name: 'Devices' }).getByRole('link', { name: 'Boardroom mixer' }).click();
    await page.getByRole('heading', { name: 'Boardroom mixer' }).waitFor();
    const facts = page.getByRole('definition').filter({ hasText: 'Globex Corporation' });
    await facts.waitFor();
    expect(new URL(page.url()).searchParams.get('org')).toBeTruthy();
    // Still in the support organization: the shell names it.
    await page.getByRole('button', { name: 'Choose Organization…' }).waitFor();
    await expectNoSeriousViolations(page, 'device (client’s, from the roll-up)');
  });

  it('shows the clients’ history with their organization, and filters to one', async () => {
    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    const table = page.getByRole('table', { name: 'History' });
    await table.getByRole('columnheader', { name: 'Organization' }).waitFor();
    // The demo seeded the client's agent account in Globex Corporation.
    const globexCells = table.getByRole('cell', { name: 'Globex Corporation', exact: true });
    await globexCells.first().waitFor();
    await page.getByLabel('Filter by organization').selectOption({ label: 'Demo AV Integrators' });
    await table.getByRole('cell', { name: 'Demo AV Integrators', exact: true }).first().waitFor();
    await expect.poll(() => globexCells.count(), { timeout: 10_000 }).toBe(0);
    await expectNoSeriousViolations(page, 'history (roll-up)');
  });

  it('lists the clients’ server accounts and adds one to the client the list is filtered to', async () => {
    await page.getByRole('link', { name: 'Servers' }).click();
    await page.getByRole('heading', { name: 'Servers' }).waitFor();
    const table = page.getByRole('table', { name: 'Servers' });
    const row = table.getByRole('row', { name: new RegExp(demoAccounts.agent.name) });
    await row.getByRole('cell', { name: 'Globex Corporation', exact: true }).waitFor();
    await page.getByLabel('Filter by organization').selectOption({ label: 'Globex Corporation' });
    await page.getByRole('button', { name: 'Add agent server account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a server account to Globex Corporation' });
    await dialog.waitFor();
    await expectNoSeriousViolations(page, 'servers (roll-up), add to a client');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('releases a client, then attaches it again as an available organization', async () => {
    await page.getByRole('link', { name: 'Organizations', exact: true }).click();
    const clients = page.getByRole('table', { name: 'Organizations' });
    const globex = clients.getByRole('row', { name: /Globex Corporation/ });
    await globex.waitFor();
    page.once('dialog', (d) => void d.accept());
    await globex.getByRole('button', { name: 'Release' }).click();
    await globex.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Add client organization' }).click();
    const wizard = page.getByRole('dialog', { name: 'Add client organization' });
    const available = wizard.getByLabel('Available client organization');
    await available.selectOption({ index: 1 });
    expect(await available.locator('option:checked').innerText()).toMatch(
      /^Globex Corporation \(C10000, 5 devices\)$/,
    );
    await expectNoSeriousViolations(page, 'add client, available organization');
    await wizard.getByRole('button', { name: 'Attach' }).click();
    await wizard.waitFor({ state: 'hidden' });
    await globex.waitFor();
  });
});
