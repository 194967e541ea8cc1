// The demo as a small integrator's business (issue #25), end to end on a real hub (PGlite), the
// simulator and one real agent per client, checked through the API as the demo owner sees it: four
// clients under "Demo AV Integrators", each with its agent linked, its devices named after its rooms
// and placed in its location tree, two alert rules, the bank over its plan (Overflowed devices), and
// the support organization's dashboard counting the whole fleet. Seeding again adds nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts, demoClients, loadHubConfig, startHub, type RunningHub } from '@crosspoint/hub';
import { signedIn, type ApiClient } from '@crosspoint/hub/testing';
import type { DeviceRow, DeviceSummary } from '@crosspoint/protocol';
import { startDemoSite, type DemoSite } from './demo-site.ts';

describe('the demo business', () => {
  let dir: string;
  let hub: RunningHub;
  let site: DemoSite;
  let owner: ApiClient;
  let supportId: string;
  let business: Awaited<ReturnType<RunningHub['services']['bootstrap']['seedDemoBusiness']>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cp-demo-business-'));
    hub = await startHub({
      ...loadHubConfig({ port: '0', logLevel: 'silent' }, {}),
      dataDir: join(dir, 'data'),
    });
    const seeded = await hub.services.bootstrap.seedDemo();
    business = await hub.services.bootstrap.seedDemoBusiness();
    site = await startDemoSite({
      hubUrl: hub.url,
      login: seeded.agentLogin,
      password: demoAccounts.agent.password,
      dataDir: join(dir, 'data'),
      clients: business.slice(1).map((b) => ({ spec: b.client, login: b.agentLogin })),
    });
    owner = await signedIn(hub, demoAccounts.owner, demoAccounts.password);
    const session = await owner.get<{ organizations: { id: string; kind: string }[] }>(
      '/api/v1/auth/session',
    );
    supportId = session.body.organizations.find((o) => o.kind === 'support')?.id ?? '';
  }, 120_000);
  afterAll(async () => {
    await site.close();
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  });

  const devicesOf = async (orgId: string) =>
    (await owner.get<{ items: DeviceRow[] }>(`/api/v1/orgs/${orgId}/devices?limit=500`)).body.items;

  it('has four clients, each with its agent linked, its location tree and two alert rules, seeded once', async () => {
    const clients = await owner.get<{ items: { id: string; name: string }[] }>(
      `/api/v1/orgs/${supportId}/clients?limit=50`,
    );
    expect(clients.body.items.map((c) => c.name).sort()).toEqual(demoClients.map((c) => c.name).sort());
    const again = await hub.services.bootstrap.seedDemoBusiness();
    expect(again.map((b) => b.clientId)).toEqual(business.map((b) => b.clientId));
    for (const b of business) {
      const locations = await owner.get<{ items: { name: string }[] }>(
        `/api/v1/orgs/${b.clientId}/locations`,
      );
      const names = locations.body.items.map((l) => l.name);
      for (const room of b.client.floors.flatMap((f) => f.rooms)) expect(names).toContain(room);
      expect(names.filter((n) => n === b.client.building)).toHaveLength(1);
      const rules = await owner.get<{ items: { name: string }[] }>(`/api/v1/orgs/${b.clientId}/alerts/rules`);
      expect(rules.body.items.map((r) => r.name).sort()).toEqual([
        'Device down for 30 seconds',
        'Overheating or safety mute',
      ]);
      const servers = await owner.get<{ items: { name: string; status: string }[] }>(
        `/api/v1/orgs/${b.clientId}/servers`,
      );
      await expect
        .poll(
          async () =>
            (await owner.get<{ items: { status: string }[] }>(`/api/v1/orgs/${b.clientId}/servers`)).body
              .items[0]?.status,
          { timeout: 30_000 },
        )
        .toBe('Connected');
      expect(servers.body.items.map((s) => s.name)).toEqual([b.client.agentName]);
    }
  });

  it('places every device in its room, puts the bank over its plan, and counts the whole fleet for the integrator', async () => {
    const expected = site.sim.devices.length;
    const arrived = async () => {
      let n = 0;
      for (const b of business) n += (await devicesOf(b.clientId)).length;
      return n;
    };
    await expect
      .poll(arrived, { timeout: 60_000, interval: 500 })
      .toBe(expected)
      .catch(async (e: unknown) => {
        const per = [];
        for (const b of business)
          per.push(`${b.client.name}: ${String((await devicesOf(b.clientId)).length)}`);
        const sims = site.sim.site.subnets.map(
          (s) => `${s.name} ${String(site.sim.devices.filter((d) => d.nic === s.name).length)}`,
        );
        throw new Error(
          `${String(e)} ${per.join(', ')} | sim ${sims.join(', ')} | agents ${[site.agent, ...site.clients.map((c) => c.agent)].map((a) => a.inventory().length).join(',')}`,
        );
      });
    let unplaced = await hub.services.bootstrap.placeDemoDevices();
    for (let i = 0; unplaced > 0 && i < 60; i++) {
      await new Promise((r) => setTimeout(r, 500));
      unplaced = await hub.services.bootstrap.placeDemoDevices();
    }
    const stray: string[] = [];
    for (const b of business)
      for (const d of await devicesOf(b.clientId))
        if (d.location === null) stray.push(`${d.name} ${JSON.stringify(d.connections)}`);
    expect(stray).toEqual([]);
    for (const b of business) {
      const devices = await devicesOf(b.clientId);
      expect(devices.filter((d) => d.location === null)).toEqual([]);
      // Named the way installers name them, after the room the device is in.
      const box = devices.find((d) => /-DSP\d$/.test(d.name));
      expect(box?.name.startsWith(box.location?.name.replace(/[^A-Za-z0-9.]+/g, '-') ?? '?')).toBe(true);
      const overflowed = devices.filter((d) => d.status === 'Overflowed').length;
      expect(overflowed, b.client.name).toBe(Math.max(0, devices.length - b.client.maxDevices));
    }
    const bank = business.find((b) => b.client.name === 'Northwind Bank');
    expect((await devicesOf(bank?.clientId ?? '')).some((d) => d.status === 'Overflowed')).toBe(true);
    // The owner's first screen: the support organization's dashboard counts every client's devices.
    const summary = await owner.get<DeviceSummary>(`/api/v1/orgs/${supportId}/devices/summary`);
    const g = summary.body.groups;
    expect(g.down + g.issues + g.healthy + g.unmonitored).toBe(expected);
    expect(g.down).toBeGreaterThanOrEqual(2);
  });
});
