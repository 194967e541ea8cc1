// The hub program (`crosspoint hub`, its own process, on PostgreSQL) killed with SIGKILL while an
// agent reports status changes and boxes are in the middle of a firmware update; a new hub process
// on the same database and port takes over: every job ends succeeded with one apply per box, and
// what happened while no hub ran reaches the new hub. Skipped (with a reason) without PostgreSQL,
// except under CI=true.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { firmwareImageHeader, type DeviceId } from '@crosspoint/protocol';
import { loadHubConfig, startHub } from '@crosspoint/hub';
import { createTestDatabase, laneAvailable, postgresAdminUrl } from '@crosspoint/hub/testing';
import type { Agent } from '@crosspoint/agent';
import { generateSite, startSimulator, type Simulator } from '@crosspoint/sim';
import { freePort, seedDemoClient, startSiteAgent, until } from './hub-fixture.ts';
import { hubProcessSecretKey as secretKey, orgApi, startHubProcess } from './hub-process.ts';

const withPostgres = await laneAvailable('PostgreSQL', postgresAdminUrl);

interface Job {
  id: string;
  status: string;
  error: { code: string } | null;
}

describe.skipIf(!withPostgres)('a hub killed with SIGKILL mid-work', () => {
  let dir: string;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let port: number;
  let hub: ChildProcess | undefined;
  let sim: Simulator;
  let agent: Agent;
  let stopAgent: () => Promise<void>;
  let clientId: string;
  let token: string;

  const url = () => `http://127.0.0.1:${String(port)}`;
  const api = <T>(method: string, path: string, body?: unknown, type?: string) =>
    orgApi(url(), clientId, token)<T>(method, path, body, type);
  const finished = async (ids: string[]) => {
    let last: Job[] = [];
    await until(
      'the jobs to end',
      async () => {
        last = await Promise.all(ids.map((id) => api<Job>('GET', `/jobs/${id}`)));
        return last.every((j) => j.status === 'succeeded' || j.status === 'failed');
      },
      120_000,
    );
    return last;
  };
  const hubStatusOf = async (serial: string) =>
    (await api<{ items: { serial: string; status: string }[] }>('GET', '/devices?limit=500')).items.find(
      (d) => d.serial === serial,
    )?.status;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cp-kill-'));
    db = await createTestDatabase('cp_kill');
    port = await freePort();
    // Seed the database once, in this process: the demo tenants and an Administrator token.
    const seeder = await startHub(
      loadHubConfig(
        { port: '0', databaseUrl: db.url, dataDir: join(dir, 'hub'), secretKey, logLevel: 'silent' },
        {},
      ),
      { logger: pino({ level: 'silent' }) },
    );
    const seeded = await seedDemoClient(seeder, 'administrator');
    ({ clientId, token } = seeded);
    await seeder.close();

    hub = await startHubProcess(db.url, port, join(dir, 'hub'));
    sim = await startSimulator({
      site: generateSite({ devices: 30, seed: 12, subnetBase: '127.36' }),
      controlPort: 0,
      timing: { firmwareUpdateMs: 3000, restartMs: 1000 },
    });
    ({ agent, stop: stopAgent } = await startSiteAgent(sim, join(dir, 'agent'), url(), seeded.agentLogin));
    await agent.rediscover();
    await until(
      'the site on the hub',
      async () =>
        (await api<{ items: unknown[] }>('GET', '/devices?limit=500')).items.length ===
        agent.inventory().length,
      30_000,
    );
  });
  afterAll(async () => {
    await stopAgent().catch(() => undefined);
    hub?.kill('SIGKILL');
    await sim.close();
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('takes the jobs over in a new process, one apply per box, and loses no status change', async () => {
    const seen = new Set<string>();
    const boxes = sim.devices
      .filter((d) => d.kind === 'box' && d.stack !== null && !seen.has(d.stack) && seen.add(d.stack))
      .slice(0, 3);
    const stacks = new Set(boxes.map((b) => b.stack));
    const rows = (await api<{ items: { id: string; serial: string }[] }>('GET', '/devices?limit=500')).items;
    const hubIds = boxes.map((b) => rows.find((r) => r.serial === b.serial)?.id ?? '');
    const run = async (command: Record<string, unknown>) =>
      (
        await api<{ items: { id: string }[] }>('POST', '/jobs', {
          deviceIds: hubIds,
          command,
          deadlineS: 300,
        })
      ).items.map((j) => j.id);
    expect((await finished(await run({ type: 'ftp', enabled: true }))).map((j) => j.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    const image = Buffer.concat([Buffer.from(firmwareImageHeader('9.2.0.1')), Buffer.alloc(64 * 1024, 3)]);
    const file = await api<{ id: string }>(
      'POST',
      `/files?name=${encodeURIComponent('CP2 9.2.0.1.bin')}&kind=firmware`,
      image,
      'application/octet-stream',
    );
    const ids = await run({ type: 'firmwareUpdate', fileId: file.id });
    const agentId = (serial: string) =>
      agent.inventory().find((d) => d.serial === serial && d.parentId === undefined)?.id as DeviceId;
    await until('a box updating', () =>
      boxes.some((b) => agent.device(agentId(b.serial))?.status === 'Updating Firmware'),
    );

    hub?.kill('SIGKILL');
    const killedAt = Date.now();
    // While no hub runs, a box that is not being updated goes down: the agent keeps it for the next hub.
    const bystander = sim.devices.find((d) => d.kind === 'box' && d.stack !== null && !stacks.has(d.stack));
    if (!bystander) throw new Error('no box outside the batch');
    await sim.control.setFault(bystander.id, 'down', true);
    await until('the agent to see it', () => agent.device(agentId(bystander.serial))?.status === 'Down');

    hub = await startHubProcess(db.url, port, join(dir, 'hub'));
    const done = await finished(ids);
    console.log(`jobs taken over and done ${String(Date.now() - killedAt)} ms after the kill`);
    expect(done.map((j) => [j.status, j.error?.code ?? null])).toEqual(boxes.map(() => ['succeeded', null]));
    for (const b of boxes) {
      expect(sim.device(b.id)?.firmware).toBe('9.2.0.1');
      expect(sim.logsOf(b.id).filter((l) => l.includes('firmware update to 9.2.0.1'))).toHaveLength(1);
    }
    await until(
      'the bystander Down on the new hub',
      async () => (await hubStatusOf(bystander.serial)) === 'Down',
    );
    await sim.control.clearFaults(bystander.id);
    await until('the bystander back', async () => (await hubStatusOf(bystander.serial)) !== 'Down');
  });
});
