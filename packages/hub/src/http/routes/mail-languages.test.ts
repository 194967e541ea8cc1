import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languages } from '@crosspoint/protocol';
import { mailTemplates, render } from '../../services/mail-templates.ts';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { startSmtpSink } from '../../test/smtp-sink.ts';
import { buildTenancy, type Tenancy } from '../../test/tenancy-fixture.ts';

describe('account mails in the twelve languages', () => {
  const member = { organization: 'Globex', role: 'monitor' as const, inviter: 'Ann', link: 'https://hub/x' };

  it.each(languages)('%s: invitation, access and reset mails are written in it', (lng) => {
    const english = render(mailTemplates.invitation, 'en', member);
    const mail = render(mailTemplates.invitation, lng, member);
    for (const m of [
      mail,
      render(mailTemplates.addedToOrg, lng, member),
      render(mailTemplates.passwordReset, lng, { link: 'https://hub/x' }),
    ]) {
      expect(m.text).toContain('https://hub/x');
    }
    expect(mail.subject).toContain('Globex');
    expect(mail.text).toContain('Ann');
    if (lng !== 'en') {
      expect(mail.subject).not.toBe(english.subject);
      expect(mail.text).not.toContain('invited you');
      // The role is named in the language too (never the English "Monitor").
      expect(mail.text).not.toContain('as Monitor');
    }
  });

  it('falls back to English for a language the hub does not know', () => {
    expect(render(mailTemplates.invitation, 'sv', member)).toEqual(
      render(mailTemplates.invitation, 'en', member),
    );
  });
});

describe('an invitation in the language chosen for the invited person', () => {
  let hub: HubUnderTest;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: Tenancy;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    hub = await startHubForTest({ config: { smtpUrl: smtp.url, smtpAllowPrivate: true } });
    t = await buildTenancy(hub, 'mail-lang');
  }, 120_000);
  afterAll(async () => {
    await hub.close();
    await smtp.close();
  });

  it('arrives in Polish at the SMTP server when Polish was chosen', async () => {
    const res = await t.support.owner.post<{ invited: string[] }>(
      `/api/v1/orgs/${t.client.id}/users/invitations`,
      { emails: ['piotr@mail-lang.example'], role: 'administrator', language: 'pl' },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const mail = await smtp.waitFor('piotr@mail-lang.example');
    expect(mail.subject).toMatch(/^Zaproszenie do /);
    expect(mail.text).toContain('z rolą: Administrator');
    expect(mail.text).toContain('Ustaw swoje hasło tutaj');
    expect(mail.text).toMatch(/\/register\?token=[A-Za-z0-9_-]+/);
  });

  it('uses the language chosen again when someone not yet registered is invited again', async () => {
    await t.support.owner.post(`/api/v1/orgs/${t.support.id}/users/invitations`, {
      emails: ['yuki@mail-lang.example'],
      role: 'monitor',
      language: 'en',
    });
    await smtp.waitFor('yuki@mail-lang.example');
    await t.support.owner.post(`/api/v1/orgs/${t.client.id}/users/invitations`, {
      emails: ['yuki@mail-lang.example'],
      role: 'monitor',
      language: 'ja',
    });
    const second = await smtp.waitFor('yuki@mail-lang.example', 2);
    expect(second.subject).toContain('への招待');
    expect(second.text).toContain('モニター');
  });
});
