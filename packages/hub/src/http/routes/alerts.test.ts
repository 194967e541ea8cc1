// Alerts end to end: a scripted agent over the real WebSocket, a real hub, a real SMTP server and
// real HTTP receivers for webhooks and SMS. Delays are 1 s and the engine ticks every 200 ms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkDevice } from '@crosspoint/protocol';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { startSmtpSink, type ReceivedMail } from '../../test/smtp-sink.ts';
import { startHttpReceiver, type ReceivedRequest } from '../../test/http-receiver.ts';
import { buildTenancy, register, type Tenancy } from '../../test/tenancy-fixture.ts';
import { linkDevice, type FakeAgent } from '../../test/fake-agent.ts';
import type { ApiClient } from '../../test/api-client.ts';
import {
  connectAgent,
  relink,
  setStatus,
  sleep,
  until,
  validSignature,
  verifySmsNumber,
  type DeliveryView as Delivery,
  type IncidentView as Incident,
  type LinkedSite,
  type Page,
} from '../../test/alert-fixture.ts';

const publicUrl = 'https://hub.example.test';

describe('alerts: rules → incidents → email, SMS and webhooks', () => {
  let hub: HubUnderTest;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let receiver: Awaited<ReturnType<typeof startHttpReceiver>>;
  let t: Tenancy;
  let owner: ApiClient;
  let monitorDe: ApiClient;
  let secret: string;
  let site: LinkedSite;
  const linked: FakeAgent[] = [];
  const rackB = Array.from({ length: 200 }, (_, i) => linkDevice(1000 + i));
  let rackBLogin = '';
  const ownerEmail = 'owner-alerting@example.test';
  const alertMails = (to: string, pred: (m: ReceivedMail) => boolean = () => true) =>
    smtp.mails.filter((m) => m.to === to && m.subject.startsWith('[Crosspoint]') && pred(m));

  beforeAll(async () => {
    smtp = await startSmtpSink();
    receiver = await startHttpReceiver();
    hub = await startHubForTest({
      config: {
        smtpUrl: smtp.url,
        publicUrl,
        smsUrl: `${receiver.url}/sms`,
        smsToken: 'sms-token-1',
        webhookAllowPrivate: true,
      },
      alerts: { engine: { tickMs: 200, resyncGraceMs: 1500 }, delivery: { everyMs: 200, retryBaseMs: 200 } },
    });
    t = await buildTenancy(hub, 'alerting');
    owner = t.support.owner;
    await owner.post(`/api/v1/orgs/${t.client.id}/users/invitations`, {
      emails: ['monitor-de@example.test'],
      role: 'monitor',
      language: 'de',
    });
    monitorDe = await register(hub, 'monitor-de@example.test');
    await verifySmsNumber(hub, owner, '+18015550100', receiver);
    site = await connectAgent(
      hub,
      owner,
      t.client.id,
      'HQ Rack',
      [1, 2, 3, 4, 5].map((n) => linkDevice(n)),
    );
  }, 180_000);
  afterAll(async () => {
    site.agent.close();
    for (const a of linked) a.close();
    await hub.close();
    await smtp.close();
    await receiver.close();
  });

  it('lets each user choose channels per organization, and refuses SMS without a number', async () => {
    const before = await owner.get<{
      smsNumber: string;
      items: { orgId: string; email: boolean; sms: boolean; custom: boolean }[];
    }>('/api/v1/me/alert-preferences');
    expect(before.body.smsNumber).toBe('+18015550100');
    expect(before.body.items.find((i) => i.orgId === t.client.id)).toMatchObject({
      email: true,
      sms: false,
      custom: false,
    });
    const set = await owner.put<{ sms: boolean; email: boolean }>(
      `/api/v1/me/alert-preferences/${t.client.id}`,
      { sms: true },
    );
    expect(set.body).toMatchObject({ sms: true, email: true });
    const noNumber = await monitorDe.put<{ error: { code: string } }>(
      `/api/v1/me/alert-preferences/${t.client.id}`,
      { sms: true },
    );
    expect(noNumber.status).toBe(409);
    expect(
      (await monitorDe.put(`/api/v1/me/alert-preferences/${t.support.id}`, { email: true })).status,
    ).toBe(404);
    expect(
      (await monitorDe.put(`/api/v1/me/alert-preferences/${crypto.randomUUID()}`, { email: true })).status,
    ).toBe(404);
  });

  it('sends a device going Down after the delay by email (in each person’s language), SMS and a signed webhook, and says when it recovers', async () => {
    const hook = await owner.post<{ webhook: { id: string }; secret: string }>(
      `/api/v1/orgs/${t.client.id}/alerts/webhooks`,
      { name: 'Ticketing', url: `${receiver.url}/hook` },
    );
    expect(hook.status).toBe(201);
    secret = hook.body.secret;
    expect(secret).toMatch(/^whsec_/);
    expect(
      JSON.stringify((await owner.get(`/api/v1/orgs/${t.client.id}/alerts/webhooks`)).body),
    ).not.toContain(secret);
    const rule = await owner.post<{ id: string; channels: string[] }>(
      `/api/v1/orgs/${t.client.id}/alerts/rules`,
      {
        name: 'Devices down',
        condition: { kind: 'device_status', statuses: ['Down'] },
        delayS: 1,
      },
    );
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    expect(rule.body.channels).toEqual(['email', 'sms', 'webhook']);
    const devices = await owner.get<Page<{ id: string; name: string }>>(
      `/api/v1/orgs/${t.client.id}/devices?sort=name`,
    );
    const room2 = devices.body.items.find((d) => d.name === 'Room 2');

    const downAt = Date.now();
    await setStatus(site, [linkDevice(2).id], 'Down');
    const mail = await until('the Down email', () => alertMails(ownerEmail)[0]);
    expect(Date.now() - downAt).toBeGreaterThanOrEqual(1000);
    expect(mail.subject).toBe('[Crosspoint] Down: Room 2 — alerting Client');
    expect(mail.text).toContain(`Room 2 is Down since `);
    expect(mail.text).toContain('Device: Room 2 (CONVERGE Pro 2 48T)');
    expect(mail.text).toContain(`Open: ${publicUrl}/devices/${room2?.id ?? '?'}`);
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@hub\.example\.test>$/);
    const german = await until('the German email', () => alertMails('monitor-de@example.test')[0]);
    expect(german.text).toContain('Room 2 ist Ausgefallen seit');
    expect(german.text).toContain('Sie erhalten diese Nachricht');

    const [call] = await receiver.waitFor('/hook');
    expect(validSignature(call as ReceivedRequest, secret)).toBe(true);
    const body = JSON.parse(call?.body ?? '{}') as {
      id: string;
      type: string;
      incident: { subject: { name: string }; link: string };
    };
    expect(body).toMatchObject({
      type: 'incident.opened',
      incident: { subject: { name: 'Room 2' }, link: `${publicUrl}/devices/${room2?.id ?? '?'}` },
    });
    expect(call?.headers['x-crosspoint-delivery']).toBe(body.id);
    expect(call?.headers['idempotency-key']).toBe(body.id);
    const [sms] = await receiver.waitFor('/sms');
    expect(sms?.headers.authorization).toBe('Bearer sms-token-1');
    const smsBody = JSON.parse(sms?.body ?? '{}') as { to: string; text: string };
    expect(smsBody.to).toBe('+18015550100');
    expect(smsBody.text).toMatch(
      /^Crosspoint: Room 2 is Down since \d\d:\d\d UTC \(alerting Client\)\. https:\/\/hub\.example\.test\/devices\//,
    );

    await setStatus(site, [linkDevice(2).id], 'Healthy');
    const resolved = await until(
      'the resolved email',
      () => alertMails(ownerEmail, (m) => m.subject.includes('Resolved'))[0],
    );
    expect(resolved.subject).toBe('[Crosspoint] Resolved: Down: Room 2 — alerting Client');
    expect(resolved.text).toContain('Room 2 is no longer Down (now Healthy).');
    const germanResolved = await until(
      'the German resolved email',
      () => alertMails('monitor-de@example.test', (m) => m.subject.includes('Behoben'))[0],
    );
    expect(germanResolved.subject).toBe('[Crosspoint] Behoben: Ausgefallen: Room 2 — alerting Client');
    const hooks = await receiver.waitFor('/hook', 2);
    expect(JSON.parse(hooks[1]?.body ?? '{}')).toMatchObject({ type: 'incident.resolved' });
    expect(validSignature(hooks[1] as ReceivedRequest, secret)).toBe(true);
    const texts = await receiver.waitFor('/sms', 2);
    expect(JSON.parse(texts[1]?.body ?? '{}')).toMatchObject({
      text: expect.stringMatching(/^Crosspoint: resolved: Room 2 is no longer Down/) as unknown,
    });

    const log = await until('every delivery sent', async () => {
      const page = await owner.get<Page<Delivery>>(`/api/v1/orgs/${t.client.id}/alerts/deliveries`);
      return page.body.total === 8 && page.body.items.every((d) => d.status === 'sent')
        ? page.body
        : undefined;
    });
    expect(log.items.map((d) => `${d.event}:${d.channel}`).sort()).toEqual(
      [
        'opened:email',
        'opened:email',
        'opened:sms',
        'opened:webhook',
        'resolved:email',
        'resolved:email',
        'resolved:sms',
        'resolved:webhook',
      ].sort(),
    );
    const incidents = await owner.get<Page<Incident>>(
      `/api/v1/orgs/${t.client.id}/alerts/incidents?subjectType=device`,
    );
    expect(incidents.body.items.map((i) => `${i.subject.name}:${i.state}`)).toEqual(['Room 2:resolved']);
    const audit = await owner.get<Page<{ action: string }>>(
      `/api/v1/orgs/${t.client.id}/audit?action=alerts.`,
    );
    expect(audit.body.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['alerts.rule_created', 'alerts.webhook_created', 'alerts.preferences_changed']),
    );
  });

  // The support organization's own rack: its lists are its roll-up, so these look at its own rows.
  it('folds 200 devices of a disconnected agent into one alert for its server', async () => {
    const supportId = t.support.id;
    await owner.post(`/api/v1/orgs/${supportId}/alerts/rules`, {
      name: 'Down',
      condition: { kind: 'device_status', statuses: ['Down'] },
      delayS: 1,
    });
    await owner.post(`/api/v1/orgs/${supportId}/alerts/rules`, {
      name: 'Agent away',
      condition: { kind: 'server_state', states: ['disconnected'] },
      delayS: 1,
    });
    const rack = await connectAgent(hub, owner, supportId, 'Rack B', rackB);
    const ids = rackB;
    const before = alertMails(ownerEmail).length;

    await setStatus(
      rack,
      ids.map((d) => d.id),
      'Down',
    );
    rack.agent.close();
    await rack.agent.waitClosed();
    const mail = await until(
      'the server email',
      () => alertMails(ownerEmail, (m) => m.subject.includes('Rack B'))[0],
    );
    expect(mail.subject).toBe('[Crosspoint] Disconnected: Rack B — alerting AV Integrators');
    expect(mail.text).toContain('Server Rack B is disconnected since');
    expect(mail.text).toContain(
      '200 of the 200 devices on this server are Down; the alerts of 200 of them are folded into this one.',
    );
    await sleep(1500);
    expect(alertMails(ownerEmail).length - before).toBe(1);

    const server = await owner.get<Page<Incident>>(
      `/api/v1/orgs/${supportId}/alerts/incidents?subjectType=server&organizationId=${supportId}`,
    );
    expect(server.body.items).toHaveLength(1);
    expect(server.body.items[0]).toMatchObject({
      state: 'open',
      condition: 'disconnected',
      detail: { devices: 200, down: 200, folded: 200 },
    });
    const folded = await owner.get<Page<Incident>>(
      `/api/v1/orgs/${supportId}/alerts/incidents?subjectType=device&folded=true&limit=500&organizationId=${supportId}`,
    );
    expect(folded.body.total).toBe(200);
    expect(folded.body.items.every((i) => i.foldedInto?.type === 'server' && i.notifiedAt === null)).toBe(
      true,
    );
    const log = await owner.get<Page<Delivery>>(
      `/api/v1/orgs/${supportId}/alerts/deliveries?organizationId=${supportId}`,
    );
    expect(log.body.items.map((d) => `${d.event}:${d.channel}:${d.to}`)).toEqual([
      `opened:email:${ownerEmail}`,
    ]);
    rackBLogin = rack.login;
  });

  it('says the server is back when its agent reconnects and replays, without one alert per device', async () => {
    const before = alertMails(ownerEmail).length;
    const again = await relink(hub, rackBLogin, 'Rack B');
    linked.push(again.agent);
    await sleep(600); // the engine looks in between: the stored statuses are from before the outage
    const seq = again.seq();
    again.agent.send({ type: 'inventory', seq, devices: rackB });
    await again.agent.next('ack', (f) => f.seq === seq);
    const back = await until(
      'the server resolved email',
      () => alertMails(ownerEmail, (m) => m.subject.includes('Resolved: Disconnected: Rack B'))[0],
    );
    expect(back.text).toContain('Server Rack B is connected again.');
    await sleep(2000);
    expect(alertMails(ownerEmail).length - before).toBe(1);
    const open = await owner.get<Page<Incident>>(
      `/api/v1/orgs/${t.support.id}/alerts/incidents?state=open&subjectType=device&organizationId=${t.support.id}`,
    );
    expect(open.body.total).toBe(0);
  });

  it('folds the P-Link peripherals of a host box that is Down into the box’s alert', async () => {
    const supportId = t.support.id;
    const host: LinkDevice = { ...linkDevice(2000), name: 'Stack host' };
    const peripherals: LinkDevice[] = [1, 2, 3].map((n) => ({
      ...linkDevice(2000 + n),
      name: `Ceiling mic ${String(n)}`,
      parentId: host.id,
    }));
    const rack = await connectAgent(hub, owner, supportId, 'Rack C', [host, ...peripherals]);
    const before = alertMails(ownerEmail).length;
    await setStatus(rack, [host.id, ...peripherals.map((p) => p.id)], 'Down');
    const mail = await until(
      'the host email',
      () => alertMails(ownerEmail, (m) => m.subject.includes('Stack host'))[0],
    );
    expect(mail.subject).toBe('[Crosspoint] Down: Stack host — alerting AV Integrators');
    expect(mail.text).toContain(
      '3 P-Link peripherals of this box are down too; their alerts are folded into this one.',
    );
    await sleep(1500);
    expect(alertMails(ownerEmail).length - before).toBe(1);
    const peripheralIncidents = await owner.get<Page<Incident>>(
      `/api/v1/orgs/${supportId}/alerts/incidents?subjectType=device&limit=500&folded=true&organizationId=${supportId}`,
    );
    const intoHost = peripheralIncidents.body.items.filter((i) => i.foldedInto?.type === 'device');
    expect(intoHost.map((i) => i.subject.name).sort()).toEqual([
      'Ceiling mic 1',
      'Ceiling mic 2',
      'Ceiling mic 3',
    ]);
    linked.push(rack.agent); // stays connected: its server going away would be another alert
  });

  it('mutes a device in a maintenance window (recorded, nothing sent) and tells people once the window is gone', async () => {
    const devices = await owner.get<Page<{ id: string; name: string }>>(
      `/api/v1/orgs/${t.client.id}/devices?search=Room 3`,
    );
    const room3 = devices.body.items[0]?.id ?? '';
    const window = await owner.post<{ id: string; active: boolean }>(
      `/api/v1/orgs/${t.client.id}/alerts/maintenance-windows`,
      {
        name: 'Projector swap',
        scope: 'device',
        deviceId: room3,
        schedule: {
          kind: 'once',
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        },
      },
    );
    expect(window.status, JSON.stringify(window.body)).toBe(201);
    expect(window.body.active).toBe(true);
    const before = { mails: alertMails(ownerEmail).length, hooks: receiver.requests.length };
    await setStatus(site, [linkDevice(3).id], 'Down');
    const incident = await until('the muted incident', async () => {
      const page = await owner.get<Page<Incident>>(
        `/api/v1/orgs/${t.client.id}/alerts/incidents?subjectId=${room3}&state=open`,
      );
      return page.body.items[0];
    });
    expect(incident).toMatchObject({ muted: true, notifiedAt: null });
    await sleep(1000);
    expect(alertMails(ownerEmail).length).toBe(before.mails);
    expect(receiver.requests.length).toBe(before.hooks);
    const detail = await owner.get<{ deliveries: unknown[] }>(
      `/api/v1/orgs/${t.client.id}/alerts/incidents/${incident.id}`,
    );
    expect(detail.body.deliveries).toEqual([]);

    expect(
      (await owner.delete(`/api/v1/orgs/${t.client.id}/alerts/maintenance-windows/${window.body.id}`)).status,
    ).toBe(200);
    const mail = await until(
      'the email after the window',
      () => alertMails(ownerEmail, (m) => m.subject.includes('Room 3'))[0],
    );
    expect(mail.subject).toBe('[Crosspoint] Down: Room 3 — alerting Client');
  });
});
