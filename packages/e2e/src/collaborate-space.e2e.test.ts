// COLLABORATE Space in Chromium: an Owner links the organization through the simulated CS's consent
// page, the dashboard shows the video devices, CS users' presence, licenses and calls, and follows
// a presence change and a codec's lost registration injected in the simulator, without reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningHub } from '@crosspoint/hub';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, screenshot, type TestBrowser } from './browser.ts';
import {
  connectSimulatedSite,
  freePort,
  seedDemoClient,
  signInToDemoClient,
  startHubForBrowser,
  until,
} from './hub-fixture.ts';

describe('COLLABORATE Space linked, video dashboard', () => {
  let hub: RunningHub;
  let site: Awaited<ReturnType<typeof connectSimulatedSite>> | undefined;
  let browser: TestBrowser | undefined;
  let page: Page;
  let cs: string;
  /** The demo client, and a Monitor API token of it (the test's own view of the hub, not the browser's). */
  let seeded: Awaited<ReturnType<typeof seedDemoClient>>;

  const videoStatuses = async (): Promise<string[]> => {
    const res = await fetch(`${hub.url}/api/v1/orgs/${seeded.clientId}/devices?kind=video&limit=50`, {
      headers: { authorization: `Bearer ${seeded.token}` },
    });
    return ((await res.json()) as { items: { status: string }[] }).items.map((d) => d.status);
  };
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${site?.sim.controlUrl ?? ''}${path}`, {
      method,
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  /** The legend entry of a chart ("Online: 3"), read from the figure named `caption`. */
  const legend = (caption: string, entry: string) =>
    page
      .getByRole('figure', { name: caption })
      .getByText(new RegExp(`^\\s*${entry}: \\d+\\s*$`))
      .textContent();

  beforeAll(async () => {
    const port = await freePort();
    hub = await startHubForBrowser(
      { port, publicUrl: `http://127.0.0.1:${String(port)}` },
      // Never the cloud address in a test (loopback only): a link without an address fails here.
      { collaborateSpace: { cacheMs: 0, defaultBaseUrl: 'http://127.0.0.1:9' } },
    );
    seeded = await seedDemoClient(hub, 'monitor');
    site = await connectSimulatedSite(hub.url, seeded.agentLogin, {
      devices: 8,
      seed: 4,
      subnetBase: '127.39',
      collaborateSpace: { driftMs: 0 },
    });
    cs = site.sim.collaborateSpace?.url ?? '';
    await until('the two codecs Healthy on the hub', async () => {
      const s = await videoStatuses();
      return s.length === 2 && s.every((x) => x === 'Healthy');
    });
    browser = await launchBrowser();
    page = await browser.newPage();
    await signInToDemoClient(page, hub.url);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await hub.close();
  });

  it('shows the video devices and offers to link COLLABORATE Space while it is not linked', async () => {
    await page.getByRole('figure', { name: 'Video Devices' }).getByText('Healthy: 2').waitFor();
    await page.getByText('COLLABORATE Space is not linked.', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Link COLLABORATE Space' }).click();
    await page.getByRole('heading', { name: 'Linking to COLLABORATE Space' }).waitFor();
  });

  it('links the organization through CS’s consent page', async () => {
    await page.getByLabel('On-premises COLLABORATE Space address (optional)').fill(cs);
    await page.getByRole('button', { name: 'Link the organization' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${cs}/oauth/authorize`));
    await page.getByLabel('Signed in as').selectOption('cs-admin');
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${hub.url}/settings`));
    await page.getByRole('status').getByText('Linked to COLLABORATE Space.').waitFor();
    await page
      .getByTestId('cs-link-organization')
      .getByText('Linked as Avery Admin (admin@cs.example, administrator)')
      .waitFor();
    await expectNoSeriousViolations(page, 'My Account with COLLABORATE Space linked');
    await screenshot(page, 'collaborate-space-my-account');
  });

  it('shows CS presence, licenses and calls, and follows presence and registration changes live', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('figure', { name: 'Registered Users' }).waitFor();
    const licenses = page.getByRole('table', { name: 'All Licenses' });
    await licenses.getByRole('cell', { name: 'Professional' }).waitFor();
    await page.getByRole('table', { name: 'Phone Calls' }).getByRole('row').nth(1).waitFor();
    await expectNoSeriousViolations(page, 'dashboard with COLLABORATE Space');
    await screenshot(page, 'collaborate-space-dashboard');

    const online = Number((await legend('Registered Users', 'Online'))?.split(':')[1]);
    // Morgan Member (away at first) comes online in CS.
    expect(
      (await control('PUT', '/collaborate/users/cs-member/presence', { presence: 'online' })).status,
    ).toBe(200);
    await page
      .getByRole('figure', { name: 'Registered Users' })
      .getByText(`Online: ${String(online + 1)}`)
      .waitFor({ timeout: 30_000 });

    // A codec loses its CS registration: Communication Service Failed on the hub and the chart.
    const codec = site?.sim.devices.find((d) => d.kind === 'codec')?.id ?? '';
    expect((await control('PUT', `/faults/${codec}/cs_fail`)).status).toBe(200);
    const video = page.getByRole('figure', { name: 'Video Devices' });
    await video.getByText('Communication Service Failed: 1').waitFor({ timeout: 30_000 });
    await video.getByText('Healthy: 1').waitFor();
    expect((await videoStatuses()).sort()).toEqual(['Communication Service Failed', 'Healthy']);
    await screenshot(page, 'collaborate-space-dashboard-after-faults');
  });

  it('creates people as CS users from Add Users when the person’s own CS account may, and unlinks', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('On-premises COLLABORATE Space address (optional)').fill(cs);
    await page.getByRole('button', { name: 'Link my account' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${cs}/oauth/authorize`));
    await page.getByLabel('Signed in as').selectOption('cs-admin');
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByTestId('cs-link-person').getByText('Linked as Avery Admin', { exact: false }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'Add users' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add users' });
    await dialog
      .getByLabel('Email addresses', { exact: false })
      .fill('new.person@example.test, admin@cs.example');
    await dialog.getByLabel('Also create as COLLABORATE Space users').check();
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    const results = dialog.getByRole('list', { name: 'COLLABORATE Space users' });
    await results.getByText('new.person@example.test: created in COLLABORATE Space').waitFor();
    await results
      .getByText('admin@cs.example: not created in COLLABORATE Space (Already a COLLABORATE Space user.)')
      .waitFor();
    await expectNoSeriousViolations(page, 'Add users with COLLABORATE Space');
    await dialog.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Unlink the organization' }).click();
    await page.getByTestId('cs-link-organization').getByText('Not linked').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByText('COLLABORATE Space is not linked.', { exact: false }).waitFor();
  });
});
