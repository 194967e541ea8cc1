// The local PostgreSQL the hub scenarios write to: one fresh database per run, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sampleMachine } from './machine-load.ts';
import { sampleProcesses } from './process-sampler.ts';
import { cpuMsPerThousand } from './rates.ts';
import { summarize, type Summary } from './stats.ts';

/** Server to use (`BENCH_POSTGRES_URL`, else the tests' `TEST_POSTGRES_URL`, else the local trust login). */
export const postgresAdminUrl =
  process.env.BENCH_POSTGRES_URL ??
  process.env.TEST_POSTGRES_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  name: string;
  url: string;
  /** A client of this database (for counting, baselines, EXPLAIN); closed by `drop`. */
  client: pg.Client;
  /** Server version, for the result file. */
  version: string;
  drop(): Promise<void>;
}

async function admin<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: postgresAdminUrl });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

/** `CREATE DATABASE cp_bench_<scenario>_<random>` on the local server. */
export async function createBenchDatabase(scenario: string): Promise<BenchDatabase> {
  const name = `cp_bench_${scenario.replace(/\W/g, '_')}_${randomBytes(5).toString('hex')}`;
  const version = await admin(async (c) => {
    await c.query(`CREATE DATABASE "${name}"`);
    const res = await c.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return (res.rows[0]?.v ?? 'unknown').split(' ')[0] ?? 'unknown';
  });
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    name,
    url: url.toString(),
    client,
    version,
    drop: async () => {
      await client.end().catch(() => undefined);
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** Process ids of the server backends connected to this database (to sample PostgreSQL's own CPU). */
export async function backendPids(db: BenchDatabase): Promise<number[]> {
  const res = await db.client.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [db.name],
  );
  return res.rows.map((r) => r.pid);
}

/** `count(*)` of a table. */
export async function countRows(client: pg.Client, table: string): Promise<number> {
  const res = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(res.rows[0]?.n ?? 0);
}

export interface SqlLoadResult {
  /** Rows written (what `step` returned, summed). */
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** Duration of each step (one frame's statements). */
  stepMs: Summary;
  /** CPU of the server backends serving these connections, % of one core. */
  postgresCpuPercentOfOneCore: number;
  postgresCpuMsPerThousandRows: number;
  /** The whole machine meanwhile (everyone's processes), % of all cores. */
  machineBusyPercent: number;
}

/**
 * `connections` clients of the database, each running `step(client, k)` back to back for
 * `seconds` (k counts that client's steps); the backends' CPU is sampled meanwhile.
 */
export async function sqlLoad(
  db: BenchDatabase,
  connections: number,
  seconds: number,
  step: (client: pg.Client, k: number, connection: number) => Promise<number>,
): Promise<SqlLoadResult> {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      return c;
    }),
  );
  try {
    const pids = await Promise.all(
      clients.map(
        async (c) => (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0,
      ),
    );
    const sampler = sampleProcesses(pids);
    const machine = sampleMachine();
    const stepMs: number[] = [];
    let rows = 0;
    const started = performance.now();
    const until = started + seconds * 1000;
    await Promise.all(
      clients.map(async (c, connection) => {
        for (let k = 0; performance.now() < until; k++) {
          const t0 = performance.now();
          const written = await step(c, k, connection); // not `rows += await …`: that reads `rows` before awaiting
          rows += written;
          stepMs.push(performance.now() - t0);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const cpu = await sampler.stop();
    return {
      rows,
      seconds: elapsed,
      rowsPerSecond: rows / elapsed,
      stepMs: summarize(stepMs),
      postgresCpuPercentOfOneCore: cpu,
      postgresCpuMsPerThousandRows: cpuMsPerThousand(cpu, elapsed, rows),
      machineBusyPercent: await machine.stop(),
    };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}
