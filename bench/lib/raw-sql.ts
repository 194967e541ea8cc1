// The statements the hub sends, raw through pg: timed without the hub, and EXPLAINed (ANALYZE, BUFFERS)
// so a result file shows how each was run.
import type pg from 'pg';
import type { Query } from './device-queries.ts';
import { summarize, type Summary } from './stats.ts';

/**
 * Times a shape's statements back to back on one connection, like the API's one request:
 * `warmup` rounds untimed, then `count`, or fewer once `budgetMs` is spent (never fewer than 10).
 */
export async function timeSql(
  client: pg.Client,
  queries: readonly Query[],
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

export interface Explained {
  executionMs: number;
  /** The indexes the plan reads, in plan order, each once. */
  indexes: string[];
  plan: string[];
}

/** The execution time and the indexes of a plan's text lines (EXPLAIN's text format). */
export function readPlan(plan: readonly string[]): Omit<Explained, 'plan'> {
  const indexes = new Set<string>();
  let executionMs = Number.NaN;
  for (const line of plan) {
    // "Index Scan using x on t", "Index Only Scan Backward using x on t", "Bitmap Index Scan on x"
    const index =
      /\bIndex (?:Only )?Scan (?:Backward )?using (\S+)/.exec(line) ??
      /Bitmap Index Scan on (\S+)/.exec(line);
    if (index?.[1]) indexes.add(index[1]);
    const exec = /Execution Time: ([\d.]+) ms/.exec(line);
    if (exec) executionMs = Number(exec[1]);
  }
  return { executionMs, indexes: [...indexes] };
}

/** EXPLAIN (ANALYZE, BUFFERS) of each statement: the plan lines, the execution time and the indexes read. */
export async function explain(client: pg.Client, queries: readonly Query[]): Promise<Explained[]> {
  const out: Explained[] = [];
  for (const q of queries) {
    const res = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${q.text}`,
      q.values,
    );
    const plan = res.rows.map((r) => r['QUERY PLAN']);
    out.push({ ...readPlan(plan), plan });
  }
  return out;
}
