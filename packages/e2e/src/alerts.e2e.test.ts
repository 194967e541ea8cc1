// Alerts in the browser: add a rule, see the incident open live when a device goes down, read the
// delivery log, start a maintenance window, choose my channels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoAccounts, type RunningHub } from '@crosspoint/hub';
import { FakeAgent, linkDevice, startSmtpSink } from '@crosspoint/hub/testing';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, screenshot, type TestBrowser } from './browser.ts';
import { connectDemoAgent, signInToDemoClient, startHubForBrowser } from './hub-fixture.ts';

describe('alerts in Chromium', () => {
  let hub: RunningHub;
  let browser: TestBrowser;
  let page: Page;
  let agent: FakeAgent;
  let seq = 0;

  let sink: Awaited<ReturnType<typeof startSmtpSink>>;

  beforeAll(async () => {
    sink = await startSmtpSink();
    // No hub mail server; organizations may use one on loopback (the test's SMTP server).
    hub = await startHubForBrowser({ smtpAllowPrivate: true });
    const seeded = await hub.services.bootstrap.seedDemo();
    browser = await launchBrowser();
    page = await browser.newPage();
    ({ agent, seq } = await connectDemoAgent(hub, seeded.agentLogin, ['Healthy', 'Healthy', 'Healthy']));
  });
  afterAll(async () => {
    await browser.close();
    await hub.close();
    await sink.close();
  });

  it('adds a rule and shows the incident live when a device goes down, with the delivery log', async () => {
    await signInToDemoClient(page, hub.url);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('tab', { name: 'Rules' }).click();
    await page.getByText(/No alert rules yet/).waitFor();
    await expectNoSeriousViolations(page, 'alerts › Rules, none yet');
    await page.getByRole('button', { name: 'Add rule' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add alert rule' });
    await dialog.getByLabel('For at least (minutes)').fill('0');
    await expectNoSeriousViolations(page, 'dialog Add alert rule');
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await page.getByRole('cell', { name: 'Devices down', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Add rule' }).click();
    const second = page.getByRole('dialog', { name: 'Add alert rule' });
    await second.getByLabel('Name').fill('Servers away');
    await second.getByLabel('Alert when').selectOption('server_state');
    await second.getByLabel('For at least (minutes)').fill('0');
    await second.getByRole('button', { name: 'Add rule' }).click();
    await page.getByRole('cell', { name: 'Servers away', exact: true }).waitFor();
    await expectNoSeriousViolations(page, 'alerts › Rules');

    await page.getByRole('tab', { name: 'Incidents' }).click();
    await page.getByText('Nothing is failing. Good.').waitFor();
    await expectNoSeriousViolations(page, 'alerts › Incidents, none');
    agent.send({
      type: 'deltas',
      seq: ++seq,
      changes: [{ id: linkDevice(2).id, status: 'Down', since: Date.now(), at: Date.now() }],
    });
    await page
      .getByRole('table', { name: 'Incidents' })
      .getByRole('link', { name: 'Room 2' })
      .waitFor({ timeout: 15_000 });
    const incidentText = await page.getByRole('table', { name: 'Incidents' }).innerText();
    // Within 30 s of the agent's (re)connect its devices are held under its server (resync grace),
    // so the row may say it is folded; either way the incident is there, live.
    expect(incidentText, incidentText).toMatch(/Room 2[^\t]*\s+Down\s+Devices down/);
    await screenshot(page, 'alerts');
    await expectNoSeriousViolations(page, 'alerts › Incidents');

    // The agent goes away: one alert for its server, delivered (kept in the log: no SMTP here).
    agent.close();
    await page
      .getByRole('table', { name: 'Incidents' })
      .getByText('Servers away')
      .waitFor({ timeout: 15_000 });
    await page.getByRole('tab', { name: 'Delivery log' }).click();
    await page
      .getByRole('table', { name: 'Delivery log' })
      .getByText(demoAccounts.owner)
      .first()
      .waitFor({ timeout: 15_000 });
    expect(await page.getByRole('table', { name: 'Delivery log' }).innerText()).toMatch(/email/);
    await expectNoSeriousViolations(page, 'alerts › Delivery log');
  });

  it('starts a maintenance window that shows it is muting alerts', async () => {
    await page.getByRole('tab', { name: 'Maintenance windows' }).click();
    await page.getByLabel(/Mute the whole organization/).fill('Firmware night');
    await page.getByRole('button', { name: 'Start maintenance window' }).click();
    await page.getByRole('cell', { name: 'Firmware night' }).waitFor();
    await page.getByText('muting alerts').waitFor();
    await expectNoSeriousViolations(page, 'alerts › Maintenance windows');
  });

  it('lets me choose how this organization’s alerts reach me', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const email = page.getByRole('group', { name: /Send me this organization/ }).getByLabel('Email');
    await email.waitFor();
    const before = await email.isChecked();
    await email.click();
    await expect.poll(() => email.isChecked()).toBe(!before);
    await expectNoSeriousViolations(page, 'settings › My Account, alert channels');
    expect(await page.getByLabel('SMS text').isDisabled()).toBe(true);
  });

  it('sets up the organization’s own mail server and sends a test email through it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('tab', { name: 'Email server' }).click();
    await page
      .getByTestId('smtp-mode')
      .getByText(/no mail server/)
      .waitFor();
    await expectNoSeriousViolations(page, 'alerts › Email server');
    const form = page.getByRole('form', { name: 'Own mail server (SMTP)' });
    await form.getByLabel('Server').fill('127.0.0.1');
    await form.getByLabel('Encryption').selectOption('none');
    expect(await form.getByLabel('Port').inputValue()).toBe('25');
    await form.getByLabel('Port').fill(String(sink.port));
    await form.getByLabel('Sender (From)').fill('Globex AV <av@globex.example>');
    await form.getByRole('button', { name: 'Save mail server' }).click();
    await page
      .getByRole('status')
      .getByText(/^Saved/)
      .waitFor();
    await page
      .getByTestId('smtp-mode')
      .getByText(/own mail server, 127\.0\.0\.1/)
      .waitFor();
    await page.getByRole('button', { name: 'Send test email' }).click();
    await page
      .getByRole('status')
      .getByText(`The mail server took the test message for ${demoAccounts.owner}.`)
      .waitFor({ timeout: 15_000 });
    const mail = await sink.waitFor(demoAccounts.owner);
    expect(mail.from).toBe('"Globex AV" <av@globex.example>');
    await screenshot(page, 'alerts-mail-server');
    await expectNoSeriousViolations(page, 'alerts › Email server, test sent');
  });

  it('adds a webhook for a Microsoft Teams channel and switches another to Slack', async () => {
    await page.getByRole('tab', { name: 'Webhooks', exact: true }).click();
    await page.getByLabel('Name', { exact: true }).fill('AV channel');
    await page.getByLabel('URL', { exact: true }).fill('https://globex.webhook.office.example/webhookb2/av');
    await page.getByLabel('Format', { exact: true }).selectOption('teams');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByTestId('webhook-secret').waitFor();
    const table = page.getByRole('table', { name: 'Webhooks' });
    const teams = table.getByLabel('Format of AV channel', { exact: true });
    await expect.poll(() => teams.inputValue()).toBe('teams');
    await page.getByLabel('Name', { exact: true }).fill('Ops chat');
    await page.getByLabel('URL', { exact: true }).fill('https://hooks.slack.example/services/T0/B0/x');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const ops = table.getByLabel('Format of Ops chat', { exact: true });
    await expect.poll(() => ops.inputValue()).toBe('crosspoint');
    await ops.selectOption('slack');
    await page.reload();
    await page.getByRole('tab', { name: 'Webhooks', exact: true }).click();
    await expect
      .poll(() => page.getByLabel('Format of Ops chat', { exact: true }).inputValue())
      .toBe('slack');
    await expectNoSeriousViolations(page, 'alerts › Webhooks with formats');
  });
});
