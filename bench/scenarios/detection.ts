import {
  definedRatios,
  detectionTargets,
  faultPlan,
  figuresByFault,
  noFaults,
  pairDetections,
  pickDistinct,
  ratioOf,
  seededRandom,
  type FaultFigures,
  type Injection,
  type Observation,
} from '../lib/detection.ts';
import {
  clearFaults,
  connectFailed,
  injectPlan,
  sleep,
  startAgentProbe,
  startPoller,
  startSimSite,
  stopAll,
  waitUntil,
  type AgentProbe,
  type Poller,
  type SimSite,
} from '../lib/fleet.ts';
import { sampleProcess, type ProcessUsage } from '../lib/process-sampler.ts';
import { round, type Summary } from '../lib/stats.ts';
import type { Scenario } from '../lib/scenario.ts';

const seed = 2;
/** A /16 of loopback of its own (agent-scale uses 127.90). */
const subnetBase = '127.91';
const agentDeadlineMs = 10_000;

interface Detector {
  name: string;
  observations: () => Observation[];
  deadlineMs: number;
}

/**
 * Detection latency of the agent's persistent sessions against polling monitors, on the same
 * faults at the same moments. Beside the agent run two pollers (bench/programs/tcp-poller.ts, each
 * in its own process): every device every 20 s (Uptime Kuma's default-ish interval, the 3,000-monitor
 * case), and a subset every 1 s (the 200-monitor case). Faults are clean drops and silent hangs on
 * distinct boxes of the subset, at random moments over a window. A poller notices a drop when a
 * connect fails (what a TCP-port monitor sees); a hang only if it also waits for the box's greeting
 * (reported separately: a plain TCP-connect monitor never notices a hang, the kernel still accepts).
 */
