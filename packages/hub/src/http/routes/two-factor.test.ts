import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { totpCode } from '../../adapters/totp.ts';
import { auditEvents, users } from '../../db/schema/index.ts';
import { ApiClient } from '../../test/api-client.ts';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { buildTenancy, register, strongPassword, type Tenancy } from '../../test/tenancy-fixture.ts';

type ErrorAnswer = { error: { code: string; message: string } };
type Enrollment = { secret: string; uri: string; qrSvg: string };
type Challenge = { secondFactorRequired: true; challenge: string; expiresAt: string };
type Status = { enabled: boolean; recoveryCodesLeft: number; requiredBy: string[]; exempt: boolean };
type Session = { user: { email: string }; twoFactor: { enabled: boolean; setupRequired: boolean } };

describe('Two-factor sign-in: TOTP with recovery codes, and organizations that require it', () => {
  let hub: HubUnderTest;
  let t: Tenancy;
  let now = new Date('2026-12-07T10:00:00Z');
  const step = () => (now = new Date(now.getTime() + 30_000));
  let secret = '';
  let recovery: string[] = [];
  const ownerEmail = () => t.support.ownerEmail;
  const code = () => totpCode(secret, now);

  beforeAll(async () => {
    hub = await startHubForTest({ clock: () => now });
    t = await buildTenancy(hub, 'totp');
  }, 120_000);
  afterAll(() => hub.close());

  it('turns on with a QR code and a code from the app, and answers ten recovery codes once', async () => {
    const owner = t.support.owner;
    const off = await owner.get<Status>('/api/v1/auth/two-factor');
    expect(off.body).toMatchObject({ enabled: false, recoveryCodesLeft: 0, requiredBy: [], exempt: false });

    const started = await owner.post<Enrollment>('/api/v1/auth/two-factor/enrollment');
    expect(started.status).toBe(200);
    secret = started.body.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.body.uri).toBe(
      `otpauth://totp/Crosspoint:${encodeURIComponent(ownerEmail())}?issuer=Crosspoint&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
    );
    expect(started.body.qrSvg).toMatch(/^<svg[\s\S]+<\/svg>\s*$/);
    // The secret is kept sealed, never as typed.
    const [row] = await hub.database.db.select().from(users).where(eq(users.email, ownerEmail()));
    expect(row?.totpSecret).toMatch(/^v1\./);
    expect(row?.totpSecret).not.toContain(secret);

    const wrong = await owner.post<ErrorAnswer>('/api/v1/auth/two-factor/confirm', {
      code: code() === '000000' ? '111111' : '000000',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('SECOND_FACTOR_INVALID');

    const confirmed = await owner.post<{ codes: string[] }>('/api/v1/auth/two-factor/confirm', {
      code: code(),
    });
    expect(confirmed.status).toBe(200);
    recovery = confirmed.body.codes;
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    for (const c of recovery) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect((await owner.get<Status>('/api/v1/auth/two-factor')).body).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
    });
    expect((await owner.get<Session>('/api/v1/auth/session')).body.twoFactor).toEqual({
      enabled: true,
      setupRequired: false,
    });
    const again = await owner.post<ErrorAnswer>('/api/v1/auth/two-factor/enrollment');
    expect(again.status).toBe(409);
  });

  it('asks for the code after the right password, opens no session before it, and takes a code only once', async () => {
    const browser = new ApiClient(hub.app, '127.0.0.9');
    const first = await browser.post<Challenge>('/api/v1/auth/sign-in', {
      login: ownerEmail(),
      password: strongPassword,
      staySignedIn: true,
    });
    expect(first.status).toBe(200);
    expect(first.body.secondFactorRequired).toBe(true);
    expect(first.headers['set-cookie']).toBeUndefined();
    expect((await browser.get('/api/v1/auth/session')).status).toBe(401);

    // The code used to turn it on a moment ago is spent: no replay within its window.
    const replay = await browser.post<ErrorAnswer>('/api/v1/auth/sign-in/second-factor', {
      challenge: first.body.challenge,
      code: code(),
    });
    expect(replay.status).toBe(400);
    expect(replay.body.error.code).toBe('SECOND_FACTOR_INVALID');

    step();
    const done = await browser.post<Session>('/api/v1/auth/sign-in/second-factor', {
      challenge: first.body.challenge,
      code: code(),
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.user.email).toBe(ownerEmail());
    // "Stay signed in" carried through the second step: the cookie outlives the browser.
    expect(String(done.headers['set-cookie'])).toMatch(/Expires=/);
    expect((await browser.get<Session>('/api/v1/auth/session')).status).toBe(200);

    const reused = await new ApiClient(hub.app).post<ErrorAnswer>('/api/v1/auth/sign-in/second-factor', {
      challenge: first.body.challenge,
      code: code(),
    });
    expect(reused.status).toBe(401);
  });

  it('takes a recovery code once (typed in any case, with or without its dash) and records its use', async () => {
    const browser = new ApiClient(hub.app, '127.0.0.10');
    const signIn = () =>
      browser.post<Challenge>('/api/v1/auth/sign-in', { login: ownerEmail(), password: strongPassword });
    const typed = (recovery[0] ?? '').toUpperCase().replace('-', ' ');
    const first = await signIn();
    const ok = await browser.post('/api/v1/auth/sign-in/second-factor', {
      challenge: first.body.challenge,
      code: typed,
    });
    expect(ok.status).toBe(200);
    const second = await signIn();
    const spent = await browser.post<ErrorAnswer>('/api/v1/auth/sign-in/second-factor', {
      challenge: second.body.challenge,
      code: recovery[0],
    });
    expect(spent.status).toBe(400);
    expect((await t.support.owner.get<Status>('/api/v1/auth/two-factor')).body.recoveryCodesLeft).toBe(9);
    const used = await hub.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'auth.recovery_code_used')));
    expect(used).toHaveLength(1);
  });

  it('drops a waiting sign-in after five wrong codes, and after five minutes', async () => {
    const browser = new ApiClient(hub.app, '127.0.0.11');
    const first = await browser.post<Challenge>('/api/v1/auth/sign-in', {
      login: ownerEmail(),
      password: strongPassword,
    });
    const wrong = code() === '000000' ? '111111' : '000000';
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) {
      answers.push(
        (
          await browser.post('/api/v1/auth/sign-in/second-factor', {
            challenge: first.body.challenge,
            code: wrong,
          })
        ).status,
      );
    }
    expect(answers).toEqual([400, 400, 400, 400, 401]);
    step();
    const dropped = await browser.post<ErrorAnswer>('/api/v1/auth/sign-in/second-factor', {
      challenge: first.body.challenge,
      code: code(),
    });
    expect(dropped.status).toBe(401);

    const late = await browser.post<Challenge>('/api/v1/auth/sign-in', {
      login: ownerEmail(),
      password: strongPassword,
    });
    now = new Date(now.getTime() + 5 * 60_000 + 1000);
    const expired = await browser.post<ErrorAnswer>('/api/v1/auth/sign-in/second-factor', {
      challenge: late.body.challenge,
      code: code(),
    });
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toMatch(/expired/);
  });

  it('an organization that requires it stops members without it until they turn it on', async () => {
    const owner = t.support.owner;
    const monitorEmail = 'monitor-totp@example.test';
    const invited = await owner.post(`/api/v1/orgs/${t.client.id}/users/invitations`, {
      emails: [monitorEmail],
      role: 'monitor',
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(200);
    const monitor = await register(hub, monitorEmail);
    const devices = `/api/v1/orgs/${t.client.id}/devices`;
    expect((await monitor.get(devices)).status).toBe(200);

    const byMonitor = await monitor.put<ErrorAnswer>(`/api/v1/orgs/${t.client.id}/sign-in-policy`, {
      requireTwoFactor: true,
    });
    expect(byMonitor.status).toBe(403);
    const set = await owner.put(`/api/v1/orgs/${t.client.id}/sign-in-policy`, { requireTwoFactor: true });
    expect(set.body).toEqual({ requireTwoFactor: true });

    const refused = await monitor.get<ErrorAnswer>(devices);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('TWO_FACTOR_SETUP_REQUIRED');
    const session = await monitor.get<Session>('/api/v1/auth/session');
    expect(session.body.twoFactor).toEqual({ enabled: false, setupRequired: true });
    expect((await monitor.get<Status>('/api/v1/auth/two-factor')).body.requiredBy).toEqual(['totp Client']);

    const enrollment = await monitor.post<Enrollment>('/api/v1/auth/two-factor/enrollment');
    step();
    const confirmed = await monitor.post('/api/v1/auth/two-factor/confirm', {
      code: totpCode(enrollment.body.secret, now),
    });
    expect(confirmed.status).toBe(200);
    expect((await monitor.get(devices)).status).toBe(200);

    // It cannot be turned off while an organization requires it.
    step();
    const off = await monitor.post<ErrorAnswer>('/api/v1/auth/two-factor/disable', {
      code: totpCode(enrollment.body.secret, now),
    });
    expect(off.status).toBe(403);
    expect(off.body.error.message).toContain('totp Client requires two-factor sign-in');
  });

  it('turns off with a current code once no organization requires it', async () => {
    const owner = t.support.owner;
    await owner.put(`/api/v1/orgs/${t.client.id}/sign-in-policy`, { requireTwoFactor: false });
    step();
    const wrong = await owner.post<ErrorAnswer>('/api/v1/auth/two-factor/disable', { code: 'abcde-fghij' });
    expect(wrong.status).toBe(400);
    const off = await owner.post('/api/v1/auth/two-factor/disable', { code: code() });
    expect(off.status).toBe(200);
    expect((await owner.get<Status>('/api/v1/auth/two-factor')).body).toMatchObject({
      enabled: false,
      recoveryCodesLeft: 0,
    });
    const plain = await new ApiClient(hub.app, '127.0.0.12').signIn(ownerEmail(), strongPassword);
    expect(plain.status).toBe(200);
    expect(plain.body.csrfToken).toBeTruthy();
  });
});
