// Usage metering over HTTP with a real agent link and an injected clock: devices linked past the
// plan, a plan raised at noon, the day as JSON and CSV, the support organization's month, bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientUsageReport, UsageReport } from '@crosspoint/protocol';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { buildTenancy, signedIn, type Tenancy } from '../../test/tenancy-fixture.ts';
import type { ApiClient } from '../../test/api-client.ts';
import { linkDevice } from '../../test/fake-agent.ts';
import { connectAgent, type LinkedSite } from '../../test/alert-fixture.ts';

describe('usage routes', () => {
  let hub: HubUnderTest;
  let t: Tenancy;
  let site: LinkedSite;
  let owner: ApiClient;
  let now = new Date('2026-05-04T00:00:00Z');
  const usageOf = (orgId: string, query: string) => `/api/v1/orgs/${orgId}/usage${query}`;

  beforeAll(async () => {
    hub = await startHubForTest({ clock: () => now });
    t = await buildTenancy(hub, 'usage');
    // 12 Pro Audio devices on a plan of 10: two are Overflowed from midnight.
    site = await connectAgent(
      hub,
      t.support.owner,
      t.client.id,
      'Rack U',
      Array.from({ length: 12 }, (_, i) => linkDevice(i + 1)),
    );
    // Overflow shows as the seeds describe: on the client's row, and on the devices past the plan.
    const clients = await t.support.owner.get<{ items: { id: string; status: string }[] }>(
      `/api/v1/orgs/${t.support.id}/clients`,
    );
    expect(clients.body.items.find((c) => c.id === t.client.id)?.status).toBe('Overflow');
    const overflowed = await t.support.owner.get<{ total: number }>(
      `/api/v1/orgs/${t.client.id}/devices?status=Overflowed`,
    );
    expect(overflowed.body.total).toBe(2);
    // Sessions expire by the same clock: the owner signs in again after each jump.
    now = new Date('2026-05-04T12:00:00Z');
    const plan = await (
      await signedIn(hub, t.support.ownerEmail)
    ).patch(`/api/v1/orgs/${t.support.id}/clients/${t.client.id}/plan`, {
      maxDevices: 12,
    });
    expect(plan.status).toBe(200);
    now = new Date('2026-05-05T06:00:00Z');
    owner = await signedIn(hub, t.support.ownerEmail);
  });
  afterAll(async () => {
    site.agent.close();
    await hub.close();
  });

  it('answers a client’s days: device-days, peak, Overflow and the plan, for its support organization', async () => {
    const res = await owner.get<UsageReport>(usageOf(t.client.id, '?from=2026-05-04&to=2026-05-05'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.days).toEqual([
      {
        day: '2026-05-04',
        proAudio: { peak: 12, deviceDays: 11, overflowedPeak: 2 },
        video: { peak: 0, deviceDays: 0, overflowedPeak: 0 },
        overflow: true,
        planMaxDevices: 12,
        partial: false,
      },
      {
        day: '2026-05-05',
        proAudio: { peak: 12, deviceDays: 3, overflowedPeak: 0 },
        video: { peak: 0, deviceDays: 0, overflowedPeak: 0 },
        overflow: false,
        planMaxDevices: 12,
        partial: true,
      },
    ]);
    expect(res.body.total.overflowDays).toBe(1);
  });

  it('lists plan changes with who made them, from the history', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const res = await owner.get<UsageReport>(usageOf(t.client.id, `?from=${today}&to=${today}`));
    expect(res.body.planChanges.map((c) => [c.kind, c.actor, c.previousMaxDevices, c.maxDevices])).toEqual([
      ['created', t.support.ownerEmail, null, 10],
      ['changed', t.support.ownerEmail, 10, 12],
    ]);
  });

  it('exports the days as CSV', async () => {
    const res = await owner.get<string>(usageOf(t.client.id, '/export?month=2026-05'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="usage-.*-2026-05-01-2026-05-31\.csv"$/,
    );
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'day,pro_audio_peak,pro_audio_device_days,video_peak,video_device_days,overflow,overflowed_peak,plan_max_devices,partial',
    );
    expect(lines).toHaveLength(1 + 5);
    expect(lines[4]).toBe('2026-05-04,12,11,0,0,true,2,12,false');
  });

  it('gives the support organization one row per client for a month, as JSON and CSV', async () => {
    const res = await owner.get<ClientUsageReport>(
      `/api/v1/orgs/${t.support.id}/clients/usage?month=2026-05`,
    );
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        orgId: t.client.id,
        planMaxDevices: 12,
        total: {
          // 1–3 May before the client had devices count as 0: 14 device-days over 4.25 days metered.
          proAudio: { deviceDays: 14, averageDevices: 3.29, peak: 12 },
          video: { deviceDays: 0, averageDevices: 0, peak: 0 },
          overflowDays: 1,
          daysMetered: 4.25,
        },
      }),
    ]);
    const csv = await owner.get<string>(`/api/v1/orgs/${t.support.id}/clients/usage/export?month=2026-05`);
    expect(csv.body.split('\r\n')[0]).toMatch(/^month,org_id,name,account_number,/);
    expect(csv.body.split('\r\n')[1]).toContain(`2026-05,${t.client.id},usage Client,`);
  });

  it('refuses bad input with a stable code', async () => {
    for (const query of [
      '?month=2026-13',
      '?from=2026-05-01',
      '?from=2026-05-02&to=2026-05-01',
      '?month=2026-05&from=2026-05-01&to=2026-05-02',
    ]) {
      const res = await owner.get<{ error: { code: string } }>(usageOf(t.client.id, query));
      expect(res.status, query).toBe(400);
      expect(res.body.error.code, query).toBe('VALIDATION_FAILED');
    }
    const notSupport = await owner.get<{ error: { code: string } }>(
      `/api/v1/orgs/${t.client.id}/clients/usage`,
    );
    expect(notSupport.status).toBe(400);
  });
});
