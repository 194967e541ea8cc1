// Enterprise edition: one organization, capacity unlocked by a signed license file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { licenseSigningText, type LicenseTerms } from '@crosspoint/protocol';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { generateLicenseKeys, signLicenseText } from '../../adapters/license-signature.ts';
import { cliActor } from '../../services/context.ts';
import { agentPassword, register, signedIn } from '../../test/tenancy-fixture.ts';
import type { ApiClient } from '../../test/api-client.ts';
import { FakeAgent, linkDevice } from '../../test/fake-agent.ts';

const issuer = generateLicenseKeys();
const stranger = generateLicenseKeys();

function licenseFile(terms: Partial<LicenseTerms>, privateKeyPem = issuer.privateKeyPem): string {
  const license: LicenseTerms = {
    id: 'LIC-0001',
    licensee: 'Initech',
    devices: 250,
    issuedAt: '2026-11-01T00:00:00.000Z',
    expiresAt: '2099-01-01T00:00:00.000Z',
    ...terms,
  };
  return JSON.stringify({ license, signature: signLicenseText(licenseSigningText(license), privateKeyPem) });
}

describe('enterprise license', () => {
  let hub: HubUnderTest;
  let owner: ApiClient;
  let orgId: string;
  beforeAll(async () => {
    hub = await startHubForTest({ config: { licensePublicKey: issuer.publicKeyPem } });
    const org = await hub.services.organizations.createEnterpriseOrg(cliActor, {
      name: 'Initech',
      ownerEmail: 'it@initech.example',
    });
    orgId = org.id;
    owner = await register(hub, 'it@initech.example');
  });
  afterAll(async () => {
    await hub.close();
  });

  it('runs unlicensed with a small capacity, and refuses support organizations', async () => {
    const status = await owner.get<{ capacity: number; license: unknown }>(`/api/v1/orgs/${orgId}/license`);
    expect(status.body).toMatchObject({ capacity: 5, license: null });
    await expect(
      hub.services.organizations.createSupportOrg(cliActor, {
        name: 'X',
        ownerEmail: 'x@example.test',
        devicePool: 1,
      }),
    ).rejects.toThrow(/enterprise edition/);
    const session = await owner.get<{ currentOrg: { kind: string } }>('/api/v1/auth/session');
    expect(session.body.currentOrg.kind).toBe('enterprise');
  });

  it('refuses files that are not licenses, are tampered with, signed by someone else, or expired', async () => {
    const put = (document: string) =>
      owner.put<{ error: { code: string; message: string } }>(`/api/v1/orgs/${orgId}/license`, { document });
    const cases: [string, RegExp][] = [
      ['not json at all', /not JSON/],
      ['{"license":{}}', /not a Crosspoint license file/],
      [licenseFile({}).replace('"devices":250', '"devices":9999'), /signature/],
      [licenseFile({}, stranger.privateKeyPem), /signature/],
      [licenseFile({ expiresAt: '2020-01-01T00:00:00.000Z' }), /expired/],
    ];
    for (const [document, why] of cases) {
      const res = await put(document);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('LICENSE_INVALID');
      expect(res.body.error.message).toMatch(why);
    }
  });

  it('unlocks the licensed capacity, audited, and only Owners may upload', async () => {
    await owner.post(`/api/v1/orgs/${orgId}/users/invitations`, {
      emails: ['admin@initech.example'],
      role: 'administrator',
    });
    const admin = await register(hub, 'admin@initech.example');
    expect((await admin.put(`/api/v1/orgs/${orgId}/license`, { document: licenseFile({}) })).status).toBe(
      403,
    );
    const installed = await owner.put<{
      capacity: number;
      license: { licensee: string; devices: number; expired: boolean };
    }>(`/api/v1/orgs/${orgId}/license`, { document: licenseFile({}) });
    expect(installed.status).toBe(200);
    expect(installed.body).toMatchObject({
      capacity: 250,
      license: { licensee: 'Initech', devices: 250, expired: false },
    });
    const org = await owner.get<{ pool: { total: number } }>(`/api/v1/orgs/${orgId}`);
    expect(org.body.pool.total).toBe(250);
    const history = await owner.get<{ items: { action: string }[] }>(
      `/api/v1/orgs/${orgId}/audit?action=license.installed`,
    );
    expect(history.body.items).toHaveLength(1);
  });
});

const day = 24 * 60 * 60 * 1000;

