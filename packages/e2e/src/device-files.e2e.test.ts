// Commands with files in the browser, against a real simulated site (simulator → agent → hub):
// upload a firmware image and update a box from its page with live progress, download its logs and
// its backup, and download logs from a selection of boxes in the device list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { defaultCredentials, firmwareImageHeader } from '@crosspoint/protocol';
import { buildProject } from '@crosspoint/sim';
import type { RunningHub } from '@crosspoint/hub';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, screenshot, type TestBrowser } from './browser.ts';
import { connectSimulatedSite, signInToDemoClient, startHubForBrowser } from './hub-fixture.ts';

interface Row {
  id: string;
  name: string;
  model: string;
  firmware: string;
}

describe('firmware update, logs and backups in Chromium', () => {
  let hub: RunningHub;
  let site: Awaited<ReturnType<typeof connectSimulatedSite>> | undefined;
  let browser: TestBrowser | undefined;
  let page: Page;
  let clientId: string;
  let token: string;
  let box: Row;

  /** The hub's device list, read with an API token (the test's own view, not the browser's). */
  const devices = async (): Promise<Row[]> => {
    const res = await fetch(`${hub.url}/api/v1/orgs/${clientId}/devices?limit=500`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return ((await res.json()) as { items: Row[] }).items;
  };
  const progress = () => page.getByTestId('job-progress');

  beforeAll(async () => {
    hub = await startHubForBrowser();
    const seeded = await hub.services.bootstrap.seedDemo();
    clientId = seeded.clientId;
    const org = await hub.services.access.resolve(
      { userId: null, label: 'test', ip: null, token: { id: 'x', orgId: clientId, role: 'administrator' } },
      clientId,
    );
    token = (await hub.services.tokens.create(org, { name: 'test', role: 'monitor' })).secret;
    site = await connectSimulatedSite(hub.url, seeded.agentLogin, {
      devices: 6,
      seed: 7,
      subnetBase: '127.41',
    });
    const expected = site.agent.inventory().length;
    for (let i = 0; i < 150 && (await devices()).length < expected; i++)
      await new Promise((r) => setTimeout(r, 100));
    const found = (await devices()).find((d) => /Pro 2/.test(d.model));
    if (!found) throw new Error('no CONVERGE Pro 2 box in the simulated site');
    box = found;
    browser = await launchBrowser();
    page = await browser.newPage();
    await signInToDemoClient(page, hub.url);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await hub.close();
  });

  it('uploads a firmware image and updates a box from its page, with upload and job progress', async () => {
    await page.goto(`${hub.url}/devices/${box.id}`);
    await page.getByRole('heading', { name: box.name }).waitFor();
    // The simulated boxes start with file transfer off, as shipped.
    await page.getByRole('button', { name: 'Enable FTP' }).click();
    await progress()
      .getByText(/1 of 1 done/)
      .waitFor();

    await page.getByRole('button', { name: 'Update firmware…' }).click();
    const dialog = page.getByRole('dialog', { name: `Update the firmware of ${box.name}` });
    const start = dialog.getByRole('button', { name: `Upload and update ${box.name}` });
    expect(await start.isDisabled()).toBe(true);
    const image = Buffer.concat([Buffer.from(firmwareImageHeader('9.1.2.3')), Buffer.alloc(200_000, 7)]);
    await dialog.getByLabel('Firmware image').setInputFiles({
      name: 'cp2-9.1.2.3.bin',
      mimeType: 'application/octet-stream',
      buffer: image,
    });
    await dialog.getByTestId('chosen-file').getByText('cp2-9.1.2.3.bin, 200 kB').waitFor();
    await screenshot(page, 'firmware-dialog');
    await expectNoSeriousViolations(page, 'dialog Update firmware, file chosen');
    // On this machine the upload takes a moment only: record every text the upload progress shows.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { uploadSeen: string[] }).uploadSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="upload-progress"]')?.textContent;
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await start.click();
    await dialog.waitFor({ state: 'detached' });
    const seen = await page.evaluate(() => (window as unknown as { uploadSeen: string[] }).uploadSeen);
    expect(seen[0]?.trim()).toMatch(/^Uploading cp2-9\.1\.2\.3\.bin: 0% \(0 byte of 200 kB\)$/);
    // Live progress of the job: the agent's phases arrive while the device is written.
    await progress()
      .getByText(/ — apply/)
      .waitFor({ timeout: 20_000 });
    await screenshot(page, 'firmware-progress');
    // With the action's progress (and in the device's list of jobs below).
    await page
      .getByTestId('job-results')
      .getByTestId('firmware-result')
      .getByText(`Firmware ${box.firmware} → 9.1.2.3`)
      .waitFor({ timeout: 60_000 });
    await page.getByTestId('device-jobs').getByTestId('firmware-result').first().waitFor();
    await progress()
      .getByText(/1 of 1 done/)
      .waitFor();
    await screenshot(page, 'firmware-done');
    await expectNoSeriousViolations(page, 'device detail, firmware updated');
    // The device's facts follow: the agent sends the device whole once its facts changed, and the
    // page (live) shows the new version in its facts.
    for (let i = 0; i < 100 && (await devices()).find((d) => d.id === box.id)?.firmware !== '9.1.2.3'; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect((await devices()).find((d) => d.id === box.id)?.firmware).toBe('9.1.2.3');
  }, 120_000);

  it('refuses an empty project file before uploading it, with the message', async () => {
    await page.getByRole('button', { name: 'Load configuration…' }).click();
    const dialog = page.getByRole('dialog', { name: `Load a configuration on ${box.name}` });
    await dialog.getByLabel('Project file (.PCCP2X)').setInputFiles({
      name: 'empty.PCCP2X',
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(0),
    });
    await dialog.getByRole('button', { name: `Upload and load on ${box.name}` }).click();
    await dialog.getByRole('alert').getByText('empty.PCCP2X is empty.').waitFor();
    await expectNoSeriousViolations(page, 'dialog Load configuration, file refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('loads a project (.PCCP2X) on the box from its page', async () => {
    const project = buildProject({
      stackName: 'Lobby',
      ...defaultCredentials,
      safetyMute: false,
      locateTimeoutS: 30,
      macros: { SYSON: [] },
      boxes: [],
    });
    await page.getByRole('button', { name: 'Load configuration…' }).click();
    const dialog = page.getByRole('dialog', { name: `Load a configuration on ${box.name}` });
    await dialog.getByLabel('Project file (.PCCP2X)').setInputFiles({
      name: 'Lobby.PCCP2X',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(project),
    });
    await dialog.getByRole('button', { name: `Upload and load on ${box.name}` }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('job-results').getByText('Lobby.PCCP2X loaded').waitFor({ timeout: 30_000 });
  }, 60_000);

  it('downloads the logs and the backup of a box through links in the job result', async () => {
    await page.getByRole('button', { name: 'Download logs' }).click();
    const link = page.getByTestId('job-results').getByRole('link', { name: /^Download system\.log \(/ });
    await link.waitFor({ timeout: 20_000 });
    expect(await link.getAttribute('href')).toMatch(
      new RegExp(`^/api/v1/orgs/${clientId}/files/[0-9a-f-]{36}$`),
    );
    const download = page.waitForEvent('download');
    await link.click();
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(await (await download).path(), 'utf8')).toMatch(/login/);

    await page.getByRole('button', { name: 'Back up configuration' }).click();
    await page
      .getByTestId('job-results')
      .getByRole('link', { name: /^Download .*\.PCCP2X \(/ })
      .waitFor({ timeout: 20_000 });
    await screenshot(page, 'device-logs-backup');
    await expectNoSeriousViolations(page, 'device detail, logs and backup links');
  }, 60_000);

  it('downloads logs from a selection of boxes in the device list: one job each, batch progress', async () => {
    await page.goto(`${hub.url}/devices`);
    await page.getByLabel('Search devices').fill('DSP1');
    const boxes = (await devices()).filter((d) => d.name === 'DSP1');
    expect(boxes.length).toBeGreaterThan(1);
    await page
      .getByTestId('list-count')
      .getByText(`${String(boxes.length)} devices`)
      .waitFor();
    await page.getByLabel('Select all visible devices').check();
    const selection = page.getByRole('region', { name: 'Selection' });
    await selection.getByRole('button', { name: 'Enable FTP' }).click();
    await selection
      .getByTestId('job-progress')
      .getByText(`${String(boxes.length)} of ${String(boxes.length)} done`)
      .waitFor({ timeout: 30_000 });
    await selection.getByRole('button', { name: 'Download logs' }).click();
    await selection
      .getByTestId('job-progress')
      .getByText(`${String(boxes.length)} of ${String(boxes.length)} done`)
      .waitFor({ timeout: 30_000 });
    await expect
      .poll(() => selection.getByTestId('job-results').getByRole('link').count(), { timeout: 30_000 })
      .toBe(boxes.length);
    expect(await selection.getByTestId('job-results').innerText()).toMatch(/^DSP1:\s+Download system\.log/m);
    await screenshot(page, 'devices-batch-logs');
    await expectNoSeriousViolations(page, 'devices, batch logs results');
  }, 90_000);
});
