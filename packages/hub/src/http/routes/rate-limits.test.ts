// Rate limits on what sends mail or texts, checks passwords or takes one-time links: per address and
// per account or person, answered 429 RATE_LIMITED with Retry-After in the one error shape; an
// address trying many agent logins is refused before any password is checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { ApiClient } from '../../test/api-client.ts';
import { FakeAgent } from '../../test/fake-agent.ts';
import { buildTenancy, register, type Tenancy } from '../../test/tenancy-fixture.ts';
import { agentFailuresPerAddress } from '../../services/agent-link.service.ts';
import { limits } from '../rate-limits.ts';

interface ErrorBody {
  error: { code: string; message: string; requestId: string };
}

describe('rate limits', () => {
  let hub: HubUnderTest;
  let t: Tenancy;
  let now = new Date('2026-12-02T08:00:00Z');

  beforeAll(async () => {
    hub = await startHubForTest({ clock: () => now });
    t = await buildTenancy(hub, 'limits');
  });
  afterAll(async () => {
    await hub.close();
  });

  it('sends at most a few reset emails to one account, however often it is asked', async () => {
    const max = limits.forgotPassword.find((l) => l.name === 'account')?.max ?? 0;
    const asked = [];
    // From several addresses, so the per-address limit is not what stops it.
    for (let i = 0; i < 20; i++) {
      asked.push(
        await new ApiClient(hub.app, `198.51.100.${String(i + 1)}`).post<ErrorBody>(
          '/api/v1/auth/forgot-password',
          { email: t.support.ownerEmail.toUpperCase() },
        ),
      );
    }
    expect(asked.filter((r) => r.status === 202)).toHaveLength(max);
    const refused = asked.filter((r) => r.status === 429);
    expect(refused).toHaveLength(20 - max);
    expect(refused[0]?.body.error).toMatchObject({
      code: 'RATE_LIMITED',
      requestId: expect.any(String) as string,
    });
    expect(Number(refused[0]?.headers['retry-after'])).toBeGreaterThan(0);
    await hub.services.mail.flush();
    const mails = (await hub.services.mail.recent(100, t.support.ownerEmail)).filter((m) =>
      /reset/i.test(m.subject),
    );
    expect(mails).toHaveLength(max);
  });

  it('limits one address asking for resets of many accounts', async () => {
    const max = limits.forgotPassword.find((l) => l.name === 'address')?.max ?? 0;
    const client = new ApiClient(hub.app, '203.0.113.50');
    const statuses = [];
    for (let i = 0; i < max + 3; i++)
      statuses.push(
        (await client.post('/api/v1/auth/forgot-password', { email: `someone${String(i)}@example.test` }))
          .status,
      );
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
  });

  it('limits sign-in attempts from one address, before any password is checked', async () => {
    const max = limits.signIn.find((l) => l.name === 'address')?.max ?? 0;
    const codes: string[] = [];
    const client = new ApiClient(hub.app, '192.0.2.77');
    for (let i = 0; i < max + 5; i++) {
      const res = await client.post<ErrorBody>('/api/v1/auth/sign-in', {
        login: `nobody${String(i)}@example.test`,
        password: `guess-${String(i)}`,
      });
      codes.push(res.body.error.code);
    }
    expect(codes.slice(max)).toEqual(Array.from({ length: 5 }, () => 'RATE_LIMITED'));
    expect(codes.slice(0, max)).not.toContain('RATE_LIMITED');
  });

  it('texts a person a handful of codes an hour at most', async () => {
    expect(
      (
        await t.support.owner.post(`/api/v1/orgs/${t.client.id}/users/invitations`, {
          emails: ['texter@example.test'],
          role: 'monitor',
        })
      ).status,
    ).toBe(200);
    const user = await register(hub, 'texter@example.test');
    const max = limits.smsCode.find((l) => l.name === 'actor')?.max ?? 0;
    const statuses = [];
    for (let i = 0; i < max + 2; i++) {
      now = new Date(now.getTime() + 31_000); // past the 30 s wait between two codes
      statuses.push(
        (await user.request('PUT', '/api/v1/me/sms-number', { smsNumber: `+1801555${String(1000 + i)}` }))
          .status,
      );
    }
    expect(statuses.slice(0, max).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(max)).toEqual([429, 429]);
  });

  it('sends one person an invitation again a few times an hour at most', async () => {
    const invited = await t.support.owner.post<{ results: { email: string }[] }>(
      `/api/v1/orgs/${t.client.id}/users/invitations`,
      { emails: ['slowpoke@example.test'], role: 'monitor' },
    );
    expect(invited.status).toBe(200);
    const users = await t.support.owner.get<{ items: { id: string; email: string }[] }>(
      `/api/v1/orgs/${t.client.id}/users?search=slowpoke`,
    );
    const id = users.body.items[0]?.id ?? '';
    const max = limits.resendInvitation.find((l) => l.name === 'invitee')?.max ?? 0;
    const statuses = [];
    for (let i = 0; i < max + 1; i++)
      statuses.push(
        (await t.support.owner.post(`/api/v1/orgs/${t.client.id}/users/${id}/resend-invitation`)).status,
      );
    expect(statuses).toEqual([...Array.from({ length: max }, () => 200), 429]);
  });

  it('refuses an address trying many agent logins without checking more passwords', async () => {
    const reasons: string[] = [];
    for (let i = 0; i < agentFailuresPerAddress + 3; i++) {
      const agent = await FakeAgent.connect(hub.url, `rack-${String(i)}@nowhere`, 'wrong-password');
      reasons.push((await agent.waitClosed()).reason);
    }
    expect(reasons.filter((r) => r.startsWith('Wrong agent account'))).toHaveLength(agentFailuresPerAddress);
    expect(reasons.slice(agentFailuresPerAddress)).toEqual(
      Array.from({ length: 3 }, () => 'Too many failed sign-ins; try again later.'),
    );
  });
});
