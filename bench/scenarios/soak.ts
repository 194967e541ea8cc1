import {
  figuresByFault,
  noFaults,
  pairDetections,
  seededRandom,
  type FaultFigures,
  type Injection,
} from '../lib/detection.ts';
import { injectFault, keyOf, sleep, type SimDevice, type SimSite } from '../lib/fleet.ts';
import { apiGet } from '../lib/hub-process.ts';
import { groupObservations, listHubDevices, watchHub, type HubWatch } from '../lib/hub-watch.ts';
import { serialOf, startLinkedSite, type LinkedSite } from '../lib/linked-site.ts';
import { missingFromHistory, statusMismatches, type ObservedChange } from '../lib/reconcile.ts';
import { cpuPercentBetween, recordSeries, rssSlopeMiBPerHour, type SeriesPoint } from '../lib/rss-series.ts';
import { round } from '../lib/stats.ts';
import type { Scenario, TargetCheck } from '../lib/scenario.ts';

const seed = 6;
/** A /16 of loopback of its own (agent-scale 127.90, detection 127.91, uplink 127.92, alerts 127.93). */
const subnetBase = '127.94';
/** A fault the agent or the hub's API has not shown within this long is lost. */
const noticeDeadlineMs = 10_000;
/** "Flat" memory: a trend under this many MiB per hour over the second half of the run. */
const flatMiBPerHour = 10;

interface ActiveFault {
  device: SimDevice;
  fault: string;
  clearAt: number;
}

/** Clears a device's faults; returns the bench's clock right before the call (a recovery can only follow it). */
async function clearDeviceFaults(site: SimSite, device: SimDevice): Promise<number> {
  const before = Date.now();
  const res = await fetch(`${site.controlUrl}/faults/${encodeURIComponent(device.id)}`, { method: 'DELETE' });
  if (!res.ok) throw new Error(`clearing the faults of ${device.id} answered ${res.status}`);
  await res.arrayBuffer();
  return before;
}

/**
 * Keys of the devices the simulator has a fault on, from its control API's `GET /faults` (not
 * `GET /devices`: that one costs the simulator seconds at 5,000 devices, long enough to stall every
 * session it serves).
 */
async function simFaulted(site: SimSite): Promise<Set<string>> {
  const res = await fetch(`${site.controlUrl}/faults`);
  if (!res.ok) throw new Error(`GET /faults answered ${res.status}`);
  const { faults } = (await res.json()) as { faults: { target: string }[] };
  const byId = new Map(site.networkDevices.map((d) => [d.id, keyOf(d)]));
  return new Set(faults.flatMap((f) => byId.get(f.target) ?? []));
}

/**
 * An hour (by default) of a site with faults injected at random: the simulator, the real agent and
 * the hub (PostgreSQL) in their own processes, the bench watching the hub's API like a screen (live
 * events + the Down group). Every few seconds (exponential gaps) a random device that is up gets a
 * clean drop or a silent hang, held for a random while, then cleared. Sampled all along: RSS and CPU
 * of the simulator, the agent and the hub; the memory trend is the least-squares slope over the
 * second half. Counted: faults injected; noticed by the agent and by the hub's API within 10 s;
 * recoveries; every agent status change of a faulted device found in the hub's stored history
 * (detail API, same observation time); at the end, with the last faults left in place, every
 * device's Down-ness in the simulator's control API, the agent and the hub's API, and the device
 * counts. Anything missing or disagreeing is lost.
 */
