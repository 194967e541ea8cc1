// Chaos on several hubs (#26): two `crosspoint hub` processes on one PostgreSQL and a NATS server of
// the test's own, a simulated site and its agent given both hubs' URLs. NATS is stopped for
// `chaosOutageSeconds` (12 s here; CROSSPOINT_CHAOS_OUTAGE_S=60 for the issue's minute) and started
// again: both hubs say what is wrong on /readyz and are ready again without a restart; a command to
// the agent through its own hub works during the outage, and through the other hub after it; a
// status change made during the outage is stored and counted on both hubs (their kept counts equal
// the database); live events cross hubs again. Then the hub holding the agent is killed with
// SIGKILL during a firmware update sent through the other hub: the agent moves to the survivor and
// every job ends succeeded with one apply per box. Skipped (with a reason) without PostgreSQL or
// nats-server, except under CI=true.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { firmwareImageHeader, type DeviceId, type DeviceSummary } from '@crosspoint/protocol';
import { loadHubConfig, startHub } from '@crosspoint/hub';
import {
  createTestDatabase,
  laneAvailable,
  natsServerAvailable,
  postgresAdminUrl,
  startOwnNatsServer,
  type OwnNatsServer,
} from '@crosspoint/hub/testing';
import type { Agent } from '@crosspoint/agent';
import { generateSite, startSimulator, type Simulator } from '@crosspoint/sim';
import { freePort, seedDemoClient, startSiteAgent, until } from './hub-fixture.ts';
import { hubProcessSecretKey, orgApi, startHubProcess } from './hub-process.ts';
import { chaosOutageSeconds } from './config.ts';

const run = (await laneAvailable('PostgreSQL', postgresAdminUrl)) && natsServerAvailable();

interface Job {
  id: string;
  status: string;
  error: { code: string } | null;
}
interface Row {
  id: string;
  serial: string;
  status: string;
}
interface Readiness {
  ready: boolean;
  checks: { name: string; ok: boolean; detail?: string }[];
}

