// Configuration versions through the API, with an agent that answers backups and loads: versions
// kept once per content, changes seen by the agent, comparison, baseline and drift alert, restore,
// the nightly sweep (one hub claims it) and retention.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import type { ConfigurationDiff, ConfigurationVersionList, HubFrame } from '@crosspoint/protocol';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { agentPassword, buildTenancy, type Tenancy } from '../../test/tenancy-fixture.ts';
import { FakeAgent, linkDevice } from '../../test/fake-agent.ts';
import { changeCommands } from '../command.service.ts';

type CommandFrame = Extract<HubFrame, { type: 'command' }>;

/** A CONVERGE Pro 2 project whose MIC 101 gain is `gain` dB. */
const project = (gain: number) =>
  zipSync({
    'Board.PCCP2X': strToU8(
      `<?xml version="1.0"?><Root Version="9"><CFileContainer><FileContainer FileName="Board" ApplicationID="2">` +
        `<Kernel_Kernel StackName="Board" LocateTimeout="30"><StackSettingsObj_StackSettings Password="converge" SafetyMute="0" StackName="Board" UserName="clearone"/>` +
        (gain === 0
          ? ''
          : `<Channels_Level EPT="MIC" EPN="101" Gain="${String(gain)}" Mute="0" MinGain="-65" MaxGain="20"/>`) +
        `</Kernel_Kernel></FileContainer></CFileContainer></Root>`,
    ),
  });