export const soakScenario: Scenario = {
  name: 'soak',
  description:
    'N devices for an hour (BENCH_SOAK_MINUTES) with random faults: memory trend, nothing lost, counts reconcile',
  async run({ quick, log }) {
    const minutes = Number(process.env.BENCH_SOAK_MINUTES ?? (quick ? 1 : 60));
    const devicesEnv = process.env.BENCH_SOAK_DEVICES;
    const config = quick
      ? {
          devices: Number(devicesEnv ?? 300),
          meanGapMs: 1500,
          holdMs: [3000, 12_000],
          sampleMs: 2000,
          readyTimeoutMs: 60_000,
        }
      : {
          devices: Number(devicesEnv ?? 5000),
          meanGapMs: 3000,
          holdMs: [5000, 40_000],
          sampleMs: 10_000,
          readyTimeoutMs: 300_000,
        };
    if (!(minutes > 0))
      throw new Error(
        `BENCH_SOAK_MINUTES must be a positive number, not ${String(process.env.BENCH_SOAK_MINUTES)}`,
      );
    log(`simulator: ${config.devices} devices on ${subnetBase}.x.0/24; ${minutes} min of random faults`);
    const linked: LinkedSite = await startLinkedSite({
      scenario: 'soak',
      devices: config.devices,
      seed,
      subnetBase,
      readyTimeoutMs: config.readyTimeoutMs,
      log,
    });
    const { site, hub, probe } = linked;
    let watch: HubWatch | undefined;
    try {
      const hubWatch = await watchHub(hub, 1000);
      watch = hubWatch;
      const recorders = {
        sim: recordSeries(site.child.pid, config.sampleMs),
        agent: recordSeries(probe.child.pid, config.sampleMs),
        hub: recordSeries(hub.child.pid, config.sampleMs),
      };
      const random = seededRandom(seed);
      const gap = () => -Math.log(1 - random()) * config.meanGapMs;
      const [holdMin = 0, holdMax = 0] = config.holdMs;
      const start = Date.now();
      const end = start + minutes * 60_000;
      const active = new Map<string, ActiveFault>();
      const cooldownUntil = new Map<string, number>();
      const injections: Injection[] = [];
      const clears: { key: string; at: number }[] = [];
      let nextAt = start + gap();
      let lastLog = start;
      while (Date.now() < end) {
        const now = Date.now();
        for (const [key, a] of active) {
          if (a.clearAt > now) continue;
          const at = await clearDeviceFaults(site, a.device);
          clears.push({ key, at });
          active.delete(key);
          // Back in the draw once the agent has had time to reconnect (its backoff reaches 15 s).
          cooldownUntil.set(key, at + 30_000);
        }
        if (now >= nextAt) {
          nextAt += gap();
          const candidates = site.networkDevices.filter((d) => {
            const key = keyOf(d);
            return !active.has(key) && (cooldownUntil.get(key) ?? 0) <= now && probe.statusOf(key) !== 'Down';
          });
          const device = candidates[Math.floor(random() * candidates.length)];
          if (device) {
            const fault = random() < 0.5 ? 'down' : 'hang';
            injections.push(await injectFault(site, device, fault));
            active.set(keyOf(device), {
              device,
              fault,
              clearAt: Date.now() + holdMin + random() * (holdMax - holdMin),
            });
          }
        }
        if (now - lastLog >= 60_000) {
          lastLog = now;
          const rss = (r: { series: SeriesPoint[] }) =>
            round(r.series[r.series.length - 1]?.rssMiB ?? Number.NaN);
          log(
            `${round((now - start) / 60_000)} min: ${injections.length} faults, ${active.size} active; RSS MiB sim ${rss(recorders.sim)}, agent ${rss(recorders.agent)}, hub ${rss(recorders.hub)}`,
          );
        }
        await sleep(Math.max(10, Math.min(100, nextAt - Date.now())));
      }
      const series = {
        sim: recorders.sim.stop(),
        agent: recorders.agent.stop(),
        hub: recorders.hub.stop(),
      };
      log(`faults stop: ${injections.length} injected, ${active.size} left in place; settling`);

      // Settle: the last faults stay; every view should agree with the simulator within a minute.
      const hubDown = async () => new Set((await listHubDevices(hub, 'group=down')).map((d) => d.serial));
      let sim = await simFaulted(site);
      let hubDownSerials = await hubDown();
      const keys = site.networkDevices.map(keyOf);
      const serialOfKey = new Map(site.networkDevices.map((d) => [keyOf(d), serialOf(d)]));
      const mismatches = () =>
        statusMismatches(keys, (k) => sim.has(k), {
          agent: (k) => {
            const s = probe.statusOf(k);
            return s === undefined ? undefined : s === 'Down';
          },
          hub: (k) => hubDownSerials.has(serialOfKey.get(k) ?? ''),
        });
      const settleUntil = Date.now() + 60_000;
      while (mismatches().length > 0 && Date.now() < settleUntil) {
        await sleep(1000);
        sim = await simFaulted(site);
        hubDownSerials = await hubDown();
      }
      const finalMismatches = mismatches();
      const hubDevices = await listHubDevices(hub);
      await hubWatch.close();

      // Every agent change since the start (of faulted devices and any other), in the hub's stored history.
      const faultedKeys = [
        ...new Set([
          ...injections.map((i) => i.key),
          ...probe.changes.filter((c) => c.at >= start).map((c) => c.key),
        ]),
      ];
      const hubIdOfKey = new Map<string, string>();
      for (const d of hubDevices) {
        const key = linked.keyOfSerial.get(d.serial);
        if (key) hubIdOfKey.set(key, d.id);
      }
      const history = new Map<string, { status: string; observedAt: number }[]>();
      for (const key of faultedKeys) {
        const id = hubIdOfKey.get(key);
        if (!id) continue;
        const detail = await apiGet<{ history: { status: string; observedAt: string }[] }>(
          hub,
          `/api/v1/orgs/${hub.orgId}/devices/${id}`,
        );
        history.set(
          key,
          detail.history.map((h) => ({ status: h.status, observedAt: Date.parse(h.observedAt) })),
        );
      }
      const faulted = new Set(injections.map((i) => i.key));
      const changes: ObservedChange[] = probe.changes.filter((c) => c.at >= start);
      const unstored = missingFromHistory(changes, history);
      const unexpected = changes.filter((c) => !faulted.has(c.key));
      const unexpectedChanges = unexpected.length;

      const agentSeen = figuresByFault(
        pairDetections(
          injections,
          probe.changes.filter((c) => c.status === 'Down'),
          noticeDeadlineMs,
        ),
      );
      const hubSeen = figuresByFault(
        pairDetections(injections, groupObservations(hubWatch.sse, linked.keyOfSerial), noticeDeadlineMs),
      );
      const get = (r: Record<string, FaultFigures>, k: string) => r[k] ?? noFaults();
      const missed = (r: Record<string, FaultFigures>) => get(r, 'down').missed + get(r, 'hang').missed;
      const unrecoveredAtAgent = clears.filter(
        (c) => !probe.changes.some((x) => x.key === c.key && x.at >= c.at && x.status !== 'Down'),
      );
      const recoveredAtAgent = clears.length - unrecoveredAtAgent.length;
      const recoveredAtHub = clears.filter((c) =>
        groupObservations(hubWatch.sse, linked.keyOfSerial, false).some(
          (x) => x.key === c.key && x.at >= c.at,
        ),
      ).length;
      const countMismatch =
        Math.abs(hubDevices.length - site.devices.length) +
        Math.abs(linked.inventoryDevices - site.devices.length);

      const memory: Record<string, number> = {};
      const rssTable: [string, string][] = [];
      for (const [name, s] of Object.entries(series)) {
        const first = s[0];
        const last = s[s.length - 1];
        const mid = s[Math.floor(s.length / 2)];
        const slopeValue = rssSlopeMiBPerHour(s);
        memory[`${name}RssSlopeMiBPerHour`] = slopeValue;
        memory[`${name}RssStartMiB`] = first?.rssMiB ?? Number.NaN;
        memory[`${name}RssMidMiB`] = mid?.rssMiB ?? Number.NaN;
        memory[`${name}RssEndMiB`] = last?.rssMiB ?? Number.NaN;
        memory[`${name}RssMaxMiB`] = Math.max(...s.map((p) => p.rssMiB));
        memory[`${name}CpuPercentOfOneCore`] = first && last ? cpuPercentBetween(first, last) : Number.NaN;
        rssTable.push([
          `${name} RSS start / mid / end, trend`,
          `${round(first?.rssMiB ?? Number.NaN)} / ${round(mid?.rssMiB ?? Number.NaN)} / ${round(last?.rssMiB ?? Number.NaN)} MiB, ${round(slopeValue)} MiB/h (CPU ${round(memory[`${name}CpuPercentOfOneCore`] ?? Number.NaN)} %)`,
        ]);
      }
      const targets: TargetCheck[] = (['sim', 'agent', 'hub'] as const).map((name) => ({
        name: `${name} memory flat over the second half of ${minutes} min (RSS trend)`,
        target: `< ${flatMiBPerHour} MiB/hour`,
        measured: round(memory[`${name}RssSlopeMiBPerHour`] ?? Number.NaN),
        unit: 'MiB/hour',
        met: (memory[`${name}RssSlopeMiBPerHour`] ?? Number.NaN) < flatMiBPerHour,
      }));
      const lost =
        missed(agentSeen) + missed(hubSeen) + unstored.length + finalMismatches.length + countMismatch;
      const seen = (r: Record<string, FaultFigures>) =>
        `${get(r, 'down').noticed + get(r, 'hang').noticed}/${injections.length} (drop p99 ${round(get(r, 'down').latencyMs.p99)} ms, hang p99 ${round(get(r, 'hang').latencyMs.p99)} ms)`;
      return {
        config: {
          ...config,
          minutes,
          seed,
          subnetBase,
          networkDevices: site.networkDevices.length,
          simDevices: site.devices.length,
          hub: `own process, PostgreSQL ${linked.db.version}; agent linked over /agent/v1 (default timings)`,
          faults: `a random up device every ${config.meanGapMs / 1000} s on average (exponential gaps), drop or hang, held ${holdMin / 1000}–${holdMax / 1000} s, then cleared; back in the draw 30 s after`,
          sampleMs: config.sampleMs,
          noticeDeadlineMs,
          command: 'BENCH_SOAK_MINUTES=60 npm run bench -- soak',
        },
        figures: {
          faultsInjected: injections.length,
          faultsClearedDuringRun: clears.length,
          faultsLeftAtEnd: active.size,
          agentNoticedDrop: get(agentSeen, 'down'),
          agentNoticedHang: get(agentSeen, 'hang'),
          hubNoticedDrop: get(hubSeen, 'down'),
          hubNoticedHang: get(hubSeen, 'hang'),
          recoveredAtAgent,
          recoveredAtHub,
          agentChangesSinceStart: changes.length,
          agentChangesMissingFromHubHistory: unstored.length,
          agentChangesOfUnfaultedDevices: unexpectedChanges,
          finalStatusMismatches: finalMismatches.length,
          simDevices: site.devices.length,
          agentInventoryDevices: linked.inventoryDevices,
          hubDevices: hubDevices.length,
          hubLiveEvents: hubWatch.events,
          hubWatchErrors: hubWatch.errors.length,
          ...memory,
        },
        baseline: {
          description:
            'the same processes at the start of the run (first RSS sample after the site was linked and listed)',
          figures: {
            simRssStartMiB: memory.simRssStartMiB ?? Number.NaN,
            agentRssStartMiB: memory.agentRssStartMiB ?? Number.NaN,
            hubRssStartMiB: memory.hubRssStartMiB ?? Number.NaN,
          },
        },
        ratios: Object.fromEntries(
          (['sim', 'agent', 'hub'] as const).map((n) => [
            `${n}RssEndVsStart`,
            (memory[`${n}RssEndMiB`] ?? Number.NaN) / (memory[`${n}RssStartMiB`] ?? Number.NaN),
          ]),
        ),
        targets,
        lost,
        details: {
          rssSeries: Object.fromEntries(
            Object.entries(series).map(([n, s]) => [
              n,
              s.map((p) => [Math.round((p.at - start) / 1000), round(p.rssMiB)]),
            ]),
          ),
          finalMismatches: finalMismatches.slice(0, 50),
          missingFromHistory: unstored.slice(0, 50),
          changesOfUnfaultedDevices: unexpected.slice(0, 50),
          clearedWithoutRecoveryAtAgent: unrecoveredAtAgent.slice(0, 50).map((c) => ({
            ...c,
            changes: probe.changes.filter((x) => x.key === c.key && x.at >= start),
            injections: injections.filter((i) => i.key === c.key),
          })),
          hubWatchErrors: hubWatch.errors.slice(0, 20),
        },
        table: [
          [
            'faults injected',
            `${injections.length} in ${minutes} min (${active.size} left in place at the end)`,
          ],
          ['noticed by the agent (10 s)', seen(agentSeen)],
          ["noticed in the hub's API (10 s)", seen(hubSeen)],
          [
            'recoveries seen: agent / hub',
            `${recoveredAtAgent} / ${recoveredAtHub} of ${clears.length} cleared`,
          ],
          [
            'agent changes in hub history',
            `${changes.length - unstored.length}/${changes.length} (${unexpectedChanges} changes of devices never faulted)`,
          ],
          [
            'final statuses: sim / agent / hub',
            `${finalMismatches.length} mismatches over ${keys.length} devices (${sim.size} faulted)`,
          ],
          [
            'device counts: sim / agent / hub',
            `${site.devices.length} / ${linked.inventoryDevices} / ${hubDevices.length}`,
          ],
          ...rssTable,
        ],
      };
    } finally {
      await watch?.close();
      await linked.stop();
    }
  },
};
