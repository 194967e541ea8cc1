// Lists (search, sort, filter, cursor paging), locations, server accounts and one's own account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { verifySmsNumber } from '../../test/alert-fixture.ts';
import { agentPassword, buildTenancy, type Tenancy } from '../../test/tenancy-fixture.ts';

interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

describe('organization data through the API', () => {
  let hub: HubUnderTest;
  let t: Tenancy;
  beforeAll(async () => {
    hub = await startHubForTest();
    t = await buildTenancy(hub, 'lists');
  });
  afterAll(async () => {
    await hub.close();
  });

  it('pages a user list of 120 by cursor with search, sort and filters, never repeating or skipping', async () => {
    const owner = t.support.owner;
    const emails = Array.from({ length: 119 }, (_, i) => `user${String(i).padStart(3, '0')}@lists.example`);
    await owner.post(`/api/v1/orgs/${t.support.id}/users/invitations`, {
      emails: emails.slice(0, 100),
      role: 'monitor',
    });
    await owner.post(`/api/v1/orgs/${t.support.id}/users/invitations`, {
      emails: emails.slice(100),
      role: 'administrator',
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/orgs/${t.support.id}/users?sort=email&order=desc&limit=50${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { body: Page<{ email: string }> } = await owner.get<Page<{ email: string }>>(url);
      expect(page.body.total).toBe(120);
      seen.push(...page.body.items.map((u) => u.email));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(120);
    expect(seen).toEqual([...seen].sort().reverse());
    const admins = await owner.get<Page<{ role: string }>>(
      `/api/v1/orgs/${t.support.id}/users?role=administrator`,
    );
    expect(admins.body.total).toBe(19);
    const search = await owner.get<Page<{ email: string }>>(
      `/api/v1/orgs/${t.support.id}/users?search=user01`,
    );
    expect(search.body.items.map((u) => u.email)).toEqual(emails.slice(10, 20));
    const invited = await owner.get<Page<unknown>>(`/api/v1/orgs/${t.support.id}/users?status=Registered`);
    expect(invited.body.total).toBe(1);
    const bad = await owner.get<{ error: { code: string } }>(
      `/api/v1/orgs/${t.support.id}/users?cursor=garbage`,
    );
    expect(bad.status).toBe(400);
    const badSort = await owner.get<{ error: { code: string } }>(
      `/api/v1/orgs/${t.support.id}/users?sort=password`,
    );
    expect(badSort.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('keeps a location tree, refuses cycles and non-empty deletes, and places servers in it', async () => {
    const owner = t.support.owner;
    const base = `/api/v1/orgs/${t.client.id}/locations`;
    const emea = await owner.post<{ id: string }>(base, { name: 'EMEA', kind: 'region' });
    const berlin = await owner.post<{ id: string }>(base, {
      name: 'Berlin HQ',
      kind: 'building',
      parentId: emea.body.id,
    });
    const floor = await owner.post<{ id: string; path: string[] }>(base, {
      name: 'Floor 3',
      kind: 'floor',
      parentId: berlin.body.id,
    });
    expect(floor.body.path).toEqual(['EMEA', 'Berlin HQ', 'Floor 3']);
    expect(
      (
        await owner.post<{ error: { code: string } }>(base, {
          name: 'floor 3',
          kind: 'floor',
          parentId: berlin.body.id,
        })
      ).body.error.code,
    ).toBe('NAME_TAKEN');
    expect((await owner.patch(`${base}/${emea.body.id}`, { parentId: floor.body.id })).status).toBe(400);
    expect((await owner.delete(`${base}/${berlin.body.id}`)).status).toBe(409);
    const server = await owner.post<{ id: string; login: string; location: { name: string } }>(
      `/api/v1/orgs/${t.client.id}/servers`,
      {
        name: 'Berlin agent',
        password: agentPassword,
        locationId: floor.body.id,
      },
    );
    expect(server.body.location.name).toBe('Floor 3');
    const list = await owner.get<{ items: { name: string; servers: number }[] }>(base);
    expect(list.body.items.map((l) => `${l.name}:${l.servers}`)).toEqual([
      'EMEA:0',
      'Berlin HQ:0',
      'Floor 3:1',
    ]);
    expect((await owner.delete(`${base}/${floor.body.id}`)).status).toBe(200);
    const after = await owner.get<Page<{ location: unknown }>>(
      `/api/v1/orgs/${t.client.id}/servers?search=Berlin`,
    );
    expect(after.body.items[0]?.location).toBeNull();
    const login = server.body.login;
    expect(login).toMatch(/^Berlin agent@C\d+$/);
    const byLogin = await owner.get<Page<{ login: string }>>(
      `/api/v1/orgs/${t.client.id}/servers?search=${encodeURIComponent(login.toLowerCase())}`,
    );
    expect(byLogin.body.items.map((s) => s.login)).toEqual([login]);
  });

  it('disables, renames, rotates and deletes a server account, each in the history', async () => {
    const owner = t.support.owner;
    const base = `/api/v1/orgs/${t.client.id}/servers`;
    const created = await owner.post<{ id: string }>(base, { name: 'Lab agent', password: agentPassword });
    const disabled = await owner.patch<{ status: string }>(`${base}/${created.body.id}`, {
      disabled: true,
      name: 'Lab agent 2',
    });
    expect(disabled.body.status).toBe('Disabled');
    expect((await owner.get<Page<unknown>>(`${base}?status=Disabled`)).body.total).toBe(1);
    expect(
      (
        await owner.put<{ error: { code: string } }>(`${base}/${created.body.id}/password`, {
          password: 'nodigits!',
        })
      ).body.error.code,
    ).toBe('WEAK_PASSWORD');
    expect(
      (await owner.put(`${base}/${created.body.id}/password`, { password: 'New#Secret-42' })).status,
    ).toBe(200);
    expect((await owner.delete(`${base}/${created.body.id}`)).status).toBe(200);
    expect((await owner.delete(`${base}/${created.body.id}`)).status).toBe(404);
    const history = await owner.get<Page<{ action: string }>>(
      `/api/v1/orgs/${t.client.id}/audit?action=servers.`,
    );
    expect(history.body.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['servers.disabled', 'servers.password_rotated', 'servers.deleted']),
    );
    const since = new Date(Date.now() + 60_000).toISOString();
    expect(
      (await owner.get<Page<unknown>>(`/api/v1/orgs/${t.client.id}/audit?from=${since}`)).body.total,
    ).toBe(0);
  });

  it('changes my name, language, SMS number and UI settings, and rates passwords', async () => {
    const owner = t.support.owner;
    expect(
      (
        await owner.patch('/api/v1/me', {
          firstName: 'Rita',
          language: 'de',
          uiSettings: { density: 'compact' },
        })
      ).status,
    ).toBe(200);
    expect((await owner.put('/api/v1/me/sms-number', { smsNumber: '0800-not-e164' })).status).toBe(400);
    await verifySmsNumber(hub, owner, '+18015550100');
    const me = await owner.get<{
      user: { firstName: string; language: string; smsNumber: string; uiSettings: unknown };
    }>('/api/v1/auth/session');
    expect(me.body.user).toMatchObject({
      firstName: 'Rita',
      language: 'de',
      smsNumber: '+18015550100',
      smsVerified: true,
      smsPending: null,
      uiSettings: { density: 'compact' },
    });
    const weak = await owner.post<{ score: number; acceptable: boolean; brokenRules: string[] }>(
      '/api/v1/auth/password-strength',
      { password: 'abc', kind: 'agent' },
    );
    expect(weak.body).toMatchObject({ acceptable: false });
    expect(weak.body.brokenRules).toEqual(
      expect.arrayContaining(['At least 8 characters', 'A digit', 'A special character']),
    );
    const strong = await owner.post<{ acceptable: boolean }>('/api/v1/auth/password-strength', {
      password: 'Rack#Room-7a',
      kind: 'agent',
    });
    expect(strong.body.acceptable).toBe(true);
  });
});
