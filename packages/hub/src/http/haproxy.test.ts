// The HAProxy configuration of docs/high-availability.md, as written there (only the ports
// changed), in front of two hubs on one PostgreSQL and NATS: an agent's WebSocket goes through it,
// the live-events stream comes through unbuffered, and when the hub holding the agent stops, the
// agent's next connection through HAProxy reaches the other hub. Skipped (with a reason) without
// Debian's haproxy, PostgreSQL or NATS, except under CI=true.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
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
import { closedPort } from '../test/failing-peers.ts';
import { tempDir } from '../test/temp-dir.ts';

const haproxyPath = '/usr/sbin/haproxy';
function haproxyAvailable(): boolean {
  if (existsSync(haproxyPath)) return true;
  const reason = `HAProxy suite: no haproxy at ${haproxyPath} (apt-get install haproxy)`;
  if (process.env.CI === 'true') throw new Error(`${reason}, and CI=true requires it.`);
  console.warn(`SKIPPED ${reason} (set CI=true to make this a failure).`);
  return false;
}

const run =
  haproxyAvailable() &&
  (await laneAvailable('PostgreSQL', postgresAdminUrl)) &&
  (await laneAvailable('NATS', natsTestUrl));

describe.skipIf(!run)('two hubs behind HAProxy (docs/high-availability.md)', () => {
  let db: TestDatabase;
  let hubs: HubUnderTest[] = [];
  let haproxy: ChildProcess;
  let front: string;
  let t: Tenancy;
  let dir: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    const shared = { database: { kind: 'postgres' as const, url: db.url }, config: { natsUrl: natsTestUrl } };
    hubs = [await startHubForTest(shared), await startHubForTest(shared)];
    t = await buildTenancy(hubs[0] as HubUnderTest, 'haproxy');
    const doc = await readFile(new URL('../../../../docs/high-availability.md', import.meta.url), 'utf8');
    const config = /```haproxy\n([\s\S]*?)```/.exec(doc)?.[1];
    if (!config) throw new Error('no haproxy block in docs/high-availability.md');
    const port = await closedPort();
    front = `http://127.0.0.1:${String(port)}`;
    const [a, b] = hubs.map((h) => new URL(h.url).port);
    dir = await tempDir('cp-haproxy');
    const file = join(dir.path, 'haproxy.cfg');
    await writeFile(
      file,
      config
        .replace('127.0.0.1:8443', `127.0.0.1:${String(port)}`)
        .replace('127.0.0.1:8080', `127.0.0.1:${String(a)}`)
        .replace('127.0.0.1:8081', `127.0.0.1:${String(b)}`),
    );
    haproxy = spawn(haproxyPath, ['-db', '-f', file], { stdio: 'ignore' });
    await vi.waitFor(
      async () => expect((await fetch(`${front}/readyz`).catch(() => undefined))?.status).toBe(200),
      { timeout: 15_000, interval: 100 },
    );
  }, 90_000);
  afterAll(async () => {
    haproxy.kill('SIGTERM');
    for (const h of hubs) await h.close();
    await db.drop();
    await dir.remove();
  });

  it('carries the agent link and the live-events stream, and moves the agent when its hub stops', async () => {
    const login = (
      await t.support.owner.post<{ login: string }>(`/api/v1/orgs/${t.client.id}/servers`, {
        name: 'Rack behind HAProxy',
        password: agentPassword,
      })
    ).body.login;
    const agent = await FakeAgent.connect(front, login, agentPassword);
    agent.hello();
    await agent.next('welcome');
    agent.send({ type: 'inventory', seq: 0, devices: [linkDevice(1)] });
    await agent.next('ack');

    // The stream through HAProxy: its first event, then a change, as they are written.
    const viewer = await signedIn(hubs[0] as HubUnderTest, t.support.ownerEmail);
    const controller = new AbortController();
    const events = await fetch(`${front}/api/v1/orgs/${t.client.id}/events`, {
      headers: { cookie: viewer.cookieHeader },
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

    // The hub holding the link stops: the link closes, and the next one reaches the other hub.
    const on = await Promise.all(hubs.map(agentOn));
    const holder = on.indexOf(true);
    expect(on.filter(Boolean)).toHaveLength(1);
    await (hubs[holder] as HubUnderTest).close();
    await agent.waitClosed();
    const again = await FakeAgent.connect(front, login, agentPassword);
    again.hello();
    await again.next('welcome');
    expect(await agentOn(hubs[1 - holder] as HubUnderTest)).toBe(true);
    again.close();
    hubs = hubs.filter((_, i) => i !== holder);
  }, 60_000);
});

/** Whether the hub holds an agent link now (its gauge of connected agents). */
async function agentOn(hub: HubUnderTest): Promise<boolean> {
  const text = await (await hub.get('/metrics')).text();
  return /^crosspoint_agents_connected 1$/m.test(text);
}
