import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Page } from 'playwright-core';
import {
  defaultWebDir,
  demoAccounts,
  loadHubConfig,
  startHub,
  type HubConfig,
  type RunningHub,
  type StartHubOptions,
} from '@crosspoint/hub';
import {
  captureMail,
  FakeAgent,
  linkDevice,
  mailedLinkToken,
  testConfigurationTuning,
} from '@crosspoint/hub/testing';
import { connectAgentToHub, loadAgentConfig, startAgent, type Agent, type HubLink } from '@crosspoint/agent';
import { generateSite, startSimulator, type Simulator, type StartSimulatorOptions } from '@crosspoint/sim';

/** A port free on 127.0.0.1 now (for a hub restarted on the same address). */
export const freePort = (): Promise<number> =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** Polls `check` every 50 ms until it holds; fails naming `what` after `ms`. */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  ms = 15_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A real hub on 127.0.0.1:0 with an in-memory database, serving the built web app (optionally on a movable clock). */
export async function startHubForBrowser(
  config: Partial<HubConfig> = {},
  options: Pick<StartHubOptions, 'clock' | 'configurations' | 'collaborateSpace'> = {},
): Promise<RunningHub> {
  if (!existsSync(join(defaultWebDir, 'index.html'))) {
    throw new Error('The web app is not built: run `npm run build:web` (npm test does it first).');
  }
  const hub = await startHub(
    { ...loadHubConfig({ port: '0', logLevel: 'silent' }, {}), ...config },
    {
      logger: pino({ level: 'silent' }),
      database: { kind: 'pglite', dataDir: null },
      configurations: testConfigurationTuning,
      ...options,
    },
  );
  captureMail(hub.services.mail);
  return hub;
}

/**
 * The demo site's agent, scripted: signs in as `login`, reports devices "Room 1"… with these
 * statuses, and returns the sequence number its inventory used (deltas go on from there).
 */
export async function connectDemoAgent(
  hub: RunningHub,
  login: string,
  statuses: string[],
): Promise<{ agent: FakeAgent; seq: number }> {
  const agent = await FakeAgent.connect(hub.url, login, demoAccounts.agent.password);
  agent.hello();
  const seq = (await agent.next('welcome')).lastSeq + 1;
  agent.send({ type: 'inventory', seq, devices: statuses.map((s, i) => linkDevice(i + 1, s)) });
  await agent.next('ack');
  return { agent, seq };
}

/**
 * A real simulated site linked to the hub at `hubUrl`: the simulator, an agent that discovered it,
 * and its link, signed in as the demo agent account `login`. The hub lists the devices shortly after.
 */
