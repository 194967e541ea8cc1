// A broad search (more matches than the count's cap) sorts its matches itself instead of walking
// the sort index, and pages exactly as the walk does: every match once, in order, by any sort key
// of the device half, both ways; past BROAD_SEARCH_CAP matches the walk answers. PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { LinkDevice } from '@crosspoint/protocol';
import { openDatabase, type Database } from '../db/open-database.ts';
import { databaseLanes } from '../test/database-lanes.ts';
import { linkDevice } from '../test/fake-agent.ts';
import { AgentAccountRepository } from './agent-account.repository.ts';
import { DeviceIngestRepository } from './device-ingest.repository.ts';
import { BROAD_SEARCH_CAP, DeviceRepository, SEARCH_COUNT_CAP } from './device.repository.ts';
import { OrganizationRepository } from './organization.repository.ts';
import type { OrgScope } from './org-scope.ts';
import { rowsOf } from './raw-rows.ts';

/** Device `n` at a site, models and names mixed so every sort key has ties and spreads. */
const at = (site: string, n: number): LinkDevice => ({
  ...linkDevice(n, n % 7 === 0 ? 'Down' : 'Healthy'),
  id: `${site}-${String(n)}`,
  serial: `${site.slice(0, 3)}-${String(n % 97).padStart(3, '0')}-${String(n)}`,
  name: `${site} ${String(n % 13)}-${String(n)}`,
  model: ['CONVERGE Pro 2 128V', 'CONVERGE Pro 2 48T', 'VERSA 4'][n % 3] ?? '',
  ip: `10.${String(n % 5)}.${String(Math.floor(n / 250))}.${String(n % 250)}`,
});

describe.each(await databaseLanes())('broad device search on $name', (lane) => {
  let database: Database;
  let drop: () => Promise<void>;
  let repo: DeviceRepository;
  let scope: OrgScope;

  /** Every page of a search, by cursor, as the service asks for them. */
  async function allPages(search: string, sort: string, order: 'asc' | 'desc') {
    const ids: string[] = [];
    let after: { value: string; id: string } | undefined;
    let total: number | undefined;
    for (;;) {
      const page = await repo.list(scope, { search }, { sort, order, limit: 50, after, knownTotal: total });
      total = page.total;
      ids.push(...page.rows.slice(0, 50).map((r) => r.id));
      const last = page.rows[49];
      if (page.rows.length <= 50 || !last) return { ids, total, capped: page.capped };
      after = { value: last.sortKey, id: last.id };
    }
  }

  /** The matches in the list's order, straight from SQL. */
  async function expected(search: string, key: string, order: 'asc' | 'desc') {
    const dir = sql.raw(order === 'asc' ? 'ASC' : 'DESC');
    return rowsOf<{ id: string }>(
      await database.db.execute(sql`
        SELECT id FROM devices WHERE org_id = ${scope.orgId} AND search_text LIKE ${`%${search}%`}
        ORDER BY ${sql.raw(key)} ${dir}, id ${dir}`),
    ).map((r) => r.id);
  }

  beforeAll(async () => {
    const db = await lane.open();
    drop = db.drop;
    database = await openDatabase(db.target);
    repo = new DeviceRepository(database.db);
    const org = await new OrganizationRepository(database.db).create({ kind: 'enterprise', name: 'Big' });
    scope = { orgId: org.id, rollup: false };
    const server = await new AgentAccountRepository(database.db).create({
      orgId: org.id,
      name: 'rack',
      passwordHash: 'x',
    });
    // 1,500 at Lisbon (past the count's cap, under the broad cap), spread between Aveiro and
    // Porto in name order; BROAD_SEARCH_CAP + 200 at Porto; some at Aveiro.
    const devices = [
      ...Array.from({ length: 300 }, (_, n) => at('Aveiro', n)),
      ...Array.from({ length: 1500 }, (_, n) => at('Lisbon', n)),
      ...Array.from({ length: BROAD_SEARCH_CAP + 200 }, (_, n) => at('Porto', n)),
    ];
    await new DeviceIngestRepository(database.db).applyInventory(org.id, server.id, 1, devices, new Date());
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  it.each([
    ['name', 'lower(name)', 'asc'],
    ['name', 'lower(name)', 'desc'],
    ['model', 'model', 'asc'],
    ['ip', 'ip', 'desc'],
  ] as const)('pages a broad search sorted by %s (%s) %s exactly as the walk', async (sort, key, order) => {
    const got = await allPages('lisbon', sort, order);
    expect(got.total).toBe(SEARCH_COUNT_CAP + 1);
    expect(got.capped).toBe(true);
    const want = await expected('lisbon', key, order);
    expect(want).toHaveLength(1500);
    expect(got.ids).toEqual(want);
  });

  it('walks the sort index past the broad cap, and still pages exactly', async () => {
    const first = await repo.list(scope, { search: 'porto' }, { sort: 'name', order: 'asc', limit: 50 });
    expect(first.capped).toBe(true);
    const want = await expected('porto', 'lower(name)', 'asc');
    expect(want.length).toBeGreaterThan(BROAD_SEARCH_CAP);
    expect(first.rows.slice(0, 50).map((r) => r.id)).toEqual(want.slice(0, 50));
  });

  it('sorts a broad search by status on the joined state (the walk)', async () => {
    const page = await repo.list(scope, { search: 'lisbon' }, { sort: 'status', order: 'asc', limit: 50 });
    expect(page.rows.map((r) => r.effective)).toEqual([...page.rows.map((r) => r.effective)].sort());
    expect(page.rows.every((r) => r.name.startsWith('Lisbon'))).toBe(true);
  });
});
