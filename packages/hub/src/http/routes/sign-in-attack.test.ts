// Sign-in under attack: 1,000 wrong passwords from several addresses. The locks hold, the attacker
// is cheap to refuse, and the real user still gets in from an address they used before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { ApiClient } from '../../test/api-client.ts';
import { cliActor } from '../../services/context.ts';
import { defaultThrottle } from '../../services/auth.service.ts';
import { linkTokenFor, strongPassword } from '../../test/tenancy-fixture.ts';

describe('sign-in under attack', () => {
  let hub: HubUnderTest;
  let now = new Date('2026-11-27T10:00:00Z');
  const email = 'target@example.test';
  /** The user's password (a reset below changes it). */
  let password = strongPassword;

  beforeAll(async () => {
    hub = await startHubForTest({ clock: () => now });
    await hub.services.bootstrap.createOperator(cliActor, { email, password: strongPassword });
    // The real user signed in once from their office address.
    expect((await new ApiClient(hub.app, '10.1.1.1').signIn(email, strongPassword)).status).toBe(200);
  });
  afterAll(async () => {
    await hub.close();
  });

  it('holds the locks through 1,000 wrong passwords from 10 addresses', async () => {
    const attackers = Array.from({ length: 10 }, (_, i) => new ApiClient(hub.app, `203.0.113.${i + 1}`));
    const codes = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const attacker = attackers[i % attackers.length] as ApiClient;
      const res = await attacker.request<{ error: { code: string } }>('POST', '/api/v1/auth/sign-in', {
        login: email,
        password: `guess-${i}`,
      });
      codes.set(res.body.error.code, (codes.get(res.body.error.code) ?? 0) + 1);
      now = new Date(now.getTime() + 100); // 100 s of attack in all: inside one lockout window
    }
    // Only the first few guesses are even checked; everything after the lock is refused unchecked
    // (by the lock, or sooner by the limit on requests per address).
    expect(codes.get('INVALID_CREDENTIALS') ?? 0).toBeLessThan(defaultThrottle.perAccount);
    expect((codes.get('ACCOUNT_LOCKED') ?? 0) + (codes.get('RATE_LIMITED') ?? 0)).toBeGreaterThan(980);
    expect(codes.get('ACCOUNT_LOCKED')).toBeGreaterThan(500);

    // The right password from an attacker's address or a new one is refused while locked…
    expect((await new ApiClient(hub.app, '203.0.113.1').signIn(email, strongPassword)).status).toBe(429);
    expect((await new ApiClient(hub.app, '198.51.100.7').signIn(email, strongPassword)).status).toBe(429);
    // …but the real user at their known address gets in.
    const user = new ApiClient(hub.app, '10.1.1.1');
    const signedIn = await user.signIn(email, strongPassword);
    expect(signedIn.status).toBe(200);

    // The organization's history shows the checked failures and the lock, not 1,000 lines.
    await user.post('/api/v1/auth/accept-terms', { terms: '2026-11', privacy: '2026-11' });
    const history = await user.get<{ items: { action: string; ip: string }[]; total: number }>(
      `/api/v1/orgs/${signedIn.body.currentOrg?.id ?? ''}/audit?action=auth.&limit=500`,
    );
    const failed = history.body.items.filter((e) => e.action === 'auth.sign_in_failed');
    // Every checked guess is there: the refused ones plus the one that set the lock.
    expect(failed.length).toBe((codes.get('INVALID_CREDENTIALS') ?? 0) + 1);
    expect(history.body.items.some((e) => e.action === 'auth.locked')).toBe(true);
    expect(new Set(failed.map((e) => e.ip)).size).toBeGreaterThan(1);
  });

  it('lets the user in from a new address at once with a password reset, even while strangers keep asking for resets', async () => {
    // A new address is locked out again by another wave of guesses…
    for (let i = 0; i < defaultThrottle.perAccount + 2; i++) {
      await new ApiClient(hub.app, `203.0.113.${String(100 + i)}`).signIn(email, `again-${String(i)}`);
    }
    const traveller = new ApiClient(hub.app, '198.51.100.20');
    expect((await traveller.signIn(email, strongPassword)).status).toBe(429);
    // …and strangers use up the account's reset emails: each link they triggered still works.
    for (let i = 0; i < 10; i++)
      await new ApiClient(hub.app, `203.0.113.${String(150 + i)}`).post('/api/v1/auth/forgot-password', {
        email,
      });
    await hub.services.mail.flush();
    const token = await linkTokenFor(hub, email);
    const reset = await traveller.post('/api/v1/auth/reset-password', {
      token,
      password: 'copper-lantern-meadow-58',
    });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect((await traveller.signIn(email, 'copper-lantern-meadow-58')).status).toBe(200);
    password = 'copper-lantern-meadow-58';
  });

  it('lets the user in from a new address once the lockout window has passed', async () => {
    now = new Date(now.getTime() + defaultThrottle.lockMs + 1000);
    expect((await new ApiClient(hub.app, '198.51.100.7').signIn(email, password)).status).toBe(200);
  });

  it('limits one address spraying many accounts', async () => {
    const sprayer = new ApiClient(hub.app, '192.0.2.99');
    let locked = 0;
    for (let i = 0; i < defaultThrottle.perAddress + 20; i++) {
      const res = await sprayer.signIn(`user${i}@example.test`, 'whatever-password');
      if (res.status === 429) locked++;
    }
    expect(locked).toBeGreaterThanOrEqual(20);
  });
});
