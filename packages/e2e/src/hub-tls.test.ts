// The agent linking to a hub that serves HTTPS itself, over real TLS on loopback with a throwaway
// CA (openssl): with the CA file the link comes up over wss:// and the hub lists the site; without
// it the agent says why (its status and web UI) and backs off; several hub URLs still fail over;
// a certificate rotated on the hub is what the agent's next connection gets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { demoAccounts, loadHubConfig, startHub, type RunningHub } from '@crosspoint/hub';
import { createTestCa, type TestCa } from '@crosspoint/hub/testing';
import {
  connectAgentToHub,
  fetchTrusting,
  loadAgentConfig,
  loadHubTrust,
  startAgentProgram,
  type Agent,
  type HubLink,
  type HubTrust,
  type LinkState,
} from '@crosspoint/agent';
import { generateSite, startSimulator, type Simulator } from '@crosspoint/sim';
import { seedDemoClient, startSimAgent, until } from './hub-fixture.ts';

/** A loopback port nothing listens on (a hub that is gone). */
const closedPort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

describe('agent link over wss to a hub serving HTTPS', () => {
  let dir: string;
  let ca: TestCa;
  let otherCa: TestCa;
  let hub: RunningHub;
  let sim: Simulator;
  let agent: Agent;
  let trust: HubTrust;
  let clientId: string;
  let token: string;
  let login: string;
  const file = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cp-e2e-tls-'));
    ca = await createTestCa();
    otherCa = await createTestCa('Some other CA');
    const served = await ca.issue();
    await writeFile(file('hub.pem'), served.cert);
    await writeFile(file('hub.key'), served.key);
    await writeFile(file('ca.pem'), ca.cert);
    hub = await startHub(
      {
        ...loadHubConfig(
          { port: '0', logLevel: 'silent', tlsCert: file('hub.pem'), tlsKey: file('hub.key') },
          {},
        ),
        secretKey: '7e57'.repeat(16),
      },
      {
        logger: pino({ level: 'silent' }),
        database: { kind: 'pglite', dataDir: null },
        tlsWatch: { pollMs: 100, settleMs: 100 },
      },
    );
    ({ clientId, token, agentLogin: login } = await seedDemoClient(hub, 'monitor'));
    sim = await startSimulator({
      site: generateSite({ devices: 6, seed: 24, subnetBase: '127.38' }),
      controlPort: 0,
    });
    agent = await startSimAgent(sim, file('agent'), 'TLS site');
    await agent.rediscover();
    const loaded = await loadHubTrust(file('ca.pem'));
    if (!loaded) throw new Error('no trust');
    trust = loaded;
  });
  afterAll(async () => {
    await agent.close();
    await sim.close();
    await hub.close();
    await ca.remove();
    await otherCa.remove();
    await rm(dir, { recursive: true, force: true });
  });

  /** The link of the site agent to `hubUrl`, with its states kept. */
  const link = async (
    hubUrl: string,
    withTrust: HubTrust | undefined,
  ): Promise<{ link: HubLink; states: LinkState[] }> => {
    const states: LinkState[] = [];
    const l = await connectAgentToHub(
      agent,
      { hubUrl, login, password: demoAccounts.agent.password },
      {
        dataDir: file('agent'),
        agentVersion: '0.1.0-test',
        logger: pino({ level: 'silent' }),
        batchMs: 50,
        trust: withTrust,
        onState: (s) => states.push(s),
      },
    );
    return { link: l, states };
  };
  const hubTotal = async () => {
    const res = await fetchTrusting(trust)(`${hub.url}/api/v1/orgs/${clientId}/devices?limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return ((await res.json()) as { total: number }).total;
  };

  it('links over wss:// with the CA file, and the hub lists the site', async () => {
    expect(hub.url).toMatch(/^https:/);
    const { link: l, states } = await link(hub.url.replace(/^https/, 'wss'), trust);
    try {
      await until('the link', () => l.state().state === 'connected');
      await until('the hub to list the site', async () => (await hubTotal()) === agent.inventory().length);
      expect(states.some((s) => s.state === 'disconnected')).toBe(false);
    } finally {
      await l.close();
    }
  });

  it('without the CA, says the certificate is not accepted and backs off', async () => {
    const { link: l, states } = await link(hub.url, undefined);
    try {
      await until('the refusal', () => l.state().state === 'disconnected');
      const s = l.state();
      expect(s).toMatchObject({ state: 'disconnected', certificate: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
      expect(s.state === 'disconnected' && s.reason).toContain('--hub-ca');
      // The usual backoff: a few tries in 3 s, not a tight loop.
      await new Promise((r) => setTimeout(r, 3000));
      expect(states.filter((x) => x.state === 'connecting').length).toBeLessThanOrEqual(5);
    } finally {
      await l.close();
    }
  });

  it('fails over between several https hub URLs', async () => {
    const gone = await closedPort();
    const { link: l } = await link(`https://127.0.0.1:${String(gone)},${hub.url}`, trust);
    try {
      await until('the link to the live hub', () => l.state().state === 'connected', 20_000);
      expect(l.hubUrl()).toBe(hub.url);
    } finally {
      await l.close();
    }
  });

  it('takes the hub’s rotated certificate on its next connection; one from a CA it does not trust is refused', async () => {
    const renewed = await ca.issue();
    await writeFile(file('hub.pem'), renewed.cert);
    await writeFile(file('hub.key'), renewed.key);
    await until('the hub to reload', async () => (await hub.tls?.reload()) === 'unchanged');
    const first = await link(hub.url, trust);
    await until('the link after the rotation', () => first.link.state().state === 'connected');
    await first.link.close();

    const foreign = await otherCa.issue();
    await writeFile(file('hub.pem'), foreign.cert);
    await writeFile(file('hub.key'), foreign.key);
    await until('the hub to reload', async () => (await hub.tls?.reload()) === 'unchanged');
    const second = await link(hub.url, trust);
    try {
      await until('the refusal', () => second.link.state().state === 'disconnected');
      expect(second.link.state()).toMatchObject({ certificate: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    } finally {
      await second.link.close();
    }
  });

  it('the agent program shows the refusal on its web UI, and stops at start on an unreadable CA file', async () => {
    const program = await startAgentProgram(
      loadAgentConfig(
        {
          dataDir: file('program'),
          uiPort: '0',
          discoveryIntervalS: '0',
          logLevel: 'silent',
          hubUrl: hub.url,
          account: login,
          password: demoAccounts.agent.password,
        },
        {},
      ),
      { logger: pino({ level: 'silent' }), uiPassword: 'local-secret-1', agent: { discoverOnStart: false } },
    );
    try {
      await until('the refusal', () => program.link.current().state?.state === 'disconnected');
      const base = program.ui.url;
      const signIn = await fetch(`${base}/sign-in`, {
        method: 'POST',
        body: new URLSearchParams({ username: 'admin', password: 'local-secret-1' }),
        redirect: 'manual',
      });
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const html = await (await fetch(`${base}/settings/hub`, { headers: { cookie } })).text();
      expect(html).toContain('data-certificate="refused"');
      expect(html).toContain('The hub’s certificate was not accepted (');
      expect(html).toContain('--hub-ca');
    } finally {
      await program.close();
    }
    await expect(
      startAgentProgram(
        loadAgentConfig(
          { dataDir: file('program'), uiPort: '0', logLevel: 'silent', hubCa: file('none.pem') },
          {},
        ),
        { logger: pino({ level: 'silent' }) },
      ),
    ).rejects.toThrow(/--hub-ca \(CROSSPOINT_HUB_CA\): cannot read .*none\.pem \(ENOENT\)/);
  });
});
