// The operator's hand on a support organization: its device pool, its trial extended or ended, or
// made a paying one. A trial past its last day stops the monitoring of its clients' devices
// (Overflowed) until then, and they come back at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDay } from '../../services/context.ts';
import { connectAgent, type LinkedSite } from '../../test/alert-fixture.ts';
import { linkDevice } from '../../test/fake-agent.ts';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { buildTenancy, type Tenancy } from '../../test/tenancy-fixture.ts';

type Org = {
  plan: { start: string; end: string } | null;
  pool: { total: number; allocated: number } | null;
  trial: { organization: string; end: string; ended: boolean } | null;
};
type ErrorAnswer = { error: { code: string; message: string } };

describe('support organization plan: pool, trial, paying', () => {
  let hub: HubUnderTest;
  let t: Tenancy;
  let site: LinkedSite;
  let now = new Date();
  const day = (offset: number) => isoDay(new Date(now.getTime() + offset * 86_400_000));
  // The clock moves weeks ahead (sessions end after 12 hours): the test acts through API tokens.
  const tokens = { operator: '', owner: '' };
  /** Any of the answers read here: an organization, an error, a list of devices or of history. */
  type Answer = Org & ErrorAnswer & { items: { status: string; action: string }[] };
  const as = async (
    who: keyof typeof tokens,
    method: 'GET' | 'PATCH',
    url: string,
    body?: unknown,
  ): Promise<{ status: number; body: Answer }> => {
    const res = await hub.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokens[who]}` },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
    return { status: res.statusCode, body: res.json() };
  };
  const patch = (body: unknown) =>
    as('operator', 'PATCH', `/api/v1/orgs/${t.platformId}/support-orgs/${t.support.id}`, body);
  const clientOrg = async () => (await as('owner', 'GET', `/api/v1/orgs/${t.client.id}`)).body;
  const statuses = async () =>
    (await as('owner', 'GET', `/api/v1/orgs/${t.client.id}/devices`)).body.items.map((d) => d.status);

  beforeAll(async () => {
    hub = await startHubForTest({ clock: () => now });
    t = await buildTenancy(hub, 'trialplan');
    site = await connectAgent(
      hub,
      t.support.owner,
      t.client.id,
      'Rack',
      [1, 2, 3].map((n) => linkDevice(n)),
    );
    for (const [who, client, orgId, role] of [
      ['operator', t.operator, t.platformId, 'administrator'],
      ['owner', t.support.owner, t.client.id, 'monitor'],
    ] as const) {
      const made = await client.post<{ secret: string }>(`/api/v1/orgs/${orgId}/api-tokens`, {
        name: who,
        role,
        expiresInDays: 365,
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      tokens[who] = made.body.secret;
    }
  }, 120_000);
  afterAll(async () => {
    site.agent.close();
    await hub.close();
  });

  it('changes the pool, never below what the clients’ plans hold', async () => {
    const bigger = await patch({ devicePool: 250 });
    expect(bigger.status, JSON.stringify(bigger.body)).toBe(200);
    expect(bigger.body.pool).toMatchObject({ total: 250, allocated: 10 });
    const tooSmall = await patch({ devicePool: 5 });
    expect(tooSmall.status).toBe(409);
    expect(tooSmall.body.error.code).toBe('POOL_EXCEEDED');
    expect(tooSmall.body.error.message).toContain('hold 10 devices');
    // Only the operator: the support organization's own owner cannot.
    const own = await t.support.owner.patch(`/api/v1/orgs/${t.platformId}/support-orgs/${t.support.id}`, {
      devicePool: 1000,
    });
    expect(own.status).toBe(404);
  });

  it('a trial shows on the support organization and its client, and ending it stops their monitoring', async () => {
    const trial = await patch({ trialEnd: day(2) });
    expect(trial.body.trial).toEqual({ organization: 'trialplan AV Integrators', end: day(2), ended: false });
    expect((await clientOrg()).trial).toMatchObject({
      organization: 'trialplan AV Integrators',
      ended: false,
    });
    expect(await statuses()).toEqual(['Healthy', 'Healthy', 'Healthy']);

    now = new Date(now.getTime() + 3 * 86_400_000);
    await hub.services.licenses.checkAll();
    expect(await statuses()).toEqual(['Overflowed', 'Overflowed', 'Overflowed']);
    expect((await clientOrg()).trial?.ended).toBe(true);
    // A new inventory from the agent does not bring them back.
    const seq = site.seq();
    site.agent.send({ type: 'inventory', seq, devices: [1, 2, 3, 4].map((n) => linkDevice(n)) });
    await site.agent.next('ack', (f) => f.seq === seq);
    expect(await statuses()).toEqual(['Overflowed', 'Overflowed', 'Overflowed', 'Overflowed']);
  });

  it('extending the trial or making it a paying organization brings them back at once', async () => {
    const extended = await patch({ trialEnd: day(30) });
    expect(extended.body.trial?.ended).toBe(false);
    expect(await statuses()).toEqual(['Healthy', 'Healthy', 'Healthy', 'Healthy']);
    const before = await patch({ trialEnd: day(-40) });
    expect(before.status).toBe(400);

    now = new Date(now.getTime() + 31 * 86_400_000);
    await hub.services.licenses.checkAll();
    expect(await statuses()).toEqual(['Overflowed', 'Overflowed', 'Overflowed', 'Overflowed']);
    const paying = await patch({ trialEnd: null });
    expect(paying.body).toMatchObject({ trial: null, plan: null });
    expect(await statuses()).toEqual(['Healthy', 'Healthy', 'Healthy', 'Healthy']);
    const history = await as('operator', 'GET', `/api/v1/orgs/${t.platformId}/audit?action=support_orgs.`);
    expect(history.body.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['support_orgs.updated', 'support_orgs.trial_converted']),
    );
  });
});
