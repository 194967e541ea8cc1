// OpenID Connect sign-in against a real provider (oidc-provider on loopback): the whole
// authorization-code flow over HTTP, as a browser makes it — start at the hub, the provider's login
// form, back to the hub's callback — and what the hub does with the claims.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { buildTenancy, type Tenancy } from '../../test/tenancy-fixture.ts';
import { startTestOidcProvider, type TestOidcProvider } from '../../test/oidc-provider.ts';
import { claimValues, rolesFromClaims, safeReturnTo } from '../../services/oidc-sign-in.service.ts';
import { issuerProblem } from '../../adapters/oauth-client.ts';
import { UserRepository } from '../../repositories/user.repository.ts';

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => {
        resolve(typeof a === 'object' && a ? a.port : 0);
      });
    });
  });

/** A browser's cookie jar and redirect-following, enough for the flow (cookies per host:port). */
class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(new URL(origin).host)?.get(name);
  }

  async go(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const u = new URL(url);
    const cookies = [...(this.jar.get(u.host) ?? new Map<string, string>())]
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    const res = await fetch(u, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        ...(cookies ? { cookie: cookies } : {}),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const jar = this.jar.get(u.host) ?? new Map<string, string>();
      const expired = attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
      if (!value || expired) jar.delete(name);
      else jar.set(name, value);
      this.jar.set(u.host, jar);
    }
    return res;
  }

  /** Follows redirects from `url` until an answer that is not one; the last URL and the answer. */
  async follow(url: string, stopAt?: (url: string) => boolean): Promise<{ url: string; res: Response }> {
    let current = url;
    for (let i = 0; i < 10; i++) {
      const res = await this.go(current);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { url: current, res };
      current = new URL(location, current).href;
      if (stopAt?.(current)) return { url: current, res };
    }
    throw new Error('too many redirects');
  }
}

