// The agent as people install it, in the browser: Downloads offers the build this hub has (its
// version, size and SHA-256 with a Copy button, Linux and Windows steps), and Servers shows the
// monitoring system Issue with its reason when the simulator makes a subnet sweep fail (every box
// accepts the connection and hangs), with the agent's version marked "Update available"; the agent,
// set to update manually, gets the Update button: a person confirms, the agent downloads the signed
// build, checks it and installs it (its restart is left to the test), and the row follows live.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoAccounts, type RunningHub } from '@crosspoint/hub';
import {
  SelfUpdater,
  connectAgentToHub,
  loadAgentConfig,
  startAgent,
  type Agent,
  type HubLink,
} from '@crosspoint/agent';
import { generateSite, startSimulator, type Simulator } from '@crosspoint/sim';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, screenshot, type TestBrowser } from './browser.ts';
import { signInToDemoClient, startHubForBrowser } from './hub-fixture.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

describe('the agent as people install it, in Chromium', () => {
  let dir: string;
  let hub: RunningHub;
  let browser: TestBrowser;
  let page: Page;
  let sim: Simulator;
  let agent: Agent;
  let link: HubLink;
  let updater: SelfUpdater;
  const restarts: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cp-e2e-agent-install-'));
    // The hub offers a newer agent than the one on site (0.1.0-test).
    const key = join(dir, 'release.pem');
    await run(process.execPath, ['scripts/build-agent.mjs', '--new-signing-key', key], { cwd: root });
    await run(
      process.execPath,
      [
        'scripts/build-agent.mjs',
        '--out-dir',
        join(dir, 'build'),
        '--version',
        '9.9.9-e2e',
        '--signing-key',
        key,
        '--executable',
      ],
      { cwd: root },
    );
    // The agent on site, as if it ran from its own file (installed under a supervisor), set to "manually".
    await writeFile(join(dir, 'crosspoint-agent.mjs'), '// the agent 0.1.0-test\n');
    await mkdir(join(dir, 'agent'), { recursive: true });
    updater = await SelfUpdater.open({
      dataDir: join(dir, 'agent'),
      version: '0.1.0-test',
      file: join(dir, 'crosspoint-agent.mjs'),
      publicKey: await readFile(join(dir, 'release.pub.pem'), 'utf8'),
      supervised: true,
      logger: pino({ level: 'silent' }),
      restart: (why) => restarts.push(why),
    });
    await updater.setMode('manual');
    hub = await startHubForBrowser({ agentFile: join(dir, 'build', 'agent.mjs') });
    const seeded = await hub.services.bootstrap.seedDemo();

    sim = await startSimulator({
      site: generateSite({ devices: 3, seed: 23, subnetBase: '127.47' }),
      controlPort: 0,
    });
    // Every box accepts the connection and then hangs: the sweep finds them, identifies none.
    for (const d of sim.devices.filter((x) => x.kind === 'box'))
      await sim.control.setFault(d.id, 'hang', true);
    agent = await startAgent(
      loadAgentConfig(
        {
          dataDir: join(dir, 'agent'),
          subnets: sim.site.subnets.map((s) => `${s.cidr}:${String(sim.telnetPort)}@${s.name}`).join(','),
          serverName: 'Site agent',
          micPort: '0',
          videoPort: '0',
          discoveryIntervalS: '0',
          logLevel: 'silent',
        },
        {},
      ),
      {
        logger: pino({ level: 'silent' }),
        discoverOnStart: false,
        timings: { connectTimeoutMs: 500, loginTimeoutMs: 1000 },
      },
    );
    await agent.rediscover();
    link = await connectAgentToHub(
      agent,
      { hubUrl: hub.url, login: seeded.agentLogin, password: demoAccounts.agent.password },
      {
        dataDir: join(dir, 'agent'),
        agentVersion: '0.1.0-test',
        logger: pino({ level: 'silent' }),
        batchMs: 50,
        heartbeatMs: 500,
        updater,
      },
    );
    browser = await launchBrowser();
    page = await browser.newPage();
    await signInToDemoClient(page, hub.url);
  }, 90_000);
  afterAll(async () => {
    updater.close();
    await browser.close();
    await link.close();
    await agent.close();
    await sim.close();
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('Downloads offers the build with its version, size and SHA-256, and the Linux and Windows steps', async () => {
    await nav(page, 'Downloads');
    await page.getByRole('link', { name: 'Download crosspoint-agent.mjs', exact: true }).waitFor();
    const facts = page.locator('dl.facts').first();
    expect(await facts.innerText()).toMatch(/Version\s+9\.9\.9-e2e/);
    expect(await facts.innerText()).toMatch(/SHA-256\s+[0-9a-f]{64}/);
    await page.getByRole('button', { name: 'Copy SHA-256', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Linux server (systemd)', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Windows server (WinSW)', exact: true }).waitFor();
    await page.getByText('sudo node crosspoint-agent.mjs install-service', { exact: true }).waitFor();
    // The same version as one executable with Node inside.
    await page
      .getByRole('heading', { name: 'Linux x64: one executable, Node.js included', exact: true })
      .waitFor();
    const exe = page.getByRole('link', { name: 'Download crosspoint-agent-linux-x64', exact: true });
    expect(await exe.getAttribute('href')).toMatch(/\/downloads\/agent\/executable$/);
    expect(
      await page.getByLabel('Linux x64: one executable, Node.js included', { exact: true }).innerText(),
    ).toMatch(/SHA-256\s+[0-9a-f]{64}/);
    await page.getByText('sudo ./crosspoint-agent-linux-x64 install-service', { exact: false }).waitFor();
    await screenshot(page, 'downloads-agent');
    await expectNoSeriousViolations(page, 'downloads with the agent build');
  });

  it('Servers shows Issue with the reason of the failing subnet sweep, and Update available', async () => {
    await nav(page, 'Servers');
    const table = page.getByRole('table');
    await table.getByText('Issue', { exact: true }).waitFor({ timeout: 20_000 });
    const issues = table.getByRole('list', { name: 'Issues of Globex HQ agent', exact: true });
    await issues.getByText('Subnet sweep failing', { exact: true }).waitFor();
    expect(await issues.innerText()).toMatch(
      /127\.47\.\d+\.0\/24 \(\w+\): \d+ of \d+ answering addresses could not be identified/,
    );
    await table.getByText('Update available', { exact: true }).waitFor();
    // The agent heard of the newer build from the hub's welcome, too.
    expect(link.state()).toMatchObject({ state: 'connected', hubAgentBuild: { version: '9.9.9-e2e' } });
    await table.getByText(/CPU [\d.]+ %, \d+ MB/).waitFor();
    await table.getByText(/Uplink [\d.]+ ms, up since/).waitFor();
    await screenshot(page, 'servers-issue');
    await expectNoSeriousViolations(page, 'servers with an agent issue');
  });

  it('Update on Servers: confirmed, the agent installs the signed build and the row follows live', async () => {
    const table = page.getByRole('table');
    await table.getByText('Updates manually', { exact: true }).waitFor({ timeout: 20_000 });
    await table.getByRole('button', { name: 'Update the agent of Globex HQ agent', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Update the agent of Globex HQ agent', exact: true });
    await dialog.getByText(/downloads 9\.9\.9-e2e from this hub, checks its release signature/).waitFor();
    await expectNoSeriousViolations(page, 'the agent update confirmation');
    await dialog.getByRole('button', { name: 'Update now', exact: true }).click();
    await table.getByText('Updating to 9.9.9-e2e…', { exact: true }).waitFor({ timeout: 30_000 });
    await expect.poll(() => restarts, { timeout: 30_000 }).toEqual(['update from 0.1.0-test to 9.9.9-e2e']);
    expect(await readFile(join(dir, 'crosspoint-agent.mjs'))).toEqual(
      await readFile(join(dir, 'build', 'agent.mjs')),
    );
    await screenshot(page, 'servers-agent-updating');
    await nav(page, 'History');
    await page.getByText('servers.agent_update_requested', { exact: true }).first().waitFor();
    await page.getByText('agents.update_installing', { exact: true }).first().waitFor();
  });
});
