// COLLABORATE Space against the simulated service on loopback: the hub's adapter and routes for
// real — linking through CS's consent page (authorization code + PKCE), tokens refreshed at every
// use (rotation), the dashboard following CS, a failing or revoked CS failing only its request,
// creating CS users with the right CS role, and unlinking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { CreateCsUsersAnswer, CsDashboard, CsLinks } from '@crosspoint/protocol';
import { demoAccounts, loadHubConfig, startHub, type RunningHub } from '@crosspoint/hub';
import { signedIn, type ApiClient } from '@crosspoint/hub/testing';
import { generateSite, startSimulator, type Simulator } from '@crosspoint/sim';

let hub: RunningHub;
let sim: Simulator;
let cs: string;
let owner: ApiClient;
let supportId: string;
let clientId: string;

const control = (method: string, path: string, body?: unknown) =>
  fetch(`${sim.controlUrl}${path}`, { method, ...(body ? { body: JSON.stringify(body) } : {}) });

/** Starts a link and goes through CS's consent page as `csUser`: the hub callback's answer. */
async function link(
  client: ApiClient,
  orgId: string,
  scope: 'person' | 'organization',
  csUser: string,
  decision = 'allow',
): Promise<URL> {
  const started = await client.post<{ url: string }>(`/api/v1/orgs/${orgId}/collaborate-space/links`, {
    scope,
    baseUrl: cs,
  });
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const authorize = new URL(started.body.url);
  expect(authorize.origin + authorize.pathname).toBe(`${cs}/oauth/authorize`);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  const consent = await fetch(authorize);
  expect(await consent.text()).toContain('Allow');
  const answer = await fetch(`${cs}/oauth/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      ...Object.fromEntries(authorize.searchParams.entries()),
      user: csUser,
      decision,
    }).toString(),
  });
  const back = new URL(answer.headers.get('location') ?? '');
  expect(back.pathname).toBe('/api/v1/collaborate-space/callback');
  const landed = await client.get(`${back.pathname}${back.search}`);
  expect(landed.status).toBe(302);
  return new URL(String(landed.headers.location), 'http://hub.invalid');
}

const dashboard = async (orgId = supportId) => {
  const res = await owner.get<CsDashboard>(`/api/v1/orgs/${orgId}/collaborate-space/dashboard`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const linked = async () => {
  const d = await dashboard();
  if (d.collaborateSpace.state !== 'linked') throw new Error(JSON.stringify(d.collaborateSpace));
  return d.collaborateSpace;
};

beforeAll(async () => {
  // Access tokens live 30 s, inside the hub's 30 s refresh margin: every use refreshes (rotation).
  sim = await startSimulator({
    site: generateSite({ devices: 8, seed: 4, subnetBase: '127.38' }),
    controlPort: 0,
    collaborateSpace: { driftMs: 0, accessTokenTtlS: 30 },
  });
  cs = sim.collaborateSpace?.url ?? '';
  hub = await startHub(
    { ...loadHubConfig({ port: '0', logLevel: 'silent' }, {}), secretKey: '5eed'.repeat(16) },
    {
      logger: pino({ level: 'silent' }),
      database: { kind: 'pglite', dataDir: null },
      collaborateSpace: { cacheMs: 0 },
    },
  );
  const seeded = await hub.services.bootstrap.seedDemo();
  clientId = seeded.clientId;
  owner = await signedIn(hub, demoAccounts.owner, demoAccounts.password);
  const session = await owner.get<{ organizations: { id: string; kind: string }[] }>('/api/v1/auth/session');
  supportId = session.body.organizations.find((o) => o.kind === 'support')?.id ?? '';
});
afterAll(async () => {
  await hub.close();
  await sim.close();
});

describe('COLLABORATE Space through the hub', () => {
  it('shows no link and a dashboard without CS at first; refuses a plain-http address off loopback', async () => {
    const links = await owner.get<CsLinks>(`/api/v1/orgs/${supportId}/collaborate-space`);
    expect(links.body).toMatchObject({ person: null, organization: null });
    expect((await dashboard()).collaborateSpace).toEqual({ state: 'not-linked' });
    const bad = await owner.post<{ error: { code: string } }>(
      `/api/v1/orgs/${supportId}/collaborate-space/links`,
      { scope: 'organization', baseUrl: 'http://cs.example.com' },
    );
    expect(bad.status).toBe(400);
  });

  it('links the organization through the consent page and reads CS for the dashboard', async () => {
    const landed = await link(owner, supportId, 'organization', 'cs-admin');
    expect(landed.searchParams.get('collaborateSpace')).toBe('linked');
    const links = await owner.get<CsLinks>(`/api/v1/orgs/${supportId}/collaborate-space`);
    expect(links.body.organization).toMatchObject({ csRole: 'administrator', baseUrl: cs });
    const part = await linked();
    expect(Object.values(part.presence).reduce((a, b) => a + b, 0)).toBe(8);
    expect(part.resources).toEqual({ registered: 2, unregistered: 0 });
    expect(part.licenses.map((l) => l.kind)).toEqual(['Professional', 'Room', 'Webinar']);
    expect(part.calls.length).toBeGreaterThanOrEqual(6);
    // The client organization has no link of its own.
    expect((await dashboard(clientId)).collaborateSpace).toEqual({ state: 'not-linked' });
  });

  it('follows presence and codec registration changes made in CS (refreshing the token each time)', async () => {
    const before = (await linked()).presence.busy;
    await control('PUT', '/collaborate/users/cs-admin/presence', { presence: 'busy' });
    expect((await linked()).presence.busy).toBe(before + 1);
    const codec = sim.devices.find((d) => d.kind === 'codec')?.id ?? '';
    await control('PUT', `/faults/${codec}/cs_fail`);
    expect((await linked()).resources).toEqual({ registered: 1, unregistered: 1 });
    await control('DELETE', `/faults/${codec}/cs_fail`);
    expect((await linked()).resources.registered).toBe(2);
  });

  it('says "unreachable" (not an error) while CS fails, and recovers', async () => {
    await control('PUT', '/collaborate/faults/api_fail');
    const failing = await dashboard();
    expect(failing.collaborateSpace).toMatchObject({ state: 'unreachable', step: 'unreachable' });
    expect(failing.videoStatus).toEqual({ down: 0, communicationServiceFailed: 0, healthy: 0 });
    await control('DELETE', '/collaborate/faults/api_fail');
    expect((await dashboard()).collaborateSpace.state).toBe('linked');
  });

  it('creates CS users only through a link with the CS administrator role, one result each', async () => {
    const people = {
      people: [{ email: 'new.one@example.test', name: 'New One' }, { email: 'admin@cs.example' }],
    };
    const url = `/api/v1/orgs/${supportId}/collaborate-space/users`;
    const notLinked = await owner.post<{ error: { code: string } }>(url, people);
    expect(notLinked.body.error.code).toBe('COLLABORATE_SPACE_NOT_LINKED');
    await link(owner, supportId, 'person', 'cs-member');
    const asMember = await owner.post<CreateCsUsersAnswer>(url, people);
    expect(asMember.body.results.map((r) => r.step)).toEqual(['forbidden', 'forbidden']);
    await link(owner, supportId, 'person', 'cs-admin');
    const asAdmin = await owner.post<CreateCsUsersAnswer>(url, people);
    expect(asAdmin.body.results).toMatchObject([
      { email: 'new.one@example.test', created: true },
      { email: 'admin@cs.example', created: false, step: 'conflict' },
    ]);
    expect(Object.values((await linked()).presence).reduce((a, b) => a + b, 0)).toBe(9);
  });

  it('ends a denied or replayed link in My Account with the step', async () => {
    const denied = await link(owner, supportId, 'person', 'cs-admin', 'deny');
    expect(denied.searchParams.get('collaborateSpace')).toBe('failed');
    expect(denied.searchParams.get('step')).toBe('authorize');
    const replay = await owner.get('/api/v1/collaborate-space/callback?code=x&state=never-issued');
    expect(new URL(String(replay.headers.location), 'http://hub.invalid').searchParams.get('step')).toBe(
      'state',
    );
  });

  it('needs linking again once CS revokes the grant, and unlinks', async () => {
    await control('POST', '/collaborate/revoke', {});
    expect((await dashboard()).collaborateSpace).toMatchObject({ state: 'unreachable', step: 'refresh' });
    const removed = await owner.request(
      'DELETE',
      `/api/v1/orgs/${supportId}/collaborate-space/links?scope=organization`,
    );
    expect(removed.status).toBe(200);
    expect((await dashboard()).collaborateSpace).toEqual({ state: 'not-linked' });
    const links = await owner.get<CsLinks>(`/api/v1/orgs/${supportId}/collaborate-space`);
    expect(links.body.organization).toBeNull();
    expect(links.body.person).not.toBeNull();
  });
});
