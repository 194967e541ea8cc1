import type pg from 'pg';
import { keysetCursor, listQueries, summaryQueries, type Query } from '../lib/device-queries.ts';
import { inventoriesSpread, loadFleet } from '../lib/fleet-load.ts';
import { benchFleet, connectScripted } from '../lib/link-load.ts';
import { apiGet, startHubProcess, type HubProcess, type SupportTenants } from '../lib/hub-process.ts';
import { timeSequential } from '../lib/http-load.ts';
import { sampleMachine } from '../lib/machine-load.ts';
import { explain, timeSql, type Explained } from '../lib/raw-sql.ts';
import { createBenchDatabase } from '../lib/postgres.ts';
import { round, type Summary } from '../lib/stats.ts';
import { summaryAfterChange } from '../lib/summary-after-change.ts';
import type { Figure, Scenario, TargetCheck } from '../lib/scenario.ts';

/** A search a person would type: a site, floor and the start of a room number (≈ 0.05 % of devices). */
const searchTerm = 'lisbon 7-1';

/**
 * Whose list a shape is run on: the support organization's roll-up (every client's devices, the
 * support organization's token), or one client's own list (its own token): what one organization costs.
 */
interface Side {
  orgId: string;
  token: string;
  rollup: boolean;
  /** Devices the list holds. */
  devices: number;
  /** The client the `oneClient` shape narrows to (`organizationId`): on a client's own list, itself. */
  clientId: string;
  /** A cursor to the middle of the list sorted by name, and the row it points after. */
  deep: { cursor: string; after: { value: string; id: string } };
}

interface Shape {
  name: string;
  /** The API path after `/api/v1/orgs/{org}`. */
  path: (side: Side) => string;
  /** The statements the hub sends for it (EXPLAINed on the roll-up); `total` is what the API answered. */
  sql: (side: Side, total: number) => Query[];
  /** p95 the design allows, ms (the same as for one organization of 100,000 devices). */
  targetMs: number;
}

const shapes: Shape[] = [
  // Summed from the counts the database keeps (migration 0029).
  {
    name: 'summary',
    path: () => '/devices/summary',
    sql: (s) => summaryQueries(s.orgId, s.rollup),
    targetMs: 50,
  },
  {
    name: 'sortName',
    path: () => '/devices?sort=name',
    sql: (s) => listQueries(s.orgId, { rollup: s.rollup, sort: 'name', knownTotal: s.devices }),
    targetMs: 100,
  },
  {
    name: 'sortStatusDesc',
    path: () => '/devices?sort=status&order=desc',
    sql: (s) =>
      listQueries(s.orgId, { rollup: s.rollup, sort: 'status', order: 'desc', knownTotal: s.devices }),
    targetMs: 100,
  },
  {
    name: 'groupDown',
    path: () => '/devices?group=down',
    sql: (s) => listQueries(s.orgId, { rollup: s.rollup, group: 'down' }),
    targetMs: 100,
  },
  {
    name: 'search',
    path: () => `/devices?search=${encodeURIComponent(searchTerm)}`,
    sql: (s, total) => listQueries(s.orgId, { rollup: s.rollup, search: searchTerm }, total),
    targetMs: 100,
  },
  {
    name: 'oneClient',
    path: (s) => `/devices?sort=name&organizationId=${s.clientId}`,
    sql: (s) => listQueries(s.orgId, { rollup: s.rollup, sort: 'name', organizationId: s.clientId }),
    targetMs: 100,
  },
  {
    name: 'deepPage',
    path: (s) => `/devices?sort=name&cursor=${encodeURIComponent(s.deep.cursor)}`,
    sql: (s) =>
      listQueries(s.orgId, { rollup: s.rollup, sort: 'name', knownTotal: s.devices, after: s.deep.after }),
    targetMs: 100,
  },
];

/** The row in the middle of a list sorted by name (as the hub sorts it), as a cursor the API accepts. */
async function middleOf(client: pg.Client, orgId: string, rollup: boolean, devices: number) {
  const column = rollup ? 'rollup_org_id' : 'org_id';
  const res = await client.query<{ value: string; id: string }>(
    `SELECT (lower(name))::text AS value, id FROM devices WHERE ${column} = $1 ORDER BY lower(name), id OFFSET $2 LIMIT 1`,
    [orgId, Math.floor(devices / 2)],
  );
  const row = res.rows[0];
  if (!row) throw new Error(`no device in the middle of ${orgId}'s list`);
  return { cursor: keysetCursor(row.value, row.id, devices), after: row };
}

interface ShapeResult {
  api: Summary;
  errors: number;
  /** Rows matching (the page's `total`; the summary's total). */
  total: number;
  /** Items on the page (the deep page must have some). */
  items: number;
}

