import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '@crosspoint/hub';
import { startHubProcess, type HubProcess } from '../lib/hub-process.ts';
import {
  ackSummary,
  benchFleet,
  connectScripted,
  sendInventory,
  streamDeltas,
  type ScriptedAgent,
  type StreamResult,
} from '../lib/link-load.ts';
import { sampleMachine } from '../lib/machine-load.ts';
import { replayHubSql } from '../lib/hub-sql.ts';
import {
  backendPids,
  countRows,
  createBenchDatabase,
  sqlLoad,
  type BenchDatabase,
  type SqlLoadResult,
} from '../lib/postgres.ts';
import { sampleProcess, sampleProcesses, sampleSelf, type ProcessUsage } from '../lib/process-sampler.ts';
import { cpuMsPerThousand } from '../lib/rates.ts';
import { round, type Summary } from '../lib/stats.ts';
import type { Figure, Scenario, TargetCheck } from '../lib/scenario.ts';

const history = 'device_status_history';

interface IngestConfig {
  devices: number;
  agents: number;
  batch: number;
  inFlight: number;
  warmupSeconds: number;
  windowSeconds: number;
  baselineSeconds: number;
}

interface IngestRun {
  database: 'postgres' | 'pglite';
  inventorySeconds: number;
  windowSeconds: number;
  frames: number;
  acked: number;
  stored: number;
  lost: number;
  eventsPerSecond: number;
  ackMs: Summary;
  hub: ProcessUsage;
  hubCpuMsPerThousandEvents: number;
  /** PostgreSQL backends of the hub's pool (PostgreSQL only): CPU summed over them. */
  postgresCpuPercentOfOneCore?: number;
  postgresCpuMsPerThousandEvents?: number;
  /** The bench process itself (the scripted agents: building, compressing and sending frames). */
  loadGeneratorCpuPercentOfOneCore: number;
  machineBusyPercent: number;
}

/**
 * Stores the fleet through the link (one history row per new device), streams deltas for a
 * warm-up and then for the measured window, and returns what the hub acknowledged.
 */
async function ingestThroughHub(
  hub: HubProcess,
  config: IngestConfig,
  log: (line: string) => void,
  pgPids?: () => Promise<number[]>,
): Promise<Omit<IngestRun, 'database' | 'stored' | 'lost'> & { expectedRows: number }> {
  const perAgent = Math.floor(config.devices / config.agents);
  const agents: ScriptedAgent[] = await Promise.all(
    hub.logins.slice(0, config.agents).map((login) => connectScripted(hub.url, login, hub.password)),
  );
  try {
    const fleets = agents.map((_, a) => benchFleet(a + 1, perAgent));
    const t0 = performance.now();
    await Promise.all(agents.map((s, a) => sendInventory(s, fleets[a] ?? [])));
    const inventorySeconds = (performance.now() - t0) / 1000;
    log(
      `${config.agents} agents × ${perAgent} devices stored in ${round(inventorySeconds)} s; warming up ${config.warmupSeconds} s`,
    );
    const ids = fleets.map((f) => f.map((d) => d.id));
    const stream = (seconds: number) => {
      const until = performance.now() + seconds * 1000;
      return Promise.all(
        agents.map((s, a) => streamDeltas(s, ids[a] ?? [], config.batch, config.inFlight, until)),
      );
    };
    const warmup = await stream(config.warmupSeconds);
    const pids = pgPids ? await pgPids() : [];
    const hubSampler = sampleProcess(hub.child.pid);
    const pgSampler = sampleProcesses(pids);
    const self = sampleSelf();
    const machine = sampleMachine();
    const started = performance.now();
    const results: StreamResult[] = await stream(config.windowSeconds);
    const windowSeconds = (performance.now() - started) / 1000;
    const hubUsage = await hubSampler.stop();
    const pgCpu = await pgSampler.stop();
    const loadGeneratorCpuPercentOfOneCore = self.stop();
    const machineBusyPercent = await machine.stop();
    const acked = results.reduce((n, r) => n + r.acked, 0);
    log(`${round(acked / windowSeconds)} events/s over ${round(windowSeconds)} s`);
    return {
      expectedRows: perAgent * agents.length + warmup.reduce((n, r) => n + r.acked, 0) + acked,
      inventorySeconds,
      windowSeconds,
      frames: results.reduce((n, r) => n + r.frames, 0),
      acked,
      eventsPerSecond: acked / windowSeconds,
      ackMs: ackSummary(results),
      hub: hubUsage,
      hubCpuMsPerThousandEvents: cpuMsPerThousand(hubUsage.cpuPercentOfOneCore, windowSeconds, acked),
      ...(pids.length
        ? {
            postgresCpuPercentOfOneCore: pgCpu,
            postgresCpuMsPerThousandEvents: cpuMsPerThousand(pgCpu, windowSeconds, acked),
          }
        : {}),
      loadGeneratorCpuPercentOfOneCore,
      machineBusyPercent,
    };
  } finally {
    for (const s of agents) s.agent.close();
  }
}

