// The status history partitioned by month and kept for a set number of months, on PGlite and
// PostgreSQL: the migration's partitions, months made ahead, whole days summed up per device and
// status, old months dropped only once summed, and one hub at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../repositories/raw-rows.ts';
import { openDatabase, type Database } from '../db/open-database.ts';
import { databaseLanes } from '../test/database-lanes.ts';
import { OrganizationRepository } from '../repositories/organization.repository.ts';
import { StatusHistoryRepository } from '../repositories/status-history.repository.ts';
import { HistoryRetention } from './history-retention.ts';

describe.each(await databaseLanes())('status history retention on $name', (lane) => {
  let database: Database;
  let second: Database;
  let drop: () => Promise<void>;
  let repo: StatusHistoryRepository;
  let deviceId: string;
  let now = new Date();
  const clock = () => now;

  const historyRows = async () =>
    rowsOf<{ status: string; since: string }>(
      await database.db.execute(
        sql`SELECT status, since::text AS since FROM device_status_history WHERE device_id = ${deviceId} ORDER BY since`,
      ),
    );
  const change = (status: string, since: string) =>
    database.db.execute(sql`
      INSERT INTO device_status_history (device_id, status, since, observed_at)
      VALUES (${deviceId}, ${status}, ${since}::timestamptz, ${since}::timestamptz)`);

  beforeAll(async () => {
    const db = await lane.open();
    drop = db.drop;
    database = await openDatabase(db.target);
    second = db.target.kind === 'postgres' ? await openDatabase(db.target) : database;
    const orgs = new OrganizationRepository(database.db);
    const support = await orgs.create({ kind: 'support', name: 'Acme AV', devicePool: 10 });
    const client = await orgs.create({
      kind: 'client',
      parentId: support.id,
      name: 'Globex',
      accountNumber: `H${String(Date.now()).slice(-6)}`,
      planMaxDevices: 10,
      planStart: '2025-01-01',
      planEnd: '2027-12-31',
    });
    const [row] = rowsOf<{ id: string }>(
      await database.db.execute(sql`
        INSERT INTO devices (org_id, rollup_org_id, agent_device_id, family, kind, model, serial, firmware, name, ip)
        VALUES (${client.id}, ${support.id}, 'box-1', 'cp2', 'pro-audio', 'M', 'S1', '1', 'Boardroom DSP', '127.0.0.1')
        RETURNING id`),
    );
    deviceId = row!.id;
    repo = new StatusHistoryRepository(database.db);
  });
  afterAll(async () => {
    if (second !== database) await second.close();
    await database.close();
    await drop();
  });

  it('the migration partitions the history by month, up to two months ahead', async () => {
    const months = (await repo.months()).map((m) => m.month);
    const thisMonth = new Date().toISOString().slice(0, 7) + '-01';
    expect(months).toContain(thisMonth);
    expect(months.length).toBeGreaterThanOrEqual(3);
    // A row lands in its month's partition; one far outside every month in the DEFAULT one.
    const inThisMonth = `${thisMonth.slice(0, 8)}02T10:00:00Z`;
    await change('Healthy', inThisMonth);
    await change('Down', '1999-05-01T00:00:00Z');
    const where = rowsOf<{ part: string }>(
      await database.db.execute(
        sql`SELECT tableoid::regclass::text AS part FROM device_status_history WHERE device_id = ${deviceId} ORDER BY since`,
      ),
    ).map((r) => r.part);
    expect(where).toEqual([
      'device_status_history_default',
      `device_status_history_${thisMonth.slice(0, 4)}_${thisMonth.slice(5, 7)}`,
    ]);
    await database.db.execute(sql`DELETE FROM device_status_history WHERE device_id = ${deviceId}`);
  });

  it('makes the coming months, sums whole days, and drops a month only once it is summed up', async () => {
    // A year and a half of history: Healthy from 2025-03-01, Down for 6 h on 2025-03-10, Healthy again.
    now = new Date('2026-09-05T12:00:00Z');
    await repo.addMonth('2025-03-01');
    await change('Healthy', '2025-03-01T00:00:00Z');
    await change('Down', '2025-03-10T06:00:00Z');
    await change('Healthy', '2025-03-10T12:00:00Z');
    const retention = new HistoryRetention(repo, { months: 13, daysPerRun: 10, monthsAhead: 2 }, clock);

    const first = await retention.run();
    expect(first.ran).toBe(true);
    expect(first.monthsAdded.every((m) => m >= '2026-09-01')).toBe(true);
    expect(first.daysSummed).toEqual([
      '2025-03-01',
      '2025-03-02',
      '2025-03-03',
      '2025-03-04',
      '2025-03-05',
      '2025-03-06',
      '2025-03-07',
      '2025-03-08',
      '2025-03-09',
      '2025-03-10',
    ]);
    // March 2025 is older than 13 months, but not all its days are summed yet: kept.
    expect(first.monthsDropped).toEqual([]);
    expect(await repo.daily(deviceId, '2025-03-09', '2025-03-10')).toEqual([
      { day: '2025-03-09', status: 'Healthy', seconds: 86_400 },
      { day: '2025-03-10', status: 'Down', seconds: 6 * 3600 },
      { day: '2025-03-10', status: 'Healthy', seconds: 18 * 3600 },
    ]);

    // Catch up to the end of March: the month goes, whole, and its days stay summed.
    const later = new HistoryRetention(repo, { months: 13, daysPerRun: 30, monthsAhead: 2 }, clock);
    const second = await later.run();
    expect(second.daysSummed.at(-1)).toBe('2025-04-09');
    expect(second.monthsDropped).toEqual(['2025-03-01']);
    expect((await repo.months()).map((m) => m.month)).not.toContain('2025-03-01');
    expect(await historyRows()).toEqual([]);
    expect(await repo.daily(deviceId, '2025-03-10', '2025-03-10')).toHaveLength(2);
    // After the last change, the device stays Healthy all day.
    expect(await repo.daily(deviceId, '2025-04-01', '2025-04-01')).toEqual([
      { day: '2025-04-01', status: 'Healthy', seconds: 86_400 },
    ]);
  });

  it('runs on one hub at a time: the other skips while it holds the lock', async () => {
    if (second === database) return; // PGlite in memory: one process, one connection
    const other = new HistoryRetention(new StatusHistoryRepository(second.db), {
      months: 13,
      daysPerRun: 1,
      monthsAhead: 2,
    });
    let inner: Awaited<ReturnType<HistoryRetention['run']>> | undefined;
    await repo.exclusively(async () => {
      inner = await other.run();
    });
    expect(inner?.ran).toBe(false);
  });

  it('refuses a retention that is not a whole number of months', () => {
    expect(() => new HistoryRetention(repo, { months: 0, daysPerRun: 1, monthsAhead: 2 })).toThrow(/months/);
  });
});
