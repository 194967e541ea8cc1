// The Quick-Start Guide walked through the API, as a new support organization would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTerms } from '@crosspoint/protocol';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { ApiClient } from '../../test/api-client.ts';
import { databaseLanes } from '../../test/database-lanes.ts';
import { cliActor } from '../../services/context.ts';
import {
  agentPassword,
  linkTokenFor,
  register,
  signedIn,
  strongPassword,
} from '../../test/tenancy-fixture.ts';

describe.each(await databaseLanes())('Quick-Start through the API on $name', (lane) => {
  let hub: HubUnderTest;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await lane.open();
    drop = db.drop;
    hub = await startHubForTest({ database: db.target });
  });
  afterAll(async () => {
    await hub.close();
    await drop();
  });

  it('operator → support org → owner registers and accepts terms → invites users → adds a client → switches → adds a server', async () => {
    // The operator, created by `crosspoint admin`, signs in and must accept the terms first.
    await hub.services.bootstrap.createOperator(cliActor, {
      email: 'ops@example.test',
      password: strongPassword,
    });
    const operator = new ApiClient(hub.app);
    const first = await operator.signIn('ops@example.test', strongPassword);
    expect(first.status).toBe(200);
    expect(first.body.termsRequired).toBe(true);
    const platformId = first.body.currentOrg?.id ?? '';
    const blocked = await operator.get<{ error: { code: string } }>(`/api/v1/orgs/${platformId}`);
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('TERMS_REQUIRED');
    expect((await operator.post('/api/v1/auth/accept-terms', currentTerms)).status).toBe(200);

    // Step 1: the operator gives an integrator an account.
    const support = await operator.post<{ id: string; pool: { total: number } }>(
      `/api/v1/orgs/${platformId}/support-orgs`,
      {
        name: 'Acme AV',
        ownerEmail: 'richard@acme-av.example',
        devicePool: 50,
      },
    );
    expect(support.status).toBe(201);
    expect(support.body.pool.total).toBe(50);

    // The owner follows the invitation, registers a password and accepts the terms.
    const anonymous = new ApiClient(hub.app);
    const token = await linkTokenFor(hub, 'richard@acme-av.example');
    const invitation = await anonymous.get<{ organization: string; role: string }>(
      `/api/v1/auth/invitations/${token}`,
    );
    expect(invitation.body).toMatchObject({ organization: 'Acme AV', role: 'owner' });
    const weak = await anonymous.post<{ error: { code: string } }>('/api/v1/auth/register', {
      token,
      password: 'password123',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('WEAK_PASSWORD');
    const owner = await register(hub, 'richard@acme-av.example');
    const session = await owner.get<{ currentOrg: { id: string; kind: string; role: string } }>(
      '/api/v1/auth/session',
    );
    expect(session.body.currentOrg).toMatchObject({ id: support.body.id, kind: 'support', role: 'owner' });
    const reused = await anonymous.post<{ error: { code: string } }>('/api/v1/auth/register', {
      token,
      password: strongPassword,
    });
    expect(reused.body.error.code).toBe('TOKEN_INVALID');

    // Step 3: add users, several at once, with a role and language.
    const invited = await owner.post<{ invited: string[] }>(
      `/api/v1/orgs/${support.body.id}/users/invitations`,
      {
        emails: ['jane@acme-av.example', 'jim@acme-av.example', 'JANE@acme-av.example'],
        role: 'monitor',
        language: 'de',
      },
    );
    expect(invited.body.invited).toEqual(['jane@acme-av.example', 'jim@acme-av.example']);
    const [janeMail] = await hub.services.mail.recent(1, 'jane@acme-av.example');
    expect(janeMail?.subject).toMatch(/Einladung/);
    const users = await owner.get<{
      items: { email: string; status: string; role: string }[];
      total: number;
    }>(`/api/v1/orgs/${support.body.id}/users?search=acme&sort=email`);
    expect(users.body.total).toBe(3);
    expect(users.body.items.map((u) => `${u.email}:${u.status}:${u.role}`)).toEqual([
      'jane@acme-av.example:Invited:monitor',
      'jim@acme-av.example:Invited:monitor',
      'richard@acme-av.example:Registered:owner',
    ]);

    // Step 4: the add-client wizard: details → plan → review → add, within the pool.
    const details = {
      name: 'Globex Corp',
      owner: { email: 'richard@acme-av.example' },
      clientReference: 'FIN-0042',
    };
    const tooBig = await owner.post<{ error: { code: string } }>(`/api/v1/orgs/${support.body.id}/clients`, {
      ...details,
      plan: { maxDevices: 51, start: '2026-11-01', end: '2027-02-01' },
      dryRun: true,
    });
    expect(tooBig.status).toBe(409);
    expect(tooBig.body.error.code).toBe('POOL_EXCEEDED');
    const plan = { maxDevices: 20, start: '2026-11-01', end: '2099-02-01' };
    const review = await owner.post<{
      dryRun: boolean;
      review: { ownerExists: boolean; poolAvailableAfter: number };
    }>(`/api/v1/orgs/${support.body.id}/clients`, { ...details, plan, dryRun: true });
    expect(review.status).toBe(200);
    expect(review.body.review).toMatchObject({ ownerExists: true, poolAvailableAfter: 30 });
    const added = await owner.post<{ client: { id: string; accountNumber: string; status: string } }>(
      `/api/v1/orgs/${support.body.id}/clients`,
      { ...details, plan },
    );
    expect(added.status).toBe(201);
    expect(added.body.client.accountNumber).toMatch(/^C1\d{4}$/);
    const clientId = added.body.client.id;
    const clients = await owner.get<{ items: { name: string; devicesAllocated: number; status: string }[] }>(
      `/api/v1/orgs/${support.body.id}/clients`,
    );
    expect(clients.body.items).toEqual([
      expect.objectContaining({ name: 'Globex Corp', devicesAllocated: 20, status: 'Invited' }),
    ]);
    const raise = await owner.patch<{ error: { code: string } }>(
      `/api/v1/orgs/${support.body.id}/clients/${clientId}/plan`,
      { maxDevices: 60 },
    );
    expect(raise.body.error.code).toBe('POOL_EXCEEDED');
    expect(
      (await owner.patch(`/api/v1/orgs/${support.body.id}/clients/${clientId}/plan`, { maxDevices: 50 }))
        .status,
    ).toBe(200);

    // Choose Organization… → the client, then Step 5: an agent server account.
    const switched = await owner.post<{ currentOrg: { id: string; kind: string } }>(
      '/api/v1/auth/switch-org',
      { orgId: clientId },
    );
    expect(switched.body.currentOrg).toMatchObject({ id: clientId, kind: 'client' });
    const nowActive = await owner.get<{ items: { status: string }[] }>(
      `/api/v1/orgs/${support.body.id}/clients?status=Active`,
    );
    expect(nowActive.body.items).toHaveLength(1);
    const weakServer = await owner.post<{ error: { code: string } }>(`/api/v1/orgs/${clientId}/servers`, {
      name: 'HQ Rack',
      password: 'abcdefgh',
    });
    expect(weakServer.body.error.code).toBe('WEAK_PASSWORD');
    const server = await owner.post<{ name: string; status: string; subnets: { enabled: number } }>(
      `/api/v1/orgs/${clientId}/servers`,
      {
        name: 'HQ Rack',
        password: agentPassword,
      },
    );
    expect(server.status).toBe(201);
    expect(server.body).toMatchObject({ name: 'HQ Rack', status: 'Disconnected' });
    const dup = await owner.post<{ error: { code: string } }>(`/api/v1/orgs/${clientId}/servers`, {
      name: 'hq rack',
      password: agentPassword,
    });
    expect(dup.body.error.code).toBe('NAME_TAKEN');
    const withServer = await owner.get<{ items: { servers: number }[] }>(
      `/api/v1/orgs/${support.body.id}/clients`,
    );
    expect(withServer.body.items[0]?.servers).toBe(1);

    // Every step is in the history, with who and from where.
    const history = await owner.get<{ items: { action: string; actor: string; ip: string }[] }>(
      `/api/v1/orgs/${clientId}/audit`,
    );
    expect(history.body.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['org.created', 'users.invited', 'org.plan_changed', 'servers.created']),
    );
    expect(history.body.items[0]).toMatchObject({ actor: 'richard@acme-av.example', ip: '127.0.0.1' });
  });

  it('lets a user reset a forgotten password by the emailed link, once', async () => {
    await hub.services.bootstrap.createOperator(cliActor, {
      email: 'forgetful@example.test',
      password: strongPassword,
    });
    const anonymous = new ApiClient(hub.app);
    expect(
      (await anonymous.post('/api/v1/auth/forgot-password', { email: 'nobody@example.test' })).status,
    ).toBe(202);
    expect(
      (await anonymous.post('/api/v1/auth/forgot-password', { email: 'forgetful@example.test' })).status,
    ).toBe(202);
    const token = await linkTokenFor(hub, 'forgetful@example.test');
    expect(
      (await anonymous.post('/api/v1/auth/reset-password', { token, password: 'new-lantern-pebble-42' }))
        .status,
    ).toBe(200);
    expect(
      (await anonymous.post('/api/v1/auth/reset-password', { token, password: 'new-lantern-pebble-43' }))
        .status,
    ).toBe(400);
    expect((await anonymous.signIn('forgetful@example.test', strongPassword)).status).toBe(401);
    await signedIn(hub, 'forgetful@example.test', 'new-lantern-pebble-42');
  });
});
