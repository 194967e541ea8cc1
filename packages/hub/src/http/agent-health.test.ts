// Agents' health reports, from the hub's side with a scripted agent: the welcome says the hub takes
// them; Servers shows Issue with the reasons, the agent's CPU, memory and backlog, and goes back to
// Active; the screen hears at once (a live "servers" event); an older agent's heartbeat without a
// report is still accepted; a report the hub cannot read is left out without closing the link; the
// hub adds clock skew itself; "Update available" when the hub offers a newer build, which the
// welcome announces.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentHealth, ServerRow } from '@crosspoint/protocol';
import { startHubForTest, type HubUnderTest } from '../test/hub-under-test.ts';
import { agentPassword, buildTenancy, type Tenancy } from '../test/tenancy-fixture.ts';
import { FakeAgent } from '../test/fake-agent.ts';
import { openStream } from '../test/live-stream.ts';
import { tempDir } from '../test/temp-dir.ts';

const sweepFailing: AgentHealth = {
  cpuPercent: 12.5,
  memoryMb: 84.2,
  backlog: 7,
  issues: [
    {
      code: 'SUBNET_SWEEP_FAILING',
      reason:
        'Subnet sweep failing: 127.20.1.0/24 (sim1): 3 of 3 answering addresses could not be identified (connection closed).',
    },
  ],
};

