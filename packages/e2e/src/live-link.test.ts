// Simulator → agent → hub, for real: statuses arrive within a second, and what the agent observes
// while the hub is down is replayed, in order, with its true times, when the hub comes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadHubConfig, startHub, type RunningHub } from '@crosspoint/hub';
import type { Agent, HubLink } from '@crosspoint/agent';
import type { Simulator } from '@crosspoint/sim';
import { connectSimulatedSite, freePort, seedDemoClient, until } from './hub-fixture.ts';

interface DeviceRow {
  id: string;
  name: string;
  status: string;
  since: string;
}

describe('live link: simulator → agent → hub', () => {
  let dir: string;
  let port: number;
  let hub: RunningHub;
  let sim: Simulator;
  let agent: Agent;
  let link: HubLink;
  let closeSite: () => Promise<void>;
  let login: string;
  let clientId: string;
  let token: string;

  const startTheHub = async () => {
    hub = await startHub(
      loadHubConfig({ port: String(port), dataDir: join(dir, 'hub'), logLevel: 'silent' }, {}),
      { logger: pino({ level: 'silent' }) },
    );
  };
  const devices = async (q = ''): Promise<DeviceRow[]> => {
    const res = await fetch(`${hub.url}/api/v1/orgs/${clientId}/devices?limit=500${q}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return ((await res.json()) as { items: DeviceRow[] }).items;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cp-live-'));
    port = await freePort();
    await startTheHub();
    // An API token of the client org, for reading the hub's view (Monitor role).
    ({ clientId, agentLogin: login, token } = await seedDemoClient(hub, 'monitor'));

    ({
      sim,
      agent,
      link,
      close: closeSite,
    } = await connectSimulatedSite(`http://127.0.0.1:${String(port)}`, login, {
      devices: 12,
      seed: 3,
      subnetBase: '127.37',
    }));
  });
  afterAll(async () => {
    await closeSite();
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('brings the whole site into the hub and reports a drop at once (bench: detection p99)', async () => {
    const expected = agent.inventory().length;
    expect(expected).toBeGreaterThan(8);
    await until('the inventory', async () => (await devices()).length === expected);
    const box = sim.devices.find((d) => d.kind === 'box');
    if (!box) throw new Error('no box in the site');
    const injected = Date.now();
    await sim.control.setFault(box.id, 'down', true);
    await until('the drop', async () => (await devices('&group=down')).some((d) => d.name === box.name));
    expect(Date.now() - injected).toBeLessThan(3000);
    await sim.control.clearFaults(box.id);
    await until('the recovery', async () => (await devices('&group=down')).length === 0);
  });

  it('buffers what happens while the hub is down and replays it, with the true times', async () => {
    const boxes = sim.devices.filter((d) => d.kind === 'box');
    const [a, b] = boxes;
    if (!a || !b) throw new Error('need two boxes');
    await hub.close();
    const outageStarted = Date.now();
    await sim.control.setFault(a.id, 'safety_mute', true);
    await sim.control.setFault(b.id, 'down', true);
    // Wait until the agent itself has seen both, then bring the hub back.
    await until('the agent to observe', () =>
      Promise.resolve(
        agent.inventory().filter((d) => d.status === 'Safety Mute On' || d.status === 'Down').length >= 2,
      ),
    );
    expect(link.pending()).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 500));
    await startTheHub();
    await until('the replay', async () => {
      const rows = await devices();
      return (
        rows.some((d) => d.name === a.name && d.status === 'Safety Mute On') &&
        rows.some((d) => d.name === b.name && d.status === 'Down')
      );
    });
    const down = (await devices('&group=down')).find((d) => d.name === b.name);
    // "since" is when the agent saw it, during the outage — not when the hub heard of it.
    expect(Date.parse(down?.since ?? '')).toBeGreaterThanOrEqual(outageStarted - 50);
    expect(Date.parse(down?.since ?? '')).toBeLessThan(Date.now() - 400);
    await until('the buffer to drain', () => Promise.resolve(link.pending() === 0));
    await sim.control.clearFaults();
  });
});
