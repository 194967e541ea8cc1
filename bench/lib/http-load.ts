import { Agent, request } from 'node:http';
import { summarize, type Summary } from './stats.ts';

export interface LoadResult {
  requests: number;
  errors: number;
  requestsPerSecond: number;
  latencyMs: Summary;
}

function get(agent: Agent, url: URL, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { agent, method: 'GET', headers: { accept: 'application/json', ...headers } },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * Closed-loop HTTP load: `connections` keep-alive connections each send the next request as soon as
 * the previous answers, for `durationMs`. Latency is measured per request.
 */
export async function httpLoad(target: string, connections: number, durationMs: number): Promise<LoadResult> {
  const url = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + durationMs;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        try {
          const status = await get(agent, url);
          if (status >= 400) errors++;
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    requests: latencies.length,
    errors,
    requestsPerSecond: latencies.length / seconds,
    latencyMs: summarize(latencies),
  };
}

/**
 * One client, one request at a time (a person at a dashboard): `warmup` requests not timed, then
 * `count` timed ones, or fewer if `budgetMs` runs out first (never fewer than 10). Any status
 * other than 200 counts as an error.
 */
export async function timeSequential(
  target: string,
  count: number,
  warmup: number,
  headers: Record<string, string> = {},
  budgetMs = Number.POSITIVE_INFINITY,
): Promise<{ latencyMs: Summary; errors: number }> {
  const url = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + budgetMs;
  try {
    for (let i = 0; i < warmup + count && (latencies.length < 10 || performance.now() < until); i++) {
      const t0 = performance.now();
      const status = await get(agent, url, headers);
      if (status !== 200) errors++;
      if (i >= warmup) latencies.push(performance.now() - t0);
    }
  } finally {
    agent.destroy();
  }
  return { latencyMs: summarize(latencies), errors };
}
