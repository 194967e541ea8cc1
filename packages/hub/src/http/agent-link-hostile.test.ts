// A link never poisoned by a device: frames with content the hub cannot store as sent are repaired
// or thinned, audited once and acknowledged, on PGlite and on PostgreSQL (where the NUL was found).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCleanText, type LinkDevice } from '@crosspoint/protocol';
import { startHubForTest, type HubUnderTest } from '../test/hub-under-test.ts';
import { databaseLanes } from '../test/database-lanes.ts';
import { agentPassword, buildTenancy, type Tenancy } from '../test/tenancy-fixture.ts';
import { FakeAgent, linkDevice } from '../test/fake-agent.ts';
import { DeviceIngestRepository, type RefusedItem } from '../repositories/device-ingest.repository.ts';

interface Page<T> {
  items: T[];
  total: number;
}
interface Device {
  id: string;
  name: string;
  firmware: string;
  status: string;
}
interface AuditEntry {
  action: string;
  detail: { deviceId?: string; reason?: string };
}

describe.each(await databaseLanes())('agent link with hostile content on $name', (lane) => {
  let hub: HubUnderTest;
  let drop: () => Promise<void>;
  let t: Tenancy;
  let login: string;
  let serverId: string;
  let seq = 0;

  const devices = async (query = '') =>
    (await t.support.owner.get<Page<Device>>(`/api/v1/orgs/${t.client.id}/devices?sort=name${query}`)).body
      .items;
  const audit = async () =>
    (
      await t.support.owner.get<Page<AuditEntry>>(
        `/api/v1/orgs/${t.client.id}/audit?action=agents.&limit=500`,
      )
    ).body.items.filter((e) => e.action.startsWith('agents.device_'));
  const linked = async () => {
    const agent = await FakeAgent.connect(hub.url, login, agentPassword);
    agent.hello();
    seq = (await agent.next('welcome')).lastSeq;
    return agent;
  };

  beforeAll(async () => {
    const db = await lane.open();
    drop = db.drop;
    hub = await startHubForTest({ database: db.target });
    t = await buildTenancy(hub, 'hostile-link');
    const server = await t.support.owner.post<{ id: string; login: string }>(
      `/api/v1/orgs/${t.client.id}/servers`,
      { name: 'Rack', password: agentPassword },
    );
    login = server.body.login;
    serverId = server.body.id;
  });
  afterAll(async () => {
    await hub.close();
    await drop();
  });

  it('stores a codec whose name holds a NUL (cleaned), acknowledges the frame and audits it once, however often it comes', async () => {
    // What an older agent, without the drivers' cleaning, sends for a codec reporting a poisoned name.
    const poisoned = {
      ...linkDevice(1),
      id: 'video-SN\u0000X',
      name: 'Board\u0000room \ud800 1',
      firmware: 'v'.repeat(300),
      since: 1e300,
    };
    for (let round = 0; round < 3; round++) {
      const agent = await linked();
      agent.send({ type: 'inventory', seq: seq + 1, devices: [poisoned, linkDevice(2)] });
      await agent.next('ack', (f) => f.seq === seq + 1);
      // The link goes on: the next frame is taken too.
      agent.send({
        type: 'deltas',
        seq: seq + 2,
        changes: [{ id: poisoned.id, status: 'Down', since: Date.now(), at: Date.now() }],
      });
      await agent.next('ack', (f) => f.seq === seq + 2);
      agent.close();
      await agent.waitClosed();
    }
    const list = await devices();
    expect(list.map((d) => d.name)).toEqual(['Boardroom \ufffd 1', 'Room 2']);
    expect(list.every((d) => isCleanText(d.name) && d.firmware.length <= 40)).toBe(true);
    // The change addressed with the uncleaned id reached the cleaned device.
    expect(list[0]?.status).toBe('Down');
    const entries = await audit();
    expect(entries.map((e) => e.action)).toEqual(['agents.device_repaired', 'agents.device_repaired']);
    expect(entries.map((e) => e.detail.reason).sort()).toEqual([
      'cleaned or cut: id',
      'cleaned or cut: id, firmware, name, since',
    ]);
  });

  it('leaves out what it cannot repair, keeps those devices as they were, and stores the rest', async () => {
    const agent = await linked();
    const noStatus = { ...linkDevice(2), status: 7 };
    agent.send({
      type: 'inventory',
      seq: seq + 1,
      devices: [linkDevice(1), noStatus, linkDevice(3), 'not a device'],
    });
    await agent.next('ack', (f) => f.seq === seq + 1);
    expect((await devices()).map((d) => `${d.name}:${d.status}`)).toEqual([
      'Boardroom \ufffd 1:Down',
      'Room 1:Healthy',
      'Room 2:Healthy',
      'Room 3:Healthy',
    ]);
    // A deltas frame whose every change is refused is still acknowledged: nothing to resend.
    agent.send({ type: 'deltas', seq: seq + 2, changes: [{ id: '', status: 'Down', since: 0, at: 0 }] });
    await agent.next('ack', (f) => f.seq === seq + 2);
    // The same device twice in one frame (two codecs with one serial) is no reason to fail the frame.
    agent.send({
      type: 'inventory',
      seq: seq + 3,
      devices: [linkDevice(1), linkDevice(3), { ...linkDevice(3), name: 'Room 3 again' }],
    });
    await agent.next('ack', (f) => f.seq === seq + 3);
    expect((await devices('&search=Room 3')).map((d) => d.name)).toEqual(['Room 3 again']);
    const refused = (await audit()).filter((e) => e.action === 'agents.device_refused');
    expect(refused.map((e) => e.detail)).toEqual(
      expect.arrayContaining([
        { deviceId: linkDevice(2).id, reason: 'status is not text' },
        { deviceId: null, reason: 'the device is not an object' },
        { deviceId: null, reason: 'the change has no usable id' },
      ]),
    );
    // A malformed frame (no seq) still closes the link: the agent is broken, not a device.
    agent.send({ type: 'inventory', devices: [] });
    expect((await agent.waitClosed()).code).toBe(4400);
  });

  it('keeps a command result as the device gave it, less what PostgreSQL cannot store', async () => {
    const agent = await linked();
    const [device] = await devices('&search=Room 1');
    const started = await t.support.owner.post<{ items: { id: string }[] }>(
      `/api/v1/orgs/${t.client.id}/jobs`,
      { deviceIds: [device?.id], command: { type: 'locate', on: true } },
    );
    const jobId = started.body.items[0]?.id ?? '';
    await agent.next('command');
    agent.send({
      type: 'command-result',
      commandId: jobId,
      ok: true,
      result: { on: true, 'lo\u0000g': 'line 1\nline\u0000 2 \ud800' },
    });
    let job: { status: string; result: unknown } | undefined;
    for (let i = 0; i < 100 && job?.status !== 'succeeded'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (
        await t.support.owner.get<{ status: string; result: unknown }>(
          `/api/v1/orgs/${t.client.id}/jobs/${jobId}`,
        )
      ).body;
    }
    expect(job).toMatchObject({ status: 'succeeded', result: { on: true, log: 'line 1\nline 2 \ufffd' } });
    agent.close();
  });

  it('stores a frame PostgreSQL refuses in part: the refused devices are listed, the rest and the sequence number kept', async () => {
    const ingest = new DeviceIngestRepository(hub.database.db);
    const refused: RefusedItem[] = [];
    // Past the schema (as a bug or an older hub would let it through): a NUL PostgreSQL cannot store.
    const bad: LinkDevice = { ...linkDevice(7), name: 'Null\u0000name' };
    const changed = await ingest.applyInventory(
      t.client.id,
      serverId,
      seq + 10,
      [linkDevice(5), bad, linkDevice(6)],
      new Date(),
      { refused },
    );
    expect(changed).not.toBeNull();
    expect(refused.map((r) => r.id)).toEqual([bad.id]);
    const names = (await devices()).map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['Room 5', 'Room 6']));
    expect(names).not.toContain('Null\u0000name');
    // The frame counts as stored: a replay of it changes nothing.
    expect(
      await ingest.applyInventory(t.client.id, serverId, seq + 10, [linkDevice(5)], new Date()),
    ).toBeNull();
    const changes = [
      { id: linkDevice(5).id, status: 'Down', since: Date.now(), at: Date.now() },
      { id: linkDevice(6).id, status: 'Bad\u0000status', since: Date.now(), at: Date.now() },
    ];
    const refusedChanges: RefusedItem[] = [];
    expect(
      await ingest.applyChanges(t.client.id, serverId, seq + 11, changes, new Date(), {
        refused: refusedChanges,
      }),
    ).toBe(1);
    expect(refusedChanges.map((r) => r.id)).toEqual([linkDevice(6).id]);
  });
});
