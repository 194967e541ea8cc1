// Several hubs on one PostgreSQL (#26): what must happen once happens once, and a hub that is gone
// is noticed in seconds. A password reset through a slow SMTP server is sent by one hub only; a
// hub started with another public URL than the installation's refuses to start; the agents of a
// hub that stopped beating are shown Disconnected by a survivor (once), and a result an agent sends
// on a link no send waits on is taken.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { agentAccounts, hubProcesses } from '../db/schema/index.ts';
import { startHubForTest, type HubUnderTest } from '../test/hub-under-test.ts';
import {
  createTestDatabase,
  laneAvailable,
  natsTestUrl,
  postgresAdminUrl,
  type TestDatabase,
} from '../test/real-servers.ts';
import { startSmtpSink } from '../test/smtp-sink.ts';
import { ApiClient } from '../test/api-client.ts';
import { agentPassword, buildTenancy, signedIn, type Tenancy } from '../test/tenancy-fixture.ts';
import { FakeAgent, linkDevice } from '../test/fake-agent.ts';

const run =
  (await laneAvailable('PostgreSQL', postgresAdminUrl)) && (await laneAvailable('NATS', natsTestUrl));

describe.skipIf(!run)('several hubs: once, and in seconds (PostgreSQL + NATS)', () => {
  let db: TestDatabase;
  let a: HubUnderTest;
  let b: HubUnderTest;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: Tenancy;
  const publicUrl = 'https://hub.example.test';

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await startSmtpSink({ delayMs: 1500 });
    const shared = {
      database: { kind: 'postgres' as const, url: db.url },
      config: { natsUrl: natsTestUrl, smtpUrl: smtp.url, publicUrl },
    };
    a = await startHubForTest(shared);
    b = await startHubForTest({ ...shared, config: { ...shared.config, publicUrl: undefined } });
    t = await buildTenancy(a, 'failover');
  }, 60_000);
  afterAll(async () => {
    await a.close();
    await b.close();
    await smtp.close();
    await db.drop();
  });

  it('sends a password reset once although both hubs send mail and the SMTP server is slow', async () => {
    const email = t.support.ownerEmail;
    const resets = () =>
      smtp.mails.filter((m) => m.to === email && m.subject === 'Reset your Crosspoint password');
    await Promise.all([a.services.mail.flush(), b.services.mail.flush()]); // the tenancy's invitations
    await new ApiClient(b.app).post('/api/v1/auth/forgot-password', { email });
    // Both hubs' senders run while the first send is still in the slow server.
    await Promise.all([a.services.mail.flush(), b.services.mail.flush(), a.services.mail.flush()]);
    await vi.waitFor(() => expect(resets()).toHaveLength(1), { timeout: 10_000 });
    // The hub started without --public-url uses the installation's: the links are the same.
    expect(resets()[0]?.text).toContain(`${publicUrl}/reset-password?token=`);
    await Promise.all([a.services.mail.flush(), b.services.mail.flush()]);
    expect(resets()).toHaveLength(1);
  });

  it('refuses to start a hub given another public URL than the installation’s', async () => {
    await expect(
      startHubForTest({
        database: { kind: 'postgres', url: db.url },
        config: { natsUrl: natsTestUrl, publicUrl: 'https://other.example.test' },
      }),
    ).rejects.toThrow(/public URL is https:\/\/hub\.example\.test.*given https:\/\/other\.example\.test/);
  });

  it('shows the agents of a hub that stopped beating Disconnected, once, within seconds', async () => {
    const login = (
      await t.support.owner.post<{ login: string }>(`/api/v1/orgs/${t.client.id}/servers`, {
        name: 'Rack on a dead hub',
        password: agentPassword,
      })
    ).body.login;
    const agent = await FakeAgent.connect(a.url, login, agentPassword);
    agent.hello();
    await agent.next('welcome');
    agent.send({ type: 'inventory', seq: 0, devices: [linkDevice(1)] });
    await agent.next('ack');
    agent.close();
    // Its link marked as held by a hub process that died (kill -9: no goodbye), its beat 30 s old.
    const dead = randomUUID();
    const old = new Date(Date.now() - 30_000);
    const [row] = await a.database.db
      .select({ id: agentAccounts.id })
      .from(agentAccounts)
      .where(eq(agentAccounts.name, 'Rack on a dead hub'));
    if (!row) throw new Error('no account');
    await vi.waitFor(
      async () => {
        const [r] = await a.database.db
          .select({ connectedAt: agentAccounts.connectedAt })
          .from(agentAccounts)
          .where(eq(agentAccounts.id, row.id));
        expect(r?.connectedAt).toBeNull(); // the agent's own goodbye reached hub A
      },
      { timeout: 5_000 },
    );
    await a.database.db
      .update(agentAccounts)
      .set({ connectedAt: old, lastSeenAt: new Date(), hubId: dead, monitoring: 'active' })
      .where(eq(agentAccounts.id, row.id));
    // The hub beats (fresh) while the list says Connected; then it stops beating (its beat 30 s old).
    await a.database.db.insert(hubProcesses).values({ id: dead, startedAt: old, beatAt: new Date() });
    const onB = await signedIn(b, t.support.ownerEmail);
    const status = async () =>
      (
        await onB.get<{ items: { id: string; status: string }[] }>(`/api/v1/orgs/${t.client.id}/servers`)
      ).body.items.find((s) => s.id === row.id)?.status;
    expect(await status()).toBe('Connected');
    await a.database.db.update(hubProcesses).set({ beatAt: old }).where(eq(hubProcesses.id, dead));
    // One of the hubs claims the dead one at its next beat (every 3 s): Disconnected, long before
    // the 90 s silence of an agent whose hub is unknown.
    await vi.waitFor(async () => expect(await status()).toBe('Disconnected'), { timeout: 8_000 });
    const left = await a.database.db.select().from(hubProcesses).where(eq(hubProcesses.id, dead));
    expect(left).toEqual([]);
    // Both live hubs beat.
    const live = await a.database.db.select().from(hubProcesses);
    expect(live.map((h) => h.id).sort()).toEqual([a.services.link.hubId, b.services.link.hubId].sort());
  });

  it('takes a command result on a link no send waits on (the agent kept it while disconnected)', async () => {
    const login = (
      await t.support.owner.post<{ login: string }>(`/api/v1/orgs/${t.client.id}/servers`, {
        name: 'Rack that kept a result',
        password: agentPassword,
      })
    ).body.login;
    const first = await FakeAgent.connect(a.url, login, agentPassword);
    first.hello();
    await first.next('welcome');
    first.send({ type: 'inventory', seq: 0, devices: [linkDevice(7)] });
    await first.next('ack');
    const onB = await signedIn(b, t.support.ownerEmail);
    const devices = await onB.get<{ items: { id: string; name: string }[] }>(
      `/api/v1/orgs/${t.client.id}/devices?limit=500`,
    );
    const device = devices.body.items.find((d) => d.name === linkDevice(7).name);
    if (!device) throw new Error('no device');
    const job = await onB.post<{ items: { id: string }[] }>(`/api/v1/orgs/${t.client.id}/jobs`, {
      deviceIds: [device.id],
      command: { type: 'locate', on: true },
    });
    const command = await first.next('command');
    expect(command.commandId).toBe(job.body.items[0]?.id);
    first.close(); // the link drops before the answer
    const second = await FakeAgent.connect(b.url, login, agentPassword);
    second.hello();
    await second.next('welcome');
    // Sent on the new link, to the other hub, before any hub sent the job again.
    second.send({ type: 'command-result', commandId: command.commandId, ok: true, result: { on: true } });
    await vi.waitFor(
      async () => {
        const j = await onB.get<{ status: string; result: unknown }>(
          `/api/v1/orgs/${t.client.id}/jobs/${command.commandId}`,
        );
        expect([j.body.status, j.body.result]).toEqual(['succeeded', { on: true }]);
      },
      { timeout: 10_000 },
    );
    second.close();
  });
});