export async function connectSimulatedSite(
  hubUrl: string,
  login: string,
  options: {
    devices: number;
    seed: number;
    subnetBase: string;
    /** Also start the simulated COLLABORATE Space (sim.collaborateSpace). */
    collaborateSpace?: StartSimulatorOptions['collaborateSpace'];
  },
): Promise<{ sim: Simulator; agent: Agent; link: HubLink; close: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'cp-e2e-site-'));
  const { collaborateSpace, ...site } = options;
  const sim = await startSimulator({
    site: generateSite(site),
    controlPort: 0,
    ...(collaborateSpace ? { collaborateSpace } : {}),
  });
  const agent = await startAgent(
    loadAgentConfig(
      {
        dataDir: join(dir, 'agent'),
        subnets: sim.site.subnets.map((s) => `${s.cidr}:${String(sim.telnetPort)}@${s.name}`).join(','),
        serverName: 'Test agent',
        ftpPort: String(sim.site.ftpPort),
        micPort: String(sim.site.micPort),
        videoPort: String(sim.site.videoPort),
        discoveryIntervalS: '0',
        logLevel: 'silent',
      },
      {},
    ),
    { logger: pino({ level: 'silent' }), discoverOnStart: false },
  );
  await agent.rediscover();
  const link = await connectAgentToHub(
    agent,
    { hubUrl, login, password: demoAccounts.agent.password },
    {
      dataDir: join(dir, 'agent'),
      agentVersion: '0.1.0-test',
      subnets: { enabled: 1, total: 1 },
      logger: pino({ level: 'silent' }),
      batchMs: 50,
    },
  );
  return {
    sim,
    agent,
    link,
    close: async () => {
      await link.close();
      await agent.close();
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Seeds the demo tenants on `hub` and makes an API token of the demo client with `role`. */
export async function seedDemoClient(
  hub: RunningHub,
  role: 'administrator' | 'monitor',
): Promise<{ clientId: string; agentLogin: string; token: string }> {
  const seeded = await hub.services.bootstrap.seedDemo();
  const org = await hub.services.access.resolve(
    {
      userId: null,
      label: 'test',
      ip: null,
      token: { id: 'seed', orgId: seeded.clientId, role: 'administrator' },
    },
    seeded.clientId,
  );
  const token = (await hub.services.tokens.create(org, { name: `test ${role}`, role })).secret;
  return { clientId: seeded.clientId, agentLogin: seeded.agentLogin, token };
}

/**
 * An agent of the simulated site `sim` keeping its data in `dataDir` (start it again on the same
 * folder: the same agent after a restart), linked to the hub at `hubUrl` as `login`.
 */
export async function startSiteAgent(
  sim: Simulator,
  dataDir: string,
  hubUrl: string,
  login: string,
): Promise<{ agent: Agent; link: HubLink; stop: () => Promise<void> }> {
  const agent = await startSimAgent(sim, dataDir);
  const link = await connectAgentToHub(
    agent,
    { hubUrl, login, password: demoAccounts.agent.password },
    { dataDir, agentVersion: '0.1.0-test', logger: pino({ level: 'silent' }), batchMs: 50 },
  );
  return {
    agent,
    link,
    stop: async () => {
      await link.close();
      await agent.close();
    },
  };
}

/** An agent on the boxes of the simulated site `sim` (no mics, no codecs), not linked to a hub yet. */
export function startSimAgent(sim: Simulator, dataDir: string, serverName = 'Site agent'): Promise<Agent> {
  return startAgent(
    loadAgentConfig(
      {
        dataDir,
        subnets: sim.site.subnets.map((s) => `${s.cidr}:${String(sim.telnetPort)}@${s.name}`).join(','),
        serverName,
        ftpPort: String(sim.site.ftpPort),
        micPort: '0',
        videoPort: '0',
        discoveryIntervalS: '0',
        logLevel: 'silent',
      },
      {},
    ),
    { logger: pino({ level: 'silent' }), discoverOnStart: false },
  );
}

/** The link token of the newest mail to `email`, as the hub wrote it (its outbox keeps the link redacted). */
export function outboxToken(hub: RunningHub, email: string): Promise<string> {
  return Promise.resolve(mailedLinkToken(hub.services.mail, email));
}

/**
 * Signs the demo owner in, accepts the terms (unless `termsAccepted`: the owner did already on this
 * hub), and switches to the demo client (Globex Corporation).
 */
export async function signInToDemoClient(
  page: Page,
  hubUrl: string,
  { termsAccepted = false }: { termsAccepted?: boolean } = {},
): Promise<void> {
  await signInAsDemoOwner(page, hubUrl, { termsAccepted });
  await page.getByRole('button', { name: 'Choose Organization…' }).click();
  await page
    .getByRole('dialog', { name: 'Choose Organization' })
    .getByRole('button', { name: /Globex Corporation/ })
    .click();
  await page.getByRole('heading', { name: 'Globex Corporation' }).waitFor();
}

/** Signs the demo owner in (accepting the terms the first time): the support organization's home. */
export async function signInAsDemoOwner(
  page: Page,
  hubUrl: string,
  { termsAccepted = false }: { termsAccepted?: boolean } = {},
): Promise<void> {
  await page.goto(`${hubUrl}/sign-in`);
  await page.getByLabel('Username or email address').fill(demoAccounts.owner);
  await page.getByLabel('Password', { exact: true }).fill(demoAccounts.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (!termsAccepted) {
    const terms = page.getByRole('dialog', { name: 'Read and accept terms' });
    await terms.getByLabel('I accept the Terms of Use').check();
    await terms.getByLabel('I accept the Privacy Policy').check();
    await terms.getByRole('button', { name: 'Accept' }).click();
  }
}
