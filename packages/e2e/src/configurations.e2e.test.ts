// Configuration versions in Chromium against a real simulated site (simulator → agent → hub): a
// baseline approved on the device page; a third party changes a gain through the box's own telnet;
// the agent sees it, a new version appears with the difference showing that gain, the drift alert
// email reaches the test SMTP server; "Restore baseline" loads it back and the device is in line.
// Then the device operations: restore to a selection, a VoIP line provisioned and registered, and
// a new login for a batch of three boxes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import type { Page } from 'playwright-core';
import { defaultCredentials } from '@crosspoint/protocol';
import { demoAccounts, type RunningHub } from '@crosspoint/hub';
import { startSmtpSink } from '@crosspoint/hub/testing';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, screenshot, type TestBrowser } from './browser.ts';
import { connectSimulatedSite, signInToDemoClient, startHubForBrowser } from './hub-fixture.ts';

interface Row {
  id: string;
  name: string;
  model: string;
  ip: string;
}

/** A controller of the room (not Crosspoint): logs in over telnet and sends one line, as a third party would. */
async function thirdPartyTelnet(
  host: string,
  port: number,
  line: string,
  answer: string,
  login: { username: string; password: string } = defaultCredentials,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let seen = '';
    let step = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`telnet: no answer (${seen})`));
    }, 10_000);
    socket.on('data', (chunk: Buffer) => {
      // Telnet negotiation (IAC …) is ignored: the text is what matters here.
      seen += chunk.toString('latin1').replace(/\xff[\xfb-\xfe]./g, '');
      if (step === 0 && seen.includes('Username:')) {
        step = 1;
        socket.write(`${login.username}\r\n`);
      } else if (step === 1 && seen.includes('Password:')) {
        step = 2;
        socket.write(`${login.password}\r\n`);
      } else if (step === 2 && seen.includes('=> ')) {
        step = 3;
        seen = '';
        socket.write(`${line}\r\n`);
      } else if (step === 3 && /\r?\n/.test(seen) && seen.includes(answer)) {
        clearTimeout(timer);
        socket.end();
        resolve(seen.trim());
      }
    });
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

