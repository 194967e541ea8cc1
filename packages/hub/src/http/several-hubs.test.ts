// Several hub processes on one PostgreSQL and one NATS: an agent linked to hub A takes a command
// issued through hub B, and a browser on hub B sees what the agent on hub A reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubForTest, type HubUnderTest } from '../test/hub-under-test.ts';
import {
  createTestDatabase,
  laneAvailable,
  natsTestUrl,
  postgresAdminUrl,
  type TestDatabase,
} from '../test/real-servers.ts';
import { agentPassword, buildTenancy, signedIn, type Tenancy } from '../test/tenancy-fixture.ts';
import { FakeAgent, linkDevice } from '../test/fake-agent.ts';

const run =
  (await laneAvailable('PostgreSQL', postgresAdminUrl)) && (await laneAvailable('NATS', natsTestUrl));

describe.skipIf(!run)('several hubs (PostgreSQL + NATS)', () => {
  let db: TestDatabase;
  let a: HubUnderTest;
  let b: HubUnderTest;
  let t: Tenancy;
  let login: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const shared = { database: { kind: 'postgres' as const, url: db.url }, config: { natsUrl: natsTestUrl } };
    a = await startHubForTest(shared);
    b = await startHubForTest(shared);
    t = await buildTenancy(a, 'multi');
    login = (
      await t.support.owner.post<{ login: string }>(`/api/v1/orgs/${t.client.id}/servers`, {
        name: 'Rack',
        password: agentPassword,
      })
    ).body.login;
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await db.drop();
  });

  it('routes a command from hub B to the agent on hub A, and shows hub B the agent’s changes live', async () => {
    const agent = await FakeAgent.connect(a.url, login, agentPassword);
    agent.hello();
    await agent.next('welcome');
    agent.send({ type: 'inventory', seq: 0, devices: [linkDevice(1)] });
    await agent.next('ack');

    const onB = await signedIn(b, t.support.ownerEmail);
    const controller = new AbortController();
    const events = await fetch(`${b.url}/api/v1/orgs/${t.client.id}/events`, {
      headers: { cookie: onB.cookieHeader },
      signal: controller.signal,
    });
    const reader = (events.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!text.includes('event: hello')) text += new TextDecoder().decode((await reader.read()).value);

    agent.send({
      type: 'deltas',
      seq: 1,
      changes: [{ id: linkDevice(1).id, status: 'Down', since: Date.now(), at: Date.now() }],
    });
    while (!text.includes('event: devices')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();

    const [device] = (
      await onB.get<{ items: { id: string; status: string }[] }>(`/api/v1/orgs/${t.client.id}/devices`)
    ).body.items;
    expect(device?.status).toBe('Down');
    const job = await onB.post<{ items: { id: string }[] }>(`/api/v1/orgs/${t.client.id}/jobs`, {
      deviceIds: [device?.id],
      command: { type: 'locate', on: true },
    });
    const command = await agent.next('command');
    expect(command.commandId).toBe(job.body.items[0]?.id);
    agent.send({ type: 'command-result', commandId: command.commandId, ok: true, result: { on: true } });
    for (let i = 0; i < 100; i++) {
      const j = await onB.get<{ status: string }>(`/api/v1/orgs/${t.client.id}/jobs/${command.commandId}`);
      if (j.body.status === 'succeeded') break;
      if (i === 99) throw new Error(`job stayed ${j.body.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    agent.close();
  });
});
