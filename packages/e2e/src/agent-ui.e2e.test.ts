// The agent's own web UI: sign in as the local admin, see the discovered devices, connect to a hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { demoAccounts, type RunningHub } from '@crosspoint/hub';
import { loadAgentConfig, startAgentProgram, type AgentProgram } from '@crosspoint/agent';
import { generateSite, startSimulator, type Simulator } from '@crosspoint/sim';
import { launchBrowser, type TestBrowser } from './browser.ts';
import { startHubForBrowser } from './hub-fixture.ts';

describe('agent web UI in Chromium', () => {
  let hub: RunningHub;
  let sim: Simulator;
  let program: AgentProgram;
  let browser: TestBrowser;
  let dir: string;
  let agentLogin: string;

  beforeAll(async () => {
    hub = await startHubForBrowser();
    agentLogin = (await hub.services.bootstrap.seedDemo()).agentLogin;
    sim = await startSimulator({ site: generateSite({ devices: 6, seed: 5, subnetBase: '127.33' }), controlPort: 0 });
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

  it('signs in the local admin, lists devices and subnets, and connects to the hub from Settings', async () => {
    expect(program.createdAdminPassword).toBeTruthy();
    const page = await browser.newPage();
    await page.goto(program.ui.url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Wrong username or password.').waitFor();
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(program.createdAdminPassword ?? '');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Discovered devices' }).waitFor();
    const count = program.agent.inventory().length;
    expect(await page.getByRole('status').innerText()).toBe(`${String(count)} of ${String(count)} devices`);

    await page.getByRole('link', { name: 'Subnets' }).click();
    expect(await page.getByRole('table', { name: 'Subnets' }).innerText()).toMatch(/127\.33\.1\.0\/24/);

    await page.getByRole('link', { name: 'Settings › External Services' }).click();
    await page.getByText('Not connected to a hub.').waitFor();
    await page.getByLabel('Hub URL').fill(hub.url);
    await page.getByLabel(/Agent account/).fill(agentLogin);
    await page.getByLabel('Password').fill(demoAccounts.agent.password);
    await page.getByRole('button', { name: 'Connect' }).click();
    for (let i = 0; i < 50 && !(await page.getByText(/Connected to Globex Corporation/).count()); i++) {
      await page.waitForTimeout(200);
      await page.reload();
    }
    await page.getByText(/Connected to Globex Corporation/).waitFor();
    // The hub sees the agent's devices; the saved password is sealed on disk.
    const saved = await readFile(join(dir, 'hub.json'), 'utf8');
    expect(saved).not.toContain(demoAccounts.agent.password);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });
});
