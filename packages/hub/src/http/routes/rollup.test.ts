// A support organization's roll-up: its device list and counts, alert incidents and deliveries, and
// history take in every client's, with the organization of each, a filter to one of them and
// device counts per client worst first, and its live events hear its clients' changes — while a
// client sees only its own, never a sibling's, and another support organization sees none of them.
// On PGlite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deviceSortKeys } from '@crosspoint/protocol';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { agentPassword, buildTenancy, type Tenancy } from '../../test/tenancy-fixture.ts';
import { FakeAgent, linkDevice } from '../../test/fake-agent.ts';
import { databaseLanes } from '../../test/database-lanes.ts';
import { openStream } from '../../test/live-stream.ts';
import type { ApiClient } from '../../test/api-client.ts';

interface Row {
  id: string;
  name: string;
  status: string;
  organization: { id: string; name: string };
}
interface Page {
  items: Row[];
  total: number;
  nextCursor: string | null;
}
interface Summary {
  total: number;
  groups: { down: number; issues: number; healthy: number };
  byOrganization: {
    organization: { id: string; name: string };
    count: number;
    down: number;
    issues: number;
  }[];
}

describe.each(await databaseLanes())('a support organization’s roll-up on $name', (lane) => {
  let hub: HubUnderTest;
  let drop: () => Promise<void>;
  let a: Tenancy;
  let b: Tenancy;
  let second: string;
  const agents: FakeAgent[] = [];

  /** Links an agent to the organization and reports its devices. */
  async function site(
    owner: ApiClient,
    orgId: string,
    name: string,
    devices: ReturnType<typeof linkDevice>[],
  ) {
    const server = await owner.post<{ login: string }>(`/api/v1/orgs/${orgId}/servers`, {
      name,
      password: agentPassword,
    });
    expect(server.status, JSON.stringify(server.body)).toBe(201);
    const agent = await FakeAgent.connect(hub.url, server.body.login, agentPassword);
    agents.push(agent);
    agent.hello();
    await agent.next('welcome');
    agent.send({ type: 'inventory', seq: 0, devices });
    await agent.next('ack', (f) => f.seq === 0);
    return agent;
  }

  beforeAll(async () => {
    const db = await lane.open();
    drop = db.drop;
    hub = await startHubForTest({
      database: db.target,
      alerts: { engine: { tickMs: 100, resyncGraceMs: 0 }, delivery: { everyMs: 100 } },
    });
    a = await buildTenancy(hub, `rollup-a-${lane.name.toLowerCase()}`);
    b = await buildTenancy(hub, `rollup-b-${lane.name.toLowerCase()}`);
    const added = await a.support.owner.post<{ client: { id: string } }>(
      `/api/v1/orgs/${a.support.id}/clients`,
      {
        name: 'Second Client',
        owner: { email: a.support.ownerEmail },
        plan: { maxDevices: 10, start: '2026-01-01', end: '2099-12-31' },
      },
    );
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    second = added.body.client.id;
    // First client: 4 healthy. Second: 3, one Down. The other support organization's client: 2.
    await site(
      a.support.owner,
      a.client.id,
      'First Rack',
      [1, 2, 3, 4].map((n) => linkDevice(n)),
    );
    await site(a.support.owner, second, 'Second Rack', [
      linkDevice(11),
      linkDevice(12),
      linkDevice(13, 'Down'),
    ]);
    await site(b.support.owner, b.client.id, 'Other Rack', [linkDevice(21), linkDevice(22)]);
  });
  afterAll(async () => {
    for (const agent of agents) agent.close();
    await hub.close();
    await drop();
  });

  it('lists every client’s devices with their organization, and filters to one of them', async () => {
    const all = await a.support.owner.get<Page>(`/api/v1/orgs/${a.support.id}/devices?sort=name&limit=50`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(7);
    expect(new Set(all.body.items.map((d) => d.organization.id))).toEqual(new Set([a.client.id, second]));
    expect(all.body.items.find((d) => d.name === 'Room 13')).toMatchObject({
      status: 'Down',
      organization: { id: second, name: 'Second Client' },
    });
    // Cursor pages of the roll-up carry on in order.
    const first = await a.support.owner.get<Page>(`/api/v1/orgs/${a.support.id}/devices?sort=name&limit=3`);
    const next = await a.support.owner.get<Page>(
      `/api/v1/orgs/${a.support.id}/devices?sort=name&limit=50&cursor=${first.body.nextCursor ?? ''}`,
    );
    expect([...first.body.items, ...next.body.items].map((d) => d.id)).toEqual(
      all.body.items.map((d) => d.id),
    );

    // Every sort key, both ways: small cursor pages give the same order as one big page.
    for (const sort of deviceSortKeys)
      for (const order of ['asc', 'desc']) {
        const base = `/api/v1/orgs/${a.support.id}/devices?sort=${sort}&order=${order}`;
        const whole = (await a.support.owner.get<Page>(`${base}&limit=50`)).body.items.map((d) => d.id);
        const paged: string[] = [];
        let cursor: string | null = '';
        while (cursor !== null) {
          const page: Page = (
            await a.support.owner.get<Page>(`${base}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          ).body;
          paged.push(...page.items.map((d) => d.id));
          cursor = page.nextCursor;
        }
        expect(paged, `${sort} ${order}`).toEqual(whole);
      }

    const one = await a.support.owner.get<Page>(
      `/api/v1/orgs/${a.support.id}/devices?organizationId=${second}&group=down`,
    );
    expect(one.body.items.map((d) => d.name)).toEqual(['Room 13']);
    // Another support organization's client as the filter: nothing, not its devices.
    const foreign = await a.support.owner.get<Page>(
      `/api/v1/orgs/${a.support.id}/devices?organizationId=${b.client.id}`,
    );
    expect(foreign.body).toMatchObject({ total: 0, items: [] });
  });

  it('counts per client, worst first; a client counts only its own', async () => {
    const summary = await a.support.owner.get<Summary>(`/api/v1/orgs/${a.support.id}/devices/summary`);
    expect(summary.body).toMatchObject({ total: 7, groups: { down: 1, healthy: 6 } });
    expect(summary.body.byOrganization).toEqual([
      { organization: { id: second, name: 'Second Client' }, count: 3, down: 1, issues: 0 },
      { organization: { id: a.client.id, name: expect.any(String) as string }, count: 4, down: 0, issues: 0 },
    ]);
    const client = await a.support.owner.get<Summary>(`/api/v1/orgs/${a.client.id}/devices/summary`);
    expect(client.body).toMatchObject({ total: 4, byOrganization: [] });
    const other = await b.support.owner.get<Summary>(`/api/v1/orgs/${b.support.id}/devices/summary`);
    expect(other.body.total).toBe(2);
  });

  it('takes in the clients’ alert incidents, their deliveries and their history', async () => {
    const rule = await a.support.owner.post(`/api/v1/orgs/${second}/alerts/rules`, {
      name: 'Rooms down',
      condition: { kind: 'device_status', statuses: ['Down'] },
      delayS: 0,
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    type Listed = { items: { organization: { id: string; name: string } | null }[]; total: number };
    await vi.waitFor(
      async () => {
        const incidents = await a.support.owner.get<Listed>(`/api/v1/orgs/${a.support.id}/alerts/incidents`);
        expect(incidents.body.items.map((i) => i.organization)).toContainEqual({
          id: second,
          name: 'Second Client',
        });
        const deliveries = await a.support.owner.get<Listed>(
          `/api/v1/orgs/${a.support.id}/alerts/deliveries`,
        );
        expect(deliveries.body.items.map((d) => d.organization?.id)).toContain(second);
      },
      { timeout: 10_000, interval: 100 },
    );
    const onlyFirst = await a.support.owner.get<Listed>(
      `/api/v1/orgs/${a.support.id}/alerts/incidents?organizationId=${a.client.id}`,
    );
    expect(onlyFirst.body.items.every((i) => i.organization?.id === a.client.id)).toBe(true);
    const other = await b.support.owner.get<Listed>(`/api/v1/orgs/${b.support.id}/alerts/incidents`);
    expect(other.body.items.map((i) => i.organization?.id)).not.toContain(second);

    // History: the clients' server accounts were created in them.
    const history = await a.support.owner.get<Listed>(`/api/v1/orgs/${a.support.id}/audit?limit=200`);
    const where = new Set(history.body.items.map((e) => e.organization?.id));
    expect(where).toEqual(new Set([a.support.id, a.client.id, second]));
    const ofSecond = await a.support.owner.get<Listed>(
      `/api/v1/orgs/${a.support.id}/audit?organizationId=${second}`,
    );
    expect(ofSecond.body.total).toBeGreaterThan(0);
    expect(ofSecond.body.items.every((e) => e.organization?.id === second)).toBe(true);
    const otherHistory = await b.support.owner.get<Listed>(`/api/v1/orgs/${b.support.id}/audit?limit=200`);
    expect(otherHistory.body.items.map((e) => e.organization?.id)).not.toContain(second);
    // A client's history is its own.
    const clientHistory = await a.support.owner.get<Listed>(`/api/v1/orgs/${a.client.id}/audit?limit=200`);
    expect(new Set(clientHistory.body.items.map((e) => e.organization?.id))).toEqual(new Set([a.client.id]));
  });

  it('lists every client’s server accounts with their organization and agent login', async () => {
    type Servers = {
      items: { name: string; login: string; organization: { id: string; name: string } }[];
      total: number;
    };
    const all = await a.support.owner.get<Servers>(`/api/v1/orgs/${a.support.id}/servers?sort=name`);
    expect(all.body.items.map((s) => [s.name, s.organization.id])).toEqual([
      ['First Rack', a.client.id],
      ['Second Rack', second],
    ]);
    // Each login ends in its own organization's code, and a pasted login finds its account.
    const login = all.body.items[1]?.login ?? '';
    expect(login).toMatch(/^Second Rack@C\d+$/);
    const found = await a.support.owner.get<Servers>(
      `/api/v1/orgs/${a.support.id}/servers?search=${encodeURIComponent(login)}`,
    );
    expect(found.body.items.map((s) => s.name)).toEqual(['Second Rack']);
    const one = await a.support.owner.get<Servers>(
      `/api/v1/orgs/${a.support.id}/servers?organizationId=${a.client.id}`,
    );
    expect(one.body.items.map((s) => s.name)).toEqual(['First Rack']);
    const other = await b.support.owner.get<Servers>(`/api/v1/orgs/${b.support.id}/servers`);
    expect(other.body.items.map((s) => s.name)).toEqual(['Other Rack']);
    const own = await a.support.owner.get<Servers>(`/api/v1/orgs/${second}/servers`);
    expect(own.body.items.map((s) => s.name)).toEqual(['Second Rack']);
  });

  it('never shows a client its siblings', async () => {
    const own = await a.support.owner.get<Page>(`/api/v1/orgs/${a.client.id}/devices?limit=50`);
    expect(own.body.total).toBe(4);
    expect(own.body.items.every((d) => d.organization.id === a.client.id)).toBe(true);
    // The roll-up filter names a sibling: a client's list stays its own.
    const sibling = await a.support.owner.get<Page>(
      `/api/v1/orgs/${a.client.id}/devices?organizationId=${second}`,
    );
    expect(sibling.body.total).toBe(0);
  });

  it('hears a client’s device change live, and counts it at once; the other support organization does not', async () => {
    const rollupStream = await openStream(hub, a.support.id, { cookie: a.support.owner.cookieHeader });
    const otherStream = await openStream(hub, b.support.id, { cookie: b.support.owner.cookieHeader });
    try {
      const agent = agents[0];
      if (!agent) throw new Error('no agent');
      agent.send({
        type: 'deltas',
        seq: 1,
        changes: [{ id: linkDevice(2).id, status: 'Down', since: Date.now(), at: Date.now() }],
      });
      await agent.next('ack', (f) => f.seq === 1);
      await rollupStream.waitFor((s) => s.text.includes('event: devices'), 'the client’s devices event');
      await vi.waitFor(async () => {
        const summary = await a.support.owner.get<Summary>(`/api/v1/orgs/${a.support.id}/devices/summary`);
        expect(summary.body.groups.down).toBe(2);
      });
      expect(otherStream.state.text).not.toContain('event: devices');
    } finally {
      await rollupStream.close();
      await otherStream.close();
    }
  });

  it('releases a client out of the roll-up, and its Owner attaches it again (its devices follow at once)', async () => {
    const owner = a.support.owner;
    const total = async () =>
      (await owner.get<Summary>(`/api/v1/orgs/${a.support.id}/devices/summary`)).body.total;
    expect(await total()).toBe(7);
    const released = await owner.post<{ id: string; proAudioDevices: number }>(
      `/api/v1/orgs/${a.support.id}/clients/${second}/release`,
    );
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect(released.body).toMatchObject({ id: second, proAudioDevices: 3 });
    await vi.waitFor(async () => expect(await total()).toBe(4));
    // Released, it keeps its devices; its Owner still reaches it, the support organization no more
    // through its clients.
    expect((await owner.get<Page>(`/api/v1/orgs/${second}/devices`)).body.total).toBe(3);
    const clients = await owner.get<{ items: { id: string }[] }>(`/api/v1/orgs/${a.support.id}/clients`);
    expect(clients.body.items.map((c) => c.id)).not.toContain(second);
    const available = await owner.get<{ items: { id: string; name: string }[] }>(
      `/api/v1/orgs/${a.support.id}/clients/available`,
    );
    expect(available.body.items).toEqual([expect.objectContaining({ id: second, name: 'Second Client' })]);
    // Someone who is not its Owner cannot take it, nor see that it exists.
    expect(
      (await b.support.owner.get<{ items: unknown[] }>(`/api/v1/orgs/${b.support.id}/clients/available`)).body
        .items,
    ).toEqual([]);
    const taken = await b.support.owner.post(`/api/v1/orgs/${b.support.id}/clients/attach`, {
      organizationId: second,
    });
    expect(taken.status).toBe(404);
    // A plan beyond the pool is refused; the plan it has fits.
    const tooBig = await owner.post<{ error: { code: string } }>(
      `/api/v1/orgs/${a.support.id}/clients/attach`,
      {
        organizationId: second,
        plan: { maxDevices: 1_000, start: '2026-01-01', end: '2099-12-31' },
      },
    );
    expect(tooBig.status).toBe(409);
    expect(tooBig.body.error.code).toBe('POOL_EXCEEDED');
    const attached = await owner.post<{ id: string }>(`/api/v1/orgs/${a.support.id}/clients/attach`, {
      organizationId: second,
    });
    expect(attached.status, JSON.stringify(attached.body)).toBe(200);
    await vi.waitFor(async () => expect(await total()).toBe(7));
    const back = await owner.get<Page>(`/api/v1/orgs/${a.support.id}/devices?organizationId=${second}`);
    expect(back.body.total).toBe(3);
  });
});
