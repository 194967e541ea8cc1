// Grouped alert messages (docs/alerts.md, "Grouped messages"): a real hub (PGlite), scripted agents
// and a real SMTP server. A burst of 200 devices Down under one rule gives each recipient one email
// at once and one digest, not 200; another organization's burst is its own; the recoveries are
// grouped the same way; a lone incident still leaves at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { startSmtpSink, type ReceivedMail } from '../../test/smtp-sink.ts';
import { buildTenancy, type Tenancy } from '../../test/tenancy-fixture.ts';
import { linkDevice } from '../../test/fake-agent.ts';
import type { ApiClient } from '../../test/api-client.ts';
import {
  connectAgent,
  setStatus,
  sleep,
  until,
  type DeliveryView,
  type LinkedSite,
  type Page,
} from '../../test/alert-fixture.ts';
import { defaultGroupTiming } from '../../repositories/alert-delivery-groups.ts';

const publicUrl = 'https://hub.example.test';

/** How many devices a mail is about: a digest says so in its subject, a single alert is one. */
const devicesIn = (m: ReceivedMail): number => {
  const n = /: ([\d,]+) devices — /.exec(m.subject)?.[1];
  return n ? Number(n.replace(/,/g, '')) : 1;
};

describe('grouped alert messages', () => {
  let hub: HubUnderTest;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: Tenancy;
  let owner: ApiClient;
  const orgs: { id: string; name: string; site?: LinkedSite; ids: string[] }[] = [];
  const a = Array.from({ length: 200 }, (_, i) => linkDevice(2000 + i));
  const b = Array.from({ length: 20 }, (_, i) => linkDevice(3000 + i));
  const mailsOf = (org: string, from = 0) =>
    smtp.mails
      .slice(from)
      .filter(
        (m) =>
          m.to === t.support.ownerEmail &&
          m.subject.startsWith('[Crosspoint]') &&
          m.subject.endsWith(`— ${org}`),
      );
  /** Waits until no new mail arrived for `quietMs`. */
  const settle = async (quietMs = 2500) => {
    let n = -1;
    while (n !== smtp.mails.length) {
      n = smtp.mails.length;
      await sleep(quietMs);
    }
  };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    hub = await startHubForTest({
      config: { smtpUrl: smtp.url, publicUrl, alertQuietS: 0 },
      alerts: {
        engine: { tickMs: 200, resyncGraceMs: 500, grouping: { ...defaultGroupTiming, windowMs: 4000 } },
        delivery: { everyMs: 200 },
      },
    });
    t = await buildTenancy(hub, 'grouping');
    owner = t.support.owner;
    const pool = await t.operator.patch(`/api/v1/orgs/${t.platformId}/support-orgs/${t.support.id}`, {
      devicePool: 1000,
    });
    expect(pool.status, JSON.stringify(pool.body)).toBe(200);
    for (const [name, devices] of [
      ['Grouping Campus', a],
      ['Grouping Branch', b],
    ] as const) {
      const client = await owner.post<{ client: { id: string } }>(`/api/v1/orgs/${t.support.id}/clients`, {
        name,
        owner: { email: t.support.ownerEmail },
        plan: { maxDevices: 400, start: '2026-01-01', end: '2099-12-31' },
      });
      expect(client.status, JSON.stringify(client.body)).toBe(201);
      const id = client.body.client.id;
      const site = await connectAgent(hub, owner, id, `${name} Rack`, devices);
      const rule = await owner.post(`/api/v1/orgs/${id}/alerts/rules`, {
        name: 'Devices down',
        condition: { kind: 'device_status', statuses: ['Down'] },
        delayS: 0,
        notifyResolved: true,
        channels: ['email'],
      });
      expect(rule.status).toBe(201);
      orgs.push({ id, name, site, ids: devices.map((d) => d.id) });
    }
    await sleep(1000); // the resync grace
  }, 180_000);
  afterAll(async () => {
    for (const o of orgs) o.site?.agent.close();
    await hub.close();
    await smtp.close();
  });

  it('sends a burst of 200 devices as one email at once and one digest per recipient; another organization apart', async () => {
    const [campus, branch] = orgs as [(typeof orgs)[number], (typeof orgs)[number]];
    const from = smtp.mails.length;
    const at = Date.now();
    await Promise.all([
      setStatus(campus.site as LinkedSite, campus.ids, 'Down'),
      setStatus(branch.site as LinkedSite, branch.ids, 'Down'),
    ]);
    await until('the first email', () => (mailsOf(campus.name, from).length > 0 ? true : undefined));
    // The first leaves at once, before the rest are even opened (the latency itself is the alerts
    // bench's to measure; this machine may be busy with other tests).
    const firstAfter = Date.now() - at;
    expect(firstAfter).toBeLessThan(10_000);
    await settle();
    const campusMails = mailsOf(campus.name, from);
    const branchMails = mailsOf(branch.name, from);
    expect(campusMails.length).toBeGreaterThanOrEqual(1);
    expect(campusMails.length).toBeLessThanOrEqual(2);
    expect(branchMails.length).toBeLessThanOrEqual(2);
    expect(campusMails.reduce((n, m) => n + devicesIn(m), 0)).toBe(200);
    expect(branchMails.reduce((n, m) => n + devicesIn(m), 0)).toBe(20);
    const digest = campusMails.find((m) => devicesIn(m) > 1);
    expect(digest?.subject).toMatch(/^\[Crosspoint\] Down: 1(99|98|\d\d) devices — Grouping Campus$/);
    const text = digest?.text ?? '';
    expect(text).toMatch(/devices of Grouping Campus are Down \(the first since /);
    expect(text).toContain('By server:\n  Grouping Campus Rack: ');
    expect(text.match(/\/devices\/[0-9a-f-]{36}/g)).toHaveLength(20);
    expect(text).toMatch(/… and \d+ more/);
    expect(text).toContain(`Open the list: ${publicUrl}/devices?status=Down&organizationId=${campus.id}`);
    // Every incident has its own delivery row, each recorded as sent.
    const log = await owner.get<Page<DeliveryView>>(
      `/api/v1/orgs/${campus.id}/alerts/deliveries?limit=500&organizationId=${campus.id}`,
    );
    expect(log.body.items.filter((d) => d.channel === 'email')).toHaveLength(200);
    expect(log.body.items.every((d) => d.status === 'sent')).toBe(true);
  }, 60_000);

  it('groups the recoveries the same way', async () => {
    const [campus] = orgs as [(typeof orgs)[number]];
    await sleep(defaultGroupTiming.quietMs + 4000); // past the window
    const from = smtp.mails.length;
    await setStatus(campus.site as LinkedSite, campus.ids, 'Healthy');
    await settle();
    const resolved = mailsOf(campus.name, from);
    expect(resolved.length).toBeLessThanOrEqual(2);
    expect(resolved.every((m) => m.subject.startsWith('[Crosspoint] Resolved: Down: '))).toBe(true);
    expect(resolved.reduce((n, m) => n + devicesIn(m), 0)).toBe(200);
    expect(resolved.find((m) => devicesIn(m) > 1)?.text).toMatch(
      /devices of Grouping Campus are no longer Down/,
    );
  }, 60_000);

  it('sends a lone incident at once, as its own message', async () => {
    const [campus] = orgs as [(typeof orgs)[number]];
    await sleep(4500);
    const from = smtp.mails.length;
    const at = Date.now();
    await setStatus(campus.site as LinkedSite, [campus.ids[7] ?? ''], 'Down');
    const mail = await until('the alert', () => mailsOf(campus.name, from)[0]);
    expect(Date.now() - at).toBeLessThan(2000);
    expect(mail.subject).toMatch(/^\[Crosspoint\] Down: .+ — Grouping Campus$/);
    expect(devicesIn(mail)).toBe(1);
    expect(mail.text).toContain(`${publicUrl}/devices/`);
  }, 30_000);
});
