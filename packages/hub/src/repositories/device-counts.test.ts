// The dashboard counts the database keeps as devices change (migration 0029): after every kind of
// write — inventories, deltas, devices added by a change, locations, plans, roll-up moves, devices
// and organizations deleted — they equal a full recount, on PGlite and PostgreSQL; with two hubs
// writing at once; after random sequences of writes; a drift is found and corrected; and the
// migration counts the devices already there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { groupOf, type LinkChange, type LinkDevice } from '@crosspoint/protocol';
import {
  migrationsFolder,
  openDatabase,
  type Database,
  type DatabaseTarget,
  type Db,
} from '../db/open-database.ts';
import { migrationsBefore } from '../test/migrations-before.ts';
import { databaseLanes } from '../test/database-lanes.ts';
import { linkDevice } from '../test/fake-agent.ts';
import { AgentAccountRepository } from './agent-account.repository.ts';
import { DeviceIngestRepository } from './device-ingest.repository.ts';
import { DeviceRepository, deviceCountsByStatus, type DeviceSummaryCounts } from './device.repository.ts';
import { LocationRepository } from './location.repository.ts';
import { OrganizationRepository } from './organization.repository.ts';
import type { OrgScope } from './org-scope.ts';
import { rowsOf } from './raw-rows.ts';

/** Counts in one order, so kept and recounted compare equal. */
function normal(s: DeviceSummaryCounts): DeviceSummaryCounts {
  const by =
    <T>(key: (t: T) => string) =>
    (a: T, b: T) =>
      key(a).localeCompare(key(b));
  return {
    byStatus: [...s.byStatus].sort(by((r) => r.status)),
    byModel: [...s.byModel].sort(by((r) => `${r.model}\n${r.kind}`)),
    byLocation: [...s.byLocation].sort(by((r) => r.locationId ?? '')),
    byOrg: [...s.byOrg].sort(by((r) => r.orgId)),
  };
}

/** The counts recounted from every device row (what the hub did before 0029), grouped in JS with protocol's `groupOf`. */
async function recount(db: Db, scope: OrgScope): Promise<DeviceSummaryCounts> {
  const column = sql.raw(scope.rollup ? 'rollup_org_id' : 'org_id');
  const state = rowsOf<{ status: string; locationId: string | null; orgId: string; n: number }>(
    await db.execute(sql`
      SELECT CASE WHEN overflowed THEN 'Overflowed' ELSE status END AS status, location_id AS "locationId",
        org_id AS "orgId", count(*)::int AS n
      FROM device_state WHERE ${column} = ${scope.orgId} GROUP BY 1, 2, 3`),
  );
  const byModel = rowsOf<{ model: string; kind: string; n: number }>(
    await db.execute(
      sql`SELECT model, kind, count(*)::int AS n FROM devices WHERE ${column} = ${scope.orgId} GROUP BY 1, 2`,
    ),
  );
  const add = <K>(
    map: Map<K, { n: number; down: number; issues: number }>,
    key: K,
    status: string,
    n: number,
  ) => {
    const c = map.get(key) ?? { n: 0, down: 0, issues: 0 };
    c.n += n;
    if (groupOf(status) === 'down') c.down += n;
    if (groupOf(status) === 'issues') c.issues += n;
    map.set(key, c);
  };
  const byStatus = new Map<string, number>();
  const byLocation = new Map<string | null, { n: number; down: number; issues: number }>();
  const byOrg = new Map<string, { n: number; down: number; issues: number }>();
  for (const r of state) {
    byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + r.n);
    add(byLocation, r.locationId, r.status, r.n);
    add(byOrg, r.orgId, r.status, r.n);
  }
  return {
    byStatus: [...byStatus].map(([status, n]) => ({ status, n })),
    byModel,
    byLocation: [...byLocation].map(([locationId, c]) => ({ locationId, ...c })),
    byOrg: scope.rollup ? [...byOrg].map(([orgId, c]) => ({ orgId, ...c })) : [],
  };
}

