// Firmware in Chromium: the support organization uploads a package (the catalog), the devices'
// "Update available" badges follow, a campaign with a pilot of 2 and a wave of the rest passes the
// pilot's health gate and starts the wave; a second campaign with an image the (scripted) agent
// refuses halts at its error threshold and leaves the rest untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { firmwareImageHeader, type LinkDevice } from '@crosspoint/protocol';
import { demoAccounts, type RunningHub } from '@crosspoint/hub';
import { FakeAgent, linkDevice } from '@crosspoint/hub/testing';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, screenshot, type TestBrowser } from './browser.ts';
import { signInAsDemoOwner, startHubForBrowser } from './hub-fixture.ts';

const devices: LinkDevice[] = Array.from({ length: 6 }, (_, i) => ({
  ...linkDevice(i + 1),
  id: `cp2-BR${String(i + 1)}`,
  serial: `5555-000${String(i + 1)}-01`,
  model: 'CONVERGE® Pro 2 128V',
  firmware: '8.3.15.0',
  name: `Boardroom ${String(i + 1)}`,
}));

/** The site's agent: installs an image (reports the device with its new version), refuses one named "bad". */
async function siteAgent(hub: RunningHub, login: string): Promise<{ agent: FakeAgent; sent: string[] }> {
  const agent = await FakeAgent.connect(hub.url, login, demoAccounts.agent.password);
  agent.hello('firmware-e2e');
  let seq = (await agent.next('welcome')).lastSeq + 1;
  agent.send({ type: 'inventory', seq, devices });
  await agent.next('ack');
  const sent: string[] = [];
  void (async () => {
    while (!agent.closed) {
      const frame = await agent.next('command').catch(() => undefined);
      if (!frame) continue;
      if (frame.command.type !== 'firmwareUpdate') {
        // Other jobs (a configuration backup before the update, the nightly one) just succeed.
        agent.send({ type: 'command-result', commandId: frame.commandId, ok: true, result: {} });
        continue;
      }
      sent.push(frame.deviceId);
      const fileName = String(frame.command.fileName);
      if (fileName.includes('bad')) {
        agent.send({
          type: 'command-result',
          commandId: frame.commandId,
          ok: false,
          error: { code: 'FIRMWARE_REJECTED', message: 'The box refused the image.' },
        });
        continue;
      }
      const d = devices.find((x) => x.id === frame.deviceId);
      const version = /(\d+\.\d+\.\d+\.\d+)/.exec(fileName)?.[1] ?? '';
      if (d) {
        d.firmware = version;
        const at = Date.now();
        agent.send({
          type: 'deltas',
          seq: ++seq,
          changes: [{ id: d.id, status: 'Healthy', since: at, at, device: d }],
        });
      }
      // The box takes a moment to restart: the wave is seen under way in the browser.
      setTimeout(() => {
        agent.send({
          type: 'command-result',
          commandId: frame.commandId,
          ok: true,
          result: { firmware: version },
        });
      }, 1500);
    }
  })();
  return { agent, sent };
}

