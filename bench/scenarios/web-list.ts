import type pg from 'pg';
import { listQueries, summaryQueries, type ListShape, type Query } from '../lib/device-queries.ts';
import { apiGet, startHubProcess, type HubProcess } from '../lib/hub-process.ts';
import { timeSequential } from '../lib/http-load.ts';
import { benchFleet, connectScripted, sendInventory } from '../lib/link-load.ts';
import { sampleMachine } from '../lib/machine-load.ts';
import { addDeviceListIndexes, effectiveStatusSql } from '../lib/hub-sql.ts';
import { createBenchDatabase } from '../lib/postgres.ts';
import { round, summarize, type Summary } from '../lib/stats.ts';
import type { Figure, Scenario, TargetCheck } from '../lib/scenario.ts';

/** Devices per agent account: one inventory frame each (a frame may hold 20,000, and 4 MiB). */
const perAgent = 5000;
/** A search a person would type: a site, floor and the start of a room number (≈ 0.05 % of devices). */
const searchTerm = 'lisbon 7-1';
/** What-if: count search matches up to this many (the page would say "5,000+"). */
const searchCountCap = 5001;

interface Shape {
  name: string;
  /** The API query string (after `/devices`), or the summary. */
  path: (cursor?: string) => string;
  /** The same shape as raw SQL (the statements the hub sends for it). */
  sql: (orgId: string, cursor?: { value: string; id: string }) => Query[];
  /** p95 the design allows, ms. */
  targetMs: number;
}

const list = (shape: ListShape) => (orgId: string, after?: { value: string; id: string }) => {
  const q = listQueries(orgId, { ...shape, ...(after ? { after } : {}) });
  return [q.count, q.page];
};

const shapes: Shape[] = [
  { name: 'summary', path: () => '/devices/summary', sql: summaryQueries, targetMs: 50 },
  { name: 'sortName', path: () => '/devices?sort=name', sql: list({ sort: 'name' }), targetMs: 100 },
  {
    name: 'search',
    path: () => `/devices?search=${encodeURIComponent(searchTerm)}`,
    sql: list({ search: searchTerm }),
    targetMs: 100,
  },
  { name: 'groupDown', path: () => '/devices?group=down', sql: list({ group: 'down' }), targetMs: 100 },
  {
    name: 'sortStatusDesc',
    path: () => '/devices?sort=status&order=desc',
    sql: list({ sort: 'status', order: 'desc' }),
    targetMs: 100,
  },
  {
    name: 'secondPage',
    path: (cursor) => `/devices?sort=name&cursor=${encodeURIComponent(cursor ?? '')}`,
    sql: list({ sort: 'name' }),
    targetMs: 100,
  },
];

/** Loads `devices` into the hub's organization, `perAgent` per agent account, `parallel` accounts at a time. */
async function loadFleet(
  hub: HubProcess,
  devices: number,
  parallel: number,
  log: (line: string) => void,
): Promise<{ seconds: number; inventoryMs: Summary }> {
  const agents = Math.ceil(devices / perAgent);
  const ms: number[] = [];
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let a = next++; a < agents; a = next++) {
        const s = await connectScripted(hub.url, hub.logins[a] ?? '', hub.password);
        try {
          ms.push(await sendInventory(s, benchFleet(a + 1, Math.min(perAgent, devices - a * perAgent))));
        } finally {
          s.agent.close();
        }
        if ((a + 1) % 5 === 0 || a + 1 === agents)
          log(`${Math.min(devices, (a + 1) * perAgent)} devices loaded`);
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, inventoryMs: summarize(ms) };
}

/** Times the raw statements of a shape, back to back on one connection, like the API's one request (same budget rule). */
async function timeSql(
  client: pg.Client,
  queries: Query[],
  count: number,
  warmup: number,
  budgetMs: number,
): Promise<Summary> {
  const ms: number[] = [];
  const until = performance.now() + budgetMs;
  for (let i = 0; i < warmup + count && (ms.length < 10 || performance.now() < until); i++) {
    const t0 = performance.now();
    for (const q of queries) await client.query(q.text, q.values);
    if (i >= warmup) ms.push(performance.now() - t0);
  }
  return summarize(ms);
}

