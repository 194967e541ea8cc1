import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsDirectory } from './cs-directory.ts';
import { CsOAuth } from './cs-oauth.ts';
import { startSimulator, type Simulator } from '../simulator.ts';
import { testSite } from '../test/sites.ts';

const redirectUri = 'http://127.0.0.1:9/callback';
const verifier = randomBytes(32).toString('base64url');
const challenge = createHash('sha256').update(verifier).digest('base64url');

let sim: Simulator;
let cs: string;

beforeAll(async () => {
  sim = await startSimulator({ site: testSite(31), collaborateSpace: { driftMs: 0, accessTokenTtlS: 600 } });
  cs = sim.collaborateSpace?.url ?? '';
});
afterAll(() => sim.close());

const form = (values: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(values).toString(),
});

const authorizeQuery = (extra: Record<string, string> = {}) =>
  new URLSearchParams({
    response_type: 'code',
    client_id: 'crosspoint',
    redirect_uri: redirectUri,
    state: 'st-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  });

/** Goes through the consent page as a CS user; the code the redirect carries. */
async function consent(user: string, decision = 'allow'): Promise<URL> {
  const page = await fetch(`${cs}/oauth/authorize?${authorizeQuery().toString()}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Allow');
  const answer = await fetch(`${cs}/oauth/authorize`, {
    ...form({ ...Object.fromEntries(authorizeQuery().entries()), user, decision }),
    redirect: 'manual',
  });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get('location') ?? '');
}

const token = async (values: Record<string, string>) => {
  const res = await fetch(`${cs}/oauth/token`, form({ client_id: 'crosspoint', ...values }));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

async function signIn(user = 'cs-admin') {
  const back = await consent(user);
  const { status, body } = await token({
    grant_type: 'authorization_code',
    code: back.searchParams.get('code') ?? '',
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });
  expect(status).toBe(200);
  return body as { access_token: string; refresh_token: string; expires_in: number };
}

const api = (
  path: string,
  bearer: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
) =>
  fetch(`${cs}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${bearer}`, ...init.headers } });

const control = (method: string, path: string, body?: unknown) =>
  fetch(`${sim.controlUrl}${path}`, { method, ...(body ? { body: JSON.stringify(body) } : {}) });

describe('simulated COLLABORATE Space', () => {
  it('refuses an authorization request without PKCE S256, and a denial comes back as access_denied', async () => {
    const plain = authorizeQuery({ code_challenge_method: 'plain' });
    expect((await fetch(`${cs}/oauth/authorize?${plain.toString()}`)).status).toBe(400);
    const denied = await consent('cs-admin', 'deny');
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('state')).toBe('st-1');
  });

  it('exchanges a code once, only with the right verifier', async () => {
    const back = await consent('cs-admin');
    expect(back.searchParams.get('state')).toBe('st-1');
    const code = back.searchParams.get('code') ?? '';
    const wrong = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: 'x'.repeat(43),
    });
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    // The code was used by the failed attempt too: one use.
    const again = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    expect(again.status).toBe(400);
  });

  it('serves the API with a bearer token', async () => {
    const tokens = await signIn();
    const me = await api('/me', tokens.access_token);
    expect(await me.json()).toMatchObject({ id: 'cs-admin', role: 'administrator' });
    const users = (await (await api('/users', tokens.access_token)).json()) as {
      items: { presence: string }[];
    };
    expect(users.items.length).toBe(8);
    const licenses = (await (await api('/licenses', tokens.access_token)).json()) as { items: unknown[] };
    expect(licenses.items.length).toBe(3);
    const calls = (await (await api('/calls', tokens.access_token)).json()) as { items: unknown[] };
    expect(calls.items.length).toBeGreaterThanOrEqual(6);
    expect((await api('/me', 'nonsense')).status).toBe(401);
  });

  it('lets an access token expire after its lifetime', () => {
    let now = 1_000_000;
    const oauth = new CsOAuth({ clientIds: ['crosspoint'], accessTokenTtlS: 60, now: () => now });
    const user = new CsDirectory(
      () => 0.5,
      [],
      () => now,
    ).users[0];
    if (!user) throw new Error('no user');
    const request = oauth.checkRequest(authorizeQuery());
    const tokens = oauth.exchange(
      new URLSearchParams({
        client_id: 'crosspoint',
        grant_type: 'authorization_code',
        code: oauth.issueCode(request, user),
        redirect_uri: redirectUri,
        code_verifier: verifier,
      }),
    );
    expect(oauth.userOf(tokens.access_token)).toBe(user.id);
    now += 60_000;
    expect(() => oauth.userOf(tokens.access_token)).toThrow(/expired/);
  });

  it('rotates refresh tokens and revokes the grant when a used one comes back', async () => {
    const first = await signIn();
    const second = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    const replay = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(replay).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    // The replay revoked the whole grant: the new refresh token is dead too.
    const after = await token({
      grant_type: 'refresh_token',
      refresh_token: String(second.body.refresh_token),
    });
    expect(after.status).toBe(400);
  });

  it('lets only a CS administrator create users', async () => {
    const admin = await signIn('cs-admin');
    const member = await signIn('cs-member');
    const body = JSON.stringify({ email: 'new.person@example.com', name: 'New Person' });
    const init = { method: 'POST', body, headers: { 'content-type': 'application/json' } };
    expect((await api('/users', member.access_token, init)).status).toBe(403);
    expect((await api('/users', admin.access_token, init)).status).toBe(201);
    expect((await api('/users', admin.access_token, init)).status).toBe(409);
    const bad = await api('/users', admin.access_token, { ...init, body: '{"email":"nope"}' });
    expect(bad.status).toBe(400);
  });

  it('follows the control API: presence, codec registration, API faults, revocation', async () => {
    const tokens = await signIn();
    const set = await control('PUT', '/collaborate/users/member@cs.example/presence', { presence: 'busy' });
    expect(set.status).toBe(200);
    const users = (await (await api('/users', tokens.access_token)).json()) as {
      items: { id: string; presence: string }[];
    };
    expect(users.items.find((u) => u.id === 'cs-member')?.presence).toBe('busy');
    expect(
      (await control('PUT', '/collaborate/users/cs-member/presence', { presence: 'asleep' })).status,
    ).toBe(400);

    const codec = sim.devices.find((d) => d.kind === 'codec')?.id ?? '';
    const registered = async () =>
      (
        (await (await api('/resources', tokens.access_token)).json()) as {
          items: { id: string; registered: boolean }[];
        }
      ).items.find((r) => r.id === codec)?.registered;
    expect(await registered()).toBe(true);
    expect((await control('PUT', `/faults/${codec}/cs_fail`)).status).toBe(200);
    expect(await registered()).toBe(false);
    await control('DELETE', `/faults/${codec}/cs_fail`);
    expect(await registered()).toBe(true);

    await control('PUT', '/collaborate/faults/api_fail');
    expect((await api('/me', tokens.access_token)).status).toBe(503);
    await control('DELETE', '/collaborate/faults/api_fail');
    expect((await api('/me', tokens.access_token)).status).toBe(200);

    const revoked = (await (await control('POST', '/collaborate/revoke', {})).json()) as { revoked: number };
    expect(revoked.revoked).toBeGreaterThan(0);
    expect((await api('/me', tokens.access_token)).status).toBe(401);
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(refreshed.status).toBe(400);
  });
});
