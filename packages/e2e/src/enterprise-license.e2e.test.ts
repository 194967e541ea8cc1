// Enterprise edition in the browser: the unlicensed capacity, then a license that clears Overflow live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { licenseSigningText, type LicenseTerms } from '@crosspoint/protocol';
import { cliActor, generateLicenseKeys, signLicenseText, type RunningHub } from '@crosspoint/hub';
import { FakeAgent, linkDevice } from '@crosspoint/hub/testing';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, screenshot, type TestBrowser } from './browser.ts';
import { outboxToken, startHubForBrowser } from './hub-fixture.ts';

const password = 'violet-harbor-tractor-91';
const agentPassword = 'Plant#Rack-42x';
const issuer = generateLicenseKeys();

/** A license of `devices`, signed by the test issuer, expiring in `days`. */
function licenseFile(devices: number, days: number): string {
  const license: LicenseTerms = {
    id: 'LIC-E2E-50',
    licensee: 'Initech',
    devices,
    issuedAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString(),
  };
  return JSON.stringify({
    license,
    signature: signLicenseText(licenseSigningText(license), issuer.privateKeyPem),
  });
}

describe('enterprise license in Chromium', () => {
  let hub: RunningHub;
  let browser: TestBrowser;
  let context: BrowserContext;
  let devices: Page;
  let agent: FakeAgent;

  beforeAll(async () => {
    hub = await startHubForBrowser({ licensePublicKey: issuer.publicKeyPem });
    const org = await hub.services.organizations.createEnterpriseOrg(cliActor, {
      name: 'Initech',
      ownerEmail: 'it@initech.example',
    });
    const server = await hub.services.servers.create(
      { actor: cliActor, org, role: 'owner' },
      { name: 'Plant Rack', password: agentPassword },
    );
    // Eight devices: past the unlicensed capacity (5), three are Overflowed.
    agent = await FakeAgent.connect(hub.url, server.login, agentPassword);
    agent.hello();
    const seq = (await agent.next('welcome')).lastSeq + 1;
    agent.send({ type: 'inventory', seq, devices: [1, 2, 3, 4, 5, 6, 7, 8].map((n) => linkDevice(n)) });
    await agent.next('ack');
    browser = await launchBrowser();
    // One context for two tabs (the device list, the license screen) that share a session.
    context = await browser.browser.newContext();
    devices = await context.newPage();
    devices.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    agent.close();
    await browser.close();
    await hub.close();
  });

  it('monitors the unlicensed capacity: 5 devices, the rest Overflowed', async () => {
    await devices.goto(`${hub.url}/register?token=${await outboxToken(hub, 'it@initech.example')}`);
    await devices.getByLabel('First name').fill('Ian');
    await devices.getByLabel('Last name').fill('Tech');
    await devices.getByLabel('Password', { exact: true }).fill(password);
    await devices.getByRole('button', { name: 'Register' }).click();
    const terms = devices.getByRole('dialog', { name: 'Read and accept terms' });
    await terms.getByLabel('I accept the Terms of Use').check();
    await terms.getByLabel('I accept the Privacy Policy').check();
    await terms.getByRole('button', { name: 'Accept' }).click();
    await devices.getByRole('heading', { name: 'Initech' }).waitFor();
    await devices.goto(`${hub.url}/devices?status=Overflowed`);
    await devices
      .getByTestId('list-count')
      .getByText(/^3 devices/)
      .waitFor();
    await devices.getByRole('status', { name: 'Live updates on' }).waitFor();
  });

  it('clears Overflow in the open device list as soon as a license is uploaded, without a reconnect', async () => {
    // A second tab of the same browser context: it shares the device list tab's session.
    const settings = await context.newPage();
    settings.setDefaultTimeout(10_000);
    await settings.goto(`${hub.url}/settings?tab=license`);
    await settings.getByTestId('license-state').getByText('Unlicensed').waitFor();
    expect(await settings.getByTestId('capacity').innerText()).toBe('5');
    await expectNoSeriousViolations(settings, 'license, unlicensed');
    await settings.getByLabel('Upgrade License: choose the license file').setInputFiles({
      name: 'initech.license',
      mimeType: 'application/json',
      buffer: Buffer.from(licenseFile(50, 10)),
    });
    await settings.getByRole('status').getByText('License installed.').waitFor();
    await settings.getByTestId('capacity').getByText('50').waitFor();
    await settings.getByTestId('license-state').getByText('Expires soon').waitFor();
    // Expiring within 30 days: the shell's banner tells the days left and links here.
    await settings
      .getByTestId('license-banner')
      .getByText(/expires in 10 days/)
      .waitFor();
    await screenshot(settings, 'license-expiring');
    await expectNoSeriousViolations(settings, 'license, expiring, banner');
    await settings.close();

    // The device list tab was not reloaded and the agent did not reconnect: the live event did it.
    await devices
      .getByTestId('list-count')
      .getByText(/^0 devices/)
      .waitFor();
    expect(agent.closed).toBeUndefined();
    await devices.goto(`${hub.url}/devices`);
    await devices
      .getByTestId('list-count')
      .getByText(/^8 devices/)
      .waitFor();
    expect(await devices.getByRole('table', { name: 'Devices' }).getByText('Overflowed').count()).toBe(0);
    await expectNoSeriousViolations(devices, 'devices, licensed, banner');
  });
});
