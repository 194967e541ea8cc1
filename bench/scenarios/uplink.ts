import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  sleep,
  startAgentProbe,
  startSimSite,
  stopAll,
  waitUntil,
  type AgentProbe,
  type SimSite,
} from '../lib/fleet.ts';
import { hubDeviceTotal, startHubProcess, type HubProcess } from '../lib/hub-process.ts';
import { ethernetBytes, kbitPerSecond } from '../lib/rates.ts';
import { networkDevicesFor } from '../lib/site-size.ts';
import {
  burstEnd,
  chunksIn,
  startCountingProxy,
  totalBytes,
  type Chunk,
  type CountingProxy,
} from '../lib/tcp-proxy.ts';
import { round } from '../lib/stats.ts';
import type { Scenario, TargetCheck } from '../lib/scenario.ts';

const seed = 4;
/** A /16 of loopback of its own (agent-scale 127.90, detection 127.91). */
const subnetBase = '127.92';
/** A burst of link traffic is over after this long without a byte either way. */
const quietMs = 1500;

interface Traffic {
  /** TCP payload, agent → hub. */
  upBytes: number;
  /** The same as it would leave over Ethernet (headers of each segment added, MTU 1500). */
  upWireBytes: number;
  downBytes: number;
  downWireBytes: number;
  upWrites: number;
  downWrites: number;
  seconds: number;
}

function trafficOf(chunks: readonly Chunk[], from: number, to: number, connection?: number): Traffic {
  const up = chunksIn(chunks, 'up', from, to, connection);
  const down = chunksIn(chunks, 'down', from, to, connection);
  return {
    upBytes: totalBytes(up),
    upWireBytes: ethernetBytes(up.map((c) => c.bytes)),
    downBytes: totalBytes(down),
    downWireBytes: ethernetBytes(down.map((c) => c.bytes)),
    upWrites: up.length,
    downWrites: down.length,
    seconds: (to - from) / 1000,
  };
}

/** Waits for the burst of traffic after `from` to end; returns its end (or throws after `timeoutMs`). */
async function burstOver(proxy: CountingProxy, from: number, timeoutMs: number): Promise<number> {
  let end: number | undefined;
  const ok = await waitUntil(
    () => (end = burstEnd(proxy.chunks, from, quietMs, Date.now())) !== undefined,
    timeoutMs,
  );
  if (!ok || end === undefined) throw new Error(`the link did not go quiet within ${timeoutMs} ms`);
  return end;
}

/**
 * The agent's uplink on the wire: the simulator (own process), the real agent (own process, its
 * real hub link, default timings) and the hub (own process, PGlite), with a counting TCP proxy on
 * loopback between agent and hub. Measures bytes each way during the first full resync (upgrade,
 * hello, inventory of every device, acknowledgements), over a steady window with no fault, and
 * during the resync after the proxy cuts the connection (what a network outage costs).
 * Baseline: the same inventory frame as plain JSON (what the link would carry uncompressed).
 */