/** What an arbitrary generates. */
type Op<A> = A extends fc.Arbitrary<infer T> ? T : never;

/** The most rows any key of the kept counts has (1 once folded, or 0: none), and the rows not folded. */
async function foldState(db: Db): Promise<{ rowsPerKey: number; unfolded: number }> {
  const [row] = rowsOf<{ rowsPerKey: number; unfolded: number }>(
    await db.execute(sql`
      SELECT greatest(
          (SELECT max(c) FROM (SELECT count(*) AS c FROM device_status_counts GROUP BY org_id, rollup_org_id, location_id, status) s),
          (SELECT max(c) FROM (SELECT count(*) AS c FROM device_model_counts GROUP BY org_id, rollup_org_id, model, kind) m),
          0)::int AS "rowsPerKey",
        ((SELECT count(*) FROM device_status_counts WHERE NOT folded)
          + (SELECT count(*) FROM device_model_counts WHERE NOT folded))::int AS unfolded`),
  );
  return row ?? { rowsPerKey: -1, unfolded: -1 };
}

/** Statuses an agent reports (and one a newer agent might), Down and Healthy most often. */
const statuses = ['Healthy', 'Down', 'Healthy', 'Down', 'Safety Mute On', 'Login Failed', 'Warning'];
const statusOf = (n: number): string => statuses[n % statuses.length] ?? 'Healthy';