describe('OpenID Connect sign-in through a local provider', () => {
  let hub: HubUnderTest;
  let idp: TestOidcProvider;
  let t: Tenancy;
  let providerId: string;
  let offsetMs = 0;
  const providersUrl = () => `/api/v1/orgs/${t.support.id}/oidc-providers`;

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${String(port)}`;
    hub = await startHubForTest({
      config: { port, publicUrl },
      clock: () => new Date(Date.now() + offsetMs),
    });
    idp = await startTestOidcProvider({
      redirectUris: [`${publicUrl}/api/v1/auth/oidc/callback`],
      accounts: [
        {
          login: 'jane',
          password: 'jane-pass',
          email: 'jane@acme.example',
          givenName: 'Jane',
          familyName: 'Doe',
          groups: ['av-admins'],
        },
        {
          login: 'squatter',
          password: 'squatter-pass',
          email: 'owner-oidc@example.test',
          givenName: 'Not',
          familyName: 'Owner',
          groups: ['av-admins'],
        },
      ],
    });
    t = await buildTenancy(hub, 'oidc');
  }, 60_000);
  afterAll(async () => {
    await idp.close();
    await hub.close();
  });

  /** Start → provider login → the hub's callback URL (not yet followed). */
  async function toCallback(
    browser: Browser,
    login: string,
    password: string,
    returnTo = '/devices',
    id = providerId,
  ): Promise<string> {
    const start = `${hub.url}/api/v1/auth/oidc/${id}/start?returnTo=${encodeURIComponent(returnTo)}`;
    const form = await browser.follow(start);
    expect(form.res.status, form.url).toBe(200);
    const html = await form.res.text();
    const action = /action="([^"]+)"/.exec(html)?.[1] ?? '';
    const posted = await browser.go(new URL(action, form.url).href, {
      method: 'POST',
      form: { login, password },
    });
    expect(posted.status).toBe(303);
    const back = await browser.follow(new URL(posted.headers.get('location') ?? '', form.url).href, (u) =>
      u.startsWith(`${hub.url}/api/v1/auth/oidc/callback`),
    );
    expect(back.url).toContain('/api/v1/auth/oidc/callback?');
    return back.url;
  }

  /** The whole flow: where the hub sends the browser at the end. */
  async function signIn(browser: Browser, login: string, password: string, returnTo = '/devices') {
    const callback = await toCallback(browser, login, password, returnTo);
    const res = await browser.go(callback);
    expect(res.status).toBe(302);
    return res.headers.get('location') ?? '';
  }

  async function sessionOf(browser: Browser) {
    const res = await browser.go(`${hub.url}/api/v1/auth/session`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async function janeIn(orgId: string) {
    const users = await t.support.owner.get<{ items: { email: string; role: string; type: string }[] }>(
      `/api/v1/orgs/${orgId}/users?limit=100`,
    );
    return users.body.items.find((u) => u.email === 'jane@acme.example');
  }

  it('adds a provider; the client secret is sealed and never sent back', async () => {
    const body = (clientSecret: string) => ({
      name: 'Acme SSO',
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret,
      scopes: 'openid email profile groups',
      roleClaim: 'groups',
      claimRoles: [
        { value: 'av-admins', role: 'administrator' },
        { value: 'av-staff', role: 'monitor' },
      ],
    });
    const res = await t.support.owner.post<{ id: string; clientSecretSet: boolean; redirectUri: string }>(
      providersUrl(),
      body(idp.clientSecret),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    providerId = res.body.id;
    expect(res.body.clientSecretSet).toBe(true);
    expect(res.body.redirectUri).toBe(`${hub.url}/api/v1/auth/oidc/callback`);
    const list = await t.support.owner.get(providersUrl());
    expect(JSON.stringify(list.body)).not.toContain(idp.clientSecret);
    expect(JSON.stringify(res.body)).not.toContain(idp.clientSecret);
    // Saved again with an empty secret: the stored one stays (sign-in below still works).
    const again = await t.support.owner.put<{ clientSecretSet: boolean }>(
      `${providersUrl()}/${providerId}`,
      body(''),
    );
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.clientSecretSet).toBe(true);
  });

  it('refuses issuers on plain http elsewhere than loopback', async () => {
    const res = await t.support.owner.post<{ error: { code: string } }>(providersUrl(), {
      name: 'Bad',
      issuer: 'http://idp.example.test',
      clientId: 'x',
      claimRoles: [],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(issuerProblem('https://login.microsoftonline.com/tenant/v2.0')).toBeUndefined();
    expect(issuerProblem('http://127.0.0.1:8080')).toBeUndefined();
    expect(issuerProblem('http://10.0.0.5')).toBeDefined();
  });

  it('first sign-in creates an OpenID account with the mapped role and lands where asked', async () => {
    const browser = new Browser();
    expect(await signIn(browser, 'jane', 'jane-pass', '/devices?x=1')).toBe('/devices?x=1');
    const session = await sessionOf(browser);
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ user: { email: 'jane@acme.example' } });
    expect(await janeIn(t.support.id)).toMatchObject({ role: 'administrator', type: 'OpenID' });
    const audit = await t.support.owner.get<{ items: { action: string }[] }>(
      `/api/v1/orgs/${t.support.id}/audit?limit=100`,
    );
    const actions = audit.body.items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['oidc.provider_created', 'oidc.account_created', 'oidc.signed_in']),
    );
  });

  it('follows the groups at every sign-in: changed group → role updated; no group → membership removed and refused', async () => {
    const jane = idp.accounts.get('jane');
    if (!jane) throw new Error('no jane');
    jane.groups = ['av-staff'];
    expect(await signIn(new Browser(), 'jane', 'jane-pass')).toBe('/devices');
    expect(await janeIn(t.support.id)).toMatchObject({ role: 'monitor' });

    jane.groups = ['somebody-else'];
    const browser = new Browser();
    expect(await signIn(browser, 'jane', 'jane-pass')).toBe('/sign-in?error=OIDC_FAILED&step=role');
    expect((await sessionOf(browser)).status).toBe(401);
    expect(await janeIn(t.support.id)).toBeUndefined();
    jane.groups = ['av-admins'];
  });

  it('never takes over an existing account with the same email address', async () => {
    expect(await signIn(new Browser(), 'squatter', 'squatter-pass')).toBe(
      '/sign-in?error=OIDC_FAILED&step=email_taken',
    );
    const owner = await t.support.owner.get<{ items: { email: string; type: string; role: string }[] }>(
      `/api/v1/orgs/${t.support.id}/users?limit=100`,
    );
    expect(owner.body.items.find((u) => u.email === 'owner-oidc@example.test')).toMatchObject({
      type: 'Local',
      role: 'owner',
    });
  });

  it('answers a bad, reused, foreign or expired state with a clear error redirect', async () => {
    const browser = new Browser();
    const callback = await toCallback(browser, 'jane', 'jane-pass');
    // Opened in another browser (no state cookie): refused, and the request is used up.
    const elsewhere = await new Browser().go(callback);
    expect(elsewhere.headers.get('location')).toBe('/sign-in?error=OIDC_FAILED&step=state');
    const reused = await browser.go(callback);
    expect(reused.status).toBe(302);
    expect(reused.headers.get('location')).toBe('/sign-in?error=OIDC_FAILED&step=state');

    const bogus = await browser.go(`${hub.url}/api/v1/auth/oidc/callback?code=abc&state=nonsense`);
    expect(bogus.headers.get('location')).toBe('/sign-in?error=OIDC_FAILED&step=state');
    const empty = await browser.go(`${hub.url}/api/v1/auth/oidc/callback`);
    expect(empty.headers.get('location')).toBe('/sign-in?error=OIDC_FAILED&step=state');

    const late = new Browser();
    const lateCallback = await toCallback(late, 'jane', 'jane-pass');
    offsetMs = 11 * 60_000;
    try {
      const res = await late.go(lateCallback);
      expect(res.headers.get('location')).toBe('/sign-in?error=OIDC_FAILED&step=state');
    } finally {
      offsetMs = 0;
    }
  });

  it('passes on the provider’s refusal and a wrong password stays at the provider', async () => {
    const browser = new Browser();
    const start = await browser.go(`${hub.url}/api/v1/auth/oidc/${providerId}/start`);
    const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const denied = await browser.go(
      `${hub.url}/api/v1/auth/oidc/callback?error=access_denied&state=${encodeURIComponent(state)}&iss=${encodeURIComponent(idp.issuer)}`,
    );
    expect(denied.headers.get('location')).toBe('/sign-in?error=OIDC_FAILED&step=denied');

    const wrong = new Browser();
    const form = await wrong.follow(`${hub.url}/api/v1/auth/oidc/${providerId}/start`);
    const action = /action="([^"]+)"/.exec(await form.res.text())?.[1] ?? '';
    const posted = await wrong.go(new URL(action, form.url).href, {
      method: 'POST',
      form: { login: 'jane', password: 'nope' },
    });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain('Wrong username or password');
  });

  it('refuses open redirects: only paths on this hub', async () => {
    for (const evil of [
      'https://evil.example/x',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
    ]) {
      expect(await signIn(new Browser(), 'jane', 'jane-pass', evil)).toBe('/');
    }
    expect(safeReturnTo('/devices?sort=name#top')).toBe('/devices?sort=name#top');
    expect(safeReturnTo('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
    expect(safeReturnTo(undefined)).toBe('/');
  });

  it('another organization cannot see or change this organization’s providers', async () => {
    const other = await buildTenancy(hub, 'oidc-other');
    const theirs = await other.support.owner.get<{ items: unknown[] }>(
      `/api/v1/orgs/${other.support.id}/oidc-providers`,
    );
    expect(theirs.status).toBe(200);
    expect(theirs.body.items).toEqual([]);
    expect((await other.support.owner.get(providersUrl())).status).toBe(404);
    const body = { name: 'Mine now', issuer: idp.issuer, clientId: 'x', claimRoles: [] };
    expect((await other.support.owner.put(`${providersUrl()}/${providerId}`, body)).status).toBe(404);
    // Their own organization's path with this organization's provider: not found either.
    const viaOwn = `/api/v1/orgs/${other.support.id}/oidc-providers/${providerId}`;
    expect((await other.support.owner.put(viaOwn, body)).status).toBe(404);
    expect((await other.support.owner.delete(viaOwn)).status).toBe(404);
    expect((await other.support.owner.put(`${viaOwn}/enabled`, { enabled: false })).status).toBe(404);
  });

  it('shows only hub-wide providers on the public list; an organization’s is reached by its link', async () => {
    const anyone = new Browser();
    const list = await anyone.go(`${hub.url}/api/v1/auth/oidc/providers`);
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
    const one = await anyone.go(`${hub.url}/api/v1/auth/oidc/providers/${providerId}`);
    expect(await one.json()).toEqual({ id: providerId, name: 'Acme SSO' });

    // The platform operator's providers are hub-wide; each rule names its organization.
    const created = await t.operator.post<{ id: string; hubWide: boolean }>(
      `/api/v1/orgs/${t.platformId}/oidc-providers`,
      {
        name: 'Hub SSO',
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        scopes: 'openid email profile groups',
        claimRoles: [{ value: 'av-admins', role: 'monitor', orgId: t.client.id }],
      },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.hubWide).toBe(true);
    const noOrg = await t.operator.post(`/api/v1/orgs/${t.platformId}/oidc-providers`, {
      name: 'Hub SSO 2',
      issuer: idp.issuer,
      clientId: idp.clientId,
      claimRoles: [{ value: 'x', role: 'monitor' }],
    });
    expect(noOrg.status).toBe(400);
    const hubList = await anyone.go(`${hub.url}/api/v1/auth/oidc/providers`);
    expect(await hubList.json()).toEqual({ items: [{ id: created.body.id, name: 'Hub SSO' }] });
    // An organization's owner does not see the hub's providers among its own.
    const own = await t.support.owner.get<{ items: { id: string }[] }>(providersUrl());
    expect(own.body.items.map((p) => p.id)).toEqual([providerId]);

    // Signing in through the hub-wide provider: a separate account (its own subject), so the
    // email address org-wide Jane already has is refused rather than merged.
    const browser = new Browser();
    const callback = await toCallback(browser, 'jane', 'jane-pass', '/', created.body.id);
    const res = await browser.go(callback);
    expect(res.headers.get('location')).toBe('/sign-in?error=OIDC_FAILED&step=email_taken');
    expect(
      (await t.operator.delete(`/api/v1/orgs/${t.platformId}/oidc-providers/${created.body.id}`)).status,
    ).toBe(200);
  });

  it('a turned-off provider cannot be used', async () => {
    const off = await t.support.owner.put(`${providersUrl()}/${providerId}/enabled`, { enabled: false });
    expect(off.status).toBe(200);
    const res = await new Browser().go(`${hub.url}/api/v1/auth/oidc/${providerId}/start`);
    expect(res.headers.get('location')).toBe('/sign-in?error=OIDC_FAILED&step=provider');
    expect((await new Browser().go(`${hub.url}/api/v1/auth/oidc/providers/${providerId}`)).status).toBe(404);
    await t.support.owner.put(`${providersUrl()}/${providerId}/enabled`, { enabled: true });
  });

  it('maps claims: lists, nested claims, highest role wins, per organization for hub-wide', () => {
    expect(claimValues({ realm_access: { roles: ['a', 'b'] } }, 'realm_access.roles')).toEqual(['a', 'b']);
    expect(claimValues({ groups: 'one' }, 'groups')).toEqual(['one']);
    expect(claimValues({ groups: 3 }, 'groups')).toEqual([]);
    const roles = rolesFromClaims(
      {
        orgId: null,
        roleClaim: 'groups',
        claimRoles: [
          { value: 'a', role: 'monitor', orgId: 'o1' },
          { value: 'b', role: 'owner', orgId: 'o1' },
          { value: 'c', role: 'administrator', orgId: 'o2' },
        ],
      },
      { groups: ['a', 'b'] },
    );
    expect([...roles]).toEqual([
      ['o1', 'owner'],
      ['o2', undefined],
    ]);
  });

  it('keeps the last Owner an Owner when the claims would demote them', async () => {
    const rules = [
      { value: 'av-owners', role: 'owner' },
      { value: 'av-admins', role: 'administrator' },
      { value: 'av-staff', role: 'monitor' },
    ];
    const saved = await t.support.owner.put(`${providersUrl()}/${providerId}`, {
      name: 'Acme SSO',
      issuer: idp.issuer,
      clientId: idp.clientId,
      scopes: 'openid email profile groups',
      claimRoles: rules,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const jane = idp.accounts.get('jane');
    if (!jane) throw new Error('no jane');
    jane.groups = ['av-owners'];
    expect(await signIn(new Browser(), 'jane', 'jane-pass')).toBe('/devices');
    expect(await janeIn(t.support.id)).toMatchObject({ role: 'owner' });
    // The organization's other Owner leaves: Jane is its last Owner.
    const users = new UserRepository(hub.database.db);
    const human = await users.byEmail(t.support.ownerEmail);
    if (!human) throw new Error('no owner');
    await users.removeMembership(human.id, t.support.id);
    try {
      jane.groups = ['av-staff'];
      expect(await signIn(new Browser(), 'jane', 'jane-pass')).toBe('/devices');
      const row = (await users.memberships((await users.byEmail('jane@acme.example'))?.id ?? '')).find(
        (m) => m.orgId === t.support.id,
      );
      expect(row?.role).toBe('owner');
    } finally {
      await users.addMembership(human.id, t.support.id, 'owner');
      jane.groups = ['av-admins'];
    }
    expect(await signIn(new Browser(), 'jane', 'jane-pass')).toBe('/devices');
    expect(await janeIn(t.support.id)).toMatchObject({ role: 'administrator' });
    const audit = await t.support.owner.get<{ items: { action: string }[] }>(
      `/api/v1/orgs/${t.support.id}/audit?limit=200`,
    );
    expect(audit.body.items.map((e) => e.action)).toContain('oidc.last_owner_kept');
  });

  it('answers a provider that is down with a clear error, at the start and at the code exchange', async () => {
    const deadPort = await freePort();
    const dead = await t.support.owner.post<{ id: string }>(providersUrl(), {
      name: 'Down',
      issuer: `http://127.0.0.1:${String(deadPort)}`,
      clientId: 'x',
      claimRoles: [{ value: 'av-admins', role: 'monitor' }],
    });
    expect(dead.status).toBe(201);
    const res = await new Browser().go(`${hub.url}/api/v1/auth/oidc/${dead.body.id}/start`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/sign-in?error=OIDC_FAILED&step=discovery');

    // The provider goes away between the login and the callback.
    const browser = new Browser();
    const callback = await toCallback(browser, 'jane', 'jane-pass');
    await idp.close();
    const late = await browser.go(callback);
    expect(late.headers.get('location')).toBe('/sign-in?error=OIDC_FAILED&step=exchange');
  });
});