describe('configuration versions, drift and restore in Chromium', () => {
  let hub: RunningHub;
  let site: Awaited<ReturnType<typeof connectSimulatedSite>> | undefined;
  let browser: TestBrowser | undefined;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let page: Page;
  let clientId: string;
  let token: string;
  let box: Row;

  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${hub.url}/api/v1/orgs/${clientId}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
    return json;
  };
  const versions = () =>
    api<{ items: { id: string; trigger: string }[]; drifted: boolean | null }>(
      'GET',
      `/devices/${box.id}/configurations`,
    );
  const until = async <T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000) => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await check();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error(`not reached: ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    hub = await startHubForBrowser({ smtpAllowPrivate: true });
    const seeded = await hub.services.bootstrap.seedDemo();
    clientId = seeded.clientId;
    const org = await hub.services.access.resolve(
      { userId: null, label: 'test', ip: null, token: { id: 'x', orgId: clientId, role: 'administrator' } },
      clientId,
    );
    token = (await hub.services.tokens.create(org, { name: 'test', role: 'administrator' })).secret;
    site = await connectSimulatedSite(hub.url, seeded.agentLogin, {
      devices: 4,
      seed: 11,
      subnetBase: '127.43',
    });
    const expected = site.agent.inventory().length;
    const all = await until('the site’s devices at the hub', async () => {
      const list = await api<{ items: Row[] }>('GET', '/devices?limit=500');
      return list.items.length >= expected ? list.items : undefined;
    });
    const found = all.find((d) => /Pro 2/.test(d.model));
    if (!found) throw new Error('no CONVERGE Pro 2 box in the simulated site');
    box = found;
    // The organization's alert mail goes to the test SMTP server; a drift rule without delay.
    await api('PUT', '/alerts/smtp', {
      host: '127.0.0.1',
      port: sink.port,
      security: 'none',
      from: 'Globex AV <av@globex.example>',
    });
    await api('POST', '/alerts/rules', {
      name: 'Configuration drift',
      condition: { kind: 'configuration_drift' },
      delayS: 0,
      channels: ['email'],
    });
    // The simulated boxes start with file transfer off, as shipped: backups need it.
    const [ftp] = (
      await api<{ items: { id: string }[] }>('POST', '/jobs', {
        deviceIds: [box.id],
        command: { type: 'ftp', enabled: true },
      })
    ).items;
    await until('FTP on', async () => {
      const job = await api<{ status: string }>('GET', `/jobs/${ftp?.id ?? ''}`);
      return job.status === 'succeeded' ? true : undefined;
    });
    browser = await launchBrowser();
    page = await browser.newPage();
    await signInToDemoClient(page, hub.url);
    // The demo owner reaches Globex through its integrator: alert email is opt-in there.
    await page.evaluate(async (orgId) => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      await fetch(`/api/v1/me/alert-preferences/${orgId}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ email: true }),
      });
    }, clientId);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await hub.close();
    await sink.close();
  });

  it('backs up from the device page and approves the version as baseline', async () => {
    await page.goto(`${hub.url}/devices/${box.id}`);
    await page.getByRole('heading', { name: box.name }).waitFor();
    await page.getByText(/No configuration kept yet/).waitFor();
    await page.getByRole('button', { name: 'Back up now' }).click();
    const rows = page.getByTestId('configuration-version');
    await rows.first().waitFor({ timeout: 30_000 });
    expect(await rows.count()).toBe(1);
    await rows.first().getByText('On demand').waitFor();
    await rows.first().getByRole('button', { name: 'Set as baseline' }).click();
    await rows.first().getByText('Baseline').waitFor();
    await page.getByTestId('in-line').getByText('Matches its baseline').waitFor();
    // The device page's cockpit: the jobs run on it (live) and its availability.
    await page.getByTestId('device-jobs').getByRole('cell', { name: 'backupConfig' }).first().waitFor();
    const availability = page.getByTestId('availability');
    await availability.getByText('Available, last 24 hours').waitFor();
    expect(await availability.getByText('100%').count()).toBe(3);
    await expectNoSeriousViolations(page, 'device page, configuration versions');
  }, 60_000);

  it('sees a gain changed through the box’s own telnet: a new version, the diff, the drift alert email', async () => {
    const echo = await thirdPartyTelnet(
      box.ip,
      site?.sim.telnetPort ?? 0,
      'EP MIC 101 LEVEL GAIN -9',
      'LEVEL',
    );
    expect(echo).toMatch(/EP MIC 101 LEVEL GAIN -9/);
    const rows = page.getByTestId('configuration-version');
    await rows.nth(1).waitFor({ timeout: 30_000 });
    await rows.first().getByText('Change seen on the device').waitFor();
    const diff = page.getByTestId('configuration-diff');
    const row = diff.getByRole('row', { name: /MIC 101 gain/ });
    await row.getByText('0 dB').waitFor();
    await row.getByText('-9 dB').waitFor();
    await page
      .getByTestId('drift-banner')
      .getByText(/differs from its approved baseline/)
      .waitFor();
    await screenshot(page, 'configuration-drift');
    await expectNoSeriousViolations(page, 'device page, drifted, diff shown');

    await hub.services.alertEngine.evaluateAll();
    const mail = await sink.waitFor(demoAccounts.owner);
    expect(mail.subject).toBe(`[Crosspoint] Configuration drifted: ${box.name} — Globex Corporation`);
    expect(mail.text).toContain('differs from its approved baseline');
    expect(mail.text).toContain('MIC 101 gain: 0 dB → -9 dB');
  }, 90_000);

  it('restores the baseline from the device page: the device is back in line', async () => {
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('drift-banner').getByRole('button', { name: 'Restore baseline' }).click();
    await page.getByTestId('in-line').getByText('Matches its baseline').waitFor({ timeout: 60_000 });
    const list = await versions();
    expect(list.drifted).toBe(false);
    expect(list.items[0]?.trigger).toBe('after-change');
    await page.getByTestId('configuration-jobs').getByText('Done.').waitFor({ timeout: 30_000 });
    await screenshot(page, 'configuration-restored');
    await expectNoSeriousViolations(page, 'device page, baseline restored');
  }, 90_000);

  it('restores a version to a selection of devices of its model, from a dialog', async () => {
    const sameModel = (await api<{ items: Row[] }>('GET', '/devices?limit=500')).items.filter(
      (d) => d.model === box.model,
    );
    await page
      .getByTestId('configuration-version')
      .first()
      .getByRole('button', { name: 'Restore to…' })
      .click();
    const dialog = page.getByRole('dialog', { name: /^Restore the configuration of / });
    await dialog
      .getByText(`It loads only to devices of its model (${box.model}).`, { exact: false })
      .waitFor();
    // The devices of the model load after the dialog's text: wait for all of them.
    await expect.poll(() => dialog.getByRole('checkbox').count(), { timeout: 15_000 }).toBe(sameModel.length);
    expect(await dialog.getByRole('checkbox', { name: box.name }).isChecked()).toBe(true);
    await expectNoSeriousViolations(page, 'dialog Restore to');
    await dialog.getByRole('button', { name: 'Restore to 1 device' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('configuration-jobs').getByText('Done.').waitFor({ timeout: 60_000 });
    expect((await versions()).drifted).toBe(false);
  }, 90_000);

  it('provisions a VoIP line from the device page and the line registers in the simulator', async () => {
    const all = (await api<{ items: Row[] }>('GET', '/devices?limit=500')).items;
    const voip = all.find((d) => /Pro 2 \d+V$/.test(d.model));
    if (!voip) throw new Error('no VoIP model in the simulated site');
    await api('POST', '/jobs', { deviceIds: [voip.id], command: { type: 'ftp', enabled: true } });
    await page.goto(`${hub.url}/devices/${voip.id}`);
    await page.getByRole('heading', { name: voip.name }).waitFor();
    await page.getByRole('button', { name: 'Provision VoIP line…' }).click();
    const dialog = page.getByRole('dialog', { name: `Provision a VoIP line of ${voip.name}` });
    await dialog.getByLabel('Line', { exact: true }).selectOption('1');
    await dialog.getByLabel('SIP server').fill('sip.globex.example');
    await dialog.getByLabel('SIP user').fill('2001');
    await dialog.getByLabel('SIP password').fill('sip-secret');
    await expectNoSeriousViolations(page, 'dialog Provision VoIP line');
    await dialog.getByRole('button', { name: `Provision the line of ${voip.name}` }).click();
    await page
      .getByTestId('job-results')
      .getByText(/^Line \d01 provisioned\.$/)
      .waitFor({ timeout: 30_000 });
    const epn = /Line (\d01)/.exec((await page.getByTestId('job-results').textContent()) ?? '')?.[1] ?? '';
    await page.getByRole('button', { name: 'VoIP registration status' }).click();
    await page
      .getByTestId('job-results')
      .getByTestId('voip-lines')
      .getByText(new RegExp(`Line ${epn}: registered`))
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'voip-provisioned');
    // The simulator itself says so, to any controller that asks.
    const state = await thirdPartyTelnet(
      voip.ip,
      site?.sim.telnetPort ?? 0,
      `EP UA ${epn} INQUIRE REGISTRATION`,
      'REGISTRATION',
    );
    expect(state).toMatch(new RegExp(`EP UA ${epn} INQUIRE REGISTRATION REGISTERED`));
  }, 90_000);

  it('changes the login of a batch of three boxes; each box takes the new one', async () => {
    const boxes = (await api<{ items: Row[] }>('GET', '/devices?limit=500')).items.filter(
      (d) => d.name === 'DSP1',
    );
    expect(boxes).toHaveLength(3);
    await page.goto(`${hub.url}/devices`);
    await page.getByLabel('Search devices').fill('DSP1');
    await page.getByTestId('list-count').getByText('3 devices').waitFor();
    await page.getByLabel('Select all visible devices').check();
    const selection = page.getByRole('region', { name: 'Selection' });
    await selection.getByRole('button', { name: 'Change login…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Change the login of / });
    await dialog.getByLabel('User name').fill('tech');
    await dialog.getByLabel('New password', { exact: true }).fill('S3cret-pass');
    await dialog.getByLabel('New password again').fill('S3cret-pas');
    await dialog.getByRole('alert').getByText('The two passwords differ.').waitFor();
    await dialog.getByLabel('New password again').fill('S3cret-pass');
    await expectNoSeriousViolations(page, 'dialog Change login');
    await dialog.getByRole('button', { name: /^Change the login of / }).click();
    await selection.getByTestId('job-progress').getByText('3 of 3 done').waitFor({ timeout: 60_000 });
    await screenshot(page, 'credentials-batch');
    for (const b of boxes) {
      const answer = await thirdPartyTelnet(b.ip, site?.sim.telnetPort ?? 0, 'VERSION', 'VERSION', {
        username: 'tech',
        password: 'S3cret-pass',
      });
      expect(answer).toMatch(/VERSION/);
    }
  }, 90_000);

  it('sets the nightly backup and retention in Settings', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Configuration backups' }).click();
    const form = page.getByRole('form', { name: 'Configuration backups' });
    expect(await form.getByLabel('Back up every device each night').isChecked()).toBe(true);
    expect(await form.getByLabel('Versions kept per device').inputValue()).toBe('100');
    await form.getByLabel('Versions kept per device').fill('50');
    await form.getByLabel('Days a version is kept').fill('90');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('status').getByText('Saved.').waitFor();
    await expectNoSeriousViolations(page, 'settings › Configuration backups');
    expect(await api('GET', '/configuration-settings')).toEqual({
      nightly: true,
      keepVersions: 50,
      keepDays: 90,
    });
  });
});
