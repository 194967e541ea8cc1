// Alert deliveries whose peers fail, through the whole pipeline: a real hub with the default
// private-address guards on, a scripted agent reporting a device Down, a webhook whose host does
// not resolve (this used to end the hub process inside the DNS lookup's callback, and again on
// every restart, the delivery still queued), an organization SMTP server that does not resolve and
// an SMS provider whose port is closed. Each delivery fails on its own with its reason, is retried
// with backoff, then given up, while the hub goes on serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import {
  connectAgent,
  setStatus,
  until,
  verifySmsNumber,
  type DeliveryView,
  type LinkedSite,
  type Page,
} from '../../test/alert-fixture.ts';
import { linkDevice } from '../../test/fake-agent.ts';
import { unresolvableHost } from '../../test/failing-peers.ts';
import { startHttpReceiver } from '../../test/http-receiver.ts';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { buildTenancy, type Tenancy } from '../../test/tenancy-fixture.ts';

describe('alert deliveries to peers that fail', () => {
  let hub: HubUnderTest;
  let sms: Awaited<ReturnType<typeof startHttpReceiver>>;
  let t: Tenancy;
  let owner: ApiClient;
  let site: LinkedSite;
  const escaped: unknown[] = [];
  const keep = (e: unknown) => escaped.push(e);
  const deliveries = async () =>
    (await owner.get<Page<DeliveryView>>(`/api/v1/orgs/${t.client.id}/alerts/deliveries?limit=50`)).body
      .items;

  beforeAll(async () => {
    process.on('uncaughtException', keep);
    process.on('unhandledRejection', keep);
    sms = await startHttpReceiver();
    hub = await startHubForTest({
      // Webhooks and organizations' SMTP servers guarded against private networks, as by default.
      config: {
        smsUrl: `${sms.url}/sms`,
        smsToken: 'sms-token',
        webhookAllowPrivate: false,
        smtpAllowPrivate: false,
      },
      alerts: {
        engine: { tickMs: 200, resyncGraceMs: 0 },
        delivery: { everyMs: 150, retryBaseMs: 600, maxAttempts: 3 },
      },
    });
    t = await buildTenancy(hub, 'failing');
    owner = t.support.owner;
    // The code arrives while the provider answers; then the provider goes away (its port closed).
    await verifySmsNumber(hub, owner, '+18015550111', sms);
    await sms.close();
    expect(
      (await owner.put(`/api/v1/me/alert-preferences/${t.client.id}`, { sms: true, email: true })).status,
    ).toBe(200);
    const smtp = await owner.put(`/api/v1/orgs/${t.client.id}/alerts/smtp`, {
      host: `mail.${unresolvableHost}`,
      port: 25,
      security: 'none',
      from: 'alerts@example.test',
    });
    expect(smtp.status, JSON.stringify(smtp.body)).toBe(200);
    const hook = await owner.post(`/api/v1/orgs/${t.client.id}/alerts/webhooks`, {
      name: 'NOC',
      url: `https://${unresolvableHost}/hook`,
    });
    expect(hook.status, JSON.stringify(hook.body)).toBe(201);
    const rule = await owner.post(`/api/v1/orgs/${t.client.id}/alerts/rules`, {
      name: 'Down now',
      condition: { kind: 'device_status', statuses: ['Down'] },
      delayS: 0,
      channels: ['email', 'sms', 'webhook'],
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    site = await connectAgent(hub, owner, t.client.id, 'Rack', [linkDevice(1), linkDevice(2)]);
  }, 180_000);
  afterAll(async () => {
    process.off('uncaughtException', keep);
    process.off('unhandledRejection', keep);
    site.agent.close();
    await hub.close();
  });

  it('fails each delivery with its reason, retries with backoff, gives up, and keeps serving', async () => {
    await setStatus(site, [linkDevice(1).id], 'Down');
    const reasons = {
      email: /ENOTFOUND/,
      sms: /^The SMS provider unreachable: .*ECONNREFUSED/,
      webhook: /^The webhook receiver unreachable: .*ENOTFOUND/,
    };

    // Retrying: each channel's first attempt failed, the reason logged, the row queued again.
    const retrying = await until('a failed first attempt on every channel', async () => {
      const rows = (await deliveries()).filter(
        (d) => d.status === 'queued' && d.attempts >= 1 && d.lastError,
      );
      return (['email', 'sms', 'webhook'] as const).every((c) => rows.some((d) => d.channel === c))
        ? rows
        : undefined;
    });
    for (const d of retrying)
      expect(d.lastError, d.channel).toMatch(reasons[d.channel as keyof typeof reasons]);
    expect((await hub.get('/healthz')).status).toBe(200);

    // Given up after the last attempt, each for its own reason.
    const done = await until('every delivery given up', async () => {
      const rows = await deliveries();
      return rows.length === 3 && rows.every((d) => d.status === 'failed') ? rows : undefined;
    });
    for (const d of done) {
      expect(d.attempts, d.channel).toBe(3);
      expect(d.lastError, d.channel).toMatch(reasons[d.channel as keyof typeof reasons]);
    }

    // The hub is still up: it answers, takes the next report and opens the next incident.
    expect((await hub.get('/healthz')).status).toBe(200);
    await setStatus(site, [linkDevice(2).id], 'Down');
    await until('the next incident’s deliveries', async () =>
      (await deliveries()).length === 6 ? true : undefined,
    );
    expect(escaped).toEqual([]);
  }, 60_000);
});
