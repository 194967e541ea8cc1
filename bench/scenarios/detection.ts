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
  startPoller,
  stopAll,
  waitUntil,
  type Poller,
} from '../lib/fleet.ts';
import { apiGet } from '../lib/hub-process.ts';
import { groupObservations, listHubDevices, watchHub, type HubWatch } from '../lib/hub-watch.ts';
import { startLinkedSite } from '../lib/linked-site.ts';
import { sampleProcess, type ProcessUsage } from '../lib/process-sampler.ts';
import { round, type Summary } from '../lib/stats.ts';
import type { Scenario, TargetCheck } from '../lib/scenario.ts';

const seed = 2;
/** A /16 of loopback of its own (agent-scale uses 127.90). */
const subnetBase = '127.91';
/** A fault the agent (or the hub's API) has not shown within this long is lost. */
const agentDeadlineMs = 10_000;
/** How often the confirming poller lists the hub's Down group. */
const hubPollMs = 250;

interface Detector {
  name: string;
  observations: () => Observation[];
  deadlineMs: number;
}

/** design.md's targets, measured to the hub's API (the live events stream: what a screen shows). */
function hubTargets(down: FaultFigures, hang: FaultFigures): TargetCheck[] {
  const check = (what: string, f: FaultFigures, limitMs: number): TargetCheck => ({
    name: `${what} visible in the hub's API, p99 (device → agent → hub → live event → Down list)`,
    target: `< ${limitMs / 1000} s`,
    measured: round(f.latencyMs.p99),
    unit: 'ms',
    met: f.latencyMs.p99 < limitMs && f.missed === 0,
  });
  return [check('clean drop', down, 1000), check('silent hang', hang, 3000)];
}