describe.each(await databaseLanes())('kept device counts on $name', (lane) => {
  let database: Database;
  /** A second hub on the same PostgreSQL (on PGlite, the same handle). */
  let second: Database;
  let drop: () => Promise<void>;
  let repo: DeviceRepository;
  let ingest: DeviceIngestRepository;
  let orgs: OrganizationRepository;
  let locations: LocationRepository;
  let accounts: AgentAccountRepository;
  let supportId: string;
  const clients: string[] = [];
  let enterpriseId: string;
  /** Every organization with devices and the scope its dashboard reads. */
  const scopes = (): OrgScope[] => [
    { orgId: supportId, rollup: true },
    ...[...clients, enterpriseId].map((orgId) => ({ orgId, rollup: false })),
  ];
  const seqs = new Map<string, number>();
  const nextSeq = (serverId: string) => {
    const seq = (seqs.get(serverId) ?? 0) + 1;
    seqs.set(serverId, seq);
    return seq;
  };
  let accountNumber = 0;

  const newClient = async (name: string, parentId: string) =>
    (
      await orgs.create({
        kind: 'client',
        parentId,
        name,
        accountNumber: `K${String(Date.now()).slice(-6)}${String(++accountNumber)}`,
        planStart: '2025-01-01',
        planEnd: '2027-12-31',
      })
    ).id;
  const newServer = async (orgId: string, name: string) =>
    (await accounts.create({ orgId, name, passwordHash: 'x' })).id;

  /**
   * The kept counts of every scope equal a recount, before and after a fold (which leaves one row
   * per key), and the reconcile finds nothing to correct.
   */
  const expectExact = async (db: Db = database.db) => {
    const kept = new DeviceRepository(db);
    const compare = async () => {
      for (const scope of scopes())
        expect(normal(await kept.summary(scope)), JSON.stringify(scope)).toEqual(
          normal(await recount(db, scope)),
        );
    };
    await compare();
    await kept.foldCounts();
    expect(await foldState(db)).toEqual({ rowsPerKey: 1, unfolded: 0 });
    await kept.vacuumCounts();
    await compare();
    const all = rowsOf<{ status: string; n: number }>(
      await db.execute(
        sql`SELECT CASE WHEN overflowed THEN 'Overflowed' ELSE status END AS status, count(*)::int AS n FROM device_state GROUP BY 1`,
      ),
    );
    const byStatus = (rows: { status: string; n: number }[]) =>
      [...rows].sort((a, b) => a.status.localeCompare(b.status));
    expect(byStatus(await deviceCountsByStatus(db))).toEqual(byStatus(all));
    expect(await kept.reconcileCounts()).toEqual([]);
  };

  const inventory = (orgId: string, serverId: string, list: LinkDevice[]) =>
    ingest.applyInventory(orgId, serverId, nextSeq(serverId), list, new Date());
  const deltas = (orgId: string, serverId: string, changes: LinkChange[]) =>
    ingest.applyChanges(orgId, serverId, nextSeq(serverId), changes, new Date());
  const change = (n: number, status: string, device?: LinkDevice): LinkChange => ({
    id: linkDevice(n).id,
    status,
    since: Date.now(),
    at: Date.now(),
    ...(device ? { device } : {}),
  });
  const idsOf = async (orgId: string, numbers: number[]) =>
    rowsOf<{ id: string }>(
      await database.db.execute(
        sql`SELECT id FROM devices WHERE org_id = ${orgId} AND agent_device_id = ANY(${sql.param(numbers.map((n) => linkDevice(n).id))}::text[]) ORDER BY id`,
      ),
    ).map((r) => r.id);

  let serverA: string;
  let serverB: string;
  let serverE: string;

  beforeAll(async () => {
    const db = await lane.open();
    drop = db.drop;
    database = await openDatabase(db.target);
    second = db.target.kind === 'postgres' ? await openDatabase(db.target) : database;
    repo = new DeviceRepository(database.db);
    ingest = new DeviceIngestRepository(database.db);
    orgs = new OrganizationRepository(database.db);
    locations = new LocationRepository(database.db);
    accounts = new AgentAccountRepository(database.db);
    supportId = (await orgs.create({ kind: 'support', name: 'Acme AV' })).id;
    clients.push(await newClient('Globex', supportId), await newClient('Initech', supportId));
    enterpriseId = (await orgs.create({ kind: 'enterprise', name: 'Umbrella' })).id;
    serverA = await newServer(clients[0] ?? '', 'rack a');
    serverB = await newServer(clients[1] ?? '', 'rack b');
    serverE = await newServer(enterpriseId, 'rack e');
  });
  afterAll(async () => {
    if (second !== database) await second.close();
    await database.close();
    await drop();
  });

  it('counts what inventories add, update and leave out (Down)', async () => {
    const [c1 = '', c2 = ''] = clients;
    await inventory(
      c1,
      serverA,
      [1, 2, 3, 4, 5, 6].map((n) => linkDevice(n, statusOf(n))),
    );
    await inventory(
      c2,
      serverB,
      [1, 2, 3].map((n) => linkDevice(n, 'Down')),
    );
    await inventory(
      enterpriseId,
      serverE,
      [7, 8].map((n) => linkDevice(n)),
    );
    await expectExact();
    const summary = await repo.summary({ orgId: supportId, rollup: true });
    expect(summary.byOrg.map((o) => o.n).sort()).toEqual([3, 6]);
    expect(summary.byOrg.find((o) => o.orgId === c2)).toMatchObject({ n: 3, down: 3, issues: 0 });
    // Known devices again, one with another model, two no longer reported: Down.
    await inventory(c1, serverA, [
      linkDevice(1, 'Healthy'),
      { ...linkDevice(2, 'Healthy'), model: 'CONVERGE Pro 2 64D' },
      linkDevice(3, 'Healthy'),
      linkDevice(4, 'Healthy'),
    ]);
    await expectExact();
    expect((await repo.summary({ orgId: c1, rollup: false })).byStatus).toEqual(
      expect.arrayContaining([
        { status: 'Healthy', n: 4 },
        { status: 'Down', n: 2 },
      ]),
    );
    // The same inventory again changes nothing.
    await inventory(
      c1,
      serverA,
      [1, 2, 3, 4].map((n) => linkDevice(n, 'Healthy')),
    );
    await expectExact();
  });

  it('counts deltas, and devices a change brings along', async () => {
    const [c1 = ''] = clients;
    await deltas(c1, serverA, [
      change(1, 'Down'),
      change(1, 'Healthy'),
      change(2, 'Login Failed'),
      change(3, 'Down'),
    ]);
    await expectExact();
    await deltas(c1, serverA, [
      change(9, 'Safety Mute On', linkDevice(9, 'Safety Mute On')),
      change(4, 'Down'),
    ]);
    await expectExact();
    const c1Counts = await repo.summary({ orgId: c1, rollup: false });
    expect(c1Counts.byStatus.reduce((n, r) => n + r.n, 0)).toBe(7);
    expect(await repo.total({ orgId: supportId, rollup: true })).toBe(10);
    expect(await repo.total({ orgId: supportId, rollup: true }, 'video')).toBe(0);
  });

  it('counts locations assigned, and a deleted location (its devices back to none)', async () => {
    const [c1 = ''] = clients;
    const room = await locations.create({ orgId: c1, name: 'Boardroom', kind: 'room' });
    const hall = await locations.create({ orgId: c1, name: 'Hall', kind: 'room' });
    await repo.setLocation(c1, await idsOf(c1, [1, 2, 3]), room.id);
    await repo.setLocation(c1, await idsOf(c1, [4]), hall.id);
    await expectExact();
    const byLocation = (await repo.summary({ orgId: c1, rollup: false })).byLocation;
    expect(byLocation.find((l) => l.locationId === room.id)?.n).toBe(3);
    await repo.setLocation(c1, await idsOf(c1, [3]), hall.id);
    await expectExact();
    await locations.delete(c1, hall.id);
    await expectExact();
    expect(
      (await repo.summary({ orgId: c1, rollup: false })).byLocation.map((l) => l.locationId),
    ).not.toContain(hall.id);
  });

  it('counts devices past the plan as Overflowed, and back when the plan grows', async () => {
    const [c1 = ''] = clients;
    expect(await repo.applyPlan(c1, 2)).toBe(true);
    await expectExact();
    expect((await repo.summary({ orgId: c1, rollup: false })).byStatus).toContainEqual({
      status: 'Overflowed',
      n: 5,
    });
    // A status change of an Overflowed device leaves it Overflowed.
    await deltas(c1, serverA, [change(9, 'Healthy'), change(6, 'Healthy')]);
    await expectExact();
    expect(await repo.applyPlan(c1, null)).toBe(true);
    await expectExact();
  });

  it('moves counts with a client that changes hands, both ways', async () => {
    const [, c2 = ''] = clients;
    const other = (await orgs.create({ kind: 'support', name: 'Other AV' })).id;
    await database.db.execute(sql`UPDATE organizations SET parent_id = ${other} WHERE id = ${c2}`);
    await repo.moveRollup(c2, other);
    await expectExact();
    expect((await repo.summary({ orgId: other, rollup: true })).byOrg).toEqual([
      { orgId: c2, n: 3, down: 3, issues: 0 },
    ]);
    expect((await repo.summary({ orgId: supportId, rollup: true })).byOrg.map((o) => o.orgId)).not.toContain(
      c2,
    );
    await database.db.execute(sql`UPDATE organizations SET parent_id = ${supportId} WHERE id = ${c2}`);
    await repo.moveRollup(c2, supportId);
    await expectExact();
    expect(await repo.total({ orgId: other, rollup: true })).toBe(0);
  });

  it('uncounts deleted devices, a deleted server (its devices stay) and a deleted organization', async () => {
    const [c1 = ''] = clients;
    const [gone = ''] = await idsOf(c1, [6]);
    await database.db.execute(sql`DELETE FROM devices WHERE id = ${gone}`);
    await expectExact();
    await accounts.delete(enterpriseId, serverE);
    await expectExact();
    expect(await repo.total({ orgId: enterpriseId, rollup: false })).toBe(2);
    // A client deleted with its devices: nothing of it is left in the kept counts.
    const doomed = await newClient('Hooli', supportId);
    clients.push(doomed);
    const serverH = await newServer(doomed, 'rack h');
    await inventory(
      doomed,
      serverH,
      [1, 2, 3, 4].map((n) => linkDevice(n, statusOf(n))),
    );
    await expectExact();
    clients.pop();
    await database.db.execute(sql`DELETE FROM organizations WHERE id = ${doomed}`);
    await expectExact();
    // Folded, its keys net to 0 and go.
    const left = rowsOf<{ n: number }>(
      await database.db.execute(sql`
        SELECT (SELECT count(*) FROM device_status_counts WHERE org_id = ${doomed})
             + (SELECT count(*) FROM device_model_counts WHERE org_id = ${doomed}) AS n`),
    );
    expect(Number(left[0]?.n)).toBe(0);
  });

  it('finds counts that drifted, corrects them and says whose', async () => {
    const [c1 = ''] = clients;
    await database.db.execute(
      sql`UPDATE device_status_counts SET n = n + 5 WHERE org_id = ${c1} AND status = 'Healthy' AND location_id IS NULL`,
    );
    await database.db.execute(sql`DELETE FROM device_model_counts WHERE org_id = ${enterpriseId}`);
    // A count the triggers never made (a restore with triggers off): found too.
    await database.db.execute(sql`
      INSERT INTO device_status_counts (org_id, rollup_org_id, location_id, status, n)
      VALUES (${clients[1] ?? ''}, ${supportId}, NULL, 'Locate Light On', 2)`);
    expect((await repo.reconcileCounts()).sort()).toEqual([c1, clients[1], enterpriseId].sort());
    await expectExact();
  });

  it('stays exact with two hubs writing to the same organization at once', async () => {
    const [c1 = ''] = clients;
    // Four agents of one organization, on two hubs, each sending frames of changes on its own
    // devices, while people move devices between locations and the plan flips some Overflowed,
    // and both hubs fold and reconcile the counts meanwhile.
    const servers = await Promise.all([1, 2, 3, 4].map((k) => newServer(c1, `busy ${String(k)}`)));
    const numbers = (k: number) => Array.from({ length: 40 }, (_, i) => 100 + k * 40 + i);
    await Promise.all(
      servers.map((s, k) =>
        inventory(
          c1,
          s,
          numbers(k).map((n) => linkDevice(n, 'Healthy')),
        ),
      ),
    );
    const room = await locations.create({ orgId: c1, name: 'Busy room', kind: 'room' });
    const hubs = [database, second].map((d) => ({
      ingest: new DeviceIngestRepository(d.db),
      devices: new DeviceRepository(d.db),
    }));
    // A person's statement and an agent's frame that update the same devices' state in different
    // orders can deadlock (PostgreSQL then aborts one, whole: kept counts included); the frame is
    // sent again, as an agent does when it is not acknowledged, and the person tries again.
    let deadlocks = 0;
    const again = async <T>(write: () => Promise<T>): Promise<T> => {
      for (;;) {
        try {
          return await write();
        } catch (e) {
          const code = (e as { cause?: { code?: string } }).cause?.code;
          if (code !== '40P01' || ++deadlocks > 20) throw e;
        }
      }
    };
    let writing = true;
    const drifts: string[] = [];
    const agents = servers.map(async (s, k) => {
      const hub = hubs[k % 2]?.ingest ?? ingest;
      for (let frame = 0; frame < 15; frame++) {
        const changes = numbers(k).map((n, i) => change(n, statusOf(n + frame + i)));
        const seq = nextSeq(s);
        await again(() => hub.applyChanges(c1, s, seq, changes, new Date()));
      }
    });
    const people = (async () => {
      const [one, two] = hubs.map((h) => h.devices);
      for (let round = 0; round < 6; round++) {
        const ids = await idsOf(c1, numbers(round % 4).slice(0, 20));
        await again(() => (one ?? repo).setLocation(c1, ids, round % 2 ? null : room.id));
        await again(() => (two ?? repo).applyPlan(c1, round % 2 ? null : 150));
      }
      await again(() => (two ?? repo).applyPlan(c1, null));
    })();
    const tending = hubs.map(async (h) => {
      while (writing) {
        await h.devices.foldCounts();
        drifts.push(...(await h.devices.reconcileCounts()));
      }
    });
    await Promise.all([...agents, people]);
    writing = false;
    await Promise.all(tending);
    // A reconcile in the middle of the writes found nothing to correct: one snapshot, exact.
    expect(drifts).toEqual([]);
    await expectExact();
    await expectExact(second.db);
  });

  it('stays exact through random sequences of writes', async () => {
    const [c1 = '', c2 = ''] = clients;
    const room = await locations.create({ orgId: c1, name: 'Random room', kind: 'room' });
    const devices = fc.integer({ min: 300, max: 311 });
    const status = fc.constantFrom(...statuses);
    const op = fc.oneof(
      fc.record({ kind: fc.constant('inventory' as const), present: fc.uniqueArray(devices), status }),
      fc.record({
        kind: fc.constant('deltas' as const),
        changes: fc.array(fc.tuple(devices, status, fc.boolean()), { minLength: 1, maxLength: 6 }),
      }),
      fc.record({
        kind: fc.constant('location' as const),
        devices: fc.uniqueArray(devices),
        none: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('plan' as const), max: fc.option(fc.integer({ min: 0, max: 15 })) }),
      fc.record({ kind: fc.constant('delete' as const), device: devices }),
      fc.record({ kind: fc.constant('model' as const), device: devices, video: fc.boolean() }),
      fc.record({ kind: fc.constant('rollup' as const), away: fc.boolean() }),
    );
    const other = (await orgs.create({ kind: 'support', name: 'Random AV' })).id;
    const server = await newServer(c2, 'random rack');
    const apply = async (o: Op<typeof op>) => {
      switch (o.kind) {
        case 'inventory':
          await inventory(
            c2,
            server,
            o.present.map((n) => linkDevice(n, o.status)),
          );
          break;
        case 'deltas':
          await deltas(
            c2,
            server,
            o.changes.map(([n, s, carried]) => change(n, s, carried ? linkDevice(n, s) : undefined)),
          );
          break;
        case 'location':
          await repo.setLocation(c2, await idsOf(c2, o.devices), o.none ? null : room.id);
          break;
        case 'plan':
          await repo.applyPlan(c2, o.max);
          break;
        case 'delete':
          await database.db.execute(
            sql`DELETE FROM devices WHERE org_id = ${c2} AND agent_device_id = ${linkDevice(o.device).id}`,
          );
          break;
        case 'model':
          await database.db.execute(sql`
            UPDATE devices SET model = ${o.video ? 'COLLABORATE Live 600' : 'CONVERGE Pro 2 64D'},
              kind = ${o.video ? 'video' : 'pro-audio'}
            WHERE org_id = ${c2} AND agent_device_id = ${linkDevice(o.device).id}`);
          break;
        case 'rollup': {
          const to = o.away ? other : supportId;
          await database.db.execute(sql`UPDATE organizations SET parent_id = ${to} WHERE id = ${c2}`);
          await repo.moveRollup(c2, to);
          break;
        }
      }
    };
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) await apply(o);
        for (const scope of [
          { orgId: c2, rollup: false },
          { orgId: supportId, rollup: true },
          { orgId: other, rollup: true },
        ])
          expect(normal(await repo.summary(scope))).toEqual(normal(await recount(database.db, scope)));
        expect(await repo.reconcileCounts()).toEqual([]);
      }),
      { numRuns: lane.name === 'PGlite' ? 40 : 25, seed: 24 },
    );
  });
});