/** What the hub stored against what it acknowledged: every acknowledged change is one history row. */
function reconcile(
  r: Awaited<ReturnType<typeof ingestThroughHub>>,
  database: IngestRun['database'],
  rows: number,
): IngestRun {
  const { expectedRows, ...rest } = r;
  const missing = expectedRows - rows;
  return { database, ...rest, stored: r.acked - missing, lost: missing };
}

/**
 * The baseline: the same work as the hub's, done raw — for each batch of `batch` devices, one
 * statement that sets their `device_state` row (status, since, last seen) and appends their change
 * to `device_status_history` (the real tables: the same indexes, foreign key and partitions), from
 * `connections` pg clients in parallel, hub stopped. What the hub adds on top (frames, the agent
 * account's sequence claim, looking devices up by the agent's ids, acknowledgements, live events)
 * is what the ratio measures.
 */
async function rawSameWorkBaseline(
  db: BenchDatabase,
  connections: number,
  batch: number,
  seconds: number,
): Promise<SqlLoadResult & { stored: number }> {
  const ids = (
    await db.client.query<{ id: string }>('SELECT device_id AS id FROM device_state ORDER BY device_id')
  ).rows.map((r) => r.id);
  const before = await countRows(db.client, history);
  const text = `
    WITH v AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS v(device_id, status, at)),
    u AS (
      UPDATE device_state s SET status = v.status, status_since = v.at, last_seen_at = v.at
      FROM v WHERE s.device_id = v.device_id RETURNING 1
    )
    INSERT INTO device_status_history (device_id, status, since, observed_at)
    SELECT device_id, status, at, at FROM v`;
  let next = 0;
  const result = await sqlLoad(db, connections, seconds, async (c) => {
    const k = next++;
    const from = (k * batch) % ids.length;
    const slice = Array.from({ length: Math.min(batch, ids.length) }, (_, i) => ids[(from + i) % ids.length]);
    // Alternating, so every change is a real one, as in the hub's run.
    const status = Math.floor((k * batch) / ids.length) % 2 === 0 ? 'Healthy' : 'Down';
    const now = new Date();
    await c.query(text, [slice, slice.map(() => status), slice.map(() => now)]);
    return slice.length;
  });
  return { ...result, stored: (await countRows(db.client, history)) - before };
}

interface PostgresFigures {
  run: IngestRun;
  baseline: SqlLoadResult & { stored: number };
  /** The hub's statement replayed without the hub: PostgreSQL's share of the cost. */
  replay: SqlLoadResult;
  postgresVersion: string;
}

async function runOnPostgres(
  config: IngestConfig,
  replaySeconds: number,
  log: (line: string) => void,
): Promise<PostgresFigures> {
  const db = await createBenchDatabase('ingest');
  try {
    const hub = await startHubProcess({ url: db.url }, { agents: config.agents - 1 });
    let run: IngestRun;
    try {
      log(`hub on PostgreSQL ${db.version} (database ${db.name}) at ${hub.url}`);
      const r = await ingestThroughHub(hub, config, log, () => backendPids(db));
      run = reconcile(r, 'postgres', await countRows(db.client, history));
    } finally {
      await hub.child.stop();
    }
    log(`baseline: the same work in raw SQL for ${config.baselineSeconds} s`);
    const baseline = await rawSameWorkBaseline(db, config.agents, config.batch, config.baselineSeconds);
    // The hub's run left every device with dozens of dead row versions: each replay starts clean.
    const clean = () => db.client.query('VACUUM (ANALYZE) devices, device_status_history');
    await clean();
    log(`diagnosis: the hub's statement replayed without the hub for ${replaySeconds} s`);
    const replay = await replayHubSql(db, config.batch, replaySeconds, config.agents);
    return { run, baseline, replay, postgresVersion: db.version };
  } finally {
    await db.drop();
  }
}

