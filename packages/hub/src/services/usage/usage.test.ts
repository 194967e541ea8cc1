// Usage metering against the stored history, on PGlite and PostgreSQL: counts recorded when plans
// are applied, the rule's example (10 devices for 6 h, then 20 for 18 h), Overflow days, the month,
// and a restart or a second hub (fresh service, same database) adding nothing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../repositories/raw-rows.ts';
import { openDatabase, type Database } from '../../db/open-database.ts';
import { databaseLanes } from '../../test/database-lanes.ts';
import { OrganizationRepository, type OrgRecord } from '../../repositories/organization.repository.ts';
import { DeviceRepository } from '../../repositories/device.repository.ts';
import { UsageRepository } from '../../repositories/usage.repository.ts';
import { cliActor, type OrgContext } from '../context.ts';
import { UsageService } from './usage.service.ts';

describe.each(await databaseLanes())('usage metering on $name', (lane) => {
  let database: Database;
  let second: Database;
  let drop: () => Promise<void>;
  let now = new Date('2026-03-10T00:00:00Z');
  const clock = () => now;
  let usage: UsageService;
  let devices: DeviceRepository;
  let support: OrgRecord;
  let client: OrgRecord;
  let serial = 0;
  const ctx = (org: OrgRecord): OrgContext => ({ actor: cliActor, org, role: 'owner' });

  /** Adds `n` devices of a family to the client (as the agent link would), then applies the plan. */
  async function addDevices(kind: 'pro-audio' | 'video', n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      serial++;
      const result = await database.db.execute(sql`
        INSERT INTO devices (org_id, rollup_org_id, agent_device_id, family, kind, model, serial, firmware, name, ip, created_at)
        VALUES (${client.id}, ${support.id}, ${`dev-${String(serial)}`}, 'cp2', ${kind}, 'M', ${`S${String(serial)}`}, '1', ${`Room ${String(serial)}`}, '127.0.0.1', ${new Date(now.getTime() + serial).toISOString()}::timestamptz)
        RETURNING id`);
      const id = rowsOf<{ id: string }>(result)[0]?.id ?? '';
      await database.db.execute(sql`
        INSERT INTO device_state (device_id, org_id, rollup_org_id, status, status_since, last_seen_at, kind)
        VALUES (${id}, ${client.id}, ${support.id}, 'Healthy', now(), now(), ${kind})`);
    }
    await devices.applyPlan(client.id, client.planMaxDevices);
  }

  async function setPlan(maxDevices: number): Promise<void> {
    await database.db.execute(
      sql`UPDATE organizations SET plan_max_devices = ${maxDevices} WHERE id = ${client.id}`,
    );
    client = { ...client, planMaxDevices: maxDevices };
    await devices.applyPlan(client.id, maxDevices);
  }

  const countRows = async () =>
    rowsOf<{ n: number }>(
      await database.db.execute(sql`SELECT count(*)::int AS n FROM usage_counts WHERE org_id = ${client.id}`),
    )[0]?.n;

  beforeAll(async () => {
    const db = await lane.open();
    drop = db.drop;
    database = await openDatabase(db.target);
    // A second hub: its own pool on the same PostgreSQL (PGlite in memory has one connection).
    second = db.target.kind === 'postgres' ? await openDatabase(db.target) : database;
    const orgs = new OrganizationRepository(database.db);
    support = await orgs.create({ kind: 'support', name: 'Acme AV', devicePool: 100 });
    client = await orgs.create({
      kind: 'client',
      parentId: support.id,
      name: 'Bank of Youngus',
      accountNumber: `C${String(Date.now()).slice(-6)}`,
      planMaxDevices: 25,
      planStart: '2026-01-01',
      planEnd: '2026-12-31',
    });
    usage = new UsageService(new UsageRepository(database.db), clock, 0);
    devices = usage.metering(new DeviceRepository(database.db));
  });
  afterAll(async () => {
    if (second !== database) await second.close();
    await database.close();
    await drop();
  });

  it('counts 10 devices for 6 hours and 20 for 18 as 17.5 device-days with a peak of 20', async () => {
    await addDevices('pro-audio', 10);
    now = new Date('2026-03-10T06:00:00Z');
    await addDevices('pro-audio', 10);
    await addDevices('video', 0); // applying the plan again with nothing new records nothing
    expect(await countRows()).toBe(2);
    now = new Date('2026-03-11T00:00:00Z');
    const report = await usage.usage(ctx(client), { from: '2026-03-10', to: '2026-03-10' });
    expect(report.days).toEqual([
      {
        day: '2026-03-10',
        proAudio: { peak: 20, deviceDays: 17.5, overflowedPeak: 0 },
        video: { peak: 0, deviceDays: 0, overflowedPeak: 0 },
        overflow: false,
        planMaxDevices: 25,
        partial: false,
      },
    ]);
  });

  it('rolls closed days up once: a restart or a second hub re-running it stores the same figures', async () => {
    now = new Date('2026-03-11T01:00:00Z');
    await usage.tick();
    const read = async () =>
      rowsOf(
        await database.db.execute(
          sql`SELECT day::text, kind, peak, device_ms::text AS ms, overflowed_peak FROM usage_days WHERE org_id = ${client.id} ORDER BY day, kind`,
        ),
      );
    const first = await read();
    expect(first).toEqual([
      { day: '2026-03-10', kind: 'pro-audio', peak: 20, ms: String(17.5 * 86_400_000), overflowed_peak: 0 },
      { day: '2026-03-10', kind: 'video', peak: 0, ms: '0', overflowed_peak: 0 },
    ]);
    // A fresh service (the hub restarted) and another hub's, at once: nothing new is written.
    const restarted = new UsageService(new UsageRepository(database.db), clock, 0);
    const otherHub = new UsageService(new UsageRepository(second.db), clock, 0);
    await Promise.all([restarted.tick(), otherHub.tick(), usage.tick()]);
    expect(await read()).toEqual(first);
    expect(await countRows()).toBe(2);
    const report = await restarted.usage(ctx(client), { from: '2026-03-10', to: '2026-03-10' });
    expect(report.days[0]?.proAudio).toEqual({ peak: 20, deviceDays: 17.5, overflowedPeak: 0 });
  });

  it('meters a day in Overflow when a smaller plan leaves devices past it', async () => {
    now = new Date('2026-03-11T18:00:00Z');
    await setPlan(15);
    now = new Date('2026-03-12T00:00:00Z');
    const report = await usage.usage(ctx(client), { from: '2026-03-11', to: '2026-03-12' });
    expect(report.days.map((d) => [d.day, d.proAudio, d.overflow, d.planMaxDevices, d.partial])).toEqual([
      ['2026-03-11', { peak: 20, deviceDays: 18.75, overflowedPeak: 5 }, true, 15, false],
    ]);
  });

  it('totals a month: device-days, average devices over the days in the month, peak, Overflow days', async () => {
    now = new Date('2026-04-01T02:00:00Z');
    await usage.tick();
    const report = await usage.usage(ctx(client), { month: '2026-03' });
    expect(report.days).toHaveLength(31);
    // 1–9: nothing metered yet; 10: 17.5; 11: 18.75; 12–31: 15 a day (20 days).
    expect(report.total.proAudio).toEqual({ deviceDays: 336.25, averageDevices: 10.85, peak: 20 });
    expect(report.total.overflowDays).toBe(21);
    expect(report.total.daysMetered).toBe(31);
    const month = await usage.clientUsage(ctx(support), { month: '2026-03' });
    expect(month.items).toEqual([
      expect.objectContaining({ orgId: client.id, name: 'Bank of Youngus', total: report.total }),
    ]);
  });

  it('measures the current month up to now', async () => {
    now = new Date('2026-04-02T12:00:00Z');
    const report = await usage.usage(ctx(client), {});
    expect(report.from).toBe('2026-04-01');
    expect(report.days.map((d) => [d.day, d.proAudio.deviceDays, d.partial])).toEqual([
      ['2026-04-01', 15, false],
      ['2026-04-02', 7.5, true],
    ]);
    expect(report.total.proAudio.averageDevices).toBe(15);
    expect(report.total.daysMetered).toBe(1.5);
  });

  it('splits a month between the support organization that released a client and the one that attached it', async () => {
    const orgs = new OrganizationRepository(database.db);
    const beta = await orgs.create({ kind: 'support', name: 'Beta AV', devicePool: 100 });
    // Released on 10 April at midnight (as ClientAttachmentService does), attached by Beta on the 20th.
    await orgs.closeClientTerm(client.id, support.id, new Date('2026-04-10T00:00:00Z'));
    await orgs.update(client.id, { parentId: null });
    await orgs.openClientTerm(client.id, beta.id, new Date('2026-04-20T00:00:00Z'));
    await orgs.update(client.id, { parentId: beta.id });
    now = new Date('2026-05-01T02:00:00Z');
    await usage.tick();
    const acme = await usage.clientUsage(ctx(support), { month: '2026-04' });
    expect(acme.items).toEqual([
      expect.objectContaining({ orgId: client.id, since: null, until: '2026-04-10T00:00:00.000Z' }),
    ]);
    // 1–9 April, 15 devices a day.
    expect(acme.items[0]?.total.proAudio.deviceDays).toBe(135);
    const b = await usage.clientUsage(ctx(beta), { month: '2026-04' });
    expect(b.items).toEqual([
      expect.objectContaining({ orgId: client.id, since: '2026-04-20T00:00:00.000Z', until: null }),
    ]);
    // 20–30 April.
    expect(b.items[0]?.total.proAudio.deviceDays).toBe(165);
    // March was wholly Acme's, and May will be wholly Beta's.
    expect((await usage.clientUsage(ctx(support), { month: '2026-03' })).items[0]?.until).toBeNull();
    expect((await usage.clientUsage(ctx(support), { month: '2026-05' })).items).toEqual([]);
    now = new Date('2026-04-02T12:00:00Z');
  });

  it('refuses a range that is not one', async () => {
    await expect(usage.usage(ctx(client), { from: '2026-03-10' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(usage.usage(ctx(client), { from: '2026-02-30', to: '2026-03-01' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(usage.usage(ctx(client), { from: '2025-01-01', to: '2026-03-01' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(usage.clientUsage(ctx(client), {})).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
