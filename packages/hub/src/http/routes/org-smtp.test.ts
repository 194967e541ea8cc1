import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { orgSmtpSettings } from '../../db/schema/index.ts';
import { connectAgent, setStatus, until, type LinkedSite } from '../../test/alert-fixture.ts';
import type { ApiClient } from '../../test/api-client.ts';
import { linkDevice } from '../../test/fake-agent.ts';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { startSmtpSink } from '../../test/smtp-sink.ts';
import { buildTenancy, register, type Tenancy } from '../../test/tenancy-fixture.ts';

type Settings = {
  mode: 'default' | 'custom' | 'inherited';
  inheritedFrom: string | null;
  defaultConfigured: boolean;
  server: {
    host: string;
    port: number;
    security: string;
    username: string | null;
    passwordSet: boolean;
    from: string;
    updatedBy: string;
  } | null;
};
type ErrorAnswer = { error: { code: string; message: string } };

describe('Alert emails through the organization’s own SMTP server', () => {
  let hub: HubUnderTest;
  let hubSmtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let ownSmtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: Tenancy;
  let owner: ApiClient;
  let site: LinkedSite;
  const ownerEmail = 'owner-ownsmtp@example.test';
  const smtpPassword = 'relay-Pa55word!';
  const own = () => ({
    host: '127.0.0.1',
    port: ownSmtp.port,
    security: 'none',
    username: 'alerts@acme.example',
    password: smtpPassword,
    from: 'Acme AV <av-alerts@acme.example>',
  });

  beforeAll(async () => {
    hubSmtp = await startSmtpSink();
    ownSmtp = await startSmtpSink({ auth: { user: 'alerts@acme.example', pass: smtpPassword } });
    hub = await startHubForTest({
      config: { smtpUrl: hubSmtp.url, smtpAllowPrivate: true },
      alerts: { engine: { tickMs: 200, resyncGraceMs: 500 }, delivery: { everyMs: 200, retryBaseMs: 200 } },
    });
    t = await buildTenancy(hub, 'ownsmtp');
    owner = t.support.owner;
    site = await connectAgent(
      hub,
      owner,
      t.client.id,
      'Rack',
      [1, 2].map((n) => linkDevice(n)),
    );
  }, 180_000);
  afterAll(async () => {
    site.agent.close();
    await hub.close();
    await hubSmtp.close();
    await ownSmtp.close();
  });

  it('starts on the hub’s server; a client organization inherits its support organization’s server', async () => {
    const before = await owner.get<Settings>(`/api/v1/orgs/${t.client.id}/alerts/smtp`);
    expect(before.body).toEqual({
      mode: 'default',
      inheritedFrom: null,
      defaultConfigured: true,
      server: null,
    });

    const saved = await owner.put<Settings>(`/api/v1/orgs/${t.support.id}/alerts/smtp`, own());
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.mode).toBe('custom');
    expect(saved.body.server).toMatchObject({
      host: '127.0.0.1',
      port: ownSmtp.port,
      security: 'none',
      username: 'alerts@acme.example',
      passwordSet: true,
      from: 'Acme AV <av-alerts@acme.example>',
      updatedBy: ownerEmail,
    });
    expect(JSON.stringify(saved.body)).not.toContain(smtpPassword);

    const [row] = await hub.database.db.select().from(orgSmtpSettings);
    expect(row?.passwordSealed).toMatch(/^v1\./);
    expect(row?.passwordSealed).not.toContain(smtpPassword);

    const client = await owner.get<Settings>(`/api/v1/orgs/${t.client.id}/alerts/smtp`);
    expect(client.body).toMatchObject({
      mode: 'inherited',
      inheritedFrom: 'ownsmtp AV Integrators',
      server: null,
    });
  });

  it('sends a test email through that server, signed in with the sealed password', async () => {
    const test = await owner.post<{ to: string; via: string; kept: boolean }>(
      `/api/v1/orgs/${t.client.id}/alerts/smtp/test`,
      {},
    );
    expect(test.status, JSON.stringify(test.body)).toBe(200);
    expect(test.body).toEqual({ to: ownerEmail, via: 'inherited', kept: false });
    const mail = await ownSmtp.waitFor(ownerEmail);
    expect(mail).toMatchObject({
      subject: 'Crosspoint test message for ownsmtp Client',
      from: '"Acme AV" <av-alerts@acme.example>',
      user: 'alerts@acme.example',
    });
    expect(hubSmtp.mails.filter((m) => m.subject.startsWith('Crosspoint test message'))).toHaveLength(0);
  });

  it('sends the alert emails of the client through it, not through the hub’s server', async () => {
    const rule = await owner.post(`/api/v1/orgs/${t.client.id}/alerts/rules`, {
      name: 'Down',
      condition: { kind: 'device_status', statuses: ['Down'] },
      delayS: 0,
      channels: ['email'],
    });
    expect(rule.status).toBe(201);
    await setStatus(site, [linkDevice(1).id], 'Down');
    const alert = await until('the alert through the own server', () =>
      ownSmtp.mails.find((m) => m.to === ownerEmail && m.subject.startsWith('[Crosspoint] Down')),
    );
    expect(alert.from).toBe('"Acme AV" <av-alerts@acme.example>');
    expect(hubSmtp.mails.filter((m) => m.subject.startsWith('[Crosspoint]'))).toHaveLength(0);
  });

  it('keeps the stored password when other fields change; a new user name needs its password; a wrong password fails the test with the server’s answer', async () => {
    const { password: _password, ...withoutPassword } = own();
    const kept = await owner.put<Settings>(`/api/v1/orgs/${t.support.id}/alerts/smtp`, {
      ...withoutPassword,
      from: 'alerts@acme.example',
    });
    expect(kept.body.server).toMatchObject({ passwordSet: true, from: 'alerts@acme.example' });
    const newUser = await owner.put<ErrorAnswer>(`/api/v1/orgs/${t.support.id}/alerts/smtp`, {
      ...withoutPassword,
      username: 'someone-else',
    });
    expect(newUser.status).toBe(400);
    expect(newUser.body.error.code).toBe('VALIDATION_FAILED');
    expect(
      (await owner.put(`/api/v1/orgs/${t.support.id}/alerts/smtp`, { ...own(), password: 'wrong' })).status,
    ).toBe(200);
    const failed = await owner.post<ErrorAnswer>(`/api/v1/orgs/${t.support.id}/alerts/smtp/test`, {
      to: 'someone@example.test',
    });
    expect(failed.status).toBe(502);
    expect(failed.body.error.code).toBe('SMTP_TEST_FAILED');
    expect(failed.body.error.message).toMatch(
      /^The mail server did not take the message: .*Invalid username or password/,
    );
    const badHost = await owner.put<ErrorAnswer>(`/api/v1/orgs/${t.support.id}/alerts/smtp`, {
      ...own(),
      host: 'evil\r\nhost',
    });
    expect(badHost.status).toBe(400);
  });

  it('sends the organization’s invoices from its own server, with the PDF attached', async () => {
    const base = `/api/v1/orgs/${t.support.id}/billing`;
    // The right password again (the test before left a wrong one).
    expect((await owner.put(`/api/v1/orgs/${t.support.id}/alerts/smtp`, own())).status).toBe(200);
    const settings = await owner.get<Record<string, unknown>>(`${base}/settings`);
    expect(
      (await owner.put(`${base}/settings`, { ...settings.body, proAudioPrice: 1000, numberPrefix: 'OWN-' }))
        .status,
    ).toBe(200);
    await owner.put(`/api/v1/orgs/${t.support.id}/clients/${t.client.id}/billing-contact`, {
      name: 'Accounts payable',
      email: 'ap@client.example',
      language: 'en',
    });
    const month = new Date().toISOString().slice(0, 7);
    await hub.database.db.execute(sql`
      INSERT INTO usage_counts (org_id, at, pro_audio, video, pro_audio_overflowed, video_overflowed, plan_max)
      VALUES (${t.client.id}, ${`${month}-01T00:00:00Z`}::timestamptz, 2, 0, 0, 0, 10)`);
    const drafted = await owner.post<{ created: { id: string }[] }>(`${base}/invoices/drafts`, { month });
    expect(drafted.body.created, JSON.stringify(drafted.body)).toHaveLength(1);
    const issued = await owner.post<{ invoice: { number: string } }>(
      `${base}/invoices/${drafted.body.created[0]?.id ?? ''}/issue`,
    );
    expect(issued.body.invoice.number).toBe('OWN-1');
    const mail = await ownSmtp.waitFor('ap@client.example');
    expect(mail).toMatchObject({ from: '"Acme AV" <av-alerts@acme.example>', user: 'alerts@acme.example' });
    expect(mail.attachments.map((a) => a.filename)).toEqual(['invoice-OWN-1.pdf']);
    expect(hubSmtp.mails.filter((m) => m.to === 'ap@client.example')).toEqual([]);
  });

  it('lets only Owners and Administrators change it, audits every change, and goes back to the hub’s server', async () => {
    await owner.post(`/api/v1/orgs/${t.client.id}/users/invitations`, {
      emails: ['monitor-ownsmtp@example.test'],
      role: 'monitor',
    });
    const monitor = await register(hub, 'monitor-ownsmtp@example.test');
    expect((await monitor.get<Settings>(`/api/v1/orgs/${t.client.id}/alerts/smtp`)).status).toBe(200);
    expect((await monitor.put(`/api/v1/orgs/${t.client.id}/alerts/smtp`, own())).status).toBe(403);
    expect((await monitor.post(`/api/v1/orgs/${t.client.id}/alerts/smtp/test`, {})).status).toBe(403);

    const back = await owner.delete<Settings>(`/api/v1/orgs/${t.support.id}/alerts/smtp`);
    expect(back.body).toMatchObject({ mode: 'default', server: null });
    expect((await owner.get<Settings>(`/api/v1/orgs/${t.client.id}/alerts/smtp`)).body.mode).toBe('default');
    const test = await owner.post<{ via: string }>(`/api/v1/orgs/${t.client.id}/alerts/smtp/test`, {
      to: 'back@example.test',
    });
    expect(test.body.via).toBe('default');
    await hubSmtp.waitFor('back@example.test');

    const audit = await owner.get<{ items: { action: string; detail: Record<string, unknown> }[] }>(
      `/api/v1/orgs/${t.support.id}/audit?action=alerts.`,
    );
    expect(audit.body.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['alerts.smtp_updated', 'alerts.smtp_removed', 'alerts.smtp_tested']),
    );
    expect(JSON.stringify(audit.body)).not.toContain(smtpPassword);
  });
});

describe('An organization’s SMTP server in a private network', () => {
  it('is refused unless the operator allows it', async () => {
    const hub = await startHubForTest();
    const sink = await startSmtpSink();
    try {
      const t = await buildTenancy(hub, 'privsmtp');
      const put = await t.support.owner.put(`/api/v1/orgs/${t.support.id}/alerts/smtp`, {
        host: '127.0.0.1',
        port: sink.port,
        security: 'none',
        from: 'a@b.example',
      });
      expect(put.status).toBe(200);
      const test = await t.support.owner.post<ErrorAnswer>(
        `/api/v1/orgs/${t.support.id}/alerts/smtp/test`,
        {},
      );
      expect(test.status).toBe(502);
      expect(test.body.error.message).toContain('CROSSPOINT_SMTP_ALLOW_PRIVATE=true');
      expect(sink.mails).toHaveLength(0);
    } finally {
      await sink.close();
      await hub.close();
    }
  });
});
