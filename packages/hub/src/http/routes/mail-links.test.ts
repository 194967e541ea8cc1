// Invitation and reset mail through a real SMTP server, and the links in them followed. The outbox
// (the table and the operator's view of it) never holds a usable sign-in token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTerms } from '@crosspoint/protocol';
import { mailOutbox } from '../../db/schema/index.ts';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { newestMail } from '../../test/mail-capture.ts';
import { startSmtpSink } from '../../test/smtp-sink.ts';
import { ApiClient } from '../../test/api-client.ts';
import { cliActor } from '../../services/context.ts';
import { signedIn, strongPassword } from '../../test/tenancy-fixture.ts';

describe('mail through SMTP', () => {
  let hub: HubUnderTest;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    hub = await startHubForTest({ config: { smtpUrl: smtp.url, publicUrl: 'https://hub.example.test' } });
  });
  afterAll(async () => {
    await hub.close();
    await smtp.close();
  });

  const tokenIn = (text: string, page: string): string => {
    const m = new RegExp(`https://hub\\.example\\.test/${page}\\?token=([A-Za-z0-9_-]+)`).exec(text);
    if (!m?.[1]) throw new Error(`no ${page} link in:\n${text}`);
    return m[1];
  };

  it('delivers an invitation whose link registers the user, and a reset whose link sets a new password', async () => {
    await hub.services.bootstrap.createOperator(cliActor, {
      email: 'ops@example.test',
      password: strongPassword,
    });
    const operator = await signedIn(hub, 'ops@example.test');
    const platformId = (await operator.get<{ currentOrg: { id: string } }>('/api/v1/auth/session')).body
      .currentOrg.id;
    await operator.post(`/api/v1/orgs/${platformId}/support-orgs`, {
      name: 'Mailed AV',
      ownerEmail: 'new.owner@example.test',
      devicePool: 5,
    });

    const invitation = await smtp.waitFor('new.owner@example.test');
    expect(invitation.subject).toBe('You are invited to Mailed AV on Crosspoint');
    const visitor = new ApiClient(hub.app);
    const registered = await visitor.post<{ user: { email: string } }>('/api/v1/auth/register', {
      token: tokenIn(invitation.text, 'register'),
      password: strongPassword,
      firstName: 'Nora',
    });
    expect(registered.status).toBe(200);
    expect(registered.body.user.email).toBe('new.owner@example.test');
    expect((await visitor.post('/api/v1/auth/accept-terms', currentTerms)).status).toBe(200);

    await new ApiClient(hub.app).post('/api/v1/auth/forgot-password', { email: 'new.owner@example.test' });
    const reset = await smtp.waitFor('new.owner@example.test', 2);
    expect(reset.subject).toBe('Reset your Crosspoint password');
    const newPassword = 'quiet-meadow-compass-77';
    expect(
      (
        await new ApiClient(hub.app).post('/api/v1/auth/reset-password', {
          token: tokenIn(reset.text, 'reset-password'),
          password: newPassword,
        })
      ).status,
    ).toBe(200);
    // The reset signs out every session of the account.
    expect((await visitor.get('/api/v1/auth/session')).status).toBe(401);
    expect((await new ApiClient(hub.app).signIn('new.owner@example.test', newPassword)).status).toBe(200);

    const outbox = await operator.get<{ items: { to: string; status: string; text: string }[] }>(
      '/api/v1/outbox?to=new.owner@example.test',
    );
    expect(outbox.body.items.map((m) => m.status)).toEqual(['sent', 'sent']);
    // The operator's view and the table: the links without their tokens, nothing sealed left.
    const tokens = [tokenIn(invitation.text, 'register'), tokenIn(reset.text, 'reset-password')];
    expect(
      outbox.body.items.map((m) => /https:\/\/hub\.example\.test\/[a-z-]+\?token=\S+/.exec(m.text)?.[0]),
    ).toEqual([
      'https://hub.example.test/reset-password?token=[redacted]',
      'https://hub.example.test/register?token=[redacted]',
    ]);
    const rows = await hub.database.db.select().from(mailOutbox);
    for (const token of tokens) expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows.filter((r) => r.to === 'new.owner@example.test').map((r) => r.textSealed)).toEqual([
      null,
      null,
    ]);
  });

  it('keeps mail in the outbox, with the reason, when the SMTP server refuses it; a link waits sealed', async () => {
    await smtp.close();
    await hub.services.mail.queue({ to: 'later@example.test', subject: 's', text: 't', kind: 'test' });
    await hub.services.mail.flush();
    const [row] = await hub.services.mail.recent(1, 'later@example.test');
    expect(row).toMatchObject({ status: 'queued', attempts: 1, textSealed: null });
    expect(row?.lastError).toMatch(/ECONNREFUSED|connect/i);

    await new ApiClient(hub.app).post('/api/v1/auth/forgot-password', { email: 'new.owner@example.test' });
    await hub.services.mail.flush();
    const token = tokenIn(
      newestMail(hub.services.mail, 'new.owner@example.test')?.text ?? '',
      'reset-password',
    );
    const [waiting] = await hub.services.mail.recent(1, 'new.owner@example.test');
    expect(waiting).toMatchObject({ status: 'queued', subject: 'Reset your Crosspoint password' });
    expect(waiting?.text).toContain('https://hub.example.test/reset-password?token=[redacted]');
    expect(waiting?.textSealed).toMatch(/^v1\./);
    expect(JSON.stringify(waiting)).not.toContain(token);
  });
});

describe('mail without SMTP', () => {
  let hub: HubUnderTest;
  beforeAll(async () => {
    hub = await startHubForTest({ config: { publicUrl: 'https://hub.example.test' } });
  });
  afterAll(async () => {
    await hub.close();
  });

  it('keeps an invitation in the outbox without its token; the link handed to the process that wrote it registers', async () => {
    await hub.services.bootstrap.createOperator(cliActor, {
      email: 'ops@example.test',
      password: strongPassword,
    });
    const operator = await signedIn(hub, 'ops@example.test');
    const platformId = (await operator.get<{ currentOrg: { id: string } }>('/api/v1/auth/session')).body
      .currentOrg.id;
    const created = await operator.post(`/api/v1/orgs/${platformId}/support-orgs`, {
      name: 'Kept AV',
      ownerEmail: 'kept.owner@example.test',
      devicePool: 5,
    });
    expect(created.status).toBe(201);

    const written = newestMail(hub.services.mail, 'kept.owner@example.test');
    const token = /register\?token=([A-Za-z0-9_-]+)/.exec(written?.text ?? '')?.[1] ?? '';
    expect(token.length).toBeGreaterThanOrEqual(20);
    const outbox = await operator.get<{ items: { status: string; text: string }[] }>(
      '/api/v1/outbox?to=kept.owner@example.test',
    );
    expect(outbox.body.items).toHaveLength(1);
    expect(outbox.body.items[0]?.status).toBe('kept');
    expect(outbox.body.items[0]?.text).toContain('https://hub.example.test/register?token=[redacted]');
    const rows = await hub.database.db.select().from(mailOutbox);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows.every((r) => r.textSealed === null)).toBe(true);

    const registered = await new ApiClient(hub.app).post('/api/v1/auth/register', {
      token,
      password: strongPassword,
    });
    expect(registered.status).toBe(200);
  });
});
