// Alert webhooks in the formats people paste into: a Slack incoming webhook and a Microsoft Teams
// one get a message they can show, over real HTTP, beside our signed JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { startHttpReceiver, type ReceivedRequest } from '../../test/http-receiver.ts';
import { buildTenancy, type Tenancy } from '../../test/tenancy-fixture.ts';
import { linkDevice } from '../../test/fake-agent.ts';
import { connectAgent, setStatus, validSignature, type LinkedSite } from '../../test/alert-fixture.ts';

const publicUrl = 'https://hub.example.test';
type Block = {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { url: string }[];
};
type Card = {
  type: string;
  attachments: {
    contentType: string;
    content: {
      type: string;
      version: string;
      body: { type: string; text?: string; color?: string; facts?: { title: string; value: string }[] }[];
      actions?: { type: string; url: string }[];
    };
  }[];
};

describe('alert webhooks in Slack and Microsoft Teams formats', () => {
  let hub: HubUnderTest;
  let receiver: Awaited<ReturnType<typeof startHttpReceiver>>;
  let t: Tenancy;
  let site: LinkedSite;
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    receiver = await startHttpReceiver();
    hub = await startHubForTest({
      config: { publicUrl, webhookAllowPrivate: true },
      alerts: { engine: { tickMs: 200, resyncGraceMs: 1500 }, delivery: { everyMs: 200, retryBaseMs: 200 } },
    });
    t = await buildTenancy(hub, 'chat');
    for (const [format, name] of [
      ['slack', 'Slack #av-alerts'],
      ['teams', 'Teams AV channel'],
      [undefined, 'Ticketing'],
    ] as const) {
      const made = await t.support.owner.post<{ webhook: { format: string }; secret: string }>(
        `/api/v1/orgs/${t.client.id}/alerts/webhooks`,
        { name, url: `${receiver.url}/${format ?? 'json'}`, ...(format ? { format } : {}) },
      );
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      expect(made.body.webhook.format).toBe(format ?? 'crosspoint');
      secrets[format ?? 'json'] = made.body.secret;
    }
    await t.support.owner.post(`/api/v1/orgs/${t.client.id}/alerts/rules`, {
      name: 'Devices down',
      condition: { kind: 'device_status', statuses: ['Down'] },
      delayS: 1,
      channels: ['webhook'],
    });
    site = await connectAgent(hub, t.support.owner, t.client.id, 'HQ Rack', [linkDevice(1), linkDevice(2)]);
  }, 120_000);
  afterAll(async () => {
    site.agent.close();
    await hub.close();
    await receiver.close();
  });

  it('a device going Down reaches Slack as Block Kit and Teams as an Adaptive Card, each signed too', async () => {
    await setStatus(site, [linkDevice(2).id], 'Down');
    const [slack] = await receiver.waitFor('/slack');
    const [teams] = await receiver.waitFor('/teams');
    const [json] = await receiver.waitFor('/json');

    const s = JSON.parse(slack?.body ?? '{}') as { text: string; blocks: Block[] };
    expect(s.text).toBe(':red_circle: Down: Room 2 — chat Client');
    expect(s.blocks[0]?.text?.text).toBe(':red_circle: *Down: Room 2 — chat Client*');
    expect(s.blocks[1]?.fields?.map((f) => f.text)).toEqual(
      expect.arrayContaining(['*Organization*\nchat Client', '*Device*\nRoom 2', '*Rule*\nDevices down']),
    );
    expect(s.blocks[2]?.elements?.[0]?.url).toMatch(new RegExp(`^${publicUrl}/devices/[0-9a-f-]{36}$`));

    const c = JSON.parse(teams?.body ?? '{}') as Card;
    expect(c.type).toBe('message');
    const card = c.attachments[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card?.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(card?.content.body[0]).toMatchObject({
      type: 'TextBlock',
      text: 'Down: Room 2 — chat Client',
      color: 'attention',
    });
    expect(card?.content.body[1]?.facts).toEqual(
      expect.arrayContaining([
        { title: 'Device', value: 'Room 2' },
        { title: 'State', value: 'open' },
      ]),
    );
    expect(card?.content.actions?.[0]).toMatchObject({ type: 'Action.OpenUrl' });

    // Our JSON is unchanged, and every format carries the signature.
    expect(JSON.parse(json?.body ?? '{}')).toMatchObject({ type: 'incident.opened' });
    for (const [call, key] of [
      [slack, 'slack'],
      [teams, 'teams'],
      [json, 'json'],
    ] as const) {
      expect(validSignature(call as ReceivedRequest, secrets[key] ?? '')).toBe(true);
    }
  });

  it('resolving turns the message green', async () => {
    await setStatus(site, [linkDevice(2).id], 'Healthy');
    const slack = await receiver.waitFor('/slack', 2);
    expect(JSON.parse(slack[1]?.body ?? '{}')).toMatchObject({
      text: expect.stringMatching(/^:large_green_circle: Resolved: Down: Room 2/) as unknown,
    });
    const teams = await receiver.waitFor('/teams', 2);
    expect((JSON.parse(teams[1]?.body ?? '{}') as Card).attachments[0]?.content.body[0]?.color).toBe('good');
  });

  it('a webhook changes format, and an unknown format is refused', async () => {
    const list = await t.support.owner.get<{ items: { id: string; name: string; format: string }[] }>(
      `/api/v1/orgs/${t.client.id}/alerts/webhooks`,
    );
    const ticketing = list.body.items.find((w) => w.name === 'Ticketing');
    const changed = await t.support.owner.patch<{ webhook: { format: string } }>(
      `/api/v1/orgs/${t.client.id}/alerts/webhooks/${ticketing?.id ?? ''}`,
      { format: 'teams' },
    );
    expect(changed.body.webhook.format).toBe('teams');
    const bad = await t.support.owner.patch<{ error: { code: string } }>(
      `/api/v1/orgs/${t.client.id}/alerts/webhooks/${ticketing?.id ?? ''}`,
      { format: 'discord' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });
});
