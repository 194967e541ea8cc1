// The vendor-compatible read API, called exactly as a monitoring integration written against the
// vendor's AV manager calls it: X-Api-Key, /dashboard-back/api/devices/pro-audio/search?q=…
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { agentPassword, buildTenancy, type Tenancy } from '../../test/tenancy-fixture.ts';
import { FakeAgent, linkDevice } from '../../test/fake-agent.ts';

type ErrorAnswer = { error: { code: string; message: string } };
interface AvDevice {
  id: string;
  productModel: string;
  serialNumber: string;
  firmwareVersion: string;
  hasNewFirmware: boolean;
  locateMode: boolean;
  relativeStatus: string;
  location: string | null;
  organization: string;
}

describe('vendor-compatible read API (X-Api-Key)', () => {
  let hub: HubUnderTest;
  let t: Tenancy;
  let agent: FakeAgent;
  const keys: Record<string, string> = {};
  const now = Date.now();

  /** What an integration reads: any of the answers' fields. */
  type Answer = { avDevices: AvDevice[] } & ErrorAnswer & AvDevice & { partNumber: string };
  const call = async (path: string, key?: string): Promise<{ status: number; body: Answer }> => {
    const res = await hub.app.inject({
      method: 'GET',
      url: path,
      headers: key === undefined ? {} : { 'x-api-key': key },
    });
    return { status: res.statusCode, body: res.json() };
  };
  const search = (q: string, key = keys.client) =>
    call(`/dashboard-back/api/devices/pro-audio/search?q=${encodeURIComponent(q)}`, key);

  beforeAll(async () => {
    hub = await startHubForTest({ clock: () => new Date(now) });
    t = await buildTenancy(hub, 'compat');
    const server = await t.support.owner.post<{ login: string }>(`/api/v1/orgs/${t.client.id}/servers`, {
      name: 'Rack',
      password: agentPassword,
    });
    agent = await FakeAgent.connect(hub.url, server.body.login, agentPassword);
    agent.hello();
    await agent.next('welcome');
    const sixHoursAgo = now - 6 * 3_600_000;
    const devices = [
      // As a real box names itself (with ®): the catalog knows it and has newer firmware.
      { ...linkDevice(1, 'Healthy', sixHoursAgo), model: 'CONVERGE® Pro 2 128V' },
      linkDevice(2, 'Locate Light On', now - 90_000),
      linkDevice(100, 'Down', now - 3 * 86_400_000),
    ];
    agent.send({ type: 'inventory', seq: 0, devices });
    await agent.next('ack', (f) => f.seq === 0);
    for (const [name, orgId, role] of [
      ['client', t.client.id, 'monitor'],
      ['support', t.support.id, 'monitor'],
      ['platform', t.platformId, 'administrator'],
    ] as const) {
      const who = name === 'platform' ? t.operator : t.support.owner;
      const made = await who.post<{ secret: string }>(`/api/v1/orgs/${orgId}/api-tokens`, {
        name: `compat-${name}`,
        role,
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      keys[name] = made.body.secret;
    }
  }, 120_000);
  afterAll(async () => {
    agent.close();
    await hub.close();
  });

  it('finds a device by its IP address, with the fields an integration reads', async () => {
    const res = await search('127.20.1.11');
    expect(res.status).toBe(200);
    expect(res.body.avDevices).toHaveLength(1);
    expect(res.body.avDevices[0]).toMatchObject({
      productModel: 'CONVERGE® Pro 2 128V',
      hasNewFirmware: true,
      serialNumber: '1234-0001-01',
      firmwareVersion: '4.4.0.2',
      locateMode: false,
      relativeStatus: 'Healthy - 6 hours',
      location: null,
      organization: 'compat Client',
    });
    expect(res.body.avDevices[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    // "Update available" is the hub's own answer, as its device list gives it.
    const list = await t.support.owner.get<{ items: { id: string; firmwareUpdate: string | null }[] }>(
      `/api/v1/orgs/${t.client.id}/devices?search=127.20.1.11`,
    );
    const row = list.body.items.find((d) => d.id === res.body.avDevices[0]?.id);
    expect(res.body.avDevices[0]?.hasNewFirmware).toBe((row?.firmwareUpdate ?? null) !== null);
  });

  it('an address is looked up exactly; text searches names, serials, models and paths', async () => {
    // 127.20.1.110 (device 100) contains "127.20.1.11" but is another address.
    expect((await search('127.20.1.110')).body.avDevices.map((d) => d.serialNumber)).toEqual([
      '1234-0100-01',
    ]);
    const byText = await search('room');
    expect(byText.body.avDevices.map((d) => d.serialNumber).sort()).toEqual([
      '1234-0001-01',
      '1234-0002-01',
      '1234-0100-01',
    ]);
    const locating = (await search('1234-0002')).body.avDevices[0];
    expect(locating).toMatchObject({ locateMode: true, relativeStatus: 'Locate Light On - 1 minute' });
    expect((await search('Room 100')).body.avDevices[0]?.relativeStatus).toBe('Down - 3 days');
    expect((await search('nothing like this')).body.avDevices).toEqual([]);
  });

  it('answers one device with its part number', async () => {
    const [found] = (await search('127.20.1.11')).body.avDevices;
    const res = await call(`/dashboard-back/api/devices/pro-audio/${found?.id ?? ''}`, keys.client);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...found, partNumber: 'CP2_128V' });
  });

  it('a support organization’s key sees its clients’ devices too', async () => {
    const res = await search('127.20.1.12', keys.support);
    expect(res.body.avDevices).toHaveLength(1);
    const detail = await call(
      `/dashboard-back/api/devices/pro-audio/${res.body.avDevices[0]?.id ?? ''}`,
      keys.support,
    );
    expect(detail.status).toBe(200);
  });

  it('401 without a key or with an unknown one, 403 for a key without devices, 404 for a device it cannot see', async () => {
    const none = await call('/dashboard-back/api/devices/pro-audio/search?q=127.20.1.11');
    expect(none.status).toBe(401);
    expect(none.body.error.message).toContain('X-Api-Key');
    expect((await search('127.20.1.11', 'cpt_not-a-key')).status).toBe(401);
    // A session cookie does not reach it: the key is the only way in.
    const withCookie = await hub.app.inject({
      method: 'GET',
      url: '/dashboard-back/api/devices/pro-audio/search?q=x',
      headers: { cookie: t.support.owner.cookieHeader },
    });
    expect(withCookie.statusCode).toBe(401);

    const platform = await search('127.20.1.11', keys.platform);
    expect(platform.status).toBe(403);
    expect(platform.body.error.code).toBe('FORBIDDEN');

    // Another tenant's key: the same device is not found.
    const other = await buildTenancy(hub, 'compat-other');
    const made = await other.support.owner.post<{ secret: string }>(
      `/api/v1/orgs/${other.client.id}/api-tokens`,
      {
        name: 'other',
        role: 'monitor',
      },
    );
    const [found] = (await search('127.20.1.11')).body.avDevices;
    const res = await call(`/dashboard-back/api/devices/pro-audio/${found?.id ?? ''}`, made.body.secret);
    expect(res.status).toBe(404);
    expect((await search('127.20.1.11', made.body.secret)).body.avDevices).toEqual([]);
    const bad = await call('/dashboard-back/api/devices/pro-audio/not-an-id', keys.client);
    expect(bad.status).toBe(400);
  });

  it('is in the OpenAPI document', async () => {
    const doc = await hub.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const paths = Object.keys(doc.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/dashboard-back/api/devices/pro-audio/search',
        '/dashboard-back/api/devices/pro-audio/{deviceId}',
      ]),
    );
  });
});
