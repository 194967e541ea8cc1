import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestCa } from '@crosspoint/hub/testing';
import { fetchTrusting, loadHubTrust } from '@crosspoint/agent';
import {
  clearFaults,
  injectFault,
  keyOf,
  sleep,
  startAgentProbe,
  startSimSite,
  stopAll,
  waitUntil,
  type AgentProbe,
  type SimSite,
} from '../lib/fleet.ts';
import { startHubProcess, type HubProcess } from '../lib/hub-process.ts';
import type { HubDevice } from '../lib/hub-watch.ts';
import { serialOf } from '../lib/linked-site.ts';
import { missingFromHistory, type ObservedChange } from '../lib/reconcile.ts';
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

/** How the bench reaches a hub's API: the plain hub with `fetch`, the TLS one trusting the bench's CA. */
type HubApi = <T>(path: string) => Promise<T>;

function hubApi(hub: HubProcess, fetchImpl: typeof fetch): HubApi {
  return async <T>(path: string): Promise<T> => {
    const res = await fetchImpl(`${hub.url}${path}`, { headers: { authorization: `Bearer ${hub.token}` } });
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
}

/** `f` over `items`, at most `limit` at once, results in order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  f: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function listDevices(hub: HubProcess, api: HubApi): Promise<HubDevice[]> {
  const out: HubDevice[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ limit: '500' });
    if (cursor) params.set('cursor', cursor);
    const page: { items: HubDevice[]; nextCursor: string | null } = await api(
      `/api/v1/orgs/${hub.orgId}/devices?${params.toString()}`,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** What one link (plain or TLS) cost and kept, from the first connection to the resync after an outage. */
interface LinkRun {
  sent: { devices: number; jsonBytes: number; deflateRawBytes: number };
  resync: Traffic;
  /** First connection accepted → the hub lists every device the agent sent. */
  resyncToListedMs: number;
  upgradeRequestBytes: number;
  steady: Traffic;
  steadyChanges: number;
  steadyChunks: { atMs: number; direction: string; bytes: number }[];
  /** Devices given a fault while the link was down, and the changes the agent saw meanwhile. */
  outageFaults: number;
  outageChanges: number;
  outageMs: number;
  reconnect: Traffic;
  reconnectAfterMs: number;
  /** Reconnection accepted → every change of the outage found in the hub's history. */
  reconnectToStoredMs: number;
  linkConnections: number;
  listedAfterResync: number;
  listedAfterReconnect: number;
  /** Every change the agent saw since linking (the deltas it sent), each looked for at the hub. */
  changesChecked: number;
  /** Serials of the site's devices the hub does not list. */
  missingDevices: string[];
  /** Changes the agent sent with no row (same status, same time to the ms) in the device's history. */
  missingChanges: ObservedChange[];
}

async function runLink(
  mode: 'plain' | 'tls',
  site: SimSite,
  config: { steadySeconds: number; readyTimeoutMs: number; outageFaults: number },
  log: (line: string) => void,
  tls?: { certFile: string; keyFile: string; caFile: string },
): Promise<LinkRun> {
  const dir = await mkdtemp(join(tmpdir(), `cp-bench-uplink-${mode}-`));
  let hub: HubProcess | undefined;
  let proxy: CountingProxy | undefined;
  let probe: AgentProbe | undefined;
  try {
    hub = await startHubProcess(
      { dataDir: dir },
      tls ? { args: ['--tls-cert', tls.certFile, '--tls-key', tls.keyFile] } : {},
    );
    const api = hubApi(hub, tls ? fetchTrusting(await loadHubTrust(tls.caFile)) : fetch);
    const target = new URL(hub.url);
    proxy = await startCountingProxy({ host: target.hostname, port: Number(target.port) }, { tls: !!tls });
    const counting = proxy;
    let inventory: LinkRun['sent'] | undefined;
    const linkStates: { state: string; at: number }[] = [];
    log(`${mode}: agent sweeping, then linking to the hub (${hub.url}) through ${proxy.url}`);
    probe = await startAgentProbe(site, site.networkDevices.length, config.readyTimeoutMs, log, undefined, {
      args: [
        '--hub-url',
        proxy.url,
        '--hub-login',
        hub.logins[0] ?? '',
        '--hub-password',
        hub.password,
        ...(tls ? ['--hub-ca', tls.caFile] : []),
      ],
      onEvent: (e) => {
        if (e.t === 'inventory') inventory = e as unknown as typeof inventory;
        if (e.t === 'link') linkStates.push({ state: String(e.state), at: Number(e.at) });
      },
    });
    const agent = probe;
    const linkedHub = hub;
    const total = async () =>
      (await api<{ total: number }>(`/api/v1/orgs/${linkedHub.orgId}/devices?limit=1`)).total;

    // 1. First resync: everything on connection 1 until the hub lists every device and the link is quiet.
    const connected = await waitUntil(() => inventory !== undefined && counting.openedAt.has(1), 30_000);
    if (!connected || !inventory) throw new Error(`${mode}: the agent did not link to the hub`);
    const sent = inventory;
    const firstOpened = counting.openedAt.get(1) ?? Date.now();
    let listed = 0;
    let listedAt = 0;
    const poll = setInterval(() => {
      void total().then(
        (n) => {
          listed = n;
          if (n >= sent.devices && listedAt === 0) listedAt = Date.now();
        },
        () => undefined,
      );
    }, 100);
    try {
      if (!(await waitUntil(() => listed >= sent.devices, 60_000, 50)))
        throw new Error(`${mode}: the hub lists ${listed} of ${sent.devices} devices`);
    } finally {
      clearInterval(poll);
    }
    const firstEnd = await burstOver(counting, firstOpened - 1, 30_000);
    const resync = trafficOf(counting.chunks, firstOpened - 1, firstEnd, 1);
    const upgradeRequestBytes =
      counting.chunks.find((c) => c.connection === 1 && c.direction === 'up')?.bytes ?? 0;
    log(
      `${mode} resync: ${sent.devices} devices, ${resync.upBytes} bytes up (${resync.upWrites} writes), ${resync.downBytes} down, listed after ${listedAt - firstOpened} ms`,
    );

    // The hub's id of each device of the site (a change is looked for in its device's history).
    const serialToKey = new Map(site.networkDevices.map((d) => [serialOf(d), keyOf(d)]));
    const hubIdOfKey = new Map(
      (await listDevices(linkedHub, api)).flatMap((d) => {
        const key = serialToKey.get(d.serial);
        return key ? [[key, d.id] as const] : [];
      }),
    );

    // 2. Steady window: no fault, every device healthy.
    const steadyFrom = Date.now();
    const changesBefore = agent.changes.length;
    await sleep(config.steadySeconds * 1000);
    const steadyTo = Date.now();
    const steady = trafficOf(counting.chunks, steadyFrom, steadyTo);
    const steadyChanges = agent.changes.length - changesBefore;
    log(
      `${mode} steady ${config.steadySeconds} s: ${steady.upBytes} bytes up in ${steady.upWrites} writes, ${steadyChanges} status changes`,
    );

    // 3. An outage: the link is cut and stays down while devices go Down and come back; then the
    //    agent reconnects, replays what it kept on disk and resyncs.
    const cutAt = Date.now();
    counting.outage();
    const faulted = site.networkDevices.slice(0, config.outageFaults);
    const faultedKeys = new Set(faulted.map(keyOf));
    for (const d of faulted) await injectFault(site, d, 'down');
    const seen = (status: (s: string) => boolean) => () =>
      [...faultedKeys].every((k) =>
        agent.changes.some((c) => c.key === k && c.at >= cutAt && status(c.status)),
      );
    if (
      !(await waitUntil(
        seen((s) => s === 'Down'),
        30_000,
      ))
    )
      throw new Error(`${mode}: the agent did not see the ${faulted.length} devices go Down`);
    await clearFaults(site);
    if (!(await waitUntil(() => faulted.every((d) => agent.statusOf(keyOf(d)) !== 'Down'), 60_000)))
      throw new Error(`${mode}: the ${faulted.length} devices did not come back`);
    const outageChanges = agent.changes.filter((c) => c.at >= cutAt).length;
    const restoredAt = Date.now();
    counting.restore();
    const reopened = await waitUntil(() => counting.openedAt.has(2), 60_000);
    if (!reopened) throw new Error(`${mode}: the agent did not reconnect after the outage`);
    const secondOpened = counting.openedAt.get(2) ?? Date.now();

    // 4. Item by item, from the reconnection on (how long until all is stored): every device of the
    //    site listed, every change since linking found in its device's history.
    const changes: ObservedChange[] = agent.changes
      .filter((c) => c.at >= firstOpened)
      .map((c) => ({ key: c.key, status: c.status, at: c.at }));
    const changedIds = [...new Set(changes.map((c) => c.key))].flatMap((key) => {
      const id = hubIdOfKey.get(key);
      return id ? [{ key, id }] : [];
    });
    let missingChanges: ObservedChange[] = changes;
    const deadline = Date.now() + 30_000;
    for (;;) {
      // A few reads at a time: the hub is taking the replay meanwhile, and the reads should not
      // weigh on it (over TLS each parallel read would be a new connection and handshake).
      const details = await mapLimited(changedIds, 4, async ({ key, id }) => {
        const detail = await api<{ history: { status: string; observedAt: string }[] }>(
          `/api/v1/orgs/${linkedHub.orgId}/devices/${id}`,
        );
        return [
          key,
          detail.history.map((h) => ({ status: h.status, observedAt: Date.parse(h.observedAt) })),
        ] as const;
      });
      missingChanges = missingFromHistory(changes, new Map(details));
      if (missingChanges.length === 0 || Date.now() > deadline) break;
      await sleep(100);
    }
    const storedAt = Date.now();
    // The bytes of the reconnection, counted once the link is quiet (the API reads above do not pass the proxy).
    const secondEnd = await burstOver(counting, secondOpened - 1, 30_000);
    const reconnect = trafficOf(counting.chunks, secondOpened - 1, secondEnd, 2);
    const listedSerials = new Set((await listDevices(linkedHub, api)).map((d) => d.serial));
    const missingDevices = site.networkDevices.map(serialOf).filter((s) => !listedSerials.has(s));
    const afterTotal = await total();
    log(
      `${mode} outage of ${restoredAt - cutAt} ms (${faulted.length} devices Down and back, ${outageChanges} changes kept): reconnected ${secondOpened - restoredAt} ms after, ${reconnect.upBytes} bytes up; ` +
        `${changes.length - missingChanges.length} of ${changes.length} changes found in the hub's history, ${missingDevices.length} devices missing`,
    );
    return {
      sent,
      resync,
      resyncToListedMs: listedAt - firstOpened,
      upgradeRequestBytes,
      steady,
      steadyChanges,
      steadyChunks: counting.chunks
        .filter((c) => c.at > steadyFrom && c.at <= steadyTo)
        .map((c) => ({ atMs: c.at - steadyFrom, direction: c.direction, bytes: c.bytes })),
      outageFaults: faulted.length,
      outageChanges,
      outageMs: restoredAt - cutAt,
      reconnect,
      reconnectAfterMs: secondOpened - restoredAt,
      reconnectToStoredMs: missingChanges.length === 0 ? storedAt - secondOpened : Number.NaN,
      linkConnections: linkStates.filter((l) => l.state === 'connected').length,
      listedAfterResync: listed,
      listedAfterReconnect: afterTotal,
      changesChecked: changes.length,
      missingDevices,
      missingChanges,
    };
  } finally {
    await proxy?.close();
    await stopAll(probe?.child, hub?.child);
    await clearFaults(site).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The agent's uplink on the wire: the simulator (own process), the real agent (own process, its
 * real hub link, default timings) and the hub (own process, PGlite), with a counting TCP proxy on
 * loopback between agent and hub. Run twice in the same run on the same site: over plain ws:// and
 * over wss:// (the hub serving HTTPS itself with a certificate of a throwaway CA, the agent given
 * the CA with --hub-ca; the proxy counts TLS records). Each run measures bytes each way and time
 * during the first full resync (upgrade, hello, inventory of every device, acknowledgements), over
 * a steady window with no fault, and during the resync after an outage of the link in which some
 * devices went Down and came back (what the agent kept on disk is replayed). Nothing may be lost,
 * item by item: every device of the site listed by the hub, and every change the agent sent found
 * in that device's history at the hub with its status and observation time.
 * Baseline: the same inventory frame as plain JSON (what the link would carry uncompressed).
 */
export const uplinkScenario: Scenario = {
  name: 'uplink',
  description:
    'agent → hub bytes on the wire: full resync of N devices, a steady window and the resync after an outage, plain and TLS, vs plain JSON',
  async run({ quick, log }) {
    const config = quick
      ? { devices: 200, steadySeconds: 15, readyTimeoutMs: 60_000, outageFaults: 10 }
      : { devices: 1000, steadySeconds: 60, readyTimeoutMs: 180_000, outageFaults: 50 };
    const generated = networkDevicesFor(config.devices, seed, subnetBase);
    log(
      `simulator: ${generated} network devices (${config.devices}+ with peripherals) on ${subnetBase}.x.0/24`,
    );
    const site: SimSite = await startSimSite(generated, seed, subnetBase);
    const ca = await createTestCa('Crosspoint bench CA');
    const tlsDir = await mkdtemp(join(tmpdir(), 'cp-bench-uplink-tls-'));
    try {
      const served = await ca.issue();
      const tls = {
        certFile: join(tlsDir, 'hub.pem'),
        keyFile: join(tlsDir, 'hub.key'),
        caFile: join(tlsDir, 'ca.pem'),
      };
      await writeFile(tls.certFile, served.cert);
      await writeFile(tls.keyFile, served.key);
      await writeFile(tls.caFile, ca.cert);

      const plain = await runLink('plain', site, config, log);
      const secure = await runLink('tls', site, config, log, tls);

      const sent = plain.sent;
      const perThousand = (bytes: number) => (bytes / sent.devices) * 1000;
      const steadyKbit = kbitPerSecond(plain.steady.upWireBytes, plain.steady.seconds);
      const tlsSteadyKbit = kbitPerSecond(secure.steady.upWireBytes, secure.steady.seconds);
      const scale = sent.devices >= 1000 ? '' : ` (${sent.devices} devices, scaled to 1,000)`;
      const targets: TargetCheck[] = [
        {
          name: `full resync of 1,000 devices on the wire, agent → hub${scale}`,
          target: '< 100 KB (100,000 bytes)',
          measured: round(perThousand(plain.resync.upWireBytes) / 1000),
          unit: 'KB',
          met: perThousand(plain.resync.upWireBytes) < 100_000,
        },
        {
          name: `… the same over TLS (wss://)${scale}`,
          target: '< 100 KB (100,000 bytes)',
          measured: round(perThousand(secure.resync.upWireBytes) / 1000),
          unit: 'KB',
          met: perThousand(secure.resync.upWireBytes) < 100_000,
        },
        {
          name: `steady-state uplink with ${sent.devices} healthy devices`,
          target: '< 1 kbit/s with 1,000 healthy devices',
          measured: round(steadyKbit),
          unit: 'kbit/s',
          met: steadyKbit < 1,
        },
      ];
      const lostOf = (r: LinkRun) =>
        r.missingDevices.length +
        r.missingChanges.length +
        Math.max(0, r.sent.devices - r.listedAfterReconnect);
      const lost = lostOf(plain) + lostOf(secure);
      const figuresOf = (r: LinkRun) => ({
        resyncUpBytes: r.resync.upBytes,
        resyncUpWireBytes: r.resync.upWireBytes,
        resyncDownBytes: r.resync.downBytes,
        resyncSeconds: r.resync.seconds,
        resyncToListedMs: r.resyncToListedMs,
        resyncUpWireBytesPerThousandDevices: perThousand(r.resync.upWireBytes),
        upgradeRequestBytes: r.upgradeRequestBytes,
        steadySeconds: r.steady.seconds,
        steadyUpBytes: r.steady.upBytes,
        steadyUpWireBytes: r.steady.upWireBytes,
        steadyUpWrites: r.steady.upWrites,
        steadyDownBytes: r.steady.downBytes,
        steadyDownWrites: r.steady.downWrites,
        steadyUpKbitPerSecond: kbitPerSecond(r.steady.upWireBytes, r.steady.seconds),
        steadyStatusChanges: r.steadyChanges,
        outageMs: r.outageMs,
        outageFaults: r.outageFaults,
        outageChanges: r.outageChanges,
        reconnectAfterMs: r.reconnectAfterMs,
        reconnectToStoredMs: r.reconnectToStoredMs,
        linkConnections: r.linkConnections,
        reconnectUpBytes: r.reconnect.upBytes,
        reconnectUpWireBytes: r.reconnect.upWireBytes,
        reconnectDownBytes: r.reconnect.downBytes,
        reconnectSeconds: r.reconnect.seconds,
        hubDevicesAfterResync: r.listedAfterResync,
        hubDevicesAfterReconnect: r.listedAfterReconnect,
        changesChecked: r.changesChecked,
        missingDevices: r.missingDevices.length,
        missingChanges: r.missingChanges.length,
      });
      const tlsFigures = Object.fromEntries(
        Object.entries(figuresOf(secure)).map(([k, v]) => [
          `tls${k[0]?.toUpperCase() ?? ''}${k.slice(1)}`,
          v,
        ]),
      );
      const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
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
          tls: 'the hub serves HTTPS itself (--tls-cert/--tls-key: P-256 ECDSA certificate of a throwaway CA made by openssl), the agent trusts the CA (--hub-ca); TLS 1.3, as Node negotiates it; the proxy counts TLS records',
          outage: `the link cut and refused while ${config.outageFaults} devices go Down and come back, then restored`,
          wire: 'TCP payload counted by a proxy on 127.0.0.1; "wire" adds 66 bytes (Ethernet + IPv4 + TCP with timestamps) per 1,448-byte segment of each write; ACK segments not counted',
        },
        figures: { ...figuresOf(plain), ...tlsFigures },
        baseline: {
          description:
            'the inventory frame the agent sent, as plain JSON (no per-message deflate), and deflated once on its own (zlib raw deflate, default level); and the same link without TLS, in the same run',
          figures: {
            inventoryJsonBytes: sent.jsonBytes,
            inventoryDeflateRawBytes: sent.deflateRawBytes,
            jsonBytesPerDevice: sent.jsonBytes / sent.devices,
          },
        },
        ratios: {
          inventoryJsonVsResyncUp: sent.jsonBytes / plain.resync.upBytes,
          resyncUpVsDeflateRaw: plain.resync.upBytes / sent.deflateRawBytes,
          resyncVsDesignTarget: perThousand(plain.resync.upWireBytes) / 100_000,
          steadyVsDesignTarget: steadyKbit / 1,
          tlsVsPlainResyncUpWireBytes: ratio(secure.resync.upWireBytes, plain.resync.upWireBytes),
          tlsVsPlainResyncDownBytes: ratio(secure.resync.downBytes, plain.resync.downBytes),
          tlsVsPlainResyncToListedMs: ratio(secure.resyncToListedMs, plain.resyncToListedMs),
          tlsVsPlainReconnectUpWireBytes: ratio(secure.reconnect.upWireBytes, plain.reconnect.upWireBytes),
          tlsVsPlainReconnectToStoredMs: ratio(secure.reconnectToStoredMs, plain.reconnectToStoredMs),
          tlsVsPlainSteadyUpWireBytes: ratio(secure.steady.upWireBytes, plain.steady.upWireBytes),
        },
        targets,
        lost,
        details: {
          // Every read of the steady windows (ms after its start, direction, bytes): what the quiet link carries.
          steadyChunks: plain.steadyChunks,
          tlsSteadyChunks: secure.steadyChunks,
          missing: {
            plain: { devices: plain.missingDevices, changes: plain.missingChanges.slice(0, 50) },
            tls: { devices: secure.missingDevices, changes: secure.missingChanges.slice(0, 50) },
          },
        },
        table: [
          [
            'inventory',
            `${sent.devices} devices: ${round(sent.jsonBytes / 1000)} KB as JSON, ${round(sent.deflateRawBytes / 1000)} KB deflated alone`,
          ],
          [
            'first resync, agent → hub',
            `${round(plain.resync.upBytes / 1000)} KB payload, ${round(plain.resync.upWireBytes / 1000)} KB on the wire (× ${round(sent.jsonBytes / plain.resync.upBytes)} smaller than JSON); TLS ${round(secure.resync.upWireBytes / 1000)} KB on the wire (× ${round(ratio(secure.resync.upWireBytes, plain.resync.upWireBytes))})`,
          ],
          [
            '… per 1,000 devices',
            `${round(perThousand(plain.resync.upWireBytes) / 1000)} KB on the wire; TLS ${round(perThousand(secure.resync.upWireBytes) / 1000)} KB`,
          ],
          [
            'first resync, hub → agent',
            `${round(plain.resync.downBytes / 1000)} KB; TLS ${round(secure.resync.downBytes / 1000)} KB`,
          ],
          [
            'first resync, connected → hub lists all',
            `${plain.resyncToListedMs} ms; TLS ${secure.resyncToListedMs} ms`,
          ],
          [
            'steady, agent → hub',
            `${plain.steady.upBytes} bytes in ${round(plain.steady.seconds)} s (${plain.steady.upWrites} writes) = ${round(steadyKbit)} kbit/s on the wire; TLS ${secure.steady.upBytes} bytes = ${round(tlsSteadyKbit)} kbit/s`,
          ],
          [
            'resync after an outage',
            `${plain.outageChanges} changes kept: ${round(plain.reconnect.upBytes / 1000)} KB up, ${round(plain.reconnect.downBytes / 1000)} KB down, all stored ${round(plain.reconnectToStoredMs)} ms after reconnecting; TLS ${round(secure.reconnect.upBytes / 1000)} KB up, ${round(secure.reconnect.downBytes / 1000)} KB down, ${round(secure.reconnectToStoredMs)} ms`,
          ],
          [
            'matched at the hub, item by item',
            `plain: ${site.networkDevices.length - plain.missingDevices.length}/${site.networkDevices.length} devices, ${plain.changesChecked - plain.missingChanges.length}/${plain.changesChecked} changes; TLS: ${site.networkDevices.length - secure.missingDevices.length}/${site.networkDevices.length} devices, ${secure.changesChecked - secure.missingChanges.length}/${secure.changesChecked} changes`,
          ],
        ],
      };
    } finally {
      await stopAll(site.child);
      await ca.remove();
      await rm(tlsDir, { recursive: true, force: true });
    }
  },
};
