import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChild } from '../lib/child-program.ts';
import { httpLoad, type LoadResult } from '../lib/http-load.ts';
import { sampleProcess, type ProcessUsage } from '../lib/process-sampler.ts';
import { round } from '../lib/stats.ts';
import type { Scenario } from '../lib/scenario.ts';

const cli = 'packages/cli/src/main.ts';

async function measure(
  url: string,
  connections: number,
  ms: number,
  pid: number,
): Promise<{ load: LoadResult; usage: ProcessUsage }> {
  await httpLoad(url, connections, Math.min(1000, ms / 4)); // warm-up: JIT, pools
  const sampler = sampleProcess(pid);
  const load = await httpLoad(url, connections, ms);
  return { load, usage: await sampler.stop() };
}

/**
 * The hub's HTTP path against a bare Node server on the same machine: requests/s and latency of
 * the system info and health endpoints, and the hub's CPU and memory while serving them.
 */
export const apiScenario: Scenario = {
  name: 'api',
  description: 'hub HTTP throughput and latency vs a bare node:http server',
  async run({ quick, log }) {
    const seconds = quick ? 2 : 10;
    const connections = 16;
    const dataDir = await mkdtemp(join(tmpdir(), 'cp-bench-api-'));
    const hub = await startChild(
      cli,
      ['hub', '--port', '0', '--data-dir', dataDir, '--log-level', 'warn'],
      /listening on (http:\/\/\S+)/,
    );
    let hubInfo: Awaited<ReturnType<typeof measure>>;
    let hubHealth: Awaited<ReturnType<typeof measure>>;
    let bodyBytes: number;
    try {
      bodyBytes = (await (await fetch(`${hub.ready}/api/v1/system/info`)).text()).length;
      log(`hub up at ${hub.ready}; ${connections} connections × ${seconds} s per endpoint`);
      hubInfo = await measure(`${hub.ready}/api/v1/system/info`, connections, seconds * 1000, hub.pid);
      hubHealth = await measure(`${hub.ready}/healthz`, connections, seconds * 1000, hub.pid);
    } finally {
      await hub.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
    const bare = await startChild(
      'bench/programs/baseline-http-server.ts',
      [String(bodyBytes)],
      /listening on (http:\/\/\S+)/,
    );
    let base: Awaited<ReturnType<typeof measure>>;
    try {
      base = await measure(`${bare.ready}/`, connections, seconds * 1000, bare.pid);
    } finally {
      await bare.stop();
    }
    const ratio = hubInfo.load.requestsPerSecond / base.load.requestsPerSecond;
    return {
      config: { connections, secondsPerEndpoint: seconds, bodyBytes },
      figures: {
        systemInfoRps: hubInfo.load.requestsPerSecond,
        systemInfoLatencyMs: hubInfo.load.latencyMs,
        healthRps: hubHealth.load.requestsPerSecond,
        healthLatencyMs: hubHealth.load.latencyMs,
        hubCpuPercentOfOneCore: hubInfo.usage.cpuPercentOfOneCore,
        hubRssMiB: hubInfo.usage.rssMiB,
        errors: hubInfo.load.errors + hubHealth.load.errors,
      },
      baseline: {
        description:
          'bare node:http server returning a JSON body of the same size, same client and concurrency',
        figures: {
          rps: base.load.requestsPerSecond,
          latencyMs: base.load.latencyMs,
          errors: base.load.errors,
        },
      },
      ratios: {
        systemInfoRpsVsBare: ratio,
        healthRpsVsBare: hubHealth.load.requestsPerSecond / base.load.requestsPerSecond,
      },
      targets: [],
      lost: hubInfo.load.errors + hubHealth.load.errors + base.load.errors,
      table: [
        [
          'system info req/s',
          `${round(hubInfo.load.requestsPerSecond)} (${round(ratio * 100)} % of bare node:http)`,
        ],
        [
          'system info p50 / p99',
          `${round(hubInfo.load.latencyMs.p50)} / ${round(hubInfo.load.latencyMs.p99)} ms`,
        ],
        ['/healthz req/s', `${round(hubHealth.load.requestsPerSecond)}`],
        ['bare node:http req/s', `${round(base.load.requestsPerSecond)}`],
        [
          'hub CPU / RSS p50',
          `${round(hubInfo.usage.cpuPercentOfOneCore)} % of a core / ${round(hubInfo.usage.rssMiB.p50)} MiB`,
        ],
      ],
    };
  },
};
