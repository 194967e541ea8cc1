// Self-service trials: off unless the operator turns them on; a work address gets a support
// organization with a trial pool (capped) and dates, and an invitation to be its Owner that works;
// free email domains are refused by name; the operator sees the sign-up; sign-ups are rate limited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFreeEmail } from '../../services/trial-signup.service.ts';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { ApiClient } from '../../test/api-client.ts';
import { linkTokenFor, strongPassword } from '../../test/tenancy-fixture.ts';

const signup = (email: string, expectedDevices = 40) => ({
  expectedDevices,
  firstName: 'Richard',
  lastName: 'Roper',
  company: 'Acme AV',
  email,
  phone: '+1 801 555 0100',
  website: 'acme-av.example',
  country: 'United States',
  city: 'Salt Lake City',
  language: 'de',
  acceptPrivacy: true,
});

describe('self-service trial sign-up', () => {
  let off: HubUnderTest;
  let on: HubUnderTest;

  beforeAll(async () => {
    off = await startHubForTest();
    on = await startHubForTest({ config: { trialSignup: true, trialDays: 30, trialMaxDevices: 25 } });
  });
  afterAll(async () => {
    await off.close();
    await on.close();
  });

  it('tells free email domains from work addresses', () => {
    for (const free of [
      'a@gmail.com',
      'b@Yahoo.co.uk',
      'c@outlook.com',
      'd@gmx.de',
      'e@web.de',
      'f@zoho.com',
    ])
      expect(isFreeEmail(free), free).toBe(true);
    for (const work of ['a@acme-av.example', 'b@web-systems.com', 'c@live-sound.de', 'd@clearone.com'])
      expect(isFreeEmail(work), work).toBe(false);
  });

  it('is off unless the operator turns it on', async () => {
    const client = new ApiClient(off.app, '127.0.0.41');
    expect((await client.get('/api/v1/trial')).body).toMatchObject({ enabled: false });
    const res = await client.post<{ error: { code: string } }>('/api/v1/trial', signup('r@acme-av.example'));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('refuses a free email domain, and an unaccepted privacy policy', async () => {
    const client = new ApiClient(on.app, '127.0.0.42');
    const free = await client.post<{ error: { code: string; details: { path: string }[] } }>(
      '/api/v1/trial',
      signup('richard@gmail.com'),
    );
    expect(free.status).toBe(400);
    expect(free.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: '/body/email' }] });
    const noConsent = await client.post('/api/v1/trial', {
      ...signup('r@acme-av.example'),
      acceptPrivacy: false,
    });
    expect(noConsent.status).toBe(400);
  });

  it('creates a support organization with a capped trial pool, and the invitation makes its Owner', async () => {
    const client = new ApiClient(on.app, '127.0.0.43');
    expect((await client.get('/api/v1/trial')).body).toEqual({ enabled: true, days: 30, maxDevices: 25 });
    const res = await client.post('/api/v1/trial', signup('Richard.Roper@acme-av.example', 40));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const [org] = await orgsNamed(on, 'Acme AV');
    expect(org).toMatchObject({ kind: 'support', devicePool: 25 });
    expect(org?.planEnd).toBeTruthy();
    // The invitation, in the language asked for, registers the Owner of the new organization.
    const token = await linkTokenFor(on, 'richard.roper@acme-av.example');
    const owner = new ApiClient(on.app, '127.0.0.43');
    const registered = await owner.post('/api/v1/auth/register', {
      token,
      password: strongPassword,
      firstName: 'Richard',
      lastName: 'Roper',
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    const session = await owner.get<{ organizations: { name: string; kind: string; role: string }[] }>(
      '/api/v1/auth/session',
    );
    expect(session.body.organizations).toEqual([
      expect.objectContaining({ name: 'Acme AV', kind: 'support', role: 'owner' }),
    ]);
  });

  it('limits sign-ups from one address', async () => {
    const client = new ApiClient(on.app, '127.0.0.44');
    const answers: number[] = [];
    for (let i = 0; i < 6; i++)
      answers.push(
        (await client.post('/api/v1/trial', signup(`p${String(i)}@firm${String(i)}.example`))).status,
      );
    expect(answers.slice(0, 5).every((s) => s === 202)).toBe(true);
    expect(answers[5]).toBe(429);
  });
});

async function orgsNamed(hub: HubUnderTest, name: string) {
  const all = await hub.services.organizations.listSupportOrgs(await operatorContext(hub));
  return all
    .filter((o) => o.name === name)
    .map((o) => ({
      kind: o.kind,
      devicePool: o.pool?.total,
      planEnd: o.plan?.end,
    }));
}

async function operatorContext(hub: HubUnderTest) {
  const platform = await hub.services.organizations.ensurePlatform();
  return hub.services.access.resolve(
    { userId: null, label: 'test', ip: null, token: { id: 't', orgId: platform.id, role: 'owner' } },
    platform.id,
  );
}