describe('agent health on the Servers screen', () => {
  let hub: HubUnderTest;
  let t: Tenancy;
  let login: string;
  let dir: { path: string; remove: () => Promise<void> };

  beforeAll(async () => {
    // The hub offers agent 9.9.9 (a build with its agent.json).
    dir = await tempDir('cp-agent-health');
    const agentFile = join(dir.path, 'agent.mjs');
    const bytes = 'console.log("agent 9.9.9");\n';
    await writeFile(agentFile, bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await writeFile(join(dir.path, 'agent.json'), JSON.stringify({ version: '9.9.9', sha256 }));
    hub = await startHubForTest({ config: { agentFile } });
    t = await buildTenancy(hub, 'health');
    const server = await t.support.owner.post<{ login: string }>(`/api/v1/orgs/${t.client.id}/servers`, {
      name: 'Rack',
      password: agentPassword,
    });
    login = server.body.login;
  });
  afterAll(async () => {
    await hub.close();
    await dir.remove();
  });

  const row = async () =>
    (await t.support.owner.get<{ items: ServerRow[] }>(`/api/v1/orgs/${t.client.id}/servers`)).body
      .items[0] as ServerRow;
  const until = async (what: (r: ServerRow) => boolean, label: string) => {
    for (let i = 0; i < 100; i++) {
      const r = await row();
      if (what(r)) return r;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`never ${label}: ${JSON.stringify(await row())}`);
  };

  it('shows Issue with the reason, the agent’s load and backlog, live, and Active again when it clears', async () => {
    const stream = await openStream(hub, t.client.id, { cookie: t.support.owner.cookieHeader });
    const agent = await FakeAgent.connect(hub.url, login, agentPassword);
    try {
      agent.hello();
      const welcome = await agent.next('welcome');
      // The hub announces the build it offers: the agent can tell it is behind.
      expect(welcome).toMatchObject({
        health: true,
        agentBuild: {
          version: '9.9.9',
          bytes: 28,
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
        },
      });
      expect(Math.abs(((welcome as { now?: number }).now ?? 0) - Date.now())).toBeLessThan(5000);
      await until((r) => r.status === 'Connected', 'connected');
      const heard = (stream.state.text.match(/event: servers/g) ?? []).length;

      agent.send({
        type: 'heartbeat',
        at: Date.now(),
        monitoring: 'issue',
        sessions: 3,
        health: sweepFailing,
      });
      const issue = await until((r) => r.monitoring === 'Issue', 'Issue');
      expect(issue).toMatchObject({
        monitoring: 'Issue',
        agentVersion: '0.1.0-test',
        latestAgentVersion: '9.9.9',
        updateAvailable: true,
        subnets: { enabled: 1, total: 2 },
        issues: sweepFailing.issues,
        health: { cpuPercent: 12.5, memoryMb: 84, backlog: 7 },
      });
      await stream.waitFor(
        (s) => (s.text.match(/event: servers/g) ?? []).length > heard,
        'a servers event for the new issue',
      );

      agent.send({
        type: 'heartbeat',
        at: Date.now(),
        monitoring: 'active',
        sessions: 3,
        health: { ...sweepFailing, issues: [] },
      });
      const active = await until((r) => r.monitoring === 'Active', 'Active again');
      expect(active.issues).toEqual([]);
      expect(active.health?.backlog).toBe(7);

      // Disconnected: Off, and no issues shown from a report that is no longer current.
      agent.send({
        type: 'heartbeat',
        at: Date.now(),
        monitoring: 'issue',
        sessions: 3,
        health: sweepFailing,
      });
      await until((r) => r.monitoring === 'Issue', 'Issue again');
      agent.close();
      const off = await until((r) => r.status === 'Disconnected', 'disconnected');
      expect(off).toMatchObject({ monitoring: 'Off', issues: [], health: null });
    } finally {
      agent.close();
      await stream.close();
    }
  });

  it('accepts an older agent’s heartbeat without a report, and leaves out a report it cannot read', async () => {
    const agent = await FakeAgent.connect(hub.url, login, agentPassword);
    try {
      agent.hello('older-agent-1');
      await agent.next('welcome');
      agent.send({ type: 'heartbeat', at: Date.now(), monitoring: 'active', sessions: 1 });
      const older = await until((r) => r.status === 'Connected' && r.monitoring === 'Active', 'Active');
      expect(older).toMatchObject({ issues: [], health: null });

      agent.send({
        type: 'heartbeat',
        at: Date.now(),
        monitoring: 'issue',
        sessions: 1,
        health: { cpuPercent: 'lots', memoryMb: 1, backlog: 0, issues: [] },
      });
      // The heartbeat still counts (monitoring Issue, as the agent says), the report is left out
      // (only the hub's own measure of the uplink is there).
      const salvaged = await until((r) => r.monitoring === 'Issue', 'Issue from the heartbeat');
      expect(salvaged.health).toMatchObject({ cpuPercent: null, memoryMb: null, backlog: null });
      expect(agent.closed).toBeUndefined();
    } finally {
      agent.close();
    }
  });

  it('adds CLOCK_SKEW when the agent’s clock is far from the hub’s', async () => {
    const agent = await FakeAgent.connect(hub.url, login, agentPassword);
    try {
      agent.hello('skewed-agent-1');
      await agent.next('welcome');
      agent.send({
        type: 'heartbeat',
        at: Date.now() - 5 * 60_000,
        monitoring: 'active',
        sessions: 1,
        health: { cpuPercent: 1, memoryMb: 60, backlog: 0, issues: [] },
      });
      const skewed = await until((r) => r.monitoring === 'Issue', 'Issue for the skew');
      expect(skewed.issues).toEqual([
        {
          code: 'CLOCK_SKEW',
          reason: expect.stringMatching(/clock is 30\d s behind the hub's/) as unknown,
        },
      ]);
    } finally {
      agent.close();
    }
  });

  it('Update: refused with the reason while the agent cannot take it, sent to the agent when it can; its steps are shown and audited', async () => {
    const serverId = (await row()).id;
    const ask = () =>
      t.support.owner.post<{ error?: { code: string; message: string } }>(
        `/api/v1/orgs/${t.client.id}/servers/${serverId}/agent-update`,
        {},
      );
    // Not connected.
    await until((r) => r.status === 'Disconnected', 'disconnected');
    const offline = await ask();
    expect(offline.status).toBe(409);
    expect(offline.body.error).toMatchObject({
      code: 'AGENT_UPDATE_UNAVAILABLE',
      message: expect.stringMatching(/not connected/) as unknown,
    });
    const agent = await FakeAgent.connect(hub.url, login, agentPassword);
    try {
      agent.hello('updating-agent-1');
      expect(await agent.next('welcome')).toMatchObject({ selfUpdate: true });
      // An agent that sends no update info (older) cannot update itself.
      agent.send({ type: 'heartbeat', at: Date.now(), monitoring: 'active', sessions: 0 });
      await until((r) => r.lastSeenAt !== null && r.status === 'Connected', 'connected');
      expect((await ask()).body.error?.message).toMatch(/cannot update itself: install the new build/);
      const heartbeat = (update: Record<string, unknown>) =>
        agent.send({ type: 'heartbeat', at: Date.now(), monitoring: 'active', sessions: 0, update });
      heartbeat({ mode: 'manual', able: false, reason: 'The agent is not run as a service.' });
      await until((r) => r.update?.able === false, 'update info');
      const unable = await ask();
      expect(unable.status).toBe(409);
      expect(unable.body.error?.message).toMatch(/not run as a service/);

      heartbeat({ mode: 'manual', able: true });
      await until((r) => r.update?.able === true, 'able');
      expect((await ask()).status).toBe(202);
      const frame = await agent.next('update-agent');
      expect(frame).toMatchObject({ requested: true, build: { version: '9.9.9', bytes: 28 } });

      agent.send({
        type: 'agent-update',
        event: { step: 'refused', from: '0.1.0-test', to: '9.9.9', at: Date.now(), reason: 'not signed' },
      });
      const refused = await until((r) => r.update?.last?.step === 'refused', 'the refusal');
      expect(refused.update?.last).toMatchObject({ from: '0.1.0-test', to: '9.9.9', reason: 'not signed' });
      const audit = await t.support.owner.get<{
        items: { action: string; detail: Record<string, unknown> }[];
      }>(`/api/v1/orgs/${t.client.id}/audit?limit=20`);
      const actions = audit.body.items.map((e) => e.action);
      expect(actions).toContain('servers.agent_update_requested');
      expect(audit.body.items.find((e) => e.action === 'agents.update_refused')?.detail).toEqual({
        from: '0.1.0-test',
        to: '9.9.9',
        reason: 'not signed',
      });
      // The uplink: the hub pings at each heartbeat and shows the latest round trip.
      heartbeat({ mode: 'manual', able: true });
      const uplink = await until((r) => typeof r.health?.uplinkRttMs === 'number', 'the uplink');
      expect(uplink.health?.uplinkRttMs).toBeGreaterThanOrEqual(0);
      expect(uplink.health?.connectedSince).toEqual(expect.stringMatching(/^\d{4}-/));
      expect(agent.closed).toBeUndefined();
    } finally {
      agent.close();
    }
  });
});