/** A database as the hub opens it, but migrated only when and as far as the test says. */
async function rawDatabase(
  target: DatabaseTarget,
): Promise<{ db: Db; migrate: (folder: string) => Promise<void>; close: () => Promise<void> }> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 2 });
    const db = drizzlePg({ client: pool });
    return {
      db: db as unknown as Db,
      migrate: (migrationsFolder) => migratePg(db, { migrationsFolder }),
      close: () => pool.end(),
    };
  }
  const client = await PGlite.create({ extensions: { pg_trgm } });
  const db = drizzlePglite({ client });
  return {
    db: db as unknown as Db,
    migrate: (migrationsFolder) => migratePglite(db, { migrationsFolder }),
    close: () => client.close(),
  };
}

describe.each(await databaseLanes())('migration 0029 on $name', (lane) => {
  it('counts the devices a hub had before it, once, folded', async () => {
    const { target, drop } = await lane.open();
    const raw = await rawDatabase(target);
    const { db, migrate } = raw;
    try {
      await migrate(await migrationsBefore('0029_device_counts'));
      // Two organizations' devices as a hub before 0029 stored them: a roll-up, a location, a few
      // statuses, some Overflowed.
      await db.execute(sql`
        WITH s AS (INSERT INTO organizations (name, kind) VALUES ('Support', 'support') RETURNING id),
        c AS (INSERT INTO organizations (name, kind, parent_id) SELECT 'Client', 'client', id FROM s RETURNING id, parent_id),
        l AS (INSERT INTO locations (org_id, name, kind) SELECT id, 'Room', 'room' FROM c RETURNING id, org_id),
        d AS (
          INSERT INTO devices (org_id, rollup_org_id, agent_device_id, family, kind, model, serial, firmware, name, ip, location_id)
          SELECT c.id, c.parent_id, 'dev-' || i, 'f', CASE WHEN i % 5 = 0 THEN 'video' ELSE 'pro-audio' END,
            'model ' || (i % 3), 's' || i, '1', 'Device ' || i, '10.0.0.' || i, CASE WHEN i % 2 = 0 THEN l.id END
          FROM c JOIN l ON l.org_id = c.id CROSS JOIN generate_series(1, 40) i
          UNION ALL
          SELECT s.id, s.id, 'own-' || i, 'f', 'pro-audio', 'model 0', 'o' || i, '1', 'Own ' || i, '10.0.1.' || i, NULL
          FROM s CROSS JOIN generate_series(1, 7) i
          RETURNING id, org_id, rollup_org_id, kind, location_id, agent_device_id
        )
        INSERT INTO device_state (device_id, org_id, rollup_org_id, kind, location_id, status, status_since, last_seen_at, overflowed)
        SELECT id, org_id, rollup_org_id, kind, location_id, (ARRAY['Healthy', 'Down', 'Login Failed'])[1 + length(agent_device_id) % 3],
          now(), now(), agent_device_id LIKE '%3'
        FROM d`);
      await migrate(migrationsFolder);
      const [support = ''] = rowsOf<{ id: string }>(
        await db.execute(sql`SELECT id FROM organizations WHERE kind = 'support'`),
      ).map((r) => r.id);
      const [client = ''] = rowsOf<{ id: string }>(
        await db.execute(sql`SELECT id FROM organizations WHERE kind = 'client'`),
      ).map((r) => r.id);
      const repo = new DeviceRepository(db);
      for (const scope of [
        { orgId: support, rollup: true },
        { orgId: support, rollup: false },
        { orgId: client, rollup: false },
      ])
        expect(normal(await repo.summary(scope))).toEqual(normal(await recount(db, scope)));
      expect(await repo.total({ orgId: support, rollup: true })).toBe(47);
      expect(await foldState(db)).toEqual({ rowsPerKey: 1, unfolded: 0 });
      expect(await repo.reconcileCounts()).toEqual([]);
    } finally {
      await raw.close();
      await drop();
    }
  });
});
