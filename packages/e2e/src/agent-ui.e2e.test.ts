// The agent's own web UI: sign in as the local admin, see the discovered devices, connect to a hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { demoAccounts, type RunningHub } from '@crosspoint/hub';
import { loadAgentConfig, startAgentProgram, type AgentProgram } from '@crosspoint/agent';
import { generateSite, startSimulator, type Simulator } from '@crosspoint/sim';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, type TestBrowser } from './browser.ts';
import { signInToDemoClient, startHubForBrowser } from './hub-fixture.ts';

describe('agent web UI in Chromium', () => {
  let hub: RunningHub;
  let sim: Simulator;
  let program: AgentProgram;
  let browser: TestBrowser;
  let dir: string;
  let agentLogin: string;
  let clientId: string;

  beforeAll(async () => {
    hub = await startHubForBrowser();
    ({ agentLogin, clientId } = await hub.services.bootstrap.seedDemo());
    sim = await startSimulator({
      site: generateSite({ devices: 6, seed: 5, subnetBase: '127.33' }),
      controlPort: 0,
    });
    dir = await mkdtemp(join(tmpdir(), 'cp-agent-ui-'));
    const config = loadAgentConfig(
      {
        dataDir: dir,
        uiPort: '0',
        subnets: sim.site.subnets.map((s) => `${s.cidr}:${String(sim.telnetPort)}@${s.name}`).join(','),
        ftpPort: String(sim.site.ftpPort),
        micPort: String(sim.site.micPort),
        videoPort: String(sim.site.videoPort),
        discoveryIntervalS: '0',
        logLevel: 'silent',
      },
      {},
    );
    program = await startAgentProgram(config, { logger: pino({ level: 'silent' }) });
    await program.agent.rediscover();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await program.close();
    await sim.close();
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('signs in the local admin, lists devices, disables and enables a subnet, and connects to the hub from Settings', async () => {
    expect(program.createdAdminPassword).toBeTruthy();
    const page = await browser.newPage();
    await page.goto(program.ui.url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectNoSeriousViolations(page, 'agent UI › sign-in');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Wrong username or password.').waitFor();
    await expectNoSeriousViolations(page, 'agent UI › sign-in, wrong password');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(program.createdAdminPassword ?? '');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Discovered devices' }).waitFor();
    const count = program.agent.inventory().length;
    expect(await page.getByRole('status').innerText()).toBe(`${String(count)} of ${String(count)} devices`);
    await expectNoSeriousViolations(page, 'agent UI › discovered devices');

    await page.getByRole('link', { name: 'Subnets' }).click();
    expect(await page.getByRole('table', { name: 'Subnets' }).innerText()).toMatch(/127\.33\.1\.0\/24/);
    await expectNoSeriousViolations(page, 'agent UI › subnets');

    // Disable a subnet and enable it again, by the buttons' accessible names.
    const row = page.getByRole('row').filter({ hasText: '127.33.1.0/24' });
    expect(await page.getByRole('status').innerText()).toBe('1 of 1 enabled');
    await page.getByRole('button', { name: 'Disable 127.33.1.0/24' }).click();
    await page.getByRole('button', { name: 'Enable 127.33.1.0/24' }).waitFor();
    expect(await row.getByRole('cell').nth(4).innerText()).toBe('Disabled');
    expect(await page.getByRole('status').innerText()).toBe('0 of 1 enabled');
    expect(program.agent.subnetCounts()).toEqual({ enabled: 0, total: 1 });
    await page.getByRole('link', { name: 'Devices' }).click();
    await page.getByText('Not monitored (subnet disabled)').first().waitFor();
    await expectNoSeriousViolations(page, 'agent UI › devices, subnet disabled');
    await page.getByRole('link', { name: 'Subnets' }).click();
    await page.getByRole('button', { name: 'Enable 127.33.1.0/24' }).click();
    await page.getByRole('button', { name: 'Disable 127.33.1.0/24' }).waitFor();
    expect(await row.getByRole('cell').nth(4).innerText()).toBe('Enabled');
    expect(await page.getByRole('status').innerText()).toBe('1 of 1 enabled');

    await page.getByRole('link', { name: 'Settings › External Services' }).click();
    await page.getByText('Not connected to a hub.').waitFor();
    await expectNoSeriousViolations(page, 'agent UI › settings, external services');
    await page.getByLabel('Hub URL').fill(hub.url);
    await page.getByLabel('Agent login', { exact: true }).fill(agentLogin);
    await page.getByLabel('Password').fill(demoAccounts.agent.password);
    await page.getByRole('button', { name: 'Connect' }).click();
    for (let i = 0; i < 50 && !(await page.getByText(/Connected to Globex Corporation/).count()); i++) {
      await page.waitForTimeout(200);
      await page.reload();
    }
    await page.getByText(/Connected to Globex Corporation/).waitFor();
    await expectNoSeriousViolations(page, 'agent UI › settings, connected');
    // The hub sees the agent's devices; the saved password is sealed on disk.
    const saved = await readFile(join(dir, 'hub.json'), 'utf8');
    expect(saved).not.toContain(demoAccounts.agent.password);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });

  it('while connected, a disabled subnet shows on the hub as Not Monitored, not Down, and comes back when enabled', async () => {
    const org = await hub.services.access.resolve(
      { userId: null, label: 'test', ip: null, token: { id: 'x', orgId: clientId, role: 'administrator' } },
      clientId,
    );
    const token = (await hub.services.tokens.create(org, { name: 'agent-ui-test', role: 'monitor' })).secret;
    const statuses = async (): Promise<string[]> => {
      const res = await fetch(`${hub.url}/api/v1/orgs/${clientId}/devices?limit=500`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return ((await res.json()) as { items: { status: string }[] }).items.map((d) => d.status);
    };
    const count = program.agent.inventory().length;
    const until = async (wanted: (s: string[]) => boolean) => {
      for (let i = 0; i < 100 && !wanted(await statuses()); i++) await new Promise((r) => setTimeout(r, 100));
      return statuses();
    };
    expect((await until((s) => s.length === count && s.every((x) => x === 'Healthy'))).length).toBe(count);

    const page = await browser.newPage();
    await page.goto(`${program.ui.url}/subnets`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(program.createdAdminPassword ?? '');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Subnets' }).click();
    await page.getByRole('button', { name: 'Disable 127.33.1.0/24' }).click();
    await page.getByRole('button', { name: 'Enable 127.33.1.0/24' }).waitFor();
    expect(await until((s) => s.every((x) => x === 'Not Monitored'))).toEqual(
      Array(count).fill('Not Monitored'),
    );
    // The heartbeat that carries the new counts did not cost the link.
    expect(program.link.current().state?.state).toBe('connected');
    // In the hub's web app: the Servers screen shows the subnet off, the dashboard counts the
    // devices apart ("Not monitored"), not as issues.
    const hubPage = await browser.newPage();
    await signInToDemoClient(hubPage, hub.url);
    await hubPage
      .getByRole('group', { name: 'Devices by Down, Issues, Healthy' })
      .getByRole('button', { name: `Not monitored: ${String(count)}` })
      .waitFor();
    await hubPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Servers' }).click();
    await hubPage.getByRole('cell', { name: '0 of 1' }).waitFor();
    await hubPage.close();

    await page.getByRole('button', { name: 'Enable 127.33.1.0/24' }).click();
    await page.getByRole('button', { name: 'Disable 127.33.1.0/24' }).waitFor();
    expect(await until((s) => s.every((x) => x === 'Healthy'))).toEqual(Array(count).fill('Healthy'));
    expect(program.link.current().state?.state).toBe('connected');
  });
});