interface Run {
  requests: number;
  warmup: number;
  budgetMs: number;
}

/** Every shape through the API on one side, one request at a time. */
async function measureSide(
  hub: HubProcess,
  side: Side,
  run: Run,
  log: (line: string) => void,
): Promise<Record<string, ShapeResult>> {
  const results: Record<string, ShapeResult> = {};
  for (const shape of shapes) {
    const path = `/api/v1/orgs/${side.orgId}${shape.path(side)}`;
    const timed = await timeSequential(
      `${hub.url}${path}`,
      run.requests,
      run.warmup,
      { authorization: `Bearer ${side.token}` },
      run.budgetMs,
    );
    const page = await apiGet<{ total: number; items?: unknown[] }>(hub, path, side.token);
    results[shape.name] = {
      api: timed.latencyMs,
      errors: timed.errors,
      total: page.total,
      items: page.items?.length ?? 0,
    };
    log(
      `${side.rollup ? 'roll-up' : 'one client'} ${shape.name}: p50 ${round(timed.latencyMs.p50)} / p95 ${round(timed.latencyMs.p95)} ms (${page.total} rows)`,
    );
  }
  return results;
}

interface OrgCount {
  organization: { id: string; name: string };
  count: number;
  down: number;
  issues: number;
}

/** What the roll-up's summary must say: every client once, their counts adding up, worst first. */
function checkSummary(byOrganization: OrgCount[], counts: Map<string, number>): string[] {
  const wrong: string[] = [];
  for (const [id, n] of counts) {
    const row = byOrganization.find((o) => o.organization.id === id);
    if (row?.count !== n) wrong.push(`client ${id}: ${String(row?.count ?? 'missing')} devices, loaded ${n}`);
  }
  byOrganization.forEach((o, i) => {
    const prev = byOrganization[i - 1];
    if (prev && (prev.down < o.down || (prev.down === o.down && prev.issues < o.issues)))
      wrong.push(`${o.organization.name} is worse than ${prev.organization.name} but after it`);
  });
  return wrong;
}

/**
 * A support organization's roll-up of its clients' devices (issue #17): 100,000 devices across 200
 * clients (10,000 across 20 quick) on a fresh PostgreSQL database, loaded through the agent link
 * (one account and one inventory per client); each shape of the roll-up's list and its summary
 * through the API with the support organization's token, one request at a time, and the same
 * shapes on one client's own list (the baseline: what one organization costs). The roll-up's
 * statements are EXPLAINed once, so the result shows the indexes they read.
 */