export const uplinkScenario: Scenario = {
  name: 'uplink',
  description: 'agent → hub bytes on the wire: full resync of N devices and a steady window, vs plain JSON',
  async run({ quick, log }) {
    const config = quick
      ? { devices: 200, steadySeconds: 15, readyTimeoutMs: 60_000 }
      : { devices: 1000, steadySeconds: 60, readyTimeoutMs: 180_000 };
    const generated = networkDevicesFor(config.devices, seed, subnetBase);
    log(
      `simulator: ${generated} network devices (${config.devices}+ with peripherals) on ${subnetBase}.x.0/24`,
    );
    const site: SimSite = await startSimSite(generated, seed, subnetBase);
    const dir = await mkdtemp(join(tmpdir(), 'cp-bench-uplink-'));
    let hub: HubProcess | undefined;
    let proxy: CountingProxy | undefined;
    let probe: AgentProbe | undefined;
    try {
      hub = await startHubProcess({ dataDir: dir });
      const target = new URL(hub.url);
      proxy = await startCountingProxy({ host: target.hostname, port: Number(target.port) });
      const counting = proxy;
      let inventory: { devices: number; jsonBytes: number; deflateRawBytes: number } | undefined;
      const linkStates: { state: string; at: number }[] = [];
      log(
        `agent: sweeping, waiting for ${site.networkDevices.length} sessions, then linking to the hub through ${proxy.url}`,
      );
      probe = await startAgentProbe(site, site.networkDevices.length, config.readyTimeoutMs, log, undefined, {
        args: ['--hub-url', proxy.url, '--hub-login', hub.logins[0] ?? '', '--hub-password', hub.password],
        onEvent: (e) => {
          if (e.t === 'inventory') inventory = e as unknown as typeof inventory;
          if (e.t === 'link') linkStates.push({ state: String(e.state), at: Number(e.at) });
        },
      });
      const agent = probe;
      const linkedHub = hub;

      // 1. First resync: everything on connection 1 until the hub lists every device and the link is quiet.
      const connected = await waitUntil(() => inventory !== undefined && counting.openedAt.has(1), 30_000);
      if (!connected || !inventory) throw new Error('the agent did not link to the hub');
      const sent = inventory;
      const firstOpened = counting.openedAt.get(1) ?? Date.now();
      let listed = 0;
      const poll = setInterval(() => {
        void hubDeviceTotal(linkedHub).then(
          (n) => (listed = n),
          () => undefined,
        );
      }, 100);
      try {
        if (!(await waitUntil(() => listed >= sent.devices, 60_000, 50)))
          throw new Error(`the hub lists ${listed} of ${sent.devices} devices`);
      } finally {
        clearInterval(poll);
      }
      const firstEnd = await burstOver(counting, firstOpened - 1, 30_000);
      const resync = trafficOf(counting.chunks, firstOpened - 1, firstEnd, 1);
      const upgradeRequestBytes =
        counting.chunks.find((c) => c.connection === 1 && c.direction === 'up')?.bytes ?? 0;
      log(
        `resync: ${sent.devices} devices, ${resync.upBytes} bytes up (${resync.upWrites} writes), ${resync.downBytes} down`,
      );

      // 2. Steady window: no fault, every device healthy.
      const steadyFrom = Date.now();
      const changesBefore = agent.changes.length;
      await sleep(config.steadySeconds * 1000);
      const steadyTo = Date.now();
      const steady = trafficOf(counting.chunks, steadyFrom, steadyTo);
      const steadyChanges = agent.changes.length - changesBefore;
      log(
        `steady ${config.steadySeconds} s: ${steady.upBytes} bytes up in ${steady.upWrites} writes, ${steadyChanges} status changes`,
      );

      // 3. The connection is cut; the agent reconnects and resyncs.
      const cutAt = Date.now();
      counting.cut();
      const reopened = await waitUntil(() => counting.openedAt.has(2), 60_000);
      if (!reopened) throw new Error('the agent did not reconnect after the cut');
      const secondOpened = counting.openedAt.get(2) ?? Date.now();
      const secondEnd = await burstOver(counting, secondOpened - 1, 30_000);
      const reconnect = trafficOf(counting.chunks, secondOpened - 1, secondEnd, 2);
      const afterTotal = await hubDeviceTotal(linkedHub);
      log(
        `reconnect after ${secondOpened - cutAt} ms: ${reconnect.upBytes} bytes up; hub lists ${afterTotal}`,
      );

      const perThousand = (bytes: number) => (bytes / sent.devices) * 1000;
      const steadyKbit = kbitPerSecond(steady.upWireBytes, steady.seconds);
      const scale = sent.devices >= 1000 ? '' : ` (${sent.devices} devices, scaled to 1,000)`;
      const targets: TargetCheck[] = [
        {
          name: `full resync of 1,000 devices on the wire, agent → hub${scale}`,
          target: '< 100 KB (100,000 bytes)',
          measured: round(perThousand(resync.upWireBytes) / 1000),
          unit: 'KB',
          met: perThousand(resync.upWireBytes) < 100_000,
        },
        {
          name: `steady-state uplink with ${sent.devices} healthy devices`,
          target: '< 1 kbit/s with 1,000 healthy devices',
          measured: round(steadyKbit),
          unit: 'kbit/s',
          met: steadyKbit < 1,
        },
      ];
      const lost = Math.max(0, sent.devices - listed) + Math.max(0, sent.devices - afterTotal);
      return {
        config: {
          ...config,
          seed,
          subnetBase,
          generatorDevices: generated,
          networkDevices: site.networkDevices.length,
          inventoryDevices: sent.devices,
          quietMs,
          hubDatabase: 'pglite',
          agentLink: 'defaults: per-message deflate, deltas batched 200 ms, heartbeat every 30 s',
          wire: 'TCP payload counted by a proxy on 127.0.0.1; "wire" adds 66 bytes (Ethernet + IPv4 + TCP with timestamps) per 1,448-byte segment of each write; ACK segments not counted',
        },
        figures: {
          resyncUpBytes: resync.upBytes,
          resyncUpWireBytes: resync.upWireBytes,
          resyncDownBytes: resync.downBytes,
          resyncSeconds: resync.seconds,
          resyncUpWireBytesPerThousandDevices: perThousand(resync.upWireBytes),
          upgradeRequestBytes,
          steadySeconds: steady.seconds,
          steadyUpBytes: steady.upBytes,
          steadyUpWireBytes: steady.upWireBytes,
          steadyUpWrites: steady.upWrites,
          steadyDownBytes: steady.downBytes,
          steadyDownWrites: steady.downWrites,
          steadyUpKbitPerSecond: steadyKbit,
          steadyStatusChanges: steadyChanges,
          reconnectAfterMs: secondOpened - cutAt,
          linkConnections: linkStates.filter((l) => l.state === 'connected').length,
          reconnectUpBytes: reconnect.upBytes,
          reconnectUpWireBytes: reconnect.upWireBytes,
          reconnectDownBytes: reconnect.downBytes,
          hubDevicesAfterResync: listed,
          hubDevicesAfterReconnect: afterTotal,
        },
        baseline: {
          description:
            'the inventory frame the agent sent, as plain JSON (no per-message deflate), and deflated once on its own (zlib raw deflate, default level)',
          figures: {
            inventoryJsonBytes: sent.jsonBytes,
            inventoryDeflateRawBytes: sent.deflateRawBytes,
            jsonBytesPerDevice: sent.jsonBytes / sent.devices,
          },
        },
        ratios: {
          inventoryJsonVsResyncUp: sent.jsonBytes / resync.upBytes,
          resyncUpVsDeflateRaw: resync.upBytes / sent.deflateRawBytes,
          resyncVsDesignTarget: perThousand(resync.upWireBytes) / 100_000,
          steadyVsDesignTarget: steadyKbit / 1,
        },
        targets,
        lost,
        details: {
          // Every read of the steady window (ms after its start, direction, bytes): what the quiet link carries.
          steadyChunks: counting.chunks
            .filter((c) => c.at > steadyFrom && c.at <= steadyTo)
            .map((c) => ({ atMs: c.at - steadyFrom, direction: c.direction, bytes: c.bytes })),
        },
        table: [
          [
            'inventory',
            `${sent.devices} devices: ${round(sent.jsonBytes / 1000)} KB as JSON, ${round(sent.deflateRawBytes / 1000)} KB deflated alone`,
          ],
          [
            'first resync, agent → hub',
            `${round(resync.upBytes / 1000)} KB payload, ${round(resync.upWireBytes / 1000)} KB on the wire (× ${round(sent.jsonBytes / resync.upBytes)} smaller than JSON)`,
          ],
          ['… per 1,000 devices', `${round(perThousand(resync.upWireBytes) / 1000)} KB on the wire`],
          ['first resync, hub → agent', `${round(resync.downBytes / 1000)} KB`],
          [
            'steady, agent → hub',
            `${steady.upBytes} bytes in ${round(steady.seconds)} s (${steady.upWrites} writes) = ${round(steadyKbit)} kbit/s on the wire`,
          ],
          [
            'reconnect resync',
            `${round(reconnect.upBytes / 1000)} KB up, ${round(reconnect.downBytes / 1000)} KB down, ${secondOpened - cutAt} ms after the cut`,
          ],
          [
            'hub lists',
            `${listed} after the resync, ${afterTotal} after the reconnect (agent: ${sent.devices})`,
          ],
        ],
      };
    } finally {
      await proxy?.close();
      await stopAll(probe?.child, hub?.child, site.child);
      await rm(dir, { recursive: true, force: true });
    }
  },
};
