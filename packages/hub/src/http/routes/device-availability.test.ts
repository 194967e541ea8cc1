// A device's availability per UTC day through the API: the days the retention task summed up read
// from their sums, the days after them (today, and those not summed yet) from the raw history —
// on PGlite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { agentPassword, buildTenancy, type Tenancy } from '../../test/tenancy-fixture.ts';
import { FakeAgent, linkDevice } from '../../test/fake-agent.ts';
import { databaseLanes } from '../../test/database-lanes.ts';
import { StatusHistoryRepository } from '../../repositories/status-history.repository.ts';
import { lastDays } from '../../services/availability-days.ts';

interface Availability {
  days: { day: string; knownSeconds: number; availableSeconds: number }[];
}

describe.each(await databaseLanes())('device availability per day on $name', (lane) => {
  let hub: HubUnderTest;
  let drop: () => Promise<void>;
  let t: Tenancy;
  let agent: FakeAgent;
  let deviceId: string;
  const days = lastDays(Date.now(), 12);
  const dayAgo = (n: number) => days[days.length - 1 - n] as string;

  beforeAll(async () => {
    const db = await lane.open();
    drop = db.drop;
    hub = await startHubForTest({ database: db.target });
    t = await buildTenancy(hub, `availability-${lane.name.toLowerCase()}`);
    const server = await t.support.owner.post<{ login: string }>(`/api/v1/orgs/${t.client.id}/servers`, {
      name: 'Rack',
      password: agentPassword,
    });
    agent = await FakeAgent.connect(hub.url, server.body.login, agentPassword);
    agent.hello();
    await agent.next('welcome');
    // Known since today only, by the agent; its older history is written below as it would have been.
    const now = Date.now();
    agent.send({ type: 'inventory', seq: 1, devices: [linkDevice(1, 'Healthy', now - 1000)] });
    await agent.next('ack', (f) => f.seq === 1);
    const list = await t.support.owner.get<{ items: { id: string }[] }>(
      `/api/v1/orgs/${t.client.id}/devices`,
    );
    deviceId = list.body.items[0]?.id ?? '';
    const change = (status: string, at: string) =>
      hub.database.db.execute(sql`
        INSERT INTO device_status_history (device_id, status, since, observed_at)
        VALUES (${deviceId}, ${status}, ${at}::timestamptz, ${at}::timestamptz)`);
    // Healthy from 10 days ago; Down 06:00–12:00 three days ago; Restarting 1 hour yesterday.
    await change('Healthy', `${dayAgo(10)}T00:00:00Z`);
    await change('Down', `${dayAgo(3)}T06:00:00Z`);
    await change('Healthy', `${dayAgo(3)}T12:00:00Z`);
    await change('Restarting...', `${dayAgo(1)}T10:00:00Z`);
    await change('Healthy', `${dayAgo(1)}T11:00:00Z`);
    // The retention task has summed up to two days ago: yesterday and today come from the raw history.
    const history = new StatusHistoryRepository(hub.database.db);
    for (let n = 11; n >= 2; n--) await history.sumDay(dayAgo(n));
    // A summed day's raw rows may be gone (its month dropped): the sums alone must answer for it.
    await hub.database.db.execute(
      sql`DELETE FROM device_status_history WHERE device_id = ${deviceId} AND since >= ${`${dayAgo(3)}T00:00:00Z`}::timestamptz AND since < ${`${dayAgo(2)}T00:00:00Z`}::timestamptz`,
    );
  });
  afterAll(async () => {
    agent.close();
    await hub.close();
    await drop();
  });

  it('answers each day, oldest first: summed days from their sums, the rest from the history', async () => {
    const res = await t.support.owner.get<Availability>(
      `/api/v1/orgs/${t.client.id}/devices/${deviceId}/availability?days=12`,
    );
    expect(res.status).toBe(200);
    const byDay = new Map(res.body.days.map((d) => [d.day, d]));
    expect(res.body.days.map((d) => d.day)).toEqual(days);
    // Before the first known status: nothing known.
    expect(byDay.get(dayAgo(11))).toEqual({ day: dayAgo(11), knownSeconds: 0, availableSeconds: 0 });
    expect(byDay.get(dayAgo(10))).toEqual({
      day: dayAgo(10),
      knownSeconds: 86_400,
      availableSeconds: 86_400,
    });
    // Down for 6 hours, read from the day's sums though its raw rows are gone.
    expect(byDay.get(dayAgo(3))).toEqual({ day: dayAgo(3), knownSeconds: 86_400, availableSeconds: 64_800 });
    expect(byDay.get(dayAgo(2))).toEqual({ day: dayAgo(2), knownSeconds: 86_400, availableSeconds: 86_400 });
    // Not summed yet: restarting for an hour, from the raw history.
    expect(byDay.get(dayAgo(1))).toEqual({ day: dayAgo(1), knownSeconds: 86_400, availableSeconds: 82_800 });
    // Today so far: all of it known and available.
    const today = byDay.get(dayAgo(0));
    const sinceMidnight = (Date.now() - Date.parse(`${dayAgo(0)}T00:00:00Z`)) / 1000;
    expect(today?.knownSeconds).toBeGreaterThan(sinceMidnight - 60);
    expect(today?.availableSeconds).toBe(today?.knownSeconds);
  });

  it('answers 30 days by default, refuses a count outside 1–400, and another organization’s device is not found', async () => {
    const byDefault = await t.support.owner.get<Availability>(
      `/api/v1/orgs/${t.client.id}/devices/${deviceId}/availability`,
    );
    expect(byDefault.body.days).toHaveLength(30);
    for (const days of ['0', '401', 'many']) {
      const res = await t.support.owner.get<{ code: string }>(
        `/api/v1/orgs/${t.client.id}/devices/${deviceId}/availability?days=${days}`,
      );
      expect(res.status, days).toBe(400);
    }
    const elsewhere = await t.support.owner.get<{ code: string }>(
      `/api/v1/orgs/${t.support.id}/devices/${deviceId}/availability`,
    );
    expect(elsewhere.status).toBe(404);
  });
});
