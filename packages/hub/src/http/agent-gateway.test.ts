// The agent link from the hub's side, with a scripted agent over a real WebSocket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkClose } from '@crosspoint/protocol';
import { startHubForTest, type HubUnderTest } from '../test/hub-under-test.ts';
import { agentPassword, buildTenancy, type Tenancy } from '../test/tenancy-fixture.ts';
import { FakeAgent, linkDevice } from '../test/fake-agent.ts';

interface Page<T> {
  items: T[];
  total: number;
}
interface Device {
  id: string;
  name: string;
  status: string;
  connections: { kind: string; name: string; interface?: string }[];
}

describe('agent gateway /agent/v1', () => {
  let hub: HubUnderTest;
  let t: Tenancy;
  let login: string;
  let serverId: string;

  beforeAll(async () => {
    hub = await startHubForTest();
    t = await buildTenancy(hub, 'link');
    const server = await t.support.owner.post<{ id: string; login: string }>(
      `/api/v1/orgs/${t.client.id}/servers`,
      { name: 'HQ Rack', password: agentPassword },
    );
    login = server.body.login;
    serverId = server.body.id;
  });
  afterAll(async () => {
    await hub.close();
  });

  it('refuses wrong credentials, unknown versions and malformed frames with a clear close reason', async () => {
    expect(login).toMatch(/^HQ Rack@C1\d{4}$/);
    const wrong = await FakeAgent.connect(hub.url, login, 'wrong-password');
    expect(await wrong.waitClosed()).toEqual({
      code: LinkClose.BadCredentials,
      reason: 'Wrong agent account name or password.',
    });
    const unknownOrg = await FakeAgent.connect(hub.url, 'HQ Rack@C99999', agentPassword);
    expect((await unknownOrg.waitClosed()).code).toBe(LinkClose.BadCredentials);

    const oldVersion = await FakeAgent.connect(hub.url, login, agentPassword);
    oldVersion.hello('instance-1', 99);
    const closed = await oldVersion.waitClosed();
    expect(closed.code).toBe(LinkClose.UnsupportedVersion);
    expect(closed.reason).toMatch(/version 99/);

    for (const bad of [
      '{"type":"hello"',
      '{"type":"teleport"}',
      JSON.stringify({ type: 'inventory', seq: 0, devices: [] }),
    ]) {
      const agent = await FakeAgent.connect(hub.url, login, agentPassword);
      agent.sendRaw(bad);
      expect((await agent.waitClosed()).code).toBe(LinkClose.Malformed);
    }
    expect((await hub.get('/healthz')).status).toBe(200);
    const history = await t.support.owner.get<Page<{ action: string }>>(
      `/api/v1/orgs/${t.client.id}/audit?action=agents.`,
    );
    expect(history.body.items.map((e) => e.action)).toContain('agents.sign_in_failed');
  });

  it('stores the inventory and changes, acknowledges them, and ignores replays', async () => {
    const agent = await FakeAgent.connect(hub.url, login, agentPassword);
    agent.hello();
    expect((await agent.next('welcome')).lastSeq).toBe(-1);
    agent.send({ type: 'inventory', seq: 0, devices: [1, 2, 3].map((n) => linkDevice(n)) });
    await agent.next('ack', (f) => f.seq === 0);

    const owner = t.support.owner;
    const list = await owner.get<Page<Device>>(`/api/v1/orgs/${t.client.id}/devices?sort=name`);
    expect(list.body.items.map((d) => `${d.name}:${d.status}`)).toEqual([
      'Room 1:Healthy',
      'Room 2:Healthy',
      'Room 3:Healthy',
    ]);
    expect(list.body.items[0]?.connections).toEqual([
      { kind: 'server', name: 'HQ Rack' },
      { kind: 'subnet', name: '127.20.1.0/24', interface: 'sim1' },
      { kind: 'stack', name: 'A' },
      { kind: 'clink', name: '01' },
    ]);
    const servers = await owner.get<
      Page<{
        status: string;
        deviceCount: number;
        agentVersion: string;
        subnets: { enabled: number; total: number };
      }>
    >(`/api/v1/orgs/${t.client.id}/servers`);
    expect(servers.body.items[0]).toMatchObject({
      status: 'Connected',
      deviceCount: 3,
      agentVersion: '0.1.0-test',
      subnets: { enabled: 1, total: 2 },
    });

    const change = { id: linkDevice(2).id, status: 'Down', since: Date.now() - 500, at: Date.now() - 400 };
    agent.send({ type: 'deltas', seq: 1, changes: [change] });
    await agent.next('ack', (f) => f.seq === 1);
    agent.send({ type: 'deltas', seq: 1, changes: [change] }); // a replay after a reconnect
    await agent.next('ack', (f) => f.seq === 1);

    const down = await owner.get<Page<Device>>(`/api/v1/orgs/${t.client.id}/devices?group=down`);
    expect(down.body.items.map((d) => d.name)).toEqual(['Room 2']);
    const detail = await owner.get<{ history: { status: string }[] }>(
      `/api/v1/orgs/${t.client.id}/devices/${down.body.items[0]?.id ?? ''}`,
    );
    expect(detail.body.history.map((h) => h.status)).toEqual(['Down', 'Healthy']);
    const summary = await owner.get<{ groups: Record<string, number>; total: number }>(
      `/api/v1/orgs/${t.client.id}/devices/summary`,
    );
    expect(summary.body).toMatchObject({ total: 3, groups: { down: 1, issues: 0, healthy: 2 } });

    // A reconnect resumes after the last stored frame.
    agent.close();
    await agent.waitClosed();
    const again = await FakeAgent.connect(hub.url, login, agentPassword);
    again.hello();
    expect((await again.next('welcome')).lastSeq).toBe(1);
    again.close();
  });

  it('marks devices past the plan Overflowed, newest first, and clears it when the plan grows', async () => {
    const agent = await FakeAgent.connect(hub.url, login, agentPassword);
    agent.hello();
    const { lastSeq } = await agent.next('welcome');
    agent.send({
      type: 'inventory',
      seq: lastSeq + 1,
      devices: Array.from({ length: 12 }, (_, i) => linkDevice(i + 1)),
    });
    await agent.next('ack');
    const owner = t.support.owner;
    const overflowed = await owner.get<Page<Device>>(
      `/api/v1/orgs/${t.client.id}/devices?status=Overflowed&sort=name`,
    );
    expect(overflowed.body.items.map((d) => d.name)).toEqual(['Room 11', 'Room 12']);
    const clients = await owner.get<Page<{ status: string; proAudioDevices: number }>>(
      `/api/v1/orgs/${t.support.id}/clients`,
    );
    expect(clients.body.items[0]).toMatchObject({ status: 'Overflow', proAudioDevices: 12 });
    // The operator sees the support organization's pool and its usage: allocated to clients, monitored.
    const supportOrgs = async () =>
      (
        await t.operator.get<{ items: { id: string; pool: { allocated: number; monitored: number } }[] }>(
          `/api/v1/orgs/${t.platformId}/support-orgs`,
        )
      ).body.items.find((o) => o.id === t.support.id)?.pool;
    expect(await supportOrgs()).toEqual({ total: 100, allocated: 10, available: 90, monitored: 10 });
    await owner.patch(`/api/v1/orgs/${t.support.id}/clients/${t.client.id}/plan`, { maxDevices: 12 });
    expect(
      (await owner.get<Page<Device>>(`/api/v1/orgs/${t.client.id}/devices?status=Overflowed`)).body.total,
    ).toBe(0);
    expect(await supportOrgs()).toMatchObject({ allocated: 12, monitored: 12 });
    agent.close();
  });

  it('pushes live events to a browser of the organization', async () => {
    const owner = t.support.owner;
    const controller = new AbortController();
    const res = await fetch(`${hub.url}/api/v1/orgs/${t.client.id}/events`, {
      headers: { cookie: owner.cookieHeader },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    const agent = await FakeAgent.connect(hub.url, login, agentPassword);
    agent.hello();
    const { lastSeq } = await agent.next('welcome');
    agent.send({
      type: 'deltas',
      seq: lastSeq + 1,
      changes: [{ id: linkDevice(3).id, status: 'Safety Mute On', since: Date.now(), at: Date.now() }],
    });
    while (!text.includes('event: devices')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toMatch(/event: devices\ndata: \{"kind":"devices","changed":1/);
    controller.abort();
    agent.close();
    const other = await fetch(`${hub.url}/api/v1/orgs/${crypto.randomUUID()}/events`, {
      headers: { cookie: owner.cookieHeader },
    });
    expect(other.status).toBe(404);
  });

  it('routes a command to the agent as a job with progress and result, and fails it clearly when the agent is away', async () => {
    const owner = t.support.owner;
    const agent = await FakeAgent.connect(hub.url, login, agentPassword);
    agent.hello();
    await agent.next('welcome');
    const [device] = (await owner.get<Page<Device>>(`/api/v1/orgs/${t.client.id}/devices?search=Room 3`)).body
      .items;
    const started = await owner.post<{ items: { id: string; status: string }[] }>(
      `/api/v1/orgs/${t.client.id}/jobs`,
      {
        deviceIds: [device?.id],
        command: { type: 'locate', on: true },
      },
    );
    expect(started.status).toBe(202);
    const jobId = started.body.items[0]?.id ?? '';
    const command = await agent.next('command');
    expect(command).toMatchObject({
      commandId: jobId,
      deviceId: linkDevice(3).id,
      command: { type: 'locate', on: true },
    });
    agent.send({ type: 'job-progress', commandId: jobId, percent: 50, phase: 'sending' });
    const poll = async (want: string, phase?: string) => {
      for (let i = 0; i < 100; i++) {
        const job = await owner.get<{
          status: string;
          percent: number;
          phase: string;
          result: unknown;
          error: { code: string } | null;
        }>(`/api/v1/orgs/${t.client.id}/jobs/${jobId}`);
        if (job.body.status === want && (phase === undefined || job.body.phase === phase)) return job.body;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`job never became ${want}`);
    };
    expect(await poll('running', 'sending')).toMatchObject({ percent: 50 });
    agent.send({ type: 'command-result', commandId: jobId, ok: true, result: { on: true } });
    expect(await poll('succeeded')).toMatchObject({ percent: 100, result: { on: true } });
    const history = await owner.get<Page<{ action: string }>>(
      `/api/v1/orgs/${t.client.id}/audit?action=devices.command`,
    );
    expect(history.body.total).toBeGreaterThanOrEqual(1);

    // A Monitor may not command; nor may anyone for a device of another organization.
    expect(
      (
        await owner.post(`/api/v1/orgs/${t.client.id}/jobs`, {
          deviceIds: [crypto.randomUUID()],
          command: { type: 'restart' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await owner.post(`/api/v1/orgs/${t.client.id}/jobs`, {
          deviceIds: [device?.id],
          command: { type: 'teleport' },
        })
      ).status,
    ).toBe(400);

    agent.close();
    await agent.waitClosed();
    const away = await owner.post<{ items: { id: string }[] }>(`/api/v1/orgs/${t.client.id}/jobs`, {
      deviceIds: [device?.id],
      command: { type: 'restart' },
      deadlineS: 5,
    });
    const awayId = away.body.items[0]?.id ?? '';
    for (let i = 0; i < 120; i++) {
      const job = await owner.get<{ status: string; error: { code: string } | null }>(
        `/api/v1/orgs/${t.client.id}/jobs/${awayId}`,
      );
      if (job.body.status === 'failed') {
        expect(job.body.error?.code).toBe('AGENT_OFFLINE');
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the job for an away agent never failed');
  });

  it('shows an agent Disconnected when its hub stops hearing from it (presence with expiry)', async () => {
    const agent = await FakeAgent.connect(hub.url, login, agentPassword);
    agent.hello();
    await agent.next('welcome');
    const status = async () =>
      (
        await t.support.owner.get<Page<{ status: string; monitoring: string }>>(
          `/api/v1/orgs/${t.client.id}/servers`,
        )
      ).body.items[0];
    expect(await status()).toMatchObject({ status: 'Connected', monitoring: 'Active' });
    // As if the hub holding it died: nothing heard for longer than the expiry.
    expect(await hub.services.link.expireSilent(-1000)).toBe(1);
    expect(await status()).toMatchObject({ status: 'Disconnected', monitoring: 'Off' });
    // Its next heartbeat (the link was alive after all) brings it back.
    agent.send({ type: 'heartbeat', at: Date.now(), monitoring: 'active', sessions: 3 });
    for (let i = 0; i < 50 && (await status())?.status !== 'Connected'; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(await status()).toMatchObject({ status: 'Connected', monitoring: 'Active' });
    // A subnet disabled in the agent's UI: the next heartbeat carries the new counts.
    const before = (await status()) as unknown as { subnets: { enabled: number; total: number } };
    agent.send({
      type: 'heartbeat',
      at: Date.now(),
      monitoring: 'active',
      sessions: 3,
      subnets: { enabled: 0, total: before.subnets.total },
    });
    const subnets = async () =>
      ((await status()) as unknown as { subnets: { enabled: number } }).subnets.enabled;
    for (let i = 0; i < 50 && (await subnets()) !== 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(((await status()) as unknown as { subnets: unknown }).subnets).toEqual({
      enabled: 0,
      total: before.subnets.total,
    });
    agent.close();
  });

  it('refuses a disabled account, and keeps its devices unassigned when the account is deleted', async () => {
    const owner = t.support.owner;
    await owner.patch(`/api/v1/orgs/${t.client.id}/servers/${serverId}`, { disabled: true });
    const agent = await FakeAgent.connect(hub.url, login, agentPassword);
    expect((await agent.waitClosed()).code).toBe(LinkClose.Disabled);
    await owner.delete(`/api/v1/orgs/${t.client.id}/servers/${serverId}`);
    const list = await owner.get<Page<{ serverId: string | null }>>(`/api/v1/orgs/${t.client.id}/devices`);
    expect(list.body.total).toBe(12);
    expect(list.body.items.every((d) => d.serverId === null)).toBe(true);
  });
});