describe.skipIf(!run)('two hubs through a NATS outage and a hub killed', () => {
  let dir: string;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let nats: OwnNatsServer;
  const ports: number[] = [];
  const hubs: (ChildProcess | undefined)[] = [];
  let sim: Simulator;
  let agent: Agent;
  let stopAgent: () => Promise<void>;
  let clientId: string;
  let token: string;

  const base = (i: number) => `http://127.0.0.1:${String(ports[i])}`;
  const api = <T>(hub: number, method: string, path: string, body?: unknown, type?: string) =>
    orgApi(base(hub), clientId, token)<T>(method, path, body, type);
  const readiness = async (hub: number) => {
    const res = await fetch(`${base(hub)}/readyz`);
    return { status: res.status, body: (await res.json()) as Readiness };
  };
  /** Which hub holds the agent's link: the one whose metrics count it. */
  const holder = async () => {
    for (const i of [0, 1]) {
      const text = await fetch(`${base(i)}/metrics`)
        .then((r) => r.text())
        .catch(() => ''); // a killed hub
      if (/^crosspoint_agents_connected 1$/m.test(text)) return i;
    }
    return -1;
  };
  const finished = async (hub: number, ids: string[], ms = 90_000) => {
    let last: Job[] = [];
    await until(
      'the jobs to end',
      async () => {
        last = await Promise.all(ids.map((id) => api<Job>(hub, 'GET', `/jobs/${id}`)));
        return last.every((j) => j.status === 'succeeded' || j.status === 'failed');
      },
      ms,
    );
    return last;
  };
  const rows = async (hub: number) => (await api<{ items: Row[] }>(hub, 'GET', '/devices?limit=500')).items;
  /** The hub's dashboard count of Down devices (kept by the hub) and the database's. */
  const downCounts = async (hub: number) => {
    const summary = await api<DeviceSummary>(hub, 'GET', '/devices/summary');
    const kept = summary.byStatus.find((s) => s.status === 'Down')?.count ?? 0;
    const stored = (await rows(hub)).filter((r) => r.status === 'Down').length;
    return { kept, stored };
  };
  /** Reads a hub's live-events stream until `kind` arrives. */
  const liveEvent = async (hub: number, kind: string, cause: () => Promise<void>) => {
    const controller = new AbortController();
    const res = await fetch(`${base(hub)}/api/v1/orgs/${clientId}/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    const read = async (what: string) => {
      while (!text.includes(what)) text += new TextDecoder().decode((await reader.read()).value);
      text = text.slice(text.indexOf(what) + what.length);
    };
    await read('event: hello');
    await cause();
    await read(`event: ${kind}`);
    controller.abort();
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cp-chaos-'));
    db = await createTestDatabase('cp_chaos');
    nats = await startOwnNatsServer();
    const seeder = await startHub(
      loadHubConfig(
        {
          port: '0',
          databaseUrl: db.url,
          dataDir: join(dir, 'seed'),
          secretKey: hubProcessSecretKey,
          logLevel: 'silent',
        },
        {},
      ),
      { logger: pino({ level: 'silent' }) },
    );
    const seeded = await seedDemoClient(seeder, 'administrator');
    ({ clientId, token } = seeded);
    await seeder.close();
    ports.push(await freePort(), await freePort());
    hubs.push(
      ...(await Promise.all(
        [0, 1].map((i) =>
          startHubProcess(db.url, ports[i] as number, join(dir, `hub${String(i)}`), ['--nats-url', nats.url]),
        ),
      )),
    );
    sim = await startSimulator({
      site: generateSite({ devices: 12, seed: 26, subnetBase: '127.38' }),
      controlPort: 0,
      timing: { firmwareUpdateMs: 3000, restartMs: 1000 },
    });
    ({ agent, stop: stopAgent } = await startSiteAgent(
      sim,
      join(dir, 'agent'),
      `${base(0)},${base(1)}`,
      seeded.agentLogin,
    ));
    await agent.rediscover();
    await until(
      'the site on the hubs',
      async () => (await rows(1)).length === agent.inventory().length,
      30_000,
    );
  }, 120_000);
  afterAll(async () => {
    await stopAgent().catch(() => undefined);
    for (const h of hubs) h?.kill('SIGKILL');
    await sim.close();
    await nats.close();
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const agentId = (serial: string) =>
    agent.inventory().find((d) => d.serial === serial && d.parentId === undefined)?.id as DeviceId;
  const boxesOnStacks = (n: number) => {
    const seen = new Set<string>();
    return sim.devices
      .filter((d) => d.kind === 'box' && d.stack !== null && !seen.has(d.stack) && seen.add(d.stack))
      .slice(0, n);
  };

  it(`keeps working through a ${String(chaosOutageSeconds)} s NATS outage and recovers without a restart`, async () => {
    await until('the agent linked', async () => (await holder()) >= 0);
    const own = await holder();
    const other = 1 - own;
    const [box] = boxesOnStacks(1);
    if (!box) throw new Error('no box');
    const boxRow = (await rows(own)).find((r) => r.serial === box.serial);
    if (!boxRow) throw new Error('the box is not on the hub');
    // Both hubs keep counts now, so an event lost in the outage would leave them wrong.
    for (const hub of [own, other]) {
      const c = await downCounts(hub);
      expect(c.kept).toBe(c.stored);
    }

    await nats.stop();
    const stoppedAt = Date.now();
    for (const hub of [own, other])
      await until(`hub ${String(hub)} to say the bus is away`, async () => {
        const r = await readiness(hub);
        const bus = r.body.checks.find((c) => c.name === 'bus');
        return r.status === 503 && /disconnected since/.test(bus?.detail ?? '');
      });
    const metricsOf = async (hub: number) => (await fetch(`${base(hub)}/metrics`)).text();
    expect(await metricsOf(other)).toMatch(/^crosspoint_bus_connected 0$/m);
    // A command to the agent through the hub holding it never needs the bus.
    const [during] = (
      await api<{ items: { id: string }[] }>(own, 'POST', '/jobs', {
        deviceIds: [boxRow.id],
        command: { type: 'ftp', enabled: true },
      })
    ).items;
    expect(
      (await finished(own, [during?.id ?? ''], 30_000)).map((j) => [j.status, j.error?.code ?? null]),
    ).toEqual([['succeeded', null]]);
    // A status change during the outage is stored (ingest never waits on the bus).
    await sim.control.setFault(box.id, 'down', true);
    await until('the agent to see it', () => agent.device(agentId(box.serial))?.status === 'Down');
    await until(
      'the change stored',
      async () => (await rows(other)).find((r) => r.id === boxRow.id)?.status === 'Down',
    );
    await until(
      'the outage to last',
      () => Date.now() - stoppedAt >= chaosOutageSeconds * 1000,
      chaosOutageSeconds * 1000 + 5000,
    );

    await nats.start();
    const startedAt = Date.now();
    for (const hub of [own, other])
      await until(
        `hub ${String(hub)} ready again`,
        async () => (await readiness(hub)).status === 200,
        30_000,
      );
    console.log(`both hubs ready ${String(Date.now() - startedAt)} ms after NATS came back`);
    expect(await metricsOf(other)).toMatch(/^crosspoint_bus_connected 1$/m);
    // Kept counts equal the database within 10 s of recovery, on both hubs.
    for (const hub of [own, other])
      await until(
        `hub ${String(hub)}'s counts to equal the database`,
        async () => {
          const c = await downCounts(hub);
          return c.kept === c.stored && c.stored >= 1;
        },
        10_000,
      );
    // Events cross hubs again: the box coming back is told to the other hub's screens.
    await liveEvent(other, 'devices', () => sim.control.clearFaults(box.id));
    await until(
      'the box back',
      async () =>
        agent.device(agentId(box.serial))?.status !== 'Down' &&
        (await rows(other)).find((r) => r.id === boxRow.id)?.status !== 'Down',
    );
    // Commands cross hubs again: sent through the other hub, over the bus, to the agent.
    const [after] = (
      await api<{ items: { id: string }[] }>(other, 'POST', '/jobs', {
        deviceIds: [boxRow.id],
        command: { type: 'ftp', enabled: false },
      })
    ).items;
    expect(
      (await finished(other, [after?.id ?? ''], 30_000)).map((j) => [j.status, j.error?.code ?? null]),
    ).toEqual([['succeeded', null]]);
  }, 120_000);

  it('moves the agent of a killed hub to the other hub, and finishes its jobs once', async () => {
    const own = await holder();
    expect(own).toBeGreaterThanOrEqual(0);
    const survivor = 1 - own;
    const boxes = boxesOnStacks(2);
    const all = await rows(survivor);
    const ids = boxes.map((b) => all.find((r) => r.serial === b.serial)?.id ?? '');
    // A box takes firmware over FTP: enabled first.
    const ftp = (
      await api<{ items: { id: string }[] }>(survivor, 'POST', '/jobs', {
        deviceIds: ids,
        command: { type: 'ftp', enabled: true },
      })
    ).items.map((j) => j.id);
    expect((await finished(survivor, ftp, 30_000)).map((j) => j.status)).toEqual(['succeeded', 'succeeded']);
    const image = Buffer.concat([Buffer.from(firmwareImageHeader('9.3.0.1')), Buffer.alloc(64 * 1024, 5)]);
    const file = await api<{ id: string }>(
      survivor,
      'POST',
      `/files?name=${encodeURIComponent('CP2 9.3.0.1.bin')}&kind=firmware`,
      image,
      'application/octet-stream',
    );
    // Sent through the survivor: its requests reach the agent through the hub about to die.
    const jobs = (
      await api<{ items: { id: string }[] }>(survivor, 'POST', '/jobs', {
        deviceIds: ids,
        command: { type: 'firmwareUpdate', fileId: file.id },
        deadlineS: 120,
      })
    ).items.map((j) => j.id);
    await until('a box updating', () =>
      boxes.some((b) => agent.device(agentId(b.serial))?.status === 'Updating Firmware'),
    ).catch(async (e: unknown) => {
      throw new Error(
        `${(e as Error).message}: ${JSON.stringify(await Promise.all(jobs.map((id) => api<Job>(survivor, 'GET', `/jobs/${id}`))))}`,
      );
    });
    hubs[own]?.kill('SIGKILL');
    const killedAt = Date.now();
    await until('the agent on the survivor', async () => (await holder()) === survivor, 30_000);
    console.log(`agent linked to the survivor ${String(Date.now() - killedAt)} ms after the kill`);
    const done = await finished(survivor, jobs);
    console.log(
      `jobs done ${String(Date.now() - killedAt)} ms after the kill`,
      JSON.stringify(done.map((j) => j.error)),
    );
    expect(done.map((j) => [j.status, j.error?.code ?? null])).toEqual(boxes.map(() => ['succeeded', null]));
    for (const b of boxes) {
      expect(sim.device(b.id)?.firmware).toBe('9.3.0.1');
      expect(sim.logsOf(b.id).filter((l) => l.includes('firmware update to 9.3.0.1'))).toHaveLength(1);
    }
  }, 120_000);
});