async function uploadPackage(page: Page, version: string, fileName: string): Promise<void> {
  await page.getByRole('tab', { name: 'Catalog' }).click();
  await page.getByRole('button', { name: 'Upload a package' }).click();
  const dialog = page.getByRole('dialog', { name: 'Upload a firmware package' });
  await dialog.getByLabel('Firmware image').setInputFiles({
    name: fileName,
    mimeType: 'application/octet-stream',
    buffer: Buffer.concat([Buffer.from(firmwareImageHeader(version)), Buffer.alloc(100_000, 3)]),
  });
  await dialog.getByTestId('computed-sha256').waitFor();
  expect(await dialog.getByLabel('Version').inputValue()).toBe(version);
  await dialog.getByRole('button', { name: 'Upload and publish' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page
    .getByRole('table', { name: 'Catalog' })
    .getByRole('cell', { name: version, exact: true })
    .waitFor();
}

async function newCampaign(page: Page, name: string, packageLabel: RegExp): Promise<void> {
  await page.getByRole('tab', { name: 'Campaigns' }).click();
  await page.getByRole('button', { name: 'New campaign' }).click();
  const dialog = page.getByRole('dialog', { name: 'New campaign' });
  await dialog.getByLabel('Campaign name').fill(name);
  const option = dialog.getByRole('option', { name: packageLabel });
  await dialog.getByLabel('Package').selectOption({ label: (await option.textContent()) ?? '' });
  await dialog.getByLabel('Pilot devices').fill('2');
  await dialog.getByLabel('Error threshold (% failed that halts)').fill('50');
  await dialog.getByLabel('Health gate (minutes to come back Healthy)').fill('5');
  await dialog.getByRole('button', { name: 'Create the campaign' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('heading', { name }).waitFor();
}

describe('firmware catalog and campaigns in Chromium', () => {
  let hub: RunningHub;
  let browser: TestBrowser | undefined;
  let page: Page;
  let site: { agent: FakeAgent; sent: string[] };

  beforeAll(async () => {
    hub = await startHubForBrowser();
    const seeded = await hub.services.bootstrap.seedDemo();
    site = await siteAgent(hub, seeded.agentLogin);
    browser = await launchBrowser();
    page = await browser.newPage();
    await signInAsDemoOwner(page, hub.url);
  });
  afterAll(async () => {
    site.agent.close();
    await browser?.close();
    await hub.close();
  });

  it('uploads a package and the devices show Update available', async () => {
    await page.goto(`${hub.url}/devices?kind=pro-audio`);
    await page
      .getByRole('cell', { name: /Boardroom 1/ })
      .first()
      .waitFor();
    expect(await page.locator('table').getByText('Update available', { exact: true }).count()).toBe(0);
    await page.goto(`${hub.url}/firmware`);
    await page.getByRole('heading', { name: 'Firmware' }).waitFor();
    await uploadPackage(page, '8.4.0.1', 'cp2-8.4.0.1.bin');
    await screenshot(page, 'firmware-catalog');
    await expectNoSeriousViolations(page, 'firmware catalog');
    await page.goto(`${hub.url}/devices?kind=pro-audio`);
    await page
      .locator('table')
      .getByText('Update available', { exact: true })
      .first()
      .waitFor({ timeout: 10_000 });
    expect(await page.locator('table').getByText('Update available', { exact: true }).count()).toBe(6);
    // The dashboard counts them and leads to that list.
    await page.goto(`${hub.url}/`);
    await page.getByTestId('firmware-updates').getByText('6', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Show them' }).click();
    await page.waitForURL(/update=available/);
    await page
      .getByRole('cell', { name: /Boardroom 6/ })
      .first()
      .waitFor();
  }, 60_000);

  it('runs a pilot of 2: it passes the health gate and the wave of the rest starts', async () => {
    await page.goto(`${hub.url}/firmware`);
    await newCampaign(page, 'Boardrooms 8.4', /8\.4\.0\.1/);
    const pilot = page.getByTestId('wave-0');
    const wave = page.getByTestId('wave-1');
    expect(await pilot.getByRole('cell').first().textContent()).toBe('2');
    // Pilot row: devices 2, then 0 waiting, 0 under way, 2 updated.
    await pilot.getByRole('cell').nth(3).getByText('2', { exact: true }).waitFor({ timeout: 30_000 });
    await wave
      .getByRole('cell')
      .nth(2)
      .getByText(/^[1-4]$/)
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'firmware-campaign-wave');
    await expectNoSeriousViolations(page, 'firmware campaign running its wave');
    await page.getByTestId('campaign-status').getByText('Completed').waitFor({ timeout: 45_000 });
    expect(await wave.getByRole('cell').nth(3).textContent()).toBe('4');
    expect(site.sent).toHaveLength(6);
    expect(new Set(site.sent).size).toBe(6);
  }, 120_000);

  it('halts a campaign whose image the devices refuse at its error threshold, the rest untouched', async () => {
    await uploadPackage(page, '8.4.0.7', 'bad-8.4.0.7.bin');
    await newCampaign(page, 'Bad image', /8\.4\.0\.7/);
    await page.getByTestId('campaign-status').getByText('Halted').waitFor({ timeout: 45_000 });
    await page
      .getByTestId('halt-reason')
      .getByText(/2 of 2 devices of the wave failed/)
      .waitFor();
    const wave = page.getByTestId('wave-1');
    expect(await wave.getByRole('cell').nth(1).textContent()).toBe('4');
    expect(site.sent).toHaveLength(8);
    await page
      .getByRole('table', { name: 'Devices of Bad image' })
      .getByText('FIRMWARE_REJECTED: The box refused the image.')
      .first()
      .waitFor();
    await screenshot(page, 'firmware-campaign-halted');
    await expectNoSeriousViolations(page, 'firmware campaign halted');
  }, 120_000);
});
