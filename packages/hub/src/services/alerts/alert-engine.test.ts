// The alert engine on a movable clock (no timers: each step evaluates on demand), with a real hub,
// a scripted agent and no SMTP server or SMS provider, so every message is kept in the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { buildTenancy, type Tenancy } from '../../test/tenancy-fixture.ts';
import { linkDevice } from '../../test/fake-agent.ts';
import type { ApiClient } from '../../test/api-client.ts';
import {
  connectAgent,
  setStatus,
  verifySmsNumber,
  type DeliveryView,
  type IncidentView,
  type LinkedSite,
  type Page,
} from '../../test/alert-fixture.ts';
import { isoDay } from '../context.ts';

describe('alert engine: delay, repeat, flap damping, plans, server monitoring, kept messages', () => {
  let now = Date.now();
  const advance = (seconds: number) => (now += seconds * 1000);
  let hub: HubUnderTest;
  let t: Tenancy;
  let owner: ApiClient;
  let site: LinkedSite;
  const ownerEmail = 'owner-clock@example.test';
  const evaluate = async () => {
    await hub.services.alertEngine.evaluateAll();
    await hub.services.alertDeliveries.flush();
  };
  // Each organization's own rows (a support organization's lists are its roll-up: its clients' too).
  const deliveries = async (orgId: string) =>
    (
      await owner.get<Page<DeliveryView>>(
        `/api/v1/orgs/${orgId}/alerts/deliveries?limit=500&organizationId=${orgId}`,
      )
    ).body.items;
  const incidents = async (orgId: string, query = '') =>
    (
      await owner.get<Page<IncidentView>>(
        `/api/v1/orgs/${orgId}/alerts/incidents?limit=500&organizationId=${orgId}${query}`,
      )
    ).body.items;

  beforeAll(async () => {
    hub = await startHubForTest({
      clock: () => new Date(now),
      config: { alertQuietS: 300 },
      alerts: { engine: { tickMs: 0 }, delivery: { everyMs: 100 } },
    });
    t = await buildTenancy(hub, 'clock');
    owner = t.support.owner;
    await verifySmsNumber(hub, owner, '+41445550100');
    await owner.put(`/api/v1/me/alert-preferences/${t.client.id}`, { sms: true });
    site = await connectAgent(
      hub,
      owner,
      t.client.id,
      'Rack',
      [1, 2, 3].map((n) => linkDevice(n)),
    );
  }, 180_000);
  afterAll(async () => {
    site.agent.close();
    await hub.close();
  });

  it('opens after the delay, repeats while it fails, resolves, and keeps the messages without SMTP or SMS provider', async () => {
    const rule = await owner.post<{ id: string }>(`/api/v1/orgs/${t.client.id}/alerts/rules`, {
      name: 'Down 1 min',
      condition: { kind: 'device_status', statuses: ['Down', 'Login Failed'] },
      delayS: 60,
      repeatS: 600,
    });
    expect(rule.status).toBe(201);
    await setStatus(site, [linkDevice(1).id], 'Down', now);
    await evaluate();
    expect((await incidents(t.client.id)).map((i) => i.state)).toEqual(['pending']);
    advance(30);
    await setStatus(site, [linkDevice(1).id], 'Login Failed', now); // still failing: the same incident, the same delay
    await evaluate();
    expect((await incidents(t.client.id)).map((i) => `${i.state}:${i.condition}`)).toEqual([
      'pending:Login Failed',
    ]);
    advance(31);
    await evaluate();
    expect((await incidents(t.client.id)).map((i) => i.state)).toEqual(['open']);
    const opened = await deliveries(t.client.id);
    expect(opened.map((d) => `${d.event}:${d.channel}:${d.status}:${d.to}`).sort()).toEqual([
      `opened:email:kept:${ownerEmail}`,
      'opened:sms:kept:+41445550100',
    ]);
    const [kept] = await hub.services.mail.recent(1, ownerEmail);
    expect(kept).toMatchObject({
      subject: '[Crosspoint] Login Failed: Room 1 — clock Client',
      status: 'kept',
      kind: 'alert',
    });

    advance(600);
    await evaluate();
    advance(300);
    await evaluate();
    const repeated = (await deliveries(t.client.id)).filter((d) => d.event.startsWith('repeat'));
    expect(repeated.map((d) => `${d.event}:${d.channel}`).sort()).toEqual(['repeat:1:email', 'repeat:1:sms']);
    expect(repeated.find((d) => d.channel === 'email')?.subject).toBe(
      '[Crosspoint] Still Login Failed: Room 1 — clock Client',
    );

    await setStatus(site, [linkDevice(1).id], 'Healthy', now);
    await evaluate();
    const [resolved] = await incidents(t.client.id);
    expect(resolved?.state).toBe('resolved');
    expect((await deliveries(t.client.id)).filter((d) => d.event === 'resolved')).toHaveLength(2);
  });

  it('damps flapping: a subject resolved less than the quiet period ago opens again only after it', async () => {
    advance(10);
    await setStatus(site, [linkDevice(1).id], 'Down', now);
    await evaluate();
    advance(61);
    await evaluate();
    expect((await incidents(t.client.id)).map((i) => i.state)).toEqual(['pending', 'resolved']);
    advance(230); // 301 s since it was resolved
    await evaluate();
    const [again] = await incidents(t.client.id);
    expect(again).toMatchObject({ state: 'open', openedAt: new Date(now).toISOString() });
    // A short blip below the delay never becomes an incident at all.
    await setStatus(site, [linkDevice(2).id], 'Down', now);
    await evaluate();
    advance(5);
    await setStatus(site, [linkDevice(2).id], 'Healthy', now);
    await evaluate();
    expect((await incidents(t.client.id)).filter((i) => i.subject.name === 'Room 2')).toEqual([]);
  });

  it('resolves the incidents of a disabled rule quietly', async () => {
    const [rule] = (await owner.get<{ items: { id: string }[] }>(`/api/v1/orgs/${t.client.id}/alerts/rules`))
      .body.items;
    const before = (await deliveries(t.client.id)).length;
    await owner.patch(`/api/v1/orgs/${t.client.id}/alerts/rules/${rule?.id ?? ''}`, { enabled: false });
    await evaluate();
    const [last] = await incidents(t.client.id);
    expect(last).toMatchObject({ state: 'resolved', detail: { resolvedBy: 'rule disabled' } });
    expect(await deliveries(t.client.id)).toHaveLength(before);
  });

  it('alerts a support organization when a client overflows its plan, and a client whose plan is about to end', async () => {
    await owner.post(`/api/v1/orgs/${t.support.id}/alerts/rules`, {
      name: 'Overflow',
      condition: { kind: 'plan_overflow' },
      delayS: 0,
    });
    await owner.post(`/api/v1/orgs/${t.client.id}/alerts/rules`, {
      name: 'Plan ending',
      condition: { kind: 'plan_expiry', warnDays: 30 },
      delayS: 0,
      channels: ['email'],
    });
    await evaluate();
    expect(await incidents(t.support.id)).toEqual([]);

    await owner.patch(`/api/v1/orgs/${t.support.id}/clients/${t.client.id}/plan`, { maxDevices: 2 });
    await evaluate();
    const [overflow] = await incidents(t.support.id);
    expect(overflow).toMatchObject({
      state: 'open',
      condition: 'Overflow',
      subject: { type: 'organization', name: 'clock Client' },
      detail: { devices: 3, planMaxDevices: 2 },
    });
    const mail = (await deliveries(t.support.id)).find((d) => d.channel === 'email');
    expect(mail?.subject).toBe('[Crosspoint] Plan overflow: clock Client — clock AV Integrators');
    await owner.patch(`/api/v1/orgs/${t.support.id}/clients/${t.client.id}/plan`, { maxDevices: 10 });
    await evaluate();
    expect((await incidents(t.support.id)).map((i) => i.state)).toEqual(['resolved']);

    const end = isoDay(new Date(now + 10 * 86_400_000));
    await owner.patch(`/api/v1/orgs/${t.support.id}/clients/${t.client.id}/plan`, { end });
    await evaluate();
    const [ending] = await incidents(t.client.id, '&subjectType=organization');
    expect(ending).toMatchObject({
      state: 'open',
      condition: 'Expiring',
      detail: { planEnd: end, daysLeft: 10 },
    });
    const notice = (await deliveries(t.client.id)).find((d) => d.incidentId === ending?.id);
    expect(notice?.subject).toBe('[Crosspoint] Plan ending: clock Client — clock Client');
  });

  it('alerts when a server’s monitoring system reports Issue, and when it is Active again', async () => {
    await owner.post(`/api/v1/orgs/${t.client.id}/alerts/rules`, {
      name: 'Monitoring',
      condition: { kind: 'server_state', states: ['monitoring_issue', 'monitoring_off'] },
      delayS: 0,
      channels: ['email'],
    });
    site.agent.send({ type: 'heartbeat', at: now, monitoring: 'issue', sessions: 3 });
    const issue = await (async () => {
      for (let i = 0; i < 50; i++) {
        await evaluate();
        const [found] = await incidents(t.client.id, '&subjectType=server');
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      return undefined;
    })();
    expect(issue).toMatchObject({ state: 'open', condition: 'monitoring_issue', subject: { name: 'Rack' } });
    expect((await deliveries(t.client.id)).find((d) => d.incidentId === issue?.id)?.subject).toBe(
      '[Crosspoint] Monitoring Issue: Rack — clock Client',
    );
    site.agent.send({ type: 'heartbeat', at: now, monitoring: 'active', sessions: 3 });
    for (
      let i = 0;
      i < 50 && (await incidents(t.client.id, '&subjectType=server&state=open')).length > 0;
      i++
    ) {
      await new Promise((r) => setTimeout(r, 50));
      await evaluate();
    }
    const events = (await deliveries(t.client.id))
      .filter((d) => d.incidentId === issue?.id)
      .map((d) => d.event);
    expect(events.sort()).toEqual(['opened', 'resolved']);
  });
});
