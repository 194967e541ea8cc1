// The hub's SQL groups statuses as protocol's groupOf does: one device per status (and one status
// protocol does not know), counted by the dashboard and filtered by group, on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { deviceGroups, deviceStatuses, groupOf, overflowedStatus } from '@crosspoint/protocol';
import { startHubForTest, type HubUnderTest } from '../test/hub-under-test.ts';
import { buildTenancy, type Tenancy } from '../test/tenancy-fixture.ts';
import { linkDevice } from '../test/fake-agent.ts';
import { databaseLanes } from '../test/database-lanes.ts';
import { connectAgent, type LinkedSite } from '../test/alert-fixture.ts';

interface Summary {
  total: number;
  groups: Record<string, number>;
  byStatus: { status: string; count: number; group: string }[];
  byLocation: { locationId: string | null; count: number; down: number; issues: number }[];
}

/** Every status the agent reports, and one from a newer agent; Overflowed comes from the plan. */
const reported = [...deviceStatuses.filter((s) => s !== overflowedStatus), 'Warning'];
/** The last device (by id) is past the plan: Overflowed, though its agent says Down. */
const devices = [...reported, 'Down'].map((status, i) => linkDevice(i + 1, status));
const shown = [...reported, overflowedStatus];
const inGroup = (group: string) => shown.filter((s) => groupOf(s) === group).sort();

describe.each(await databaseLanes())('device groups in SQL on $name', (lane) => {
  let hub: HubUnderTest;
  let drop: () => Promise<void>;
  let t: Tenancy;
  let site: LinkedSite;
  const base = (): string => `/api/v1/orgs/${t.client.id}/devices`;

  beforeAll(async () => {
    const db = await lane.open();
    drop = db.drop;
    hub = await startHubForTest({ database: db.target });
    t = await buildTenancy(hub, `groups-${lane.name.toLowerCase()}`);
    await hub.database.db.execute(
      sql`UPDATE organizations SET plan_max_devices = ${devices.length - 1} WHERE id = ${t.client.id}`,
    );
    site = await connectAgent(hub, t.support.owner, t.client.id, 'Rack G', devices);
  });
  afterAll(async () => {
    site.agent.close();
    await hub.close();
    await drop();
  });

  it('counts each status in the group groupOf gives it, by status and by location', async () => {
    const { body } = await t.support.owner.get<Summary>(`${base()}/summary`);
    expect(body.total).toBe(shown.length);
    expect(new Set(body.byStatus.map((r) => r.status))).toEqual(new Set(shown));
    for (const r of body.byStatus)
      expect(r).toEqual({ status: r.status, count: 1, group: groupOf(r.status) });
    expect(body.groups).toEqual(Object.fromEntries(deviceGroups.map((g) => [g, inGroup(g).length])));
    // Down and issues by location are counted in SQL.
    expect(body.byLocation).toEqual([
      {
        locationId: null,
        count: shown.length,
        down: inGroup('down').length,
        issues: inGroup('issues').length,
      },
    ]);
  });

  it.each(deviceGroups)('lists exactly the statuses groupOf puts in %s', async (group) => {
    const page = await t.support.owner.get<{ items: { status: string }[]; total: number }>(
      `${base()}?group=${group}&limit=200`,
    );
    expect(page.status).toBe(200);
    expect(page.body.items.map((d) => d.status).sort()).toEqual(inGroup(group));
    expect(page.body.total).toBe(inGroup(group).length);
  });
});