export const rollupListScenario: Scenario = {
  name: 'rollup-list',
  description:
    "a support organization's roll-up list and summary over many clients, against one client's own list",
  async run({ quick, log }) {
    const config = quick
      ? {
          clients: 20,
          devices: 10_000,
          requests: 40,
          warmup: 5,
          budgetMs: 2000,
          parallelLoads: 2,
          changeSamples: 40,
          changeBudgetMs: 3000,
        }
      : {
          clients: 200,
          devices: 100_000,
          requests: 200,
          warmup: 5,
          budgetMs: 15_000,
          parallelLoads: 2,
          changeSamples: 200,
          changeBudgetMs: 15_000,
        };
    const db = await createBenchDatabase('rollup_list');
    try {
      const t0 = performance.now();
      const hub = await startHubProcess({ url: db.url }, { clients: config.clients });
      const seedSeconds = (performance.now() - t0) / 1000;
      const support = hub.support as SupportTenants;
      let rollup: Record<string, ShapeResult>;
      let oneClient: Record<string, ShapeResult>;
      let plans: Record<string, Explained[]>;
      let byOrganization: OrgCount[];
      let unboundedWhatIf: { hubSql: Summary; unboundedSql: Summary; unboundedPlan: Explained[] };
      const afterChange: {
        rollup?: { api: Summary; errors: number };
        oneClient?: { api: Summary; errors: number };
      } = {};
      let load: Awaited<ReturnType<typeof loadFleet>>;
      let machineBusyPercent: number;
      const inventories = inventoriesSpread(
        support.clients.map((c) => c.logins[0] ?? ''),
        config.devices,
      );
      const first = support.clients[0];
      if (!first) throw new Error('the hub seeded no client');
      const firstCount = inventories[0]?.count ?? 0;
      try {
        log(
          `hub on PostgreSQL ${db.version} at ${hub.url}, ${config.clients} clients seeded in ${round(seedSeconds)} s; loading ${config.devices} devices, one inventory per client`,
        );
        load = await loadFleet(
          hub.url,
          hub.password,
          inventories,
          config.parallelLoads,
          log,
          Math.ceil(inventories.length / 4),
        );
        await db.client.query('VACUUM (ANALYZE) devices, device_state');
        await db.client.query('CHECKPOINT');
        const machine = sampleMachine();
        const rollupSide: Side = {
          orgId: support.orgId,
          token: support.token,
          rollup: true,
          devices: config.devices,
          clientId: first.id,
          deep: await middleOf(db.client, support.orgId, true, config.devices),
        };
        const clientSide: Side = {
          orgId: first.id,
          token: support.clientToken,
          rollup: false,
          devices: firstCount,
          clientId: first.id,
          deep: await middleOf(db.client, first.id, false, firstCount),
        };
        rollup = await measureSide(hub, rollupSide, config, log);
        oneClient = await measureSide(hub, clientSide, config, log);
        // The summary right after a status change of a device of the first client: the roll-up's
        // and the client's own, each read while the change's count row is not yet folded.
        const agent = await connectScripted(hub.url, first.logins[0] ?? '', hub.password);
        try {
          const ids = benchFleet(1, 50).map((d) => d.id);
          const run = { requests: config.changeSamples, warmup: 1, budgetMs: config.changeBudgetMs };
          for (const [key, side] of [
            ['rollup', rollupSide],
            ['oneClient', clientSide],
          ] as const) {
            const r = await summaryAfterChange(
              { url: hub.url, orgId: side.orgId, token: side.token },
              agent,
              ids,
              run,
            );
            afterChange[key] = r;
            log(
              `${key === 'rollup' ? 'roll-up' : 'one client'} summary right after a change: p50 ${round(r.api.p50)} / p95 ${round(r.api.p95)} ms`,
            );
          }
        } finally {
          agent.agent.close();
        }
        machineBusyPercent = await machine.stop();
        plans = {};
        for (const shape of shapes)
          plans[shape.name] = await explain(db.client, shape.sql(rollupSide, rollup[shape.name]?.total ?? 0));
        // What-if, raw through pg: the deep page as the hub sends it (the cursor's value bounds the
        // name index's walk), and as it did before (the walk starts at the list's start).
        const deepShape = {
          rollup: true,
          sort: 'name' as const,
          knownTotal: config.devices,
          after: rollupSide.deep.after,
        };
        const hubDeep = listQueries(support.orgId, deepShape);
        const unboundedDeep = listQueries(support.orgId, { ...deepShape, unbounded: true });
        unboundedWhatIf = {
          hubSql: await timeSql(db.client, hubDeep, config.requests, config.warmup, config.budgetMs),
          unboundedSql: await timeSql(
            db.client,
            unboundedDeep,
            config.requests,
            config.warmup,
            config.budgetMs,
          ),
          unboundedPlan: await explain(db.client, unboundedDeep),
        };
        log(
          `what-if, deep page raw: as the hub sends it p95 ${round(unboundedWhatIf.hubSql.p95)} ms, unbounded (as before) p95 ${round(unboundedWhatIf.unboundedSql.p95)} ms`,
        );
        byOrganization = (
          await apiGet<{ byOrganization: OrgCount[] }>(
            hub,
            `/api/v1/orgs/${support.orgId}/devices/summary`,
            support.token,
          )
        ).byOrganization;
      } finally {
        await hub.child.stop();
      }
      const mismatches = checkSummary(
        byOrganization,
        new Map(inventories.map((inv, i) => [support.clients[i]?.id ?? '', inv.count])),
      );
      const expect = (what: string, got: number | undefined, want: number) => {
        if (got !== want) mismatches.push(`${what}: ${String(got)}, expected ${want}`);
      };
      expect('roll-up total', rollup.sortName?.total, config.devices);
      expect('roll-up summary total', rollup.summary?.total, config.devices);
      expect('roll-up narrowed to one client', rollup.oneClient?.total, firstCount);
      expect("one client's own total", oneClient.sortName?.total, firstCount);
      expect('roll-up deep page rows', rollup.deepPage?.items, 50);
      expect(
        "one client's deep page rows",
        oneClient.deepPage?.items,
        Math.min(50, firstCount - 1 - Math.floor(firstCount / 2)),
      );
      for (const m of mismatches) log(`MISMATCH ${m}`);
      const errors = [...Object.values(rollup), ...Object.values(oneClient)].reduce(
        (n, r) => n + r.errors,
        0,
      );

      const full = config.devices >= 100_000;
      const scale = full
        ? ''
        : ` (${config.devices} devices, ${config.clients} clients; the target is for 100,000 across 200)`;
      const targets: TargetCheck[] = shapes.map((s) => {
        const p95 = rollup[s.name]?.api.p95 ?? Number.NaN;
        return {
          name: `roll-up ${s.name === 'summary' ? 'dashboard summary (kept counts)' : `device list ${s.name}`} p95${scale}`,
          target: `< ${s.targetMs} ms with 100,000 devices across 200 clients (as for one organization)`,
          measured: round(p95),
          unit: 'ms',
          met: p95 < s.targetMs,
        };
      });
      const changed = afterChange.rollup?.api.p95 ?? Number.NaN;
      targets.push({
        name: `roll-up dashboard summary right after a status change p95${scale}`,
        target: '< 50 ms with 100,000 devices across 200 clients (as for one organization)',
        measured: round(changed),
        unit: 'ms',
        met: changed < 50,
      });
      const figures: Record<string, Figure> = {
        seedSeconds,
        loadSeconds: load.seconds,
        [`inventoryOf${String(inventories[0]?.count ?? 0)}Ms`]: load.inventoryMs,
        machineBusyPercent,
      };
      const baseline: Record<string, Figure> = {};
      const ratios: Record<string, number> = {};
      for (const s of shapes) {
        const r = rollup[s.name];
        const c = oneClient[s.name];
        if (!r || !c) continue;
        figures[`${s.name}Ms`] = r.api;
        figures[`${s.name}Total`] = r.total;
        baseline[`${s.name}Ms`] = c.api;
        baseline[`${s.name}Total`] = c.total;
        ratios[`${s.name}RollupVsOneClientP95`] = r.api.p95 / c.api.p95;
      }
      figures.deepPageHubSqlMs = unboundedWhatIf.hubSql;
      baseline.deepPageUnboundedSqlMs = unboundedWhatIf.unboundedSql;
      ratios.deepPageHubVsUnboundedSqlP95 = unboundedWhatIf.hubSql.p95 / unboundedWhatIf.unboundedSql.p95;
      if (afterChange.rollup && afterChange.oneClient) {
        figures.summaryAfterChangeMs = afterChange.rollup.api;
        baseline.summaryAfterChangeMs = afterChange.oneClient.api;
        ratios.summaryAfterChangeRollupVsOneClientP95 =
          afterChange.rollup.api.p95 / afterChange.oneClient.api.p95;
      }
      const row = (r: ShapeResult | undefined) =>
        r ? `${round(r.api.p50)} / ${round(r.api.p95)} / ${round(r.api.p99)} ms` : '—';
      return {
        config: {
          ...config,
          devicesPerClient: inventories[0]?.count,
          searchTerm,
          baselineClientId: first.id,
          api: 'one client, one request at a time, keep-alive; page size 50 (the default)',
        },
        figures,
        baseline: {
          description: `the same shapes on one client's own list (${firstCount} devices, its own Monitor token), same run, same database; for the deep-page what-if, the statement without the cursor's bound inside (as the hub sent it before), raw`,
          figures: baseline,
        },
        ratios,
        targets,
        lost: errors + mismatches.length,
        details: {
          plans,
          deepPageUnboundedPlan: unboundedWhatIf.unboundedPlan,
          mismatches,
          worstClients: byOrganization.slice(0, 5),
        },
        table: [
          [
            'clients seeded / devices loaded',
            `${config.clients} in ${round(seedSeconds)} s / ${config.devices} in ${round(load.seconds)} s (inventory p50 ${round(load.inventoryMs.p50)} ms)`,
          ],
          ...shapes.map((s): [string, string] => [
            `${s.name} p50/p95/p99`,
            `roll-up ${row(rollup[s.name])} (${rollup[s.name]?.total ?? 0} rows; ${[...new Set(plans[s.name]?.flatMap((p) => p.indexes))].join(', ') || 'no index'}) · one client ${row(oneClient[s.name])} · p95 × ${round(ratios[`${s.name}RollupVsOneClientP95`] ?? Number.NaN)}`,
          ]),
          [
            'summary right after a change',
            `roll-up ${afterChange.rollup ? `${round(afterChange.rollup.api.p50)} / ${round(afterChange.rollup.api.p95)} / ${round(afterChange.rollup.api.p99)} ms` : '—'} · one client ${afterChange.oneClient ? `${round(afterChange.oneClient.api.p50)} / ${round(afterChange.oneClient.api.p95)} ms` : '—'} · p95 × ${round(ratios.summaryAfterChangeRollupVsOneClientP95 ?? Number.NaN)}`,
          ],
          [
            'deep page raw: bounded at the cursor (the hub) vs unbounded (before)',
            `raw SQL p95 ${round(unboundedWhatIf.hubSql.p95)} ms against ${round(unboundedWhatIf.unboundedSql.p95)} ms (${[...new Set(unboundedWhatIf.unboundedPlan.flatMap((p) => p.indexes))].join(', ')})`,
          ],
          ['machine busy', `${round(machineBusyPercent)} %`],
          ['errors / mismatches', `${errors} / ${mismatches.length}`],
        ],
      };
    } finally {
      await db.drop();
    }
  },
};