async function runOnPglite(config: IngestConfig, log: (line: string) => void): Promise<IngestRun> {
  const dir = await mkdtemp(join(tmpdir(), 'cp-bench-ingest-'));
  try {
    const hub = await startHubProcess({ dataDir: dir }, { agents: config.agents - 1 });
    let r: Awaited<ReturnType<typeof ingestThroughHub>>;
    try {
      log(`hub on PGlite at ${hub.url}`);
      r = await ingestThroughHub(hub, config, log);
    } finally {
      await hub.child.stop();
    }
    // PGlite lives inside the hub's process: once it stopped, open its folder and count.
    const database = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      const res: unknown = await database.db.execute(
        sql`SELECT count(*)::int AS n FROM device_status_history`,
      );
      return reconcile(r, 'pglite', (res as { rows: { n: number }[] }).rows[0]?.n ?? 0);
    } finally {
      await database.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A run's figures in the result file's shape (numbers and summaries). */
function figuresOf(run: IngestRun): Record<string, Figure> {
  return {
    eventsPerSecond: run.eventsPerSecond,
    windowSeconds: run.windowSeconds,
    frames: run.frames,
    sent: run.acked,
    stored: run.stored,
    lost: run.lost,
    ackMs: run.ackMs,
    inventorySeconds: run.inventorySeconds,
    hubCpuPercentOfOneCore: run.hub.cpuPercentOfOneCore,
    hubRssMiB: run.hub.rssMiB,
    hubCpuMsPerThousandEvents: run.hubCpuMsPerThousandEvents,
    ...(run.postgresCpuPercentOfOneCore !== undefined
      ? {
          postgresCpuPercentOfOneCore: run.postgresCpuPercentOfOneCore,
          postgresCpuMsPerThousandEvents: run.postgresCpuMsPerThousandEvents ?? Number.NaN,
        }
      : {}),
    loadGeneratorCpuPercentOfOneCore: run.loadGeneratorCpuPercentOfOneCore,
    machineBusyPercent: run.machineBusyPercent,
  };
}

/**
 * The hub storing status changes: scripted agents (the hub's FakeAgent, in this process) each send
 * an inventory, then `deltas` frames of 500 changes as fast as acknowledgements allow (4 frames in
 * flight per agent) for a fixed window; the hub runs in its own process on a fresh PostgreSQL
 * database. Every acknowledged change must be one status-history row afterwards (counted in SQL):
 * `lost` = acknowledged − stored. Baseline: raw multi-row INSERTs of the same rows into the same
 * PostgreSQL. The same load on PGlite (the hub's embedded database) gives a second figure.
 */
export const ingestScenario: Scenario = {
  name: 'ingest',
  description:
    'hub storing device status changes (deltas frames) into PostgreSQL and PGlite, vs the same work in raw SQL',
  async run({ quick, log }) {
    const config: IngestConfig = quick
      ? {
          devices: 2000,
          agents: 4,
          batch: 500,
          inFlight: 4,
          warmupSeconds: 1,
          windowSeconds: 5,
          baselineSeconds: 3,
        }
      : {
          devices: 10_000,
          agents: 4,
          batch: 500,
          inFlight: 4,
          warmupSeconds: 3,
          windowSeconds: 30,
          baselineSeconds: 30,
        };
    const pgliteWindowSeconds = quick ? 3 : 10;
    const replaySeconds = quick ? 2 : 10;
    const { run, baseline, replay, postgresVersion } = await runOnPostgres(config, replaySeconds, log);
    const hubSql = replay;
    const pglite = await runOnPglite({ ...config, windowSeconds: pgliteWindowSeconds }, log);
    const ratio = run.eventsPerSecond / baseline.rowsPerSecond;
    const targets: TargetCheck[] = [
      {
        name: 'hub ingest into PostgreSQL',
        target: '≥ 20,000 device events/s on this machine',
        measured: round(run.eventsPerSecond),
        unit: 'events/s',
        met: run.eventsPerSecond >= 20_000,
      },
      {
        name: 'hub ingest against the same work in raw SQL',
        target: '≥ 50 % of the raw rate (device state + history rows, same PostgreSQL, same run)',
        measured: round(ratio * 100),
        unit: '%',
        met: ratio >= 0.5,
      },
    ];
    const pgliteFigures = Object.fromEntries(
      Object.entries(figuresOf(pglite)).map(([k, v]) => [
        `pglite${k[0]?.toUpperCase() ?? ''}${k.slice(1)}`,
        v,
      ]),
    );
    return {
      config: {
        ...config,
        postgresVersion,
        pgliteWindowSeconds,
        replaySeconds,
        replay: "the hub's one statement per deltas frame (bench/lib/hub-sql.ts), after VACUUM (ANALYZE)",
        perMessageDeflate: true,
        changes:
          'each frame: 500 distinct devices of the agent, status alternating Down ↔ Healthy (every change is a real change)',
      },
      figures: { ...figuresOf(run), ...pgliteFigures },
      baseline: {
        description: `the same work raw: per statement, ${config.batch} devices' device_state rows set and their changes appended to device_status_history (the real tables), by ${config.agents} pg clients in parallel for ${config.baselineSeconds} s, same PostgreSQL, hub stopped`,
        figures: {
          rowsPerSecond: baseline.rowsPerSecond,
          rows: baseline.rows,
          stored: baseline.stored,
          insertMs: baseline.stepMs,
          postgresCpuPercentOfOneCore: baseline.postgresCpuPercentOfOneCore,
          postgresCpuMsPerThousandRows: baseline.postgresCpuMsPerThousandRows,
          machineBusyPercent: baseline.machineBusyPercent,
          hubSqlReplayRowsPerSecond: hubSql.rowsPerSecond,
          hubSqlReplayFrameMs: hubSql.stepMs,
          hubSqlReplayPostgresCpuMsPerThousandRows: hubSql.postgresCpuMsPerThousandRows,
          replayMachineBusyPercent: hubSql.machineBusyPercent,
        },
      },
      ratios: {
        hubVsRawSameWork: ratio,
        postgresCpuPerEventHubVsRawSameWork:
          (run.postgresCpuMsPerThousandEvents ?? Number.NaN) / baseline.postgresCpuMsPerThousandRows,
        hubVsHubSqlReplay: run.eventsPerSecond / hubSql.rowsPerSecond,
        postgresCpuPerEventHubVsReplay:
          (run.postgresCpuMsPerThousandEvents ?? Number.NaN) / hubSql.postgresCpuMsPerThousandRows,
        pgliteVsPostgres: pglite.eventsPerSecond / run.eventsPerSecond,
        eventsPerSecondVsDesignTarget: run.eventsPerSecond / 20_000,
      },
      targets,
      lost: run.lost + pglite.lost + (baseline.rows - baseline.stored),
      table: [
        [
          'events/s stored (PostgreSQL)',
          `${round(run.eventsPerSecond)} (${round(ratio * 100)} % of the same work raw)`,
        ],
        [
          'ack p50 / p95 / p99',
          `${round(run.ackMs.p50)} / ${round(run.ackMs.p95)} / ${round(run.ackMs.p99)} ms`,
        ],
        ['sent / stored / lost', `${run.acked} / ${run.stored} / ${run.lost}`],
        [
          'hub CPU / RSS p50',
          `${round(run.hub.cpuPercentOfOneCore)} % of a core / ${round(run.hub.rssMiB.p50)} MiB`,
        ],
        [
          'CPU per 1,000 events',
          `hub ${round(run.hubCpuMsPerThousandEvents)} ms, PostgreSQL ${round(run.postgresCpuMsPerThousandEvents ?? Number.NaN)} ms (raw: ${round(baseline.postgresCpuMsPerThousandRows)} ms)`,
        ],
        ['machine busy (all processes)', `${round(run.machineBusyPercent)} % of all cores`],
        ['the same work raw, changes/s', `${round(baseline.rowsPerSecond)}`],
        [
          "hub's SQL without the hub",
          `${round(hubSql.rowsPerSecond)} rows/s, PostgreSQL ${round(hubSql.postgresCpuMsPerThousandRows)} ms CPU per 1,000`,
        ],
        ['events/s stored (PGlite)', `${round(pglite.eventsPerSecond)}, lost ${pglite.lost}`],
      ],
    };
  },
};