export const detectionScenario: Scenario = {
  name: 'detection',
  description: 'agent detection latency vs TCP-connect polling at 20 s and 1 s, same faults',
  async run({ quick, log }) {
    const config = quick
      ? { devices: 300, subsetBoxes: 100, faultsPerKind: 10, spreadMs: 5000, readyTimeoutMs: 60_000 }
      : { devices: 1000, subsetBoxes: 200, faultsPerKind: 40, spreadMs: 20_000, readyTimeoutMs: 180_000 };
    const slow = { intervalMs: 20_000, timeoutMs: 2000 };
    const fast = { intervalMs: 1000, timeoutMs: 800 };
    log(`simulator: ${config.devices} devices on ${subnetBase}.x.0/24`);
    const site: SimSite = await startSimSite(config.devices, seed, subnetBase);
    let probe: AgentProbe | undefined;
    let poll20: Poller | undefined;
    let poll1: Poller | undefined;
    try {
      const random = seededRandom(seed);
      const subset = pickDistinct(
        site.networkDevices.filter((d) => d.kind === 'box'),
        config.subsetBoxes,
        random,
      );
      const agentProbe = await startAgentProbe(site, site.networkDevices.length, config.readyTimeoutMs, log);
      probe = agentProbe;
      log(`agent: ${agentProbe.ready.up} sessions up after ${agentProbe.ready.ms} ms`);
      const pollAll = await startPoller(site.networkDevices, slow.intervalMs, slow.timeoutMs, seed);
      poll20 = pollAll;
      const pollSubset = await startPoller(subset, fast.intervalMs, fast.timeoutMs, seed + 1);
      poll1 = pollSubset;
      log(
        `pollers: ${site.networkDevices.length} devices every ${slow.intervalMs / 1000} s, ${subset.length} boxes every ${fast.intervalMs / 1000} s`,
      );
      await sleep(2000);
      const falseBefore = pollAll.failures.length + pollSubset.failures.length;

      const samplers = [agentProbe.child.pid, pollAll.child.pid, pollSubset.child.pid].map((pid) =>
        sampleProcess(pid),
      );
      const plan = faultPlan(subset, config.faultsPerKind, config.spreadMs, 100, random);
      log(
        `injecting ${config.faultsPerKind} drops and ${config.faultsPerKind} hangs on boxes over ${config.spreadMs / 1000} s`,
      );
      const injections: Injection[] = await injectPlan(site, plan);

      const pollDeadline = (p: Poller) => p.intervalMs + p.timeoutMs + 1000;
      const detectors: Detector[] = [
        {
          name: 'agent',
          observations: () => agentProbe.changes.filter((c) => c.status === 'Down'),
          deadlineMs: agentDeadlineMs,
        },
        {
          name: 'poll20s',
          observations: () => pollAll.failures.filter(connectFailed),
          deadlineMs: pollDeadline(pollAll),
        },
        { name: 'poll20sGreeting', observations: () => pollAll.failures, deadlineMs: pollDeadline(pollAll) },
        {
          name: 'poll1s',
          observations: () => pollSubset.failures.filter(connectFailed),
          deadlineMs: pollDeadline(pollSubset),
        },
        {
          name: 'poll1sGreeting',
          observations: () => pollSubset.failures,
          deadlineMs: pollDeadline(pollSubset),
        },
      ];
      const lastBefore = Math.max(...injections.map((i) => i.before));
      // Everyone that can notice has noticed (a connect-only poller never notices a hang: don't wait for it).
      const settled = () =>
        detectors.every((d) =>
          pairDetections(
            d.name.startsWith('poll') && !d.name.endsWith('Greeting')
              ? injections.filter((i) => i.fault === 'down')
              : injections,
            d.observations(),
            d.deadlineMs,
          ).every((x) => x.latencyMs !== undefined),
        );
      log(
        `waiting for every detector (up to ${(slow.intervalMs + slow.timeoutMs + 1000) / 1000} s after the last fault)`,
      );
      await waitUntil(settled, lastBefore + pollDeadline(pollAll) - Date.now());
      const [agentUsage, poll20Usage, poll1Usage] = (await Promise.all(samplers.map((s) => s.stop()))) as [
        ProcessUsage,
        ProcessUsage,
        ProcessUsage,
      ];
      await clearFaults(site);

      const results: Record<string, Record<string, FaultFigures>> = {};
      for (const d of detectors)
        results[d.name] = figuresByFault(pairDetections(injections, d.observations(), d.deadlineMs));
      const get = (name: string, fault: string): FaultFigures => results[name]?.[fault] ?? noFaults();
      const agentDown = get('agent', 'down');
      const agentHang = get('agent', 'hang');
      const lost = agentDown.missed + agentHang.missed;

      const sessions = agentProbe.ready.sessions;
      const perThousand = (u: ProcessUsage, n: number) => (u.cpuPercentOfOneCore / n) * 1000;
      const versusAgent = (poller: 'poll20s' | 'poll1s') => ({
        [`${poller}DropP50VsAgent`]: ratioOf(get(poller, 'down').latencyMs.p50, agentDown.latencyMs.p50),
        [`${poller}DropP99VsAgent`]: ratioOf(get(poller, 'down').latencyMs.p99, agentDown.latencyMs.p99),
        [`${poller}GreetingHangP50VsAgent`]: ratioOf(
          get(`${poller}Greeting`, 'hang').latencyMs.p50,
          agentHang.latencyMs.p50,
        ),
        [`${poller}GreetingHangP99VsAgent`]: ratioOf(
          get(`${poller}Greeting`, 'hang').latencyMs.p99,
          agentHang.latencyMs.p99,
        ),
      });
      const ratios = definedRatios({
        ...versusAgent('poll20s'),
        ...versusAgent('poll1s'),
        poll1sCpuPerThousandVsAgent: ratioOf(
          perThousand(poll1Usage, subset.length),
          perThousand(agentUsage, sessions),
        ),
        poll20sCpuPerThousandVsAgent: ratioOf(
          perThousand(poll20Usage, site.networkDevices.length),
          perThousand(agentUsage, sessions),
        ),
      });

      const ms = (s: Summary) => `${round(s.p50)} / ${round(s.p99)} ms`;
      const row = (f: FaultFigures) =>
        f.noticed === 0
          ? `never noticed (0/${f.injected})`
          : `${ms(f.latencyMs)} (${f.noticed}/${f.injected})`;
      return {
        config: {
          ...config,
          seed,
          subnetBase,
          sessions,
          poll20s: { devices: site.networkDevices.length, ...slow },
          poll1s: { devices: subset.length, ...fast },
          faultTimes: 'bench clock right before the control API call',
          greeting: 'a check that also waits for the first byte of the telnet greeting within the timeout',
        },
        figures: {
          agentDrop: agentDown,
          agentHang: agentHang,
          agentCpuPercentOfOneCore: agentUsage.cpuPercentOfOneCore,
          agentRssMiB: agentUsage.rssMiB,
          agentCpuPercentPerThousandSessions: perThousand(agentUsage, sessions),
        },
        baseline: {
          description: `polling monitors in their own processes on the same faults: ${site.networkDevices.length} devices every 20 s and ${subset.length} boxes every 1 s; "connect" = a TCP-connect check (Uptime Kuma TCP Port), "greeting" = connect and wait for the telnet greeting`,
          figures: {
            poll20sDrop: get('poll20s', 'down'),
            poll20sHang: get('poll20s', 'hang'),
            poll20sGreetingDrop: get('poll20sGreeting', 'down'),
            poll20sGreetingHang: get('poll20sGreeting', 'hang'),
            poll1sDrop: get('poll1s', 'down'),
            poll1sHang: get('poll1s', 'hang'),
            poll1sGreetingDrop: get('poll1sGreeting', 'down'),
            poll1sGreetingHang: get('poll1sGreeting', 'hang'),
            poll20sCpuPercentOfOneCore: poll20Usage.cpuPercentOfOneCore,
            poll20sRssMiB: poll20Usage.rssMiB,
            poll20sCpuPercentPerThousandDevices: perThousand(poll20Usage, site.networkDevices.length),
            poll1sCpuPercentOfOneCore: poll1Usage.cpuPercentOfOneCore,
            poll1sRssMiB: poll1Usage.rssMiB,
            poll1sCpuPercentPerThousandDevices: perThousand(poll1Usage, subset.length),
            failedChecksBeforeFaults: falseBefore,
          },
        },
        ratios,
        targets: detectionTargets(agentDown, agentHang),
        lost,
        table: [
          ['agent drop p50 / p99', row(agentDown)],
          ['agent hang p50 / p99', row(agentHang)],
          ['poll 20 s drop', row(get('poll20s', 'down'))],
          ['poll 20 s hang (connect)', row(get('poll20s', 'hang'))],
          ['poll 20 s hang (greeting)', row(get('poll20sGreeting', 'hang'))],
          ['poll 1 s drop', row(get('poll1s', 'down'))],
          ['poll 1 s hang (connect)', row(get('poll1s', 'hang'))],
          ['poll 1 s hang (greeting)', row(get('poll1sGreeting', 'hang'))],
          ['drop p50 poll 20 s / agent', `× ${round(ratios.poll20sDropP50VsAgent ?? Number.NaN)}`],
          ['drop p50 poll 1 s / agent', `× ${round(ratios.poll1sDropP50VsAgent ?? Number.NaN)}`],
          [
            'CPU % of a core',
            `agent ${round(agentUsage.cpuPercentOfOneCore)} (${sessions} sessions), poll 20 s ${round(poll20Usage.cpuPercentOfOneCore)} (${site.networkDevices.length}), poll 1 s ${round(poll1Usage.cpuPercentOfOneCore)} (${subset.length})`,
          ],
        ],
      };
    } finally {
      await stopAll(poll1, poll20, probe?.child, site.child);
    }
  },
};
