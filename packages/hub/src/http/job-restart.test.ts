// A batch of commands survives its hub stopping midway and its agent disconnecting midway: every
// job is sent again (by the restarted hub, once the lease ran out; or when the agent is back) and
// ends succeeded, each with its own result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubForTest, type HubUnderTest } from '../test/hub-under-test.ts';
import { agentPassword, buildTenancy, signedIn, type Tenancy } from '../test/tenancy-fixture.ts';
import { FakeAgent, linkDevice } from '../test/fake-agent.ts';
import { tempDir } from '../test/temp-dir.ts';

interface Job {
  id: string;
  status: string;
  result: unknown;
  error: { code: string } | null;
}

const devices = 12;
const leaseMs = 60_000;

/** An agent that answers every command after `delayMs`, recording what it was sent. */
async function answeringAgent(
  url: string,
  login: string,
  seen: string[],
  delayMs: number,
): Promise<FakeAgent> {
  const agent = await FakeAgent.connect(url, login, agentPassword);
  agent.hello('restart-test-agent');
  await agent.next('welcome');
  void (async () => {
    for (;;) {
      const command = await agent.next('command').catch(() => undefined);
      if (!command) return;
      seen.push(command.commandId);
      setTimeout(() => {
        agent.send({
          type: 'command-result',
          commandId: command.commandId,
          ok: true,
          result: { device: command.deviceId },
        });
      }, delayMs);
    }
  })();
  return agent;
}

describe('jobs across restarts', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: HubUnderTest | undefined;
  let t: Tenancy;
  let login: string;

  beforeAll(async () => {
    dir = await tempDir('cp-job-restart');
    hub = await startHubForTest({ database: { kind: 'pglite', dataDir: dir.path }, jobLeaseMs: leaseMs });
    t = await buildTenancy(hub, 'restart');
    const server = await t.support.owner.post<{ login: string }>(`/api/v1/orgs/${t.client.id}/servers`, {
      name: 'Rack R',
      password: agentPassword,
    });
    login = server.body.login;
    const agent = await FakeAgent.connect(hub.url, login, agentPassword);
    agent.hello('restart-test-agent');
    await agent.next('welcome');
    agent.send({
      type: 'inventory',
      seq: 0,
      devices: Array.from({ length: devices }, (_, i) => linkDevice(i + 1)),
    });
    await agent.next('ack');
    agent.close();
    await agent.waitClosed();
  });
  afterAll(async () => {
    await hub?.close();
    await dir.remove();
  });

  it('finishes every job of a batch although the hub stops and the agent disconnects midway', async () => {
    if (!hub) throw new Error('no hub');
    const owner = t.support.owner;
    const ids = (
      await owner.get<{ items: { id: string }[] }>(`/api/v1/orgs/${t.client.id}/devices?limit=100`)
    ).body.items.map((d) => d.id);
    expect(ids).toHaveLength(devices);
    const seen: string[] = [];
    // The agent takes 8 at a time (the hub's per-agent bound) and answers slowly.
    let agent = await answeringAgent(hub.url, login, seen, 400);
    const started = await owner.post<{ items: Job[] }>(`/api/v1/orgs/${t.client.id}/jobs`, {
      deviceIds: ids,
      command: { type: 'locate', on: true },
      deadlineS: 120,
    });
    expect(started.status).toBe(202);
    const jobIds = started.body.items.map((j) => j.id);
    while (seen.length < 8) await new Promise((r) => setTimeout(r, 20));

    // The agent drops mid-command: the jobs it held are sent again when it is back.
    agent.close();
    await agent.waitClosed();
    await new Promise((r) => setTimeout(r, 200));
    agent = await answeringAgent(hub.url, login, seen, 400);
    while (new Set(seen).size < 10) await new Promise((r) => setTimeout(r, 20));

    // The hub stops with jobs still running; another process on the same data takes them over.
    agent.close();
    await hub.close();
    // Leases are a minute long: the new hub can take the jobs over at once only because the hub
    // that stopped handed them back.
    hub = await startHubForTest({ database: { kind: 'pglite', dataDir: dir.path }, jobLeaseMs: leaseMs });
    agent = await answeringAgent(hub.url, login, seen, 50);
    const again = await signedIn(hub, t.support.ownerEmail);

    const finished: Job[] = [];
    for (let i = 0; i < 300 && finished.length < jobIds.length; i++) {
      finished.length = 0;
      for (const id of jobIds) {
        const job = (await again.get<Job>(`/api/v1/orgs/${t.client.id}/jobs/${id}`)).body;
        if (job.status === 'succeeded' || job.status === 'failed') finished.push(job);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(finished.map((j) => j.status)).toEqual(jobIds.map(() => 'succeeded'));
    expect(new Set(seen)).toEqual(new Set(jobIds));
    expect(seen.length).toBeGreaterThan(jobIds.length); // some were sent twice
    agent.close();
  });

  it('keeps a job that was sent again waiting while its device comes back; a first send to an unreachable device fails at once', async () => {
    if (!hub) throw new Error('no hub');
    const owner = await signedIn(hub, t.support.ownerEmail);
    const [first, second] = (
      await owner.get<{ items: { id: string }[] }>(`/api/v1/orgs/${t.client.id}/devices?limit=2&sort=name`)
    ).body.items.map((d) => d.id);
    const runOn = async (deviceId: string) =>
      (
        await owner.post<{ items: Job[] }>(`/api/v1/orgs/${t.client.id}/jobs`, {
          deviceIds: [deviceId],
          command: { type: 'restart' },
          deadlineS: 60,
        })
      ).body.items[0]?.id ?? '';
    const jobOf = async (id: string) =>
      (await owner.get<Job & { attempts?: number }>(`/api/v1/orgs/${t.client.id}/jobs/${id}`)).body;
    const finished = async (id: string) => {
      for (let i = 0; i < 200; i++) {
        const job = await jobOf(id);
        if (job.status === 'succeeded' || job.status === 'failed') return job;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`job ${id} did not finish`);
    };

    // The first send reaches the agent, which goes away mid-command (a restart).
    let agent = await FakeAgent.connect(hub.url, login, agentPassword);
    agent.hello('restart-test-agent');
    await agent.next('welcome');
    const interrupted = await runOn(first ?? '');
    await agent.next('command');
    agent.close();
    await agent.waitClosed();

    // Back, the agent finds the device still restarting: unreachable once, then done.
    agent = await FakeAgent.connect(hub.url, login, agentPassword);
    agent.hello('restart-test-agent');
    await agent.next('welcome');
    const again = await agent.next('command');
    agent.send({
      type: 'command-result',
      commandId: again.commandId,
      ok: false,
      error: { code: 'DEVICE_UNREACHABLE', message: 'DSP1 is not connected.' },
    });
    const third = await agent.next('command');
    expect(third.commandId).toBe(again.commandId);
    agent.send({ type: 'command-result', commandId: third.commandId, ok: true, result: { downtimeMs: 1 } });
    expect(await finished(interrupted)).toMatchObject({ status: 'succeeded' });

    // A first send to a device that is away: the person learns at once.
    const fresh = await runOn(second ?? '');
    const sent = await agent.next('command');
    agent.send({
      type: 'command-result',
      commandId: sent.commandId,
      ok: false,
      error: { code: 'DEVICE_UNREACHABLE', message: 'DSP2 is not connected.' },
    });
    expect(await finished(fresh)).toMatchObject({ status: 'failed', error: { code: 'DEVICE_UNREACHABLE' } });
    agent.close();
  });
});
