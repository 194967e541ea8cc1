// Durable alert delivery with a real hub on PGlite in a folder, a real SMTP server and a real
// webhook receiver: a hub closed mid-delivery and started again on the same data sends every
// message exactly once; failures are retried with backoff and logged; a row whose sender died is
// taken over when its lease runs out, with the same idempotency key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { startSmtpSink } from '../../test/smtp-sink.ts';
import { startHttpReceiver } from '../../test/http-receiver.ts';
import { tempDir } from '../../test/temp-dir.ts';
import { buildTenancy, signedIn } from '../../test/tenancy-fixture.ts';
import { linkDevice } from '../../test/fake-agent.ts';
import type { ApiClient } from '../../test/api-client.ts';
import {
  connectAgent,
  relink,
  setStatus,
  until,
  validSignature,
  type DeliveryView,
  type LinkedSite,
  type Page,
} from '../../test/alert-fixture.ts';
import { alertDeliveries, alertIncidents, alertWebhooks } from '../../db/schema/index.ts';
import { AlertDeliveryRepository } from '../../repositories/alert-delivery.repository.ts';

describe('alert deliveries across a hub restart', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let receiver: Awaited<ReturnType<typeof startHttpReceiver>>;
  let hub: HubUnderTest | undefined;
  let owner: ApiClient;
  let clientId: string;
  let secret: string;
  let site: LinkedSite | undefined;
  const ownerEmail = 'owner-restart@example.test';
  const alertMails = () =>
    smtp.mails.filter((m) => m.to === ownerEmail && m.subject.startsWith('[Crosspoint]'));
  const hooks = () => receiver.requests.filter((r) => r.path === '/hook');
  const start = () =>
    startHubForTest({
      database: { kind: 'pglite', dataDir: dir.path },
      config: { smtpUrl: smtp.url, publicUrl: 'https://hub.example.test', webhookAllowPrivate: true },
      alerts: {
        engine: { tickMs: 200, resyncGraceMs: 0 },
        delivery: { everyMs: 200, batch: 2, retryBaseMs: 300 },
      },
    });
  const deliveries = async (query = '') =>
    (await owner.get<Page<DeliveryView>>(`/api/v1/orgs/${clientId}/alerts/deliveries?limit=500${query}`))
      .body;

  const devices = [1, 2, 3, 4, 5, 6].map((n) => linkDevice(n));

  beforeAll(async () => {
    dir = await tempDir('cp-alert-restart');
    smtp = await startSmtpSink();
    receiver = await startHttpReceiver({ delayMs: 300 });
    hub = await start();
    const t = await buildTenancy(hub, 'restart');
    owner = t.support.owner;
    clientId = t.client.id;
    secret = (
      await owner.post<{ secret: string }>(`/api/v1/orgs/${clientId}/alerts/webhooks`, {
        name: 'NOC',
        url: `${receiver.url}/hook`,
      })
    ).body.secret;
    await owner.post(`/api/v1/orgs/${clientId}/alerts/rules`, {
      name: 'Down now',
      condition: { kind: 'device_status', statuses: ['Down'] },
      delayS: 0,
      channels: ['email', 'webhook'],
    });
    site = await connectAgent(hub, owner, clientId, 'Rack R', devices);
  }, 180_000);
  afterAll(async () => {
    site?.agent.close();
    await hub?.close();
    await smtp.close();
    await receiver.close();
    await dir.remove();
  });

  it('sends nothing twice and loses nothing when the hub is closed mid-delivery and restarted on the same data', async () => {
    const first = hub;
    if (!first || !site) throw new Error('no hub or agent');
    await setStatus(
      site,
      devices.map((d) => d.id),
      'Down',
    );
    await receiver.waitFor('/hook'); // a webhook call is in flight: its answer is held back 300 ms
    const [sealed] = await first.database.db.select().from(alertWebhooks);
    expect(sealed?.secret).toMatch(/^v1\./);
    expect(sealed?.secret).not.toContain(secret);
    // As a hub from before secrets were sealed stored it: sealed again when the next hub starts.
    await first.database.db.update(alertWebhooks).set({ secret });
    await first.close();
    hub = undefined;
    const before = { hooks: hooks().length, mails: alertMails().length };
    expect(before.hooks).toBeGreaterThanOrEqual(1);
    expect(before.hooks + before.mails).toBeLessThan(12);

    hub = await start();
    owner = await signedIn(hub, ownerEmail);
    await receiver.waitFor('/hook', 6);
    // Email is grouped (docs/alerts.md, "Grouped messages"): the first device's alert at once, the
    // others held in the database for one digest, which the restarted hub sends.
    const named = () =>
      alertMails().flatMap((m) => [...m.text.matchAll(/\/devices\/([0-9a-f-]{36})\b/g)].map((x) => x[1]));
    await until('the six devices in alert mails', () => (named().length >= 6 ? true : undefined));
    // Once no row is queued or being sent, no sender holds or can claim one: nothing more can go out.
    await until('every delivery recorded', async () => {
      const page = await deliveries();
      return page.total === 12 && page.items.every((d) => d.status !== 'queued' && d.status !== 'sending')
        ? true
        : undefined;
    });
    expect(hooks()).toHaveLength(6);
    expect(new Set(hooks().map((h) => h.headers['x-crosspoint-delivery'])).size).toBe(6);
    expect(hooks().every((h) => validSignature(h, secret))).toBe(true);
    const [resealed] = await hub.database.db.select().from(alertWebhooks);
    expect(resealed?.secret).toMatch(/^v1\./);
    expect(named()).toHaveLength(6);
    expect(new Set(named()).size).toBe(6);
    expect(alertMails().length).toBeLessThanOrEqual(2);
    expect(new Set(alertMails().map((m) => m.messageId)).size).toBe(alertMails().length);
    const names = alertMails().flatMap((m) => [...m.text.matchAll(/• (Room \d+) /g)].map((x) => x[1]));
    const single = alertMails().flatMap(
      (m) => /^\[Crosspoint\] Down: (Room \d+) — restart Client$/.exec(m.subject)?.[1] ?? [],
    );
    expect(new Set([...names, ...single])).toEqual(new Set(devices.map((d) => d.name)));

    const log = await deliveries();
    expect(log.total).toBe(12);
    // Shows the rows that did not go out at the first attempt, with their last error.
    expect(log.items.filter((d) => d.status !== 'sent' || d.attempts !== 1)).toEqual([]);
  }, 120_000);

  it('retries a receiver that fails with backoff, logs why, and gives up at once on a final answer', async () => {
    if (!hub) throw new Error('no hub');
    site = await relink(hub, site?.login ?? '', 'Rack R');
    receiver.settings.status = 503;
    await setStatus(site, [linkDevice(1).id], 'Healthy');
    const failed = await until('a failed attempt', async () =>
      (await deliveries('&channel=webhook&status=queued')).items.find(
        (d) => d.event === 'resolved' && d.attempts === 1 && d.lastError,
      ),
    );
    expect(failed.lastError).toMatch(/^The webhook receiver answered 503/);
    receiver.settings.status = 200;
    const sent = await until('the retry', async () =>
      (await deliveries('&channel=webhook&status=sent')).items.find((d) => d.id === failed.id),
    );
    expect(sent.attempts).toBe(2);
    expect(sent.lastError).toBeNull();

    receiver.settings.status = 410;
    await setStatus(site, [linkDevice(2).id], 'Healthy');
    const gone = await until(
      'a final failure',
      async () => (await deliveries('&channel=webhook&status=failed')).items[0],
    );
    expect(gone).toMatchObject({
      event: 'resolved',
      attempts: 1,
      lastError: expect.stringMatching(/^The webhook receiver answered 410/) as unknown,
    });
    receiver.settings.status = 200;
  });

  it('takes a row over from a sender that died mid-send once its lease has run out, with the same idempotency key', async () => {
    if (!hub) throw new Error('no hub');
    const db = hub.database.db;
    const [incident] = await db.select().from(alertIncidents).limit(1);
    const [webhookRow] = await db
      .select()
      .from(alertDeliveries)
      .where(eq(alertDeliveries.channel, 'webhook'))
      .limit(1);
    if (!incident || !webhookRow) throw new Error('fixture missing');
    // What a hub that died right after claiming leaves behind: 'sending', its lease, one attempt.
    const leaseUntil = Date.now() + 700;
    const [orphan] = await db
      .insert(alertDeliveries)
      .values({
        orgId: incident.orgId,
        incidentId: incident.id,
        event: 'repeat:99',
        channel: 'webhook',
        recipient: webhookRow.recipient,
        address: webhookRow.address,
        text: 'lease test',
        payload: { type: 'incident.repeated' },
        status: 'sending',
        attempts: 1,
        leaseToken: 'dead-hub',
        leaseUntil: new Date(leaseUntil),
      })
      .returning();
    if (!orphan) throw new Error('insert failed');
    const takeover = await until('the takeover', () =>
      hooks().find((h) => h.headers['x-crosspoint-delivery'] === orphan.key),
    );
    // Not before the dead sender's lease ran out (the receiver notes when each call arrived).
    expect(takeover.at).toBeGreaterThanOrEqual(leaseUntil);
    const row = await until('the takeover recorded', async () => {
      const [r] = await db.select().from(alertDeliveries).where(eq(alertDeliveries.id, orphan.id));
      return r?.status === 'sent' ? r : undefined;
    });
    expect(row.attempts).toBe(2);
    // The dead sender, had it come back, could no longer record anything for the row.
    expect(
      await new AlertDeliveryRepository(db).finish(orphan.id, 'dead-hub', { status: 'sent', at: new Date() }),
    ).toBe(false);
  });
});
