// Jobs sent again after a restart, for real (simulator → agent → hub): the agent restarts while
// boxes are in the middle of a firmware update, then the hub does; every job ends succeeded, each box
// runs the new version, and each box was told to apply it (or to restart) exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { firmwareImageHeader, type DeviceId } from '@crosspoint/protocol';
import { loadHubConfig, startHub, type RunningHub } from '@crosspoint/hub';
import type { Agent } from '@crosspoint/agent';
import { generateSite, startSimulator, type Simulator } from '@crosspoint/sim';
import { freePort, seedDemoClient, startSiteAgent, until } from './hub-fixture.ts';
import { orgApi } from './hub-process.ts';

interface Job {
  id: string;
  deviceId: string;
  status: string;
  phase: string;
  error: { code: string; message: string } | null;
  result: Record<string, unknown> | null;
}
interface DeviceRow {
  id: string;
  serial: string;
  name: string;
}

describe('jobs sent again after a restart', () => {
  let dir: string;
  let port: number;
  let hub: RunningHub;
  let sim: Simulator;
  let agent: Agent;
  let clientId: string;
  let login: string;
  let token: string;
  /** One box per stack (a stack takes one firmware apply at a time), as hub device and simulator id. */
  let boxes: { hubId: string; simId: string }[];

  const startTheHub = async () => {
    hub = await startHub(
      loadHubConfig({ port: String(port), dataDir: join(dir, 'hub'), logLevel: 'silent' }, {}),
      { logger: pino({ level: 'silent' }) },
    );
  };
  let stopTheAgent: () => Promise<void>;
  const startTheAgent = async () => {
    ({ agent, stop: stopTheAgent } = await startSiteAgent(
      sim,
      join(dir, 'agent'),
      `http://127.0.0.1:${String(port)}`,
      login,
    ));
  };
  const api = <T>(method: string, path: string, body?: unknown, type?: string) =>
    orgApi(hub.url, clientId, token)<T>(method, path, body, type);
  const runJobs = async (command: Record<string, unknown>) =>
    (
      await api<{ items: Job[] }>('POST', '/jobs', {
        deviceIds: boxes.map((b) => b.hubId),
        command,
        deadlineS: 180,
      })
    ).items.map((j) => j.id);
  const jobs = (ids: string[]) => Promise.all(ids.map((id) => api<Job>('GET', `/jobs/${id}`)));
  const finished = async (ids: string[]) => {
    let last: Job[] = [];
    await until(
      'the jobs to end',
      async () => {
        last = await jobs(ids);
        return last.every((j) => j.status === 'succeeded' || j.status === 'failed');
      },
      120_000,
    );
    return last;
  };
  const uploadFirmware = async (version: string) => {
    const image = Buffer.concat([Buffer.from(firmwareImageHeader(version)), Buffer.alloc(64 * 1024, 7)]);
    return (
      await api<{ id: string }>(
        'POST',
        `/files?name=${encodeURIComponent(`CP2 ${version}.bin`)}&kind=firmware`,
        image,
        'application/octet-stream',
      )
    ).id;
  };
  const linesOf = (simId: string, text: string) => sim.logsOf(simId).filter((l) => l.includes(text)).length;
  const updating = () =>
    boxes.filter((b) => agent.device(agentIdOf(b))?.status === 'Updating Firmware').length;
  let agentIds: Map<string, DeviceId>;
  const agentIdOf = (b: { hubId: string }): DeviceId => agentIds.get(b.hubId) ?? ('' as DeviceId);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cp-resend-'));
    port = await freePort();
    await startTheHub();
    ({ clientId, agentLogin: login, token } = await seedDemoClient(hub, 'administrator'));
    // Firmware applies take long enough (2 s, then a 1 s restart) to restart things in the middle.
    sim = await startSimulator({
      site: generateSite({ devices: 30, seed: 11, subnetBase: '127.35' }),
      controlPort: 0,
      timing: { firmwareUpdateMs: 2000, restartMs: 1000 },
    });
    await startTheAgent();
    await agent.rediscover();
    const stacks = new Set<string>();
    const simBoxes = sim.devices.filter((d) => {
      if (d.kind !== 'box' || d.stack === null || stacks.has(d.stack)) return false;
      stacks.add(d.stack);
      return true;
    });
    expect(simBoxes.length).toBeGreaterThanOrEqual(3);
    const serials = new Map(simBoxes.slice(0, 4).map((b) => [b.serial, b.id]));
    let rows: DeviceRow[] = [];
    await until('the boxes on the hub', async () => {
      rows = (await api<{ items: DeviceRow[] }>('GET', '/devices?limit=500')).items.filter((d) =>
        serials.has(d.serial),
      );
      return rows.length === serials.size;
    });
    boxes = rows.map((r) => ({ hubId: r.id, simId: serials.get(r.serial) ?? '' }));
    agentIds = new Map(
      rows.map((r) => [
        r.id,
        agent.inventory().find((d) => d.serial === r.serial && d.parentId === undefined)?.id ??
          ('' as DeviceId),
      ]),
    );
    const ftp = await finished(await runJobs({ type: 'ftp', enabled: true }));
    expect(ftp.map((j) => j.status)).toEqual(boxes.map(() => 'succeeded'));
  });
  afterAll(async () => {
    await stopTheAgent().catch(() => undefined);
    await hub.close();
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('finishes a firmware update once per box although the agent restarts while the boxes apply it', async () => {
    const previous = new Map(boxes.map((b) => [b.hubId, sim.device(b.simId)?.firmware]));
    const ids = await runJobs({ type: 'firmwareUpdate', fileId: await uploadFirmware('9.1.0.1') });
    await until('a box updating', () => updating() > 0);
    await stopTheAgent();
    await startTheAgent();
    const done = await finished(ids);
    expect(done.map((j) => [j.status, j.error?.code ?? null])).toEqual(boxes.map(() => ['succeeded', null]));
    for (const b of boxes) {
      expect(sim.device(b.simId)?.firmware).toBe('9.1.0.1');
      expect(linesOf(b.simId, 'firmware update to 9.1.0.1')).toBe(1);
    }
    // The job's result tells what the box ran before, also when the agent that started it is gone.
    for (const j of done)
      expect(j.result).toMatchObject({ firmware: '9.1.0.1', previous: previous.get(j.deviceId) });
  });

  it('finishes a firmware update once per box although the hub restarts while the boxes apply it', async () => {
    const ids = await runJobs({ type: 'firmwareUpdate', fileId: await uploadFirmware('9.1.0.2') });
    await until('a box updating', () => updating() > 0);
    await hub.close();
    await startTheHub();
    const done = await finished(ids);
    expect(done.map((j) => [j.status, j.error?.code ?? null])).toEqual(boxes.map(() => ['succeeded', null]));
    for (const b of boxes) {
      expect(sim.device(b.simId)?.firmware).toBe('9.1.0.2');
      expect(linesOf(b.simId, 'firmware update to 9.1.0.2')).toBe(1);
    }
  });

  it('restarts each box once although the agent restarts while they are down', async () => {
    const before = new Map(boxes.map((b) => [b.simId, linesOf(b.simId, 'restarting')]));
    const ids = await runJobs({ type: 'restart' });
    await until('a box restarting', () =>
      boxes.some((b) => linesOf(b.simId, 'restarting') > (before.get(b.simId) ?? 0)),
    );
    await stopTheAgent();
    await startTheAgent();
    const done = await finished(ids);
    expect(done.map((j) => [j.status, j.error?.code ?? null])).toEqual(boxes.map(() => ['succeeded', null]));
    for (const b of boxes) expect(linesOf(b.simId, 'restarting') - (before.get(b.simId) ?? 0)).toBe(1);
  });
});