/**
 * End to end: the simulator, the real agent and the hub, each in its own process (the agent linked
 * to the hub over /agent/v1, the hub on PostgreSQL). Every fault is timed to the agent's own
 * observation (device → agent) and to the moment the bench sees the device in the hub's Down group
 * (device → hub API), two ways: refetching the group on each `devices` event of the live events
 * stream (what the web app does), and a plain poll of the group every 250 ms (confirmation; adds up
 * to 250 ms). Afterwards every fault's Down must be in the device's stored history (detail API).
 *
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
  description:
    'status change → agent → hub API (live events and polling), vs TCP-connect polling at 20 s and 1 s, same faults',
  async run({ quick, log }) {
    const config = quick
      ? { devices: 300, subsetBoxes: 100, faultsPerKind: 10, spreadMs: 5000, readyTimeoutMs: 60_000 }
      : { devices: 1000, subsetBoxes: 200, faultsPerKind: 40, spreadMs: 20_000, readyTimeoutMs: 180_000 };
    const slow = { intervalMs: 20_000, timeoutMs: 2000 };
    const fast = { intervalMs: 1000, timeoutMs: 800 };
    log(`simulator: ${config.devices} devices on ${subnetBase}.x.0/24`);
    const linked = await startLinkedSite({
      scenario: 'detection',
      devices: config.devices,
      seed,
      subnetBase,
      readyTimeoutMs: config.readyTimeoutMs,
      log,
    });
    const { site, hub } = linked;
    const agentProbe = linked.probe;
    let poll20: Poller | undefined;
    let poll1: Poller | undefined;
    let watch: HubWatch | undefined;
    try {
      const random = seededRandom(seed);
      const subset = pickDistinct(
        site.networkDevices.filter((d) => d.kind === 'box'),
        config.subsetBoxes,
        random,
      );
      const hubWatch = await watchHub(hub, hubPollMs);
      watch = hubWatch;
      const pollAll = await startPoller(site.networkDevices, slow.intervalMs, slow.timeoutMs, seed);
      poll20 = pollAll;
      const pollSubset = await startPoller(subset, fast.intervalMs, fast.timeoutMs, seed + 1);
      poll1 = pollSubset;
      log(
        `pollers: ${site.networkDevices.length} devices every ${slow.intervalMs / 1000} s, ${subset.length} boxes every ${fast.intervalMs / 1000} s`,
      );
      await sleep(2000);
      const falseBefore = pollAll.failures.length + pollSubset.failures.length;

      const samplers = [agentProbe.child.pid, pollAll.child.pid, pollSubset.child.pid, hub.child.pid].map(
        (pid) => sampleProcess(pid),
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
          name: 'hubEvents',
          observations: () => groupObservations(hubWatch.sse, linked.keyOfSerial),
          deadlineMs: agentDeadlineMs,
        },
        {
          name: 'hubPoll',
          observations: () => groupObservations(hubWatch.poll, linked.keyOfSerial),
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
      const [agentUsage, poll20Usage, poll1Usage, hubUsage] = (await Promise.all(
        samplers.map((s) => s.stop()),
      )) as [ProcessUsage, ProcessUsage, ProcessUsage, ProcessUsage];
      await hubWatch.close();

      // Confirmation: the agent's observation of each fault is in the device's stored history.
      const hubIdOfKey = new Map<string, string>();
      for (const d of await listHubDevices(hub)) {
        const key = linked.keyOfSerial.get(d.serial);
        if (key) hubIdOfKey.set(key, d.id);
      }
      let stored = 0;
      const unstored: string[] = [];
      for (const inj of injections) {
        const seen = agentProbe.changes.find(
          (c) => c.key === inj.key && c.status === 'Down' && c.at >= inj.before,
        );
        const id = hubIdOfKey.get(inj.key);
        const detail = id
          ? await apiGet<{ history: { status: string; observedAt: string }[] }>(
              hub,
              `/api/v1/orgs/${hub.orgId}/devices/${id}`,
            )
          : undefined;
        const found =
          seen !== undefined &&
          detail?.history.some((h) => h.status === 'Down' && Date.parse(h.observedAt) === seen.at) === true;
        if (found) stored++;
        else unstored.push(inj.key);
      }
      await clearFaults(site);

      const results: Record<string, Record<string, FaultFigures>> = {};
      for (const d of detectors)
        results[d.name] = figuresByFault(pairDetections(injections, d.observations(), d.deadlineMs));
      const get = (name: string, fault: string): FaultFigures => results[name]?.[fault] ?? noFaults();
      const agentDown = get('agent', 'down');
      const agentHang = get('agent', 'hang');
      const hubDown = get('hubEvents', 'down');
      const hubHang = get('hubEvents', 'hang');
      const hubPollDown = get('hubPoll', 'down');
      const hubPollHang = get('hubPoll', 'hang');
      const lost =
        agentDown.missed +
        agentHang.missed +
        hubDown.missed +
        hubHang.missed +
        hubPollDown.missed +
        hubPollHang.missed +
        unstored.length;

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
        hubEventsDropP99VsAgent: ratioOf(hubDown.latencyMs.p99, agentDown.latencyMs.p99),
        hubEventsHangP99VsAgent: ratioOf(hubHang.latencyMs.p99, agentHang.latencyMs.p99),
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
          hub: `own process, PostgreSQL ${linked.db.version}; agent linked over /agent/v1 (default timings)`,
          hubPollMs,
          hubDevices: linked.inventoryDevices,
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
          hubEventsDrop: hubDown,
          hubEventsHang: hubHang,
          hubPollDrop: hubPollDown,
          hubPollHang: hubPollHang,
          hubDownListAfterEventMs: hubWatch.refreshMs(),
          hubHistoryConfirmed: stored,
          hubHistoryMissing: unstored.length,
          hubCpuPercentOfOneCore: hubUsage.cpuPercentOfOneCore,
          hubRssMiB: hubUsage.rssMiB,
          hubLiveEvents: hubWatch.events,
          hubWatchErrors: hubWatch.errors.length,
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
        targets: [...detectionTargets(agentDown, agentHang), ...hubTargets(hubDown, hubHang)],
        lost,
        ...(unstored.length || hubWatch.errors.length
          ? { details: { historyMissing: unstored, hubWatchErrors: hubWatch.errors.slice(0, 20) } }
          : {}),
        table: [
          ['agent drop p50 / p99', row(agentDown)],
          ['agent hang p50 / p99', row(agentHang)],
          ['hub API (live events) drop', row(hubDown)],
          ['hub API (live events) hang', row(hubHang)],
          [`hub API (poll ${hubPollMs} ms) drop`, row(hubPollDown)],
          [`hub API (poll ${hubPollMs} ms) hang`, row(hubPollHang)],
          ['stored in history (detail API)', `${stored}/${injections.length}`],
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
            `agent ${round(agentUsage.cpuPercentOfOneCore)} (${sessions} sessions), hub ${round(hubUsage.cpuPercentOfOneCore)}, poll 20 s ${round(poll20Usage.cpuPercentOfOneCore)} (${site.networkDevices.length}), poll 1 s ${round(poll1Usage.cpuPercentOfOneCore)} (${subset.length})`,
          ],
        ],
      };
    } finally {
      await watch?.close();
      await stopAll(poll1, poll20);
      await linked.stop();
    }
  },
};
