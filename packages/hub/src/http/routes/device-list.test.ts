// The device list at a size where its query plans matter: search with a capped count, search that
// selects its matches first, sort by the effective status, cursor pages that carry the total, and
// dashboard counts kept by the database (and folded by the hub) — on PGlite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { agentPassword, buildTenancy, type Tenancy } from '../../test/tenancy-fixture.ts';
import { FakeAgent, linkDevice } from '../../test/fake-agent.ts';
import { databaseLanes } from '../../test/database-lanes.ts';
import { rowsOf } from '../../repositories/raw-rows.ts';

interface Device {
  id: string;
  name: string;
  status: string;
  serial: string;
}
interface DevicePage {
  items: Device[];
  total: number;
  totalCapped: boolean;
  nextCursor: string | null;
}

const COUNT = 5_100;
/** Every 7th device Down, every 11th (not Down) Warning: a mix for the status sort. */
const statusOf = (n: number): string => (n % 7 === 0 ? 'Down' : n % 11 === 0 ? 'Warning' : 'Healthy');

describe.each(await databaseLanes())('device list at 5,100 devices on $name', (lane) => {
  let hub: HubUnderTest;
  let drop: () => Promise<void>;
  let t: Tenancy;
  let agent: FakeAgent;
  let seq = 0;
  const base = (): string => `/api/v1/orgs/${t.client.id}/devices`;

  /** Every page of a query, following the cursors. */
  async function allPages(query: string): Promise<{ pages: DevicePage[]; items: Device[] }> {
    const pages: DevicePage[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: DevicePage } = await t.support.owner.get<DevicePage>(
        `${base()}?${query}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      pages.push(res.body);
      cursor = res.body.nextCursor;
    } while (cursor);
    return { pages, items: pages.flatMap((p) => p.items) };
  }

  beforeAll(async () => {
    const db = await lane.open();
    drop = db.drop;
    hub = await startHubForTest({ database: db.target });
    t = await buildTenancy(hub, `list-${lane.name.toLowerCase()}`);
    // Beyond the support org's pool through the API: set straight in the database, as an operator would.
    await hub.database.db.execute(
      sql`UPDATE organizations SET plan_max_devices = 100000 WHERE id = ${t.client.id}`,
    );
    const server = await t.support.owner.post<{ login: string }>(`/api/v1/orgs/${t.client.id}/servers`, {
      name: 'Big Rack',
      password: agentPassword,
    });
    agent = await FakeAgent.connect(hub.url, server.body.login, agentPassword);
    agent.hello();
    await agent.next('welcome');
    const devices = Array.from({ length: COUNT }, (_, i) => linkDevice(i + 1, statusOf(i + 1)));
    devices[41] = { ...devices[41]!, name: 'Lab 100%_done' }; // wildcards in a name are plain text to the search
    agent.send({ type: 'inventory', seq, devices });
    await agent.next('ack', (f) => f.seq === seq);
  });
  afterAll(async () => {
    agent.close();
    await hub.close();
    await drop();
  });

  it('caps the count of a broad search at 1,000+ and still pages through it in order', async () => {
    const first = await t.support.owner.get<DevicePage>(`${base()}?search=room&sort=name&limit=50`);
    expect(first.body).toMatchObject({ total: 1_001, totalCapped: true });
    const names = first.body.items.map((d) => d.name);
    expect(names).toEqual([...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
    const second = await t.support.owner.get<DevicePage>(
      `${base()}?search=room&sort=name&limit=50&cursor=${first.body.nextCursor ?? ''}`,
    );
    expect(second.body).toMatchObject({ total: 1_001, totalCapped: true });
    expect(second.body.items.map((d) => d.name)).not.toContain(names[49]);
  });

  it('finds a narrow search exactly, whatever the field, and never across two fields', async () => {
    const { pages, items } = await allPages('search=room%2012&sort=name');
    // Room 12, 120–129, 1200–1299 (5,100 devices: no 12,000s).
    expect(pages[0]).toMatchObject({ total: 111, totalCapped: false });
    expect(items).toHaveLength(111);
    expect(new Set(items.map((d) => d.id)).size).toBe(111);
    expect(items.every((d) => /^Room 12/.test(d.name))).toBe(true);
    expect(
      (await t.support.owner.get<DevicePage>(`${base()}?search=1234-0777`)).body.items.map((d) => d.name),
    ).toEqual(['Room 777']);
    expect(
      (await t.support.owner.get<DevicePage>(`${base()}?search=c-link%2009`)).body.total,
    ).toBeGreaterThan(0);
    // "Room 5" ends the name, "1234" starts the serial: one term spanning both fields matches nothing.
    expect((await t.support.owner.get<DevicePage>(`${base()}?search=room%205%201234`)).body.total).toBe(0);
    expect(
      (await t.support.owner.get<DevicePage>(`${base()}?search=100%25_`)).body.items.map((d) => d.name),
    ).toEqual(['Lab 100%_done']);
    expect((await t.support.owner.get<DevicePage>(`${base()}?search=_one`)).body.total).toBe(0);
  });

  it('sorts by status across every page, with the total counted once and carried', async () => {
    const { pages, items } = await allPages('sort=status&order=desc');
    expect(items).toHaveLength(COUNT);
    expect(pages.every((p) => p.total === COUNT)).toBe(true);
    const statuses = items.map((d) => d.status);
    expect(statuses).toEqual([...statuses].sort().reverse());
    expect(statuses.filter((s) => s === 'Down')).toHaveLength(Math.floor(COUNT / 7));
    const down = await allPages('group=down&sort=name');
    expect(down.pages[0]?.total).toBe(Math.floor(COUNT / 7));
  });

  it('keeps the dashboard counts in step with every change, at once', async () => {
    const summary = async () =>
      (await t.support.owner.get<{ total: number; groups: Record<string, number> }>(`${base()}/summary`))
        .body;
    const before = await summary();
    expect(before.total).toBe(COUNT);
    // Room 1 goes Down and comes back in one frame; Room 2 goes Down.
    const at = Date.now();
    seq += 1;
    agent.send({
      type: 'deltas',
      seq,
      changes: [
        { id: linkDevice(1).id, status: 'Down', since: at - 30, at: at - 20 },
        { id: linkDevice(1).id, status: 'Healthy', since: at - 10, at: at - 5 },
        { id: linkDevice(2).id, status: 'Down', since: at - 10, at: at - 5 },
      ],
    });
    await agent.next('ack', (f) => f.seq === seq);
    const after = await summary();
    expect(after.groups.down).toBe((before.groups.down ?? 0) + 1);
    // The change's count rows are folded by the running hub within a few seconds (every second).
    const unfolded = async () =>
      rowsOf<{ n: number }>(
        await hub.database.db.execute(
          sql`SELECT ((SELECT count(*) FROM device_status_counts WHERE NOT folded) + (SELECT count(*) FROM device_model_counts WHERE NOT folded))::int AS n`,
        ),
      )[0]?.n;
    await expect.poll(unfolded, { timeout: 5_000, interval: 200 }).toBe(0);
    expect(await summary()).toEqual(after);
    // A line break typed into the search is a space: it cannot join the end of one field to the next.
    expect((await t.support.owner.get<DevicePage>(`${base()}?search=room%201%0A1234`)).body.total).toBe(0);
    const [one] = (await t.support.owner.get<DevicePage>(`${base()}?search=1234-0001-01`)).body.items;
    const detail = await t.support.owner.get<{ device: { status: string }; history: { status: string }[] }>(
      `${base()}/${one?.id ?? ''}`,
    );
    expect(detail.body.device.status).toBe('Healthy');
    expect(detail.body.history.map((h) => h.status)).toEqual(['Healthy', 'Down', 'Healthy']);
  });

  it('counts devices on a subnet disabled at their agent apart: Not Monitored is neither Down, an issue nor Healthy', async () => {
    const summary = async () =>
      (
        await t.support.owner.get<{
          total: number;
          groups: Record<string, number>;
          byStatus: { status: string; group: string }[];
        }>(`${base()}/summary`)
      ).body;
    const before = await summary();
    expect(before.groups.unmonitored).toBe(0);
    const at = Date.now();
    seq += 1;
    agent.send({
      type: 'deltas',
      seq,
      changes: [3, 4, 5].map((n) => ({ id: linkDevice(n).id, status: 'Not Monitored', since: at, at })),
    });
    await agent.next('ack', (f) => f.seq === seq);
    const after = await summary();
    expect(after.groups.unmonitored).toBe(3);
    expect(after.total).toBe(before.total);
    expect(after.groups.issues).toBe(before.groups.issues);
    expect(after.byStatus.find((r) => r.status === 'Not Monitored')?.group).toBe('unmonitored');
    const unmonitored = await t.support.owner.get<DevicePage>(`${base()}?group=unmonitored&sort=name`);
    expect(unmonitored.body.items.map((d) => d.status)).toEqual([
      'Not Monitored',
      'Not Monitored',
      'Not Monitored',
    ]);
    const issues = await allPages('group=issues');
    expect(issues.items.some((d) => d.status === 'Not Monitored')).toBe(false);
  });
});