/** EXPLAIN (ANALYZE, BUFFERS) of each statement: the plan lines and the execution time. */
async function explain(
  client: pg.Client,
  queries: Query[],
): Promise<{ executionMs: number; plan: string[] }[]> {
  const out: { executionMs: number; plan: string[] }[] = [];
  for (const q of queries) {
    const res = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${q.text}`,
      q.values,
    );
    const plan = res.rows.map((r) => r['QUERY PLAN']);
    const exec = /Execution Time: ([\d.]+) ms/.exec(plan.join('\n'));
    out.push({ executionMs: Number(exec?.[1] ?? Number.NaN), plan });
  }
  return out;
}

interface ShapeResult {
  api: Summary;
  apiErrors: number;
  sql: Summary;
  explain: { executionMs: number; plan: string[] }[];
  /** Rows matching the filters (the page's `total`). */
  total: number;
}

interface Run {
  devices: number;
  requests: number;
  warmup: number;
  budgetMs: number;
}

/** The first page sorted by name: its cursor (for the API) and its last row (for the raw SQL). */
async function firstPage(
  hub: HubProcess,
): Promise<{ cursor?: string; after?: { value: string; id: string } }> {
  const first = await apiGet<{ items: { id: string; name: string }[]; nextCursor: string | null }>(
    hub,
    `/api/v1/orgs/${hub.orgId}/devices?sort=name`,
  );
  const last = first.items[first.items.length - 1];
  return {
    ...(first.nextCursor ? { cursor: first.nextCursor } : {}),
    ...(last ? { after: { value: last.name.toLowerCase(), id: last.id } } : {}),
  };
}

/** Every shape through the API and raw, with its plans. */
async function measureShapes(
  hub: HubProcess,
  client: pg.Client,
  run: Run,
  log: (line: string) => void,
): Promise<Record<string, ShapeResult>> {
  const org = `/api/v1/orgs/${hub.orgId}`;
  const { cursor, after } = await firstPage(hub);
  const results: Record<string, ShapeResult> = {};
  for (const shape of shapes) {
    const path = `${org}${shape.path(cursor)}`;
    const api = await timeSequential(
      `${hub.url}${path}`,
      run.requests,
      run.warmup,
      { authorization: `Bearer ${hub.token}` },
      run.budgetMs,
    );
    const queries = shape.sql(hub.orgId, shape.name === 'secondPage' ? after : undefined);
    const sql = await timeSql(client, queries, run.requests, run.warmup, run.budgetMs);
    const total = shape.name === 'summary' ? run.devices : (await apiGet<{ total: number }>(hub, path)).total;
    results[shape.name] = {
      api: api.latencyMs,
      apiErrors: api.errors,
      sql,
      explain: await explain(client, queries),
      total,
    };
    log(
      `${shape.name}: API p50 ${round(api.latencyMs.p50)} / p95 ${round(api.latencyMs.p95)} ms, raw SQL p95 ${round(sql.p95)} ms (${total} rows match)`,
    );
  }
  return results;
}

/** The summary's three statements as one pass over the table (GROUPING SETS): what a single query would cost. */
const summaryOnePass = (orgId: string): Query[] => [
  {
    text: `SELECT ${effectiveStatusSql} AS status, model, kind, location_id, count(*)::int AS n,
      (count(*) FILTER (WHERE (${effectiveStatusSql}) = 'Down'))::int AS down,
      (count(*) FILTER (WHERE (${effectiveStatusSql}) NOT IN ('Down', 'Healthy')))::int AS issues
      FROM devices WHERE org_id = $1 GROUP BY GROUPING SETS ((1), (model, kind), (location_id))`,
    values: [orgId],
  },
];

/**
 * The hub's device list and dashboard summary on one big organization (100,000 devices full,
 * 10,000 quick) on a fresh PostgreSQL database: devices arrive through the agent link (scripted
 * agents, one inventory of 5,000 per agent account), then each query shape of the web app is timed
 * through the API, one request at a time, and the same statements raw through pg (the baseline);
 * every statement is EXPLAINed so a missed target comes with its plan. Then the what-if: the
 * indexes EXPLAIN calls for are created in the bench database (the hub's code is unchanged; its
 * queries pick them up) and every shape is timed again; and the summary as one pass, raw.
 */
export const webListScenario: Scenario = {
  name: 'web-list',
  description:
    'device list search/sort/filter and dashboard summary on one big organization, API vs raw SQL, and with the indexes EXPLAIN calls for',
  async run({ quick, log }) {
    const config = quick
      ? { devices: 10_000, requests: 40, warmup: 5, budgetMs: 3000, parallelLoads: 2 }
      : { devices: 100_000, requests: 200, warmup: 5, budgetMs: 15_000, parallelLoads: 2 };
    const db = await createBenchDatabase('web_list');
    try {
      const agents = Math.ceil(config.devices / perAgent);
      const hub = await startHubProcess({ url: db.url }, { agents: agents - 1 });
      let before: Record<string, ShapeResult>;
      let after: Record<string, ShapeResult>;
      let onePass: Summary;
      let proposed: {
        searchSqlMs: Summary;
        secondPageWithoutCountSqlMs: Summary;
        searchExplain: Awaited<ReturnType<typeof explain>>;
      };
      let trigram: boolean;
      let load: Awaited<ReturnType<typeof loadFleet>>;
      let machineBusyPercent: number;
      try {
        log(
          `hub on PostgreSQL ${db.version} at ${hub.url}; loading ${config.devices} devices through ${agents} agent accounts`,
        );
        load = await loadFleet(hub, config.devices, config.parallelLoads, log);
        // As autovacuum would have by the time anyone looks: statistics for the planner; and the
        // load's dirty pages written out, so the first shape timed does not pay for a checkpoint.
        const settle = async () => {
          await db.client.query('VACUUM (ANALYZE) devices');
          await db.client.query('CHECKPOINT');
        };
        await settle();
        const machine = sampleMachine();
        before = await measureShapes(hub, db.client, config, log);
        machineBusyPercent = await machine.stop();
        onePass = await timeSql(
          db.client,
          summaryOnePass(hub.orgId),
          config.requests,
          config.warmup,
          config.budgetMs,
        );
        log(
          `what-if: summary in one pass (raw) p95 ${round(onePass.p95)} ms; now with the device-list indexes`,
        );
        trigram = await addDeviceListIndexes(db);
        await settle();
        after = await measureShapes(hub, db.client, config, log);
        // Query changes (not the hub's today), raw: a capped count and filter-first page for search;
        // a cursor page without recounting the total.
        const search = listQueries(hub.orgId, {
          search: searchTerm,
          countCap: searchCountCap,
          filterFirst: true,
        });
        const { after: cursorRow } = await firstPage(hub);
        proposed = {
          searchSqlMs: await timeSql(
            db.client,
            [search.count, search.page],
            config.requests,
            config.warmup,
            config.budgetMs,
          ),
          secondPageWithoutCountSqlMs: await timeSql(
            db.client,
            [listQueries(hub.orgId, { sort: 'name', ...(cursorRow ? { after: cursorRow } : {}) }).page],
            config.requests,
            config.warmup,
            config.budgetMs,
          ),
          searchExplain: await explain(db.client, [search.count, search.page]),
        };
        log(
          `what-if queries (raw, with the indexes): search capped + filter-first p95 ${round(proposed.searchSqlMs.p95)} ms, cursor page without count p95 ${round(proposed.secondPageWithoutCountSqlMs.p95)} ms`,
        );
      } finally {
        await hub.child.stop();
      }
      const scale =
        config.devices >= 100_000 ? '' : ` (${config.devices} devices; the target is for 100,000)`;
      const targets: TargetCheck[] = shapes.map((s) => {
        const p95 = before[s.name]?.api.p95 ?? Number.NaN;
        return {
          name: `${s.name === 'summary' ? 'dashboard summary' : `device list ${s.name}`} p95${scale}`,
          target: `< ${s.targetMs} ms with 100,000 devices in one org`,
          measured: round(p95),
          unit: 'ms',
          met: p95 < s.targetMs,
        };
      });
      const figures: Record<string, Figure> = {
        loadSeconds: load.seconds,
        inventoryOf5000Ms: load.inventoryMs,
        machineBusyPercent,
      };
      const baseline: Record<string, Figure> = {};
      const ratios: Record<string, number> = {};
      for (const [name, r] of Object.entries(before)) {
        figures[`${name}ApiMs`] = r.api;
        figures[`${name}Total`] = r.total;
        figures[`${name}WithIndexesApiMs`] = after[name]?.api ?? r.api;
        baseline[`${name}SqlMs`] = r.sql;
        baseline[`${name}WithIndexesSqlMs`] = after[name]?.sql ?? r.sql;
        ratios[`${name}ApiVsSqlP95`] = r.api.p95 / r.sql.p95;
        ratios[`${name}ApiP95WithIndexesVsWithout`] = (after[name]?.api.p95 ?? Number.NaN) / r.api.p95;
      }
      baseline.summaryOnePassSqlMs = onePass;
      baseline.searchCappedFilterFirstWithIndexesSqlMs = proposed.searchSqlMs;
      baseline.secondPageWithoutCountWithIndexesSqlMs = proposed.secondPageWithoutCountSqlMs;
      ratios.summaryOnePassVsThreeStatementsSqlP95 = onePass.p95 / (before.summary?.sql.p95 ?? Number.NaN);
      const all = [...Object.values(before), ...Object.values(after)];
      const lost =
        all.reduce((n, r) => n + r.apiErrors, 0) +
        Math.max(0, config.devices - (before.sortName?.total ?? 0));
      const row = (r: ShapeResult | undefined) =>
        r ? `${round(r.api.p50)} / ${round(r.api.p95)} / ${round(r.api.p99)} ms` : '–';
      return {
        config: {
          ...config,
          perAgent,
          searchTerm,
          postgresVersion: db.version,
          api: 'one client, one request at a time, keep-alive; page size 50 (the default)',
          whatIfQueries: `search: count capped at ${String(searchCountCap)} and matches selected before sorting (MATERIALIZED CTE); cursor pages without the total`,
          whatIf: `devices_org_status_idx replaced by (org_id, effective status, id)${trigram ? '; pg_trgm GIN indexes on name, serial, model, ip, firmware, path::text' : '; pg_trgm missing: no search indexes'}`,
        },
        figures,
        baseline: {
          description:
            "the same statements the hub sends for each shape (count + page, or the summary's three), raw through pg on one connection, same database",
          figures: baseline,
        },
        ratios,
        targets,
        lost,
        details: {
          plans: Object.fromEntries(Object.entries(before).map(([name, r]) => [name, r.explain])),
          plansWithIndexes: Object.fromEntries(Object.entries(after).map(([name, r]) => [name, r.explain])),
          plansSearchCappedFilterFirst: proposed.searchExplain,
        },
        table: [
          [
            'devices loaded',
            `${config.devices} in ${round(load.seconds)} s (inventory of 5,000: p50 ${round(load.inventoryMs.p50)} ms, max ${round(load.inventoryMs.max)} ms)`,
          ],
          ...Object.entries(before).map(([name, r]): [string, string] => [
            `${name} p50/p95/p99`,
            `API ${row(r)} (raw SQL p95 ${round(r.sql.p95)} ms, ${r.total} rows); with indexes API ${row(after[name])}`,
          ]),
          ['summary in one pass (raw)', `p95 ${round(onePass.p95)} ms`],
          ['search, capped count + filter first (raw, indexes)', `p95 ${round(proposed.searchSqlMs.p95)} ms`],
          [
            'cursor page without the count (raw, indexes)',
            `p95 ${round(proposed.secondPageWithoutCountSqlMs.p95)} ms`,
          ],
        ],
      };
    } finally {
      await db.drop();
    }
  },
};