describe('enterprise capacity follows the license, at once and on expiry', () => {
  const start = new Date('2026-12-01T00:00:00.000Z');
  let now = start;
  let hub: HubUnderTest;
  let owner: ApiClient;
  let orgId: string;
  let agent: FakeAgent;
  const overflowed = async (client: ApiClient) =>
    (await client.get<{ total: number }>(`/api/v1/orgs/${orgId}/devices?status=Overflowed`)).body.total;
  const status = async (client: ApiClient) =>
    (
      await client.get<{
        state: string;
        capacity: number;
        expiresAt: string | null;
        graceEndsAt: string | null;
      }>(`/api/v1/orgs/${orgId}/license`)
    ).body;

  beforeAll(async () => {
    hub = await startHubForTest({
      config: { licensePublicKey: issuer.publicKeyPem, licenseGraceDays: 10 },
      clock: () => now,
    });
    const org = await hub.services.organizations.createEnterpriseOrg(cliActor, {
      name: 'Globex',
      ownerEmail: 'it@globex.example',
    });
    orgId = org.id;
    owner = await register(hub, 'it@globex.example');
    const server = await owner.post<{ login: string }>(`/api/v1/orgs/${orgId}/servers`, {
      name: 'Plant Rack',
      password: agentPassword,
    });
    agent = await FakeAgent.connect(hub.url, server.body.login, agentPassword);
    agent.hello();
    const { lastSeq } = await agent.next('welcome');
    agent.send({
      type: 'inventory',
      seq: lastSeq + 1,
      devices: [1, 2, 3, 4, 5, 6, 7, 8].map((n) => linkDevice(n)),
    });
    await agent.next('ack');
  });
  afterAll(async () => {
    agent.close();
    await hub.close();
  });

  it('monitors the unlicensed capacity (5) before any license', async () => {
    expect(await status(owner)).toMatchObject({ state: 'unlicensed', capacity: 5, expiresAt: null });
    expect(await overflowed(owner)).toBe(3);
    expect((await owner.get<{ pool: { total: number } }>(`/api/v1/orgs/${orgId}`)).body.pool.total).toBe(5);
  });

  it('clears Overflow as soon as a license is installed, without a reconnect, and tells browsers', async () => {
    const controller = new AbortController();
    const events = await fetch(`${hub.url}/api/v1/orgs/${orgId}/events`, {
      headers: { cookie: owner.cookieHeader },
      signal: controller.signal,
    });
    const reader = (events.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    const expiresAt = new Date(now.getTime() + 20 * day).toISOString();
    const put = await owner.put(`/api/v1/orgs/${orgId}/license`, {
      document: licenseFile({ id: 'LIC-0050', devices: 50, expiresAt }),
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      state: 'expiring',
      capacity: 50,
      expiresAt,
      graceEndsAt: new Date(Date.parse(expiresAt) + 10 * day).toISOString(),
    });
    expect(await overflowed(owner)).toBe(0);
    while (!text.includes('event: devices')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain('event: devices');
    controller.abort();
  });

  it('warns before the license ends through the plan_expiry alert rule, as for a client’s plan', async () => {
    const rule = await owner.post(`/api/v1/orgs/${orgId}/alerts/rules`, {
      name: 'License ending',
      condition: { kind: 'plan_expiry', warnDays: 30 },
      delayS: 0,
      channels: ['email'],
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    await hub.services.licenses.checkAll();
    await hub.services.alertEngine.evaluateAll();
    const incidents = await owner.get<{
      items: { condition: string; subject: { type: string; name: string }; detail: { daysLeft: number } }[];
    }>(`/api/v1/orgs/${orgId}/alerts/incidents?subjectType=organization`);
    expect(incidents.body.items).toEqual([
      expect.objectContaining({
        condition: 'Expiring',
        subject: expect.objectContaining({ type: 'organization', name: 'Globex' }) as unknown,
        detail: expect.objectContaining({ daysLeft: 20 }) as unknown,
      }),
    ]);
  });

  it('keeps the pool through the grace period, then falls back to the unlicensed capacity', async () => {
    now = new Date(start.getTime() + 21 * day);
    await hub.services.licenses.checkAll();
    owner = await signedIn(hub, 'it@globex.example');
    expect(await status(owner)).toMatchObject({ state: 'grace', capacity: 50 });
    expect(await overflowed(owner)).toBe(0);

    now = new Date(start.getTime() + 31 * day);
    // Two hubs checking at once record the expiry once.
    await Promise.all([hub.services.licenses.checkAll(), hub.services.licenses.checkAll()]);
    owner = await signedIn(hub, 'it@globex.example');
    expect(await status(owner)).toMatchObject({ state: 'expired', capacity: 5 });
    expect(await overflowed(owner)).toBe(3);
    expect((await owner.get<{ pool: { total: number } }>(`/api/v1/orgs/${orgId}`)).body.pool.total).toBe(5);
    const history = await owner.get<{ items: { action: string }[] }>(
      `/api/v1/orgs/${orgId}/audit?action=license.expired`,
    );
    expect(history.body.items).toHaveLength(1);
  });
});
