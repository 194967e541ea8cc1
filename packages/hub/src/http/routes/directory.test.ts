// LDAP / Active Directory sign-in against a real OpenLDAP server (Debian's slapd on loopback): the
// settings, "Test connection" and "Test a user" with step-specific failures, and sign-in on the
// normal sign-in route with a uid-style directory and an Active-Directory-like one.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ldapDirectories, memberships } from '../../db/schema/index.ts';
import { ApiClient } from '../../test/api-client.ts';
import { closedPort } from '../../test/failing-peers.ts';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { slapdAvailable, startLdapServer, type LdapTestServer } from '../../test/ldap-server.ts';
import { buildTenancy, register, strongPassword, type Tenancy } from '../../test/tenancy-fixture.ts';

type ErrorAnswer = {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
};
type Settings = { directory: Record<string, unknown> | null };
type UserRow = { id: string; email: string; role: string; type: string; name: string };

describe.runIf(slapdAvailable())('LDAP / Active Directory sign-in', () => {
  let ldap: LdapTestServer;
  let hub: HubUnderTest;
  let t: Tenancy;
  let other: Tenancy;
  let owner: ApiClient;
  const bindPassword = 'svc-Bind-pa55';
  const dn = (rdn: string) => `${rdn},${ldap.suffix}`;
  const group = (cn: string) => dn(`cn=${cn},ou=groups`);
  let alice: string;
  let bob: string;
  let bobGone: string;

  /** The uid-style directory (groups found by member) of the client organization. */
  const globex = (over: Record<string, unknown> = {}) => ({
    enabled: true,
    domain: 'GLOBEX',
    url: ldap.url,
    startTls: false,
    verifyCertificate: true,
    bindDn: dn('cn=svc'),
    bindPassword,
    userBase: dn('ou=people'),
    userFilter: '(objectClass=inetOrgPerson)',
    loginAttribute: 'uid',
    groupAttribute: null,
    groupRoles: [
      { group: group('av-owners'), role: 'owner' },
      { group: group('av-admins'), role: 'administrator' },
      { group: group('av-monitors'), role: 'monitor' },
    ],
    ...over,
  });
  /** The Active-Directory-like one (sAMAccountName, memberOf, userAccountControl) of the support organization. */
  const initech = (over: Record<string, unknown> = {}) => ({
    ...globex(),
    domain: 'initech.test',
    userBase: dn('ou=staff'),
    userFilter: '(objectClass=crosspointTestAdUser)',
    loginAttribute: 'sAMAccountName',
    groupAttribute: 'memberOf',
    groupRoles: [
      { group: group('av-admins'), role: 'administrator' },
      { group: group('av-monitors'), role: 'monitor' },
    ],
    ...over,
  });
  const directoryOf = (orgId: string) => `/api/v1/orgs/${orgId}/directory`;
  const fresh = (ip = '127.0.0.1') => new ApiClient(hub.app, ip);
  const memberRow = async (orgId: string, email: string) =>
    (await owner.get<{ items: UserRow[] }>(`/api/v1/orgs/${orgId}/users?limit=500`)).body.items.find(
      (u) => u.email === email,
    );

  beforeAll(async () => {
    ldap = await startLdapServer({ tls: true });
    await ldap.addServiceAccount('svc', bindPassword);
    alice = await ldap.addPerson({
      uid: 'alice',
      password: 'alice-Dir-pw1',
      givenName: 'Alice',
      sn: 'Anders',
      mail: 'alice@globex.example',
    });
    const carl = await ldap.addPerson({ uid: 'carl', password: 'carl-Dir-pw1', sn: 'Carlsen' });
    await ldap.addGroup('av-admins', [alice]);
    await ldap.addGroup('av-monitors', [carl]);
    await ldap.addGroup('av-owners', [carl]);
    bob = await ldap.addPerson({
      uid: 'bob',
      ou: 'staff',
      password: 'bob-Dir-pw1',
      givenName: 'Bob',
      sn: 'Bauer',
      ad: { sAMAccountName: 'bob', memberOf: [group('av-monitors')] },
    });
    bobGone = await ldap.addPerson({
      uid: 'gone',
      ou: 'staff',
      password: 'gone-Dir-pw1',
      ad: { sAMAccountName: 'gone', userAccountControl: 514, memberOf: [group('av-admins')] },
    });
    hub = await startHubForTest();
    t = await buildTenancy(hub, 'ldap');
    other = await buildTenancy(hub, 'ldapother');
    owner = t.support.owner;
  }, 120_000);
  afterAll(async () => {
    await hub.close();
    await ldap.close();
  });

  it('keeps the settings; the bind password is sealed and never sent back', async () => {
    expect((await owner.get<Settings>(directoryOf(t.client.id))).body).toEqual({ directory: null });
    const { bindPassword: _omit, ...withoutPassword } = globex();
    const refused = await owner.put<ErrorAnswer>(directoryOf(t.client.id), withoutPassword);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details?.[0]?.path).toBe('/body/bindPassword');

    const saved = await owner.put<Settings>(directoryOf(t.client.id), globex());
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.directory).toMatchObject({
      domain: 'globex',
      loginAttribute: 'uid',
      passwordSet: true,
    });
    expect(JSON.stringify(saved.body)).not.toContain(bindPassword);
    expect(JSON.stringify((await owner.get(directoryOf(t.client.id))).body)).not.toContain(bindPassword);
    const [row] = await hub.database.db
      .select()
      .from(ldapDirectories)
      .where(eq(ldapDirectories.orgId, t.client.id));
    expect(row?.bindPassword).not.toContain(bindPassword);

    // An empty password keeps the stored one while URL and bind DN stay; a new bind DN needs it again.
    const kept = await owner.put<Settings>(directoryOf(t.client.id), { ...withoutPassword, enabled: true });
    expect(kept.status).toBe(200);
    const newDn = await owner.put<ErrorAnswer>(directoryOf(t.client.id), {
      ...withoutPassword,
      bindDn: dn('cn=x'),
    });
    expect(newDn.status).toBe(400);
    // …and so does a weaker connection (the certificate check turned off): no stealing it on the way.
    const unchecked = await owner.put<ErrorAnswer>(directoryOf(t.client.id), {
      ...withoutPassword,
      verifyCertificate: false,
    });
    expect(unchecked.status).toBe(400);
    // The same settings keep the password: "Test connection" without it works.
    expect((await owner.post(`${directoryOf(t.client.id)}/test`, withoutPassword)).status).toBe(200);
    // So does "Test connection" against another server (the stored password goes nowhere else).
    const elsewhere = await owner.post<ErrorAnswer>(`${directoryOf(t.client.id)}/test`, {
      ...withoutPassword,
      url: 'ldap://127.0.0.1:1',
    });
    expect(elsewhere.status).toBe(400);

    // The sign-in domain is the hub's: another organization cannot take it.
    const taken = await other.support.owner.put<ErrorAnswer>(directoryOf(other.support.id), globex());
    expect(taken.status).toBe(409);

    const audit = await owner.get<{ items: { action: string; detail: Record<string, unknown> }[] }>(
      `/api/v1/orgs/${t.client.id}/audit?action=directory.`,
    );
    expect(audit.body.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['directory.created', 'directory.updated']),
    );
    expect(JSON.stringify(audit.body)).not.toContain(bindPassword);
  });

  it('tests the connection and says at which step it failed', async () => {
    const test = (body: Record<string, unknown>) =>
      owner.post<{ people: number; more: boolean } & ErrorAnswer>(`${directoryOf(t.client.id)}/test`, body);
    const ok = await test(globex());
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ people: 2, more: false });

    const stepOf = (r: { body: ErrorAnswer }) => r.body.error.details?.[0]?.path;
    const wrongPassword = await test(globex({ bindPassword: 'nope' }));
    expect(wrongPassword.status).toBe(422);
    expect(wrongPassword.body.error.code).toBe('DIRECTORY_TEST_FAILED');
    expect(stepOf(wrongPassword)).toBe('/step/bind');
    expect(wrongPassword.body.error.message).toMatch(/service account/i);

    const closed = await test(globex({ url: `ldap://127.0.0.1:${String(await closedPort())}` }));
    expect(stepOf(closed)).toBe('/step/connect');
    expect(closed.body.error.message).toMatch(/refused/);

    const wrongBase = await test(globex({ userBase: dn('ou=nowhere') }));
    expect(stepOf(wrongBase)).toBe('/step/search');
    expect(wrongBase.body.error.message).toMatch(/search base does not exist/);

    const badFilter = await test(globex({ userFilter: '(objectClass=inetOrgPerson' }));
    expect(badFilter.status).toBe(422);
    expect(stepOf(badFilter)).toBe('/step/search');

    // LDAPS and StartTLS: a self-signed certificate is refused until its CA is given (or the check is off).
    const untrusted = await test(globex({ url: ldap.ldapsUrl }));
    expect(stepOf(untrusted)).toBe('/step/tls');
    expect(untrusted.body.error.message).toMatch(/not trusted/);
    expect((await test(globex({ url: ldap.ldapsUrl, caCertificate: ldap.certificate }))).status).toBe(200);
    expect((await test(globex({ url: ldap.ldapsUrl, verifyCertificate: false }))).status).toBe(200);
    const startTls = await test(globex({ startTls: true }));
    expect(stepOf(startTls)).toBe('/step/tls');
    expect((await test(globex({ startTls: true, caCertificate: ldap.certificate }))).status).toBe(200);
  });

  it('tests a user: who they are, their groups and role, or what failed', async () => {
    const test = (body: Record<string, unknown>) =>
      owner.post<Record<string, unknown> & ErrorAnswer>(`${directoryOf(t.client.id)}/test-user`, body);
    const found = await test({ login: 'GLOBEX\\alice' });
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(found.body).toMatchObject({
      dn: alice,
      email: 'alice@globex.example',
      groups: [group('av-admins')],
      role: 'administrator',
      disabled: false,
      passwordChecked: false,
    });
    const withPassword = await test({ login: 'alice', password: 'alice-Dir-pw1' });
    expect(withPassword.body).toMatchObject({ passwordChecked: true, role: 'administrator' });
    const wrong = await test({ login: 'alice', password: 'wrong' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details?.[0]?.path).toBe('/step/user_bind');
    const nobody = await test({ login: 'nobody' });
    expect(nobody.body.error.details?.[0]?.path).toBe('/step/search');
    expect(nobody.body.error.message).toContain('uid=nobody');
    // Filter syntax in a login is a value, not a filter.
    const injected = await test({ login: '*)(uid=*' });
    expect(injected.status).toBe(422);
    expect(injected.body.error.details?.[0]?.path).toBe('/step/search');
  });

  it('signs in as DOMAIN\\name and name@domain with the role the groups give (uid schema)', async () => {
    const client = fresh();
    const res = await client.signIn('GLOBEX\\alice', 'alice-Dir-pw1');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.organizations.map((o) => o.id)).toEqual([t.client.id]);
    const row = await memberRow(t.client.id, 'alice@globex.example');
    expect(row).toMatchObject({ role: 'administrator', type: 'LDAP', name: 'Alice Anders' });
    // The same account with the other form.
    const again = await fresh().signIn('alice@globex', 'alice-Dir-pw1');
    expect(again.status).toBe(200);
    const rows = (await owner.get<{ items: UserRow[] }>(`/api/v1/orgs/${t.client.id}/users?limit=500`)).body
      .items;
    expect(rows.filter((u) => u.type === 'LDAP')).toHaveLength(1);
  });

  it('follows the groups at every sign-in: promoted, demoted, removed → refused', async () => {
    await ldap.addValue(group('av-owners'), 'member', alice);
    expect((await fresh().signIn('GLOBEX\\alice', 'alice-Dir-pw1')).status).toBe(200);
    expect((await memberRow(t.client.id, 'alice@globex.example'))?.role).toBe('owner');

    await ldap.deleteValue(group('av-owners'), 'member', alice);
    await ldap.deleteValue(group('av-admins'), 'member', alice);
    await ldap.addValue(group('av-monitors'), 'member', alice);
    expect((await fresh().signIn('GLOBEX\\alice', 'alice-Dir-pw1')).status).toBe(200);
    expect((await memberRow(t.client.id, 'alice@globex.example'))?.role).toBe('monitor');
    // A Monitor may not read the directory.
    const monitor = fresh();
    await monitor.signIn('GLOBEX\\alice', 'alice-Dir-pw1');
    expect((await monitor.get(directoryOf(t.client.id))).status).toBe(403);

    await ldap.deleteValue(group('av-monitors'), 'member', alice);
    const refused = await fresh().signIn('GLOBEX\\alice', 'alice-Dir-pw1');
    expect(refused.status).toBe(403);
    expect((refused.body as unknown as ErrorAnswer).error.code).toBe('DIRECTORY_REFUSED');
    expect(await memberRow(t.client.id, 'alice@globex.example')).toBeUndefined();
    await ldap.addValue(group('av-admins'), 'member', alice);
    expect((await fresh().signIn('GLOBEX\\alice', 'alice-Dir-pw1')).status).toBe(200);
  });

  it('signs in with an Active-Directory-like schema (sAMAccountName, memberOf); disabled accounts are refused', async () => {
    const saved = await owner.put(directoryOf(t.support.id), initech());
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const res = await fresh().signIn('bob@initech.test', 'bob-Dir-pw1');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const rows = (await owner.get<{ items: UserRow[] }>(`/api/v1/orgs/${t.support.id}/users?limit=500`)).body
      .items;
    const bobRow = rows.find((u) => u.name === 'Bob Bauer');
    // No mail in the directory: a stable address that never delivers.
    expect(bobRow).toMatchObject({ role: 'monitor', type: 'LDAP' });
    expect(bobRow?.email).toMatch(/^ldap-[0-9a-f]{16}@initech\.test\.invalid$/);
    expect((await fresh().signIn('INITECH.TEST\\bob', 'bob-Dir-pw1')).status).toBe(200);

    await ldap.replace(bob, 'memberOf', [group('av-admins')]);
    expect((await fresh().signIn('INITECH.TEST\\bob', 'bob-Dir-pw1')).status).toBe(200);
    expect(
      (await owner.get<{ items: UserRow[] }>(`/api/v1/orgs/${t.support.id}/users?limit=500`)).body.items.find(
        (u) => u.id === bobRow?.id,
      )?.role,
    ).toBe('administrator');

    const disabled = await fresh().signIn('gone@initech.test', 'gone-Dir-pw1');
    expect(disabled.status).toBe(403);
    expect((disabled.body as unknown as ErrorAnswer).error.code).toBe('DIRECTORY_REFUSED');
    expect((disabled.body as unknown as ErrorAnswer).error.message).toMatch(/disabled/);
    const tested = await owner.post(`${directoryOf(t.support.id)}/test-user`, { login: 'gone' });
    expect(tested.body).toMatchObject({ dn: bobGone, disabled: true, role: 'administrator' });
  });

  it('counts a wrong directory password toward the lockout', async () => {
    const ip = '198.51.100.40';
    for (let i = 0; i < 5; i++) {
      const res = await fresh(ip).signIn('GLOBEX\\carl', `wrong-${String(i)}`);
      expect((res.body as unknown as ErrorAnswer).error.code).toBe(
        i < 4 ? 'INVALID_CREDENTIALS' : 'ACCOUNT_LOCKED',
      );
    }
    const locked = await fresh(ip).signIn('GLOBEX\\carl', 'carl-Dir-pw1');
    expect(locked.status).toBe(429);
    // An empty password is never sent on as an unauthenticated bind.
    expect((await fresh('198.51.100.41').signIn('GLOBEX\\carl', '')).status).not.toBe(200);
  });

  it('lets a local account whose address is in the directory’s domain sign in with its local password', async () => {
    const email = 'dave@initech.test';
    const invited = await owner.post(`/api/v1/orgs/${t.support.id}/users/invitations`, {
      emails: [email],
      role: 'monitor',
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(200);
    await hub.services.mail.flush();
    await register(hub, email);
    const res = await fresh().signIn(email, strongPassword);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await memberRow(t.support.id, email))?.type).toBe('Local');
    // The directory has a "dave" too: the local account's login never reaches it…
    await ldap.addPerson({
      uid: 'dave',
      ou: 'staff',
      password: 'dave-Dir-pw1',
      ad: { sAMAccountName: 'dave', memberOf: [group('av-monitors')] },
    });
    expect((await fresh('198.51.100.60').signIn(email, 'dave-Dir-pw1')).status).toBe(401);
    expect((await fresh().signIn(email, strongPassword)).status).toBe(200);
    // …while DOMAIN\name is the directory's: another account, of type LDAP.
    expect((await fresh().signIn('INITECH.TEST\\dave', 'dave-Dir-pw1')).status).toBe(200);
    const rows = (await owner.get<{ items: UserRow[] }>(`/api/v1/orgs/${t.support.id}/users?limit=500`)).body
      .items;
    expect(rows.filter((u) => u.type === 'LDAP').length).toBe(2);
  });

  it('keeps another organization out of this one’s directory', async () => {
    const stranger = other.support.owner;
    expect((await stranger.get(directoryOf(t.client.id))).status).toBe(404);
    expect((await stranger.put(directoryOf(t.client.id), globex({ domain: 'stolen' }))).status).toBe(404);
    expect((await stranger.post(`${directoryOf(t.client.id)}/test-user`, { login: 'alice' })).status).toBe(
      404,
    );
    expect((await stranger.delete(directoryOf(t.client.id))).status).toBe(404);
    // Directory accounts join only the directory's organization.
    const alicesOrgs = (await fresh().signIn('GLOBEX\\alice', 'alice-Dir-pw1')).body.organizations;
    expect(alicesOrgs.map((o) => o.id)).toEqual([t.client.id]);
  });

  it('fails only that sign-in with DIRECTORY_UNAVAILABLE while the directory is down; the hub keeps serving', async () => {
    await ldap.stop();
    try {
      const res = await fresh().signIn('GLOBEX\\alice', 'alice-Dir-pw1');
      expect(res.status).toBe(503);
      expect((res.body as unknown as ErrorAnswer).error.code).toBe('DIRECTORY_UNAVAILABLE');
      expect((await hub.get('/healthz')).status).toBe(200);
      expect((await fresh().signIn(t.support.ownerEmail, strongPassword)).status).toBe(200);
      const test = await owner.post<ErrorAnswer>(`${directoryOf(t.client.id)}/test`, globex());
      expect(test.body.error.details?.[0]?.path).toBe('/step/connect');
    } finally {
      await ldap.restart();
    }
    expect((await fresh().signIn('GLOBEX\\alice', 'alice-Dir-pw1')).status).toBe(200);
  });

  it('never demotes or removes the organization’s last Owner', async () => {
    // Another organization's directory, where carl's groups make him Owner.
    const umbrella = other.client.id;
    const boss = other.support.owner;
    expect((await boss.put(directoryOf(umbrella), globex({ domain: 'umbrella' }))).status).toBe(200);
    const carl = fresh();
    expect((await carl.signIn('UMBRELLA\\carl', 'carl-Dir-pw1')).status).toBe(200);
    await carl.post('/api/v1/auth/accept-terms', { terms: '2026-11', privacy: '2026-11' });
    const rows = (await boss.get<{ items: UserRow[] }>(`/api/v1/orgs/${umbrella}/users?limit=500`)).body
      .items;
    const carlRow = rows.find((u) => u.type === 'LDAP');
    const bossRow = rows.find((u) => u.email === other.support.ownerEmail);
    expect(carlRow?.role).toBe('owner');
    // Carl, now Owner, removes the local Owner: he is the last one.
    expect((await carl.delete(`/api/v1/orgs/${umbrella}/users/${bossRow?.id ?? ''}`)).status).toBe(200);
    const roleOfCarl = async () =>
      (await carl.get<{ items: UserRow[] }>(`/api/v1/orgs/${umbrella}/users?limit=500`)).body.items.find(
        (u) => u.id === carlRow?.id,
      )?.role;

    // Out of the Owners' group: still Owner (someone must be), and the sign-in goes on.
    await ldap.deleteValue(group('av-owners'), 'member', dn('uid=carl,ou=people'));
    expect((await carl.signIn('UMBRELLA\\carl', 'carl-Dir-pw1')).status).toBe(200);
    expect(await roleOfCarl()).toBe('owner');
    // In no group at all: refused, but the membership stays.
    await ldap.deleteValue(group('av-monitors'), 'member', dn('uid=carl,ou=people'));
    const refused = await fresh().signIn('UMBRELLA\\carl', 'carl-Dir-pw1');
    expect((refused.body as unknown as ErrorAnswer).error.code).toBe('DIRECTORY_REFUSED');
    const kept = await hub.database.db
      .select()
      .from(memberships)
      .where(eq(memberships.userId, carlRow?.id ?? ''));
    expect(kept).toEqual([expect.objectContaining({ orgId: umbrella, role: 'owner' })]);
  });

  it('removes the directory: its accounts can no longer sign in', async () => {
    expect((await owner.delete<Settings>(directoryOf(t.client.id))).body).toEqual({ directory: null });
    expect((await fresh().signIn('GLOBEX\\alice', 'alice-Dir-pw1')).status).toBe(401);
  });

  it('limits the tests: a user test with a password is a guess the sign-in lockout does not see', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 32; i++)
      codes.push(
        (
          await owner.post(`${directoryOf(t.support.id)}/test-user`, {
            login: 'bob',
            password: `guess-${String(i)}`,
          })
        ).status,
      );
    expect(codes.slice(0, 10).every((c) => c === 422)).toBe(true);
    expect(codes.at(-1)).toBe(429);
  });
});
