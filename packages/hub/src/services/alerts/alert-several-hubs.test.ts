// Three hubs on one PostgreSQL (and NATS) all run the alert engine and the sender: every incident
// is opened once and every message sent once, whichever hub gets there first; a grouped email
// (one digest for the devices after the first) is sent by one hub only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import {
  createTestDatabase,
  laneAvailable,
  natsTestUrl,
  postgresAdminUrl,
  type TestDatabase,
} from '../../test/real-servers.ts';
import { startSmtpSink } from '../../test/smtp-sink.ts';
import { defaultGroupTiming } from '../../repositories/alert-delivery-groups.ts';
import { startHttpReceiver } from '../../test/http-receiver.ts';
import { buildTenancy, signedIn, type Tenancy } from '../../test/tenancy-fixture.ts';
import { linkDevice } from '../../test/fake-agent.ts';
import {
  connectAgent,
  setStatus,
  sleep,
  until,
  type DeliveryView,
  type IncidentView,
  type LinkedSite,
  type Page,
} from '../../test/alert-fixture.ts';

const run =
  (await laneAvailable('PostgreSQL', postgresAdminUrl)) && (await laneAvailable('NATS', natsTestUrl));

describe.skipIf(!run)('alerts on several hubs (PostgreSQL + NATS)', () => {
  let db: TestDatabase;
  let hubs: HubUnderTest[] = [];
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let receiver: Awaited<ReturnType<typeof startHttpReceiver>>;
  let site: LinkedSite | undefined;
  let t: Tenancy;
  const devices = Array.from({ length: 10 }, (_, i) => linkDevice(i + 1));

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await startSmtpSink();
    receiver = await startHttpReceiver({ delayMs: 20 });
    const shared = {
      database: { kind: 'postgres' as const, url: db.url },
      config: {
        natsUrl: natsTestUrl,
        smtpUrl: smtp.url,
        publicUrl: 'https://hub.example.test',
        webhookAllowPrivate: true,
      },
      alerts: {
        // A digest held long enough that three hubs opening the incidents never split it in two.
        engine: {
          tickMs: 100,
          resyncGraceMs: 0,
          grouping: { ...defaultGroupTiming, quietMs: 1500, holdMs: 3000 },
        },
        delivery: { everyMs: 100, batch: 3 },
      },
    };
    hubs = [await startHubForTest(shared), await startHubForTest(shared), await startHubForTest(shared)];
    const [a] = hubs;
    if (!a) throw new Error('no hubs');
    t = await buildTenancy(a, 'several');
    const owner = t.support.owner;
    await owner.post(`/api/v1/orgs/${t.client.id}/alerts/webhooks`, {
      name: 'NOC',
      url: `${receiver.url}/hook`,
    });
    await owner.post(`/api/v1/orgs/${t.client.id}/alerts/rules`, {
      name: 'Down',
      condition: { kind: 'device_status', statuses: ['Down'] },
      delayS: 0,
      channels: ['email', 'webhook'],
    });
    site = await connectAgent(a, owner, t.client.id, 'Rack', devices);
  }, 180_000);
  afterAll(async () => {
    site?.agent.close();
    for (const h of hubs) await h.close();
    await smtp.close();
    await receiver.close();
    await db.drop();
  });

  it('opens each incident once and sends each message once', async () => {
    const b = hubs[1];
    if (!b || !site) throw new Error('no hubs');
    await setStatus(
      site,
      devices.map((d) => d.id),
      'Down',
    );

    const mails = () =>
      smtp.mails.filter((m) => m.to === t.support.ownerEmail && m.subject.startsWith('[Crosspoint]'));
    await receiver.waitFor('/hook', 10);
    // Email is grouped (docs/alerts.md, "Grouped messages"): the first alert at once, the other
    // devices in one digest — claimed by one hub only. Each device is named exactly once.
    const named = () =>
      mails().flatMap((m) => [...m.text.matchAll(/\/devices\/([0-9a-f-]{36})\b/g)].map((x) => x[1]));
    await until('the ten devices in alert mails', () => (named().length >= 10 ? true : undefined));
    await sleep(2500);
    expect(receiver.requests).toHaveLength(10);
    expect(new Set(receiver.requests.map((r) => r.headers['x-crosspoint-delivery'])).size).toBe(10);
    expect(named()).toHaveLength(10);
    expect(new Set(named()).size).toBe(10);
    expect(mails()).toHaveLength(2);
    expect(mails()[0]?.subject).toMatch(/^\[Crosspoint\] Down: Room \d+ — several Client$/);
    expect(mails()[1]?.subject).toBe('[Crosspoint] Down: 9 devices — several Client');
    expect(new Set(mails().map((m) => m.messageId)).size).toBe(mails().length);

    const onB = await signedIn(b, t.support.ownerEmail);
    const incidents = await onB.get<Page<IncidentView>>(`/api/v1/orgs/${t.client.id}/alerts/incidents`);
    expect(incidents.body.total).toBe(10);
    const log = await onB.get<Page<DeliveryView>>(`/api/v1/orgs/${t.client.id}/alerts/deliveries?limit=100`);
    expect(log.body.total).toBe(20);
    expect(log.body.items.every((d) => d.status === 'sent' && d.attempts === 1)).toBe(true);
  }, 120_000);
});
