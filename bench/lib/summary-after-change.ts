// The dashboard summary as a viewer sees it while the organization changes (web-list, rollup-list).
import type { ScriptedAgent } from './link-load.ts';
import { summarize, type Summary } from './stats.ts';

/**
 * One status change through the link (acknowledged, so stored and announced), then at once the
 * summary of `orgId` through the API with `token`: what a screen refreshing on the change gets.
 * `warmup` rounds untimed, then `requests`, or fewer once `budgetMs` is spent (never fewer than 10).
 */
export async function summaryAfterChange(
  hub: { url: string; orgId: string; token: string },
  agent: ScriptedAgent,
  ids: string[],
  run: { requests: number; warmup: number; budgetMs: number },
): Promise<{ api: Summary; errors: number }> {
  const ms: number[] = [];
  let errors = 0;
  const until = performance.now() + run.budgetMs;
  for (let i = 0; i < run.warmup + run.requests && (ms.length < 10 || performance.now() < until); i++) {
    const seq = agent.seq++;
    const at = Date.now();
    agent.agent.send({
      type: 'deltas',
      seq,
      changes: [{ id: ids[i % ids.length] ?? '', status: i % 2 ? 'Healthy' : 'Down', since: at, at }],
    });
    // Acknowledged once stored, the kept counts with it (same transaction): the summary is asked
    // for at once, while the change's count row is not yet folded (the hubs fold every second).
    await agent.agent.next('ack', (f) => f.seq === seq);
    const t0 = performance.now();
    const res = await fetch(`${hub.url}/api/v1/orgs/${hub.orgId}/devices/summary`, {
      headers: { authorization: `Bearer ${hub.token}` },
    });
    await res.arrayBuffer();
    if (res.status !== 200) errors++;
    if (i >= run.warmup) ms.push(performance.now() - t0);
  }
  return { api: summarize(ms), errors };
}
