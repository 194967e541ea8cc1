// API tokens act for the person who created them: they expire by default, go as soon as that person
// leaves the organization or loses the token's role (also through a support organization), and a
// token that creates a token can give it no more rights and no longer life than its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import type { ApiClient } from '../../test/api-client.ts';
import { buildTenancy, register, type Tenancy } from '../../test/tenancy-fixture.ts';

interface Token {
  id: string;
  role: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}
interface Created {
  token: Token;
  secret: string;
}
const dayMs = 86_400_000;

describe('API tokens', () => {
  let hub: HubUnderTest;
  let t: Tenancy;
  let now = new Date('2026-12-01T09:00:00Z');

  const bearer = (
    secret: string,
    method = 'GET',
    url = `/api/v1/orgs/${t.client.id}/devices/summary`,
    body?: unknown,
  ) =>
    hub.app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${secret}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });
  /** Invites `email` into `orgId` with `role`; the person registers. Returns their session and user id. */
  const member = async (
    orgId: string,
    email: string,
    role: string,
  ): Promise<{ api: ApiClient; userId: string }> => {
    expect(
      (await t.support.owner.post(`/api/v1/orgs/${orgId}/users/invitations`, { emails: [email], role }))
        .status,
    ).toBe(200);
    const api = await register(hub, email);
    const users = await t.support.owner.get<{ items: { id: string; email: string }[] }>(
      `/api/v1/orgs/${orgId}/users?search=${encodeURIComponent(email)}`,
    );
    const userId = users.body.items.find((u) => u.email === email)?.id ?? '';
    return { api, userId };
  };
  const create = async (api: ApiClient, body: Record<string, unknown>) => {
    const res = await api.post<Created>(`/api/v1/orgs/${t.client.id}/api-tokens`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    hub = await startHubForTest({ clock: () => now });
    t = await buildTenancy(hub, 'tokens');
  });
  afterAll(async () => {
    await hub.close();
  });

  it('expires after 90 days unless the creator names another validity, and shows when it was last used', async () => {
    const { token, secret } = await create(t.support.owner, { name: 'default', role: 'monitor' });
    expect(Date.parse(token.expiresAt ?? '')).toBe(now.getTime() + 90 * dayMs);
    expect(token.lastUsedAt).toBeNull();
    expect((await bearer(secret)).statusCode).toBe(200);
    const listed = await t.support.owner.get<{ items: Token[] }>(`/api/v1/orgs/${t.client.id}/api-tokens`);
    expect(listed.body.items.find((x) => x.id === token.id)?.lastUsedAt).toBe(now.toISOString());
    const short = await create(t.support.owner, { name: 'short', role: 'monitor', expiresInDays: 7 });
    const today = now;
    now = new Date(today.getTime() + 8 * dayMs);
    expect((await bearer(short.secret)).statusCode).toBe(401);
    expect((await bearer(secret)).statusCode).toBe(200);
    now = today; // the people's sessions of the next tests stay valid
  });

  it('stops working the moment its creator is removed from the organization', async () => {
    const admin = await member(t.client.id, 'leaver@example.test', 'administrator');
    const adminToken = await create(admin.api, { name: 'leaver admin', role: 'administrator' });
    const monitorToken = await create(admin.api, { name: 'leaver monitor', role: 'monitor' });
    expect((await bearer(adminToken.secret)).statusCode).toBe(200);
    expect(
      (await t.support.owner.request('DELETE', `/api/v1/orgs/${t.client.id}/users/${admin.userId}`)).status,
    ).toBe(200);
    expect((await bearer(adminToken.secret)).statusCode).toBe(401);
    expect((await bearer(monitorToken.secret)).statusCode).toBe(401);
    // Nor can it make a new administrator token on its way out.
    const again = await bearer(adminToken.secret, 'POST', `/api/v1/orgs/${t.client.id}/api-tokens`, {
      name: 'escape',
      role: 'administrator',
    });
    expect(again.statusCode).toBe(401);
    const listed = await t.support.owner.get<{ items: Token[] }>(`/api/v1/orgs/${t.client.id}/api-tokens`);
    expect(listed.body.items.map((x) => x.id)).not.toContain(adminToken.token.id);
    const history = await t.support.owner.get<{ items: { action: string; detail: { reason?: string } }[] }>(
      `/api/v1/orgs/${t.client.id}/audit?action=tokens.revoked`,
    );
    expect(history.body.items.filter((e) => e.detail.reason === 'creator_removed')).toHaveLength(2);
  });

  it('loses only the tokens above the role its creator now holds', async () => {
    const admin = await member(t.client.id, 'demoted@example.test', 'administrator');
    const adminToken = await create(admin.api, { name: 'demoted admin', role: 'administrator' });
    const monitorToken = await create(admin.api, { name: 'demoted monitor', role: 'monitor' });
    expect(
      (await t.support.owner.patch(`/api/v1/orgs/${t.client.id}/users/${admin.userId}`, { role: 'monitor' }))
        .status,
    ).toBe(200);
    expect((await bearer(adminToken.secret)).statusCode).toBe(401);
    expect((await bearer(monitorToken.secret)).statusCode).toBe(200);
  });

  it('stops working when its creator loses access through their support organization', async () => {
    const integrator = await member(t.support.id, 'integrator@example.test', 'administrator');
    const token = await create(integrator.api, { name: 'integrator', role: 'administrator' });
    expect((await bearer(token.secret)).statusCode).toBe(200);
    expect(
      (await t.support.owner.request('DELETE', `/api/v1/orgs/${t.support.id}/users/${integrator.userId}`))
        .status,
    ).toBe(200);
    expect((await bearer(token.secret)).statusCode).toBe(401);
    const history = await t.support.owner.get<{
      items: { action: string; targetId: string; detail: { reason?: string } }[];
    }>(`/api/v1/orgs/${t.client.id}/audit?action=tokens.revoked`);
    expect(history.body.items.find((e) => e.targetId === token.token.id)?.detail.reason).toBe(
      'creator_lost_access',
    );
  });

  it('makes a token with a token no stronger and no longer-lived than itself, and it leaves with the same person', async () => {
    const admin = await member(t.client.id, 'automation@example.test', 'administrator');
    const parent = await create(admin.api, { name: 'automation', role: 'administrator', expiresInDays: 30 });
    const tooLong = await bearer(parent.secret, 'POST', `/api/v1/orgs/${t.client.id}/api-tokens`, {
      name: 'child',
      role: 'monitor',
      expiresInDays: 365,
    });
    expect([tooLong.statusCode, tooLong.json<{ error: { code: string } }>().error.code]).toEqual([
      400,
      'TOKEN_OUTLIVES_PARENT',
    ]);
    const child = await bearer(parent.secret, 'POST', `/api/v1/orgs/${t.client.id}/api-tokens`, {
      name: 'child',
      role: 'monitor',
    });
    const made = child.json<Created>();
    expect(child.statusCode).toBe(201);
    expect(made.token.expiresAt).toBe(parent.token.expiresAt);
    const monitor = await create(admin.api, { name: 'reader', role: 'monitor' });
    const escalate = await bearer(monitor.secret, 'POST', `/api/v1/orgs/${t.client.id}/api-tokens`, {
      name: 'up',
      role: 'administrator',
    });
    expect(escalate.statusCode).toBe(403);
    expect((await bearer(made.secret)).statusCode).toBe(200);
    expect(
      (await t.support.owner.request('DELETE', `/api/v1/orgs/${t.client.id}/users/${admin.userId}`)).status,
    ).toBe(200);
    expect((await bearer(made.secret)).statusCode).toBe(401);
  });
});