describe('configuration versions', () => {
  let hub: HubUnderTest;
  let t: Tenancy;
  let other: Tenancy;
  let agent: FakeAgent;
  let basic: string;
  let now = new Date('2026-12-07T23:00:00Z');
  const ids: Record<string, string> = {};
  const api = (path: string) => `/api/v1/orgs/${t.client.id}${path}`;

  /** Answers the next command, which must be `type`: a backup with the project of `gain`, anything else ok. */
  async function answer(type: string, gain = 0): Promise<CommandFrame> {
    const command = await agent.next('command');
    expect(command.command.type).toBe(type);
    let result: unknown = {};
    if (type === 'backupConfig') {
      const res = await fetch(`${hub.url}/agent/v1/files?name=Board.PCCP2X&kind=backup`, {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'application/octet-stream' },
        body: Buffer.from(project(gain)),
      });
      const file = (await res.json()) as { id: string; bytes: number };
      result = { backupId: 'x', fileName: 'Board.PCCP2X', fileId: file.id, bytes: file.bytes };
    }
    agent.send({ type: 'command-result', commandId: command.commandId, ok: true, result });
    return command;
  }

  const versions = async (device = ids.room1 ?? '') =>
    (await t.support.owner.get<ConfigurationVersionList>(api(`/devices/${device}/configurations`))).body;
  const until = async <T>(check: () => Promise<T | undefined>): Promise<T> => {
    for (let i = 0; i < 200; i++) {
      const v = await check();
      if (v !== undefined) return v;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`condition not reached: ${JSON.stringify(await check().catch(String))}`);
  };
  const versionCount = (n: number, device?: string) =>
    until(async () => {
      const list = await versions(device);
      return list.items.length === n ? list : undefined;
    });

  beforeAll(async () => {
    hub = await startHubForTest({
      clock: () => now,
      configurations: { tickMs: 0, backupBefore: changeCommands, beforeChangeWaitMs: 10_000 },
      alerts: { engine: { tickMs: 0 } },
    });
    t = await buildTenancy(hub, 'configs');
    other = await buildTenancy(hub, 'configs-other');
    const server = await t.support.owner.post<{ login: string }>(api('/servers'), {
      name: 'Rack C',
      password: agentPassword,
    });
    basic = `Basic ${Buffer.from(`${server.body.login}:${agentPassword}`).toString('base64')}`;
    agent = await FakeAgent.connect(hub.url, server.body.login, agentPassword);
    agent.hello();
    const welcome = await agent.next('welcome');
    expect(welcome.configChanges).toBe(true);
    agent.send({
      type: 'inventory',
      seq: welcome.lastSeq + 1,
      devices: [linkDevice(1), linkDevice(2), linkDevice(3)],
    });
    await agent.next('ack');
    const list = await t.support.owner.get<{ items: { id: string; name: string }[] }>(api('/devices'));
    for (const d of list.body.items) ids[d.name.replace(' ', '').toLowerCase()] = d.id;
  });
  afterAll(async () => {
    agent.close();
    await hub.close();
  });

  it('keeps a backup taken on demand as a version, and identical content once', async () => {
    const jobs = await t.support.owner.post<{ items: { id: string }[] }>(api('/configurations/backups'), {
      deviceIds: [ids.room1],
    });
    expect(jobs.status).toBe(202);
    await answer('backupConfig', 0);
    const first = await versionCount(1);
    expect(first.items[0]).toMatchObject({
      trigger: 'manual',
      createdBy: 'owner-configs@example.test',
      baseline: false,
    });
    expect(first.items[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.baseline).toBeNull();

    now = new Date('2026-12-07T23:05:00Z');
    await t.support.owner.post(api('/configurations/backups'), { deviceIds: [ids.room1] });
    await answer('backupConfig', 0);
    const same = await until(async () => {
      const list = await versions();
      return list.items[0]?.lastSeenAt === now.toISOString() ? list : undefined;
    });
    expect(same.items).toHaveLength(1);
    // The identical content is kept once: in the newest backup's file (its job's link works), the
    // earlier file is gone.
    expect(same.items[0]?.fileId).not.toBe(first.items[0]?.fileId);
    expect((await t.support.owner.get(api(`/files/${first.items[0]?.fileId ?? ''}`))).status).toBe(404);
    const job = await t.support.owner.get<{ items: { result: { fileId?: string } | null }[] }>(
      api(`/jobs?deviceId=${ids.room1 ?? ''}`),
    );
    expect(job.body.items[0]?.result?.fileId).toBe(same.items[0]?.fileId);
    expect((await t.support.owner.get(api(`/files/${same.items[0]?.fileId ?? ''}`))).status).toBe(200);
  });

  it('backs up when the agent sees a change (once per burst), and shows what changed', async () => {
    agent.send({ type: 'config-changed', deviceId: 'cp2-SN0001', at: Date.now() });
    agent.send({ type: 'config-changed', deviceId: 'cp2-SN0001', at: Date.now() });
    await answer('backupConfig', -6);
    const list = await versionCount(2);
    expect(list.items[0]?.trigger).toBe('change-detected');
    expect(list.items[0]?.createdBy).toMatch(/^agent .* \(change seen\)$/);
    const diff = await t.support.owner.get<ConfigurationDiff>(
      api(`/configurations/compare?from=${list.items[1]?.id ?? ''}&to=${list.items[0]?.id ?? ''}`),
    );
    expect(diff.body.format).toBe('structured');
    expect(diff.body.summary).toEqual(['MIC 101 gain: 0 dB → -6 dB']);
    expect(diff.body.changes[0]).toMatchObject({ section: 'channels', change: 'changed' });
    const content = await t.support.owner.get<{
      sections: { id: string; rows: { key: string; value: string }[] }[];
    }>(api(`/configurations/${list.items[0]?.id ?? ''}`));
    const channels = content.body.sections.find((s) => s.id === 'channels');
    expect(channels?.rows.find((r) => r.key === 'channel.MIC 101.gain')?.value).toBe('-6 dB');
    expect(JSON.stringify(content.body)).not.toContain('converge');
  });

  it('alerts when a device drifts from its baseline, with the difference, until it is back', async () => {
    const owner = t.support.owner;
    const list = await versions();
    const baseline = list.items[1]?.id ?? '';
    const rule = await owner.post<{ id: string }>(api('/alerts/rules'), {
      name: 'Drift',
      condition: { kind: 'configuration_drift' },
      delayS: 0,
      channels: ['email'],
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const set = await owner.put<ConfigurationVersionList>(
      api(`/devices/${ids.room1 ?? ''}/configuration-baseline`),
      {
        versionId: baseline,
      },
    );
    expect(set.body).toMatchObject({ drifted: true, baseline: { versionId: baseline } });
    await hub.services.alertEngine.evaluateAll();
    await hub.services.alertEngine.evaluateAll();
    const incidents = await owner.get<{
      items: { condition: string; state: string; detail: { summary?: string[] } }[];
    }>(api('/alerts/incidents'));
    const drift = incidents.body.items.find((i) => i.condition === 'configuration_drift');
    expect(drift).toMatchObject({ state: 'open', detail: { summary: ['MIC 101 gain: 0 dB → -6 dB'] } });

    // Restore the baseline: a backup first, the load, a backup after (the device is back in line).
    const restore = await owner.post<{ items: { id: string }[] }>(
      api(`/configurations/${baseline}/restore`),
      {},
    );
    expect(restore.status).toBe(202);
    await answer('backupConfig', -6);
    const load = await answer('loadConfig');
    expect(load.command).toMatchObject({ type: 'loadConfig', fileId: list.items[1]?.fileId });
    await answer('backupConfig', 0);
    const back = await until(async () => {
      const v = await versions();
      return v.items[0]?.trigger === 'after-change' ? v : undefined;
    });
    expect(back.drifted).toBe(false);
    expect(back.items.map((v) => v.trigger)).toEqual(['after-change', 'change-detected', 'manual']);
    await hub.services.alertEngine.evaluateAll();
    const after = await owner.get<{ items: { condition: string; state: string }[] }>(
      api('/alerts/incidents'),
    );
    expect(after.body.items.find((i) => i.condition === 'configuration_drift')?.state).toBe('resolved');
  });

  it('restores only to devices of the same model, and keeps other tenants out', async () => {
    const owner = t.support.owner;
    const version = (await versions()).items[0]?.id ?? '';
    const wrong = await owner.post<{ error: { code: string } }>(api(`/configurations/${version}/restore`), {
      deviceIds: [ids.room2],
    });
    expect([wrong.status, wrong.body.error.code]).toEqual([400, 'CONFIGURATION_MODEL_MISMATCH']);
    const stranger = other.support.owner;
    const theirs = `/api/v1/orgs/${other.client.id}`;
    expect((await stranger.get(`${theirs}/configurations/${version}`)).status).toBe(404);
    expect((await stranger.get(`${theirs}/devices/${ids.room1 ?? ''}/configurations`)).status).toBe(404);
    expect((await stranger.post(`${theirs}/configurations/${version}/restore`, {})).status).toBe(404);
    expect((await stranger.get(api(`/configurations/${version}`))).status).toBe(404);
  });

  it('backs up every device nightly once (one hub claims the day), then applies retention', async () => {
    const owner = t.support.owner;
    now = new Date('2026-12-08T00:30:00Z');
    expect(await hub.services.configurations.sweep()).toEqual([]);
    now = new Date('2026-12-08T01:10:00Z');
    await owner.put(api('/configuration-settings'), { nightly: true, keepVersions: 2, keepDays: 365 });
    const [swept, again] = await Promise.all([
      hub.services.configurations.sweep(),
      hub.services.configurations.sweep(),
    ]);
    expect([...swept, ...again]).toEqual([t.client.id]);
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) seen.add((await answer('backupConfig', 3)).deviceId);
    expect(seen).toEqual(new Set(['cp2-SN0001', 'cp2-SN0002', 'cp2-SN0003']));
    const list = await until(async () => {
      const v = await versions();
      return v.items[0]?.trigger === 'schedule' ? v : undefined;
    });
    // Keep 2: the newest two, and the baseline besides.
    expect(list.items.map((v) => v.trigger)).toEqual(['schedule', 'after-change', 'manual']);
    expect(list.items[2]?.baseline).toBe(true);
    await versionCount(1, ids.room2);
    expect(await hub.services.configurations.sweep()).toEqual([]);
    // In the day a hub does not start the night's backup.
    expect(await hub.services.configurations.sweep(new Date('2026-12-09T12:00:00Z'))).toEqual([]);
  });
});
