import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { auditEvents, users } from '../../db/schema/index.ts';
import { smsCodeIn, verifySmsNumber } from '../../test/alert-fixture.ts';
import type { ApiClient } from '../../test/api-client.ts';
import { startHttpReceiver } from '../../test/http-receiver.ts';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { buildTenancy, register, type Tenancy } from '../../test/tenancy-fixture.ts';

type Started = { pending: { number: string; expiresAt: string; resendAfter: string } | null };
type ErrorAnswer = { error: { code: string; message: string } };
type Session = {
  user: { smsNumber: string | null; smsVerified: boolean; smsPending: { number: string } | null };
};

describe('SMS number: a new number gets alerts only once its owner typed the code texted to it', () => {
  let hub: HubUnderTest;
  let receiver: Awaited<ReturnType<typeof startHttpReceiver>>;
  let t: Tenancy;
  let owner: ApiClient;
  const texts = () =>
    receiver.requests
      .filter((r) => r.path === '/sms')
      .map((r) => JSON.parse(r.body) as { to: string; text: string });
  const lastCode = (to: string) =>
    smsCodeIn(
      texts()
        .filter((m) => m.to === to)
        .at(-1)?.text ?? '',
    );

  beforeAll(async () => {
    receiver = await startHttpReceiver();
    hub = await startHubForTest({
      config: { smsUrl: `${receiver.url}/sms`, smsToken: 'tok' },
      smsVerification: { resendMs: 2000, codeTtlMs: 60_000, maxTries: 3 },
    });
    t = await buildTenancy(hub, 'smsverify');
    owner = t.support.owner;
  }, 120_000);
  afterAll(async () => {
    await hub.close();
    await receiver.close();
  });

  it('texts a code; until it is typed the number is only pending and SMS alerts cannot be switched on', async () => {
    const started = await owner.put<Started>('/api/v1/me/sms-number', { smsNumber: '+15551230001' });
    expect(started.status).toBe(200);
    expect(started.body.pending?.number).toBe('+15551230001');
    const [text] = texts();
    expect(text?.to).toBe('+15551230001');
    expect(text?.text).toMatch(/^Crosspoint: your verification code is \d{6}\. It expires in 1 minutes\./);
    expect(receiver.requests[0]?.headers.authorization).toBe('Bearer tok');

    const session = await owner.get<Session>('/api/v1/auth/session');
    expect(session.body.user).toMatchObject({
      smsNumber: null,
      smsVerified: false,
      smsPending: { number: '+15551230001' },
    });
    const early = await owner.put<ErrorAnswer>(`/api/v1/me/alert-preferences/${t.client.id}`, { sms: true });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('SMS_NOT_VERIFIED');

    const tooSoon = await owner.put<ErrorAnswer>('/api/v1/me/sms-number', { smsNumber: '+15551230001' });
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body.error.code).toBe('RATE_LIMITED');
  });

  it('refuses a wrong code with the tries left, takes the right one, and then SMS alerts can be switched on', async () => {
    const code = lastCode('+15551230001');
    const wrong = await owner.post<ErrorAnswer>('/api/v1/me/sms-number/verify', {
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({
      code: 'SMS_CODE_INVALID',
      message: 'That is not the code we sent. 2 tries left.',
    });
    expect((await owner.post<ErrorAnswer>('/api/v1/me/sms-number/verify', { code: '12345' })).status).toBe(
      400,
    );

    const ok = await owner.post<{ smsNumber: string }>('/api/v1/me/sms-number/verify', { code });
    expect(ok.status).toBe(200);
    expect(ok.body.smsNumber).toBe('+15551230001');
    expect((await owner.get<Session>('/api/v1/auth/session')).body.user).toMatchObject({
      smsNumber: '+15551230001',
      smsVerified: true,
      smsPending: null,
    });
    expect((await owner.put(`/api/v1/me/alert-preferences/${t.client.id}`, { sms: true })).status).toBe(200);
    expect((await owner.get<{ smsNumber: string }>('/api/v1/me/alert-preferences')).body.smsNumber).toBe(
      '+15551230001',
    );
    // The code works once.
    expect((await owner.post<ErrorAnswer>('/api/v1/me/sms-number/verify', { code })).body.error.code).toBe(
      'SMS_CODE_INVALID',
    );
  });

  it('keeps the verified number while a new one waits, and voids a code after too many wrong tries', async () => {
    await new Promise((r) => setTimeout(r, 2100));
    expect((await owner.put<Started>('/api/v1/me/sms-number', { smsNumber: '+15551230002' })).status).toBe(
      200,
    );
    expect((await owner.get<Session>('/api/v1/auth/session')).body.user).toMatchObject({
      smsNumber: '+15551230001',
      smsVerified: true,
      smsPending: { number: '+15551230002' },
    });
    const right = lastCode('+15551230002');
    const wrongCode = right === '999999' ? '999998' : '999999';
    for (let i = 0; i < 2; i++)
      expect((await owner.post('/api/v1/me/sms-number/verify', { code: wrongCode })).status).toBe(400);
    const third = await owner.post<ErrorAnswer>('/api/v1/me/sms-number/verify', { code: wrongCode });
    expect(third.body.error.message).toBe('Too many wrong codes: ask for a new one.');
    // Even the right code is no good now.
    expect(
      (await owner.post<ErrorAnswer>('/api/v1/me/sms-number/verify', { code: right })).body.error.message,
    ).toBe('No code is waiting: enter the number again to get one.');
    expect((await owner.get<Session>('/api/v1/auth/session')).body.user).toMatchObject({
      smsNumber: '+15551230001',
      smsPending: null,
    });
    // Account events belong to no organization: read them where the operator would.
    const history = await hub.database.db
      .select()
      .from(auditEvents)
      .where(like(auditEvents.action, 'account.sms%'));
    expect(history.map((e) => e.action)).toEqual(
      expect.arrayContaining(['account.sms_code_sent', 'account.sms_code_voided', 'account.sms_changed']),
    );
    expect(JSON.stringify(history)).toContain('…0002');
    expect(JSON.stringify(history)).not.toContain('+15551230002');
  });

  it('says so when the SMS provider refuses the text, and leaves nothing pending', async () => {
    await new Promise((r) => setTimeout(r, 2100));
    receiver.settings.status = 400;
    try {
      const failed = await owner.put<ErrorAnswer>('/api/v1/me/sms-number', { smsNumber: '+15551230003' });
      expect(failed.status).toBe(502);
      expect(failed.body.error.code).toBe('SMS_SEND_FAILED');
      expect(failed.body.error.message).toContain('The SMS provider answered 400');
    } finally {
      receiver.settings.status = 200;
    }
    expect((await owner.get<Session>('/api/v1/auth/session')).body.user.smsPending).toBeNull();
  });

  it('clears the number; a number saved before verification existed gets no texts until verified', async () => {
    const cleared = await owner.put<Started>('/api/v1/me/sms-number', { smsNumber: null });
    expect(cleared.body.pending).toBeNull();
    expect((await owner.get<Session>('/api/v1/auth/session')).body.user).toMatchObject({
      smsNumber: null,
      smsVerified: false,
    });

    await owner.post(`/api/v1/orgs/${t.client.id}/users/invitations`, {
      emails: ['legacy-sms@example.test'],
      role: 'monitor',
    });
    const legacy = await register(hub, 'legacy-sms@example.test');
    const me = await legacy.get<{ user: { id: string } }>('/api/v1/auth/session');
    await hub.database.db
      .update(users)
      .set({ smsNumber: '+15551230009' })
      .where(eq(users.id, me.body.user.id));
    expect((await legacy.get<Session>('/api/v1/auth/session')).body.user).toMatchObject({
      smsNumber: '+15551230009',
      smsVerified: false,
    });
    expect(
      (await legacy.get<{ smsNumber: string | null }>('/api/v1/me/alert-preferences')).body.smsNumber,
    ).toBeNull();
    await verifySmsNumber(hub, legacy, '+15551230009', receiver);
    expect((await legacy.get<Session>('/api/v1/auth/session')).body.user).toMatchObject({
      smsNumber: '+15551230009',
      smsVerified: true,
    });
  });
});

describe('SMS number without an SMS provider', () => {
  it('keeps the code in the operator’s outbox, in the person’s language; a code typed too late is refused', async () => {
    const hub = await startHubForTest({ smsVerification: { codeTtlMs: 1500 } });
    try {
      const t = await buildTenancy(hub, 'smsoutbox');
      expect((await t.support.owner.patch('/api/v1/me', { language: 'fr' })).status).toBe(200);
      expect((await t.support.owner.put('/api/v1/me/sms-number', { smsNumber: '+33155550100' })).status).toBe(
        200,
      );
      const outbox = await t.operator.get<{
        items: { to: string; text: string; status: string; kind: string }[];
      }>('/api/v1/outbox?to=%2B33155550100');
      expect(outbox.body.items[0]).toMatchObject({
        to: '+33155550100',
        status: 'kept',
        kind: 'sms_verification',
      });
      expect(outbox.body.items[0]?.text).toMatch(/^Crosspoint : votre code de vérification est \d{6}\./);
      await new Promise((r) => setTimeout(r, 1600));
      const late = await t.support.owner.post<ErrorAnswer>('/api/v1/me/sms-number/verify', {
        code: smsCodeIn(outbox.body.items[0]?.text ?? ''),
      });
      expect(late.body.error).toMatchObject({
        code: 'SMS_CODE_INVALID',
        message: 'The code has expired: ask for a new one.',
      });
    } finally {
      await hub.close();
    }
  });
});
