// The whole chain in separate processes: a simulated site, the real agent holding a session to
// every device and linked to a hub (its real /agent/v1 link, default timings), and the hub on a
// fresh PostgreSQL database. Ready once the hub lists every device the agent sent.
import {
  keyOf,
  sleep,
  startAgentProbe,
  startSimSite,
  stopAll,
  waitUntil,
  type AgentProbe,
  type SimDevice,
  type SimSite,
} from './fleet.ts';
import { hubDeviceTotal, type HubProcess } from './hub-process.ts';
import { startHubWithMail } from './hub-watch.ts';
import { createBenchDatabase, type BenchDatabase } from './postgres.ts';

export interface LinkedSite {
  site: SimSite;
  db: BenchDatabase;
  hub: HubProcess & { adminToken: string };
  probe: AgentProbe;
  /** Devices in the agent's inventory frame (peripherals included). */
  inventoryDevices: number;
  /** Wall clock when the agent's link first said `connected`. */
  connectedAt: number;
  /** Link state changes (`connected`, `disconnected`, …) with their wall clock. */
  linkStates: { state: string; at: number }[];
  /** Serial number → bench key (`host:port`) of the devices with a session of their own. */
  keyOfSerial: Map<string, string>;
  stop(): Promise<void>;
}

/** The agent probe's arguments that link it to the hub as the demo site's agent. */
export const hubLinkArgs = (hub: HubProcess): string[] => [
  '--hub-url',
  hub.url,
  '--hub-login',
  hub.logins[0] ?? '',
  '--hub-password',
  hub.password,
];

export const serialOf = (d: SimDevice): string => (d as SimDevice & { serial: string }).serial;

export async function startLinkedSite(options: {
  scenario: string;
  devices: number;
  seed: number;
  subnetBase: string;
  readyTimeoutMs: number;
  smtpUrl?: string;
  /** Shorter device life-cycle phases in the simulator (e.g. firmware updates). */
  simTiming?: Record<string, number>;
  /** More agent arguments (e.g. `--data-dir`, to restart the same agent later). */
  agentArgs?: string[];
  log: (line: string) => void;
}): Promise<LinkedSite> {
  const { log } = options;
  const site = await startSimSite(options.devices, options.seed, options.subnetBase, options.simTiming);
  let db: BenchDatabase | undefined;
  let hub: (HubProcess & { adminToken: string }) | undefined;
  let probe: AgentProbe | undefined;
  const stop = async () => {
    await stopAll(probe?.child, hub?.child, site.child);
    await db?.drop();
  };
  try {
    db = await createBenchDatabase(options.scenario);
    hub = await startHubWithMail(db.url, {
      ...(options.smtpUrl ? { smtpUrl: options.smtpUrl } : {}),
      publicUrl: 'http://crosspoint.bench.invalid',
    });
    log(`hub on PostgreSQL ${db.version} (${db.name}) at ${hub.url}`);
    const linkStates: { state: string; at: number }[] = [];
    let inventory: number | undefined;
    log(`agent: sweeping, waiting for ${site.networkDevices.length} sessions, then linking to the hub`);
    probe = await startAgentProbe(site, site.networkDevices.length, options.readyTimeoutMs, log, undefined, {
      args: [...hubLinkArgs(hub), ...(options.agentArgs ?? [])],
      onEvent: (e) => {
        if (e.t === 'inventory') inventory = Number(e.devices);
        if (e.t === 'link') linkStates.push({ state: String(e.state), at: Number(e.at) });
      },
    });
    log(`agent: ${probe.ready.up} sessions up after ${probe.ready.ms} ms`);
    const linked = hub;
    if (
      !(await waitUntil(
        () => inventory !== undefined && linkStates.some((l) => l.state === 'connected'),
        60_000,
      ))
    )
      throw new Error('the agent did not link to the hub');
    let listed = 0;
    const until = Date.now() + 120_000;
    while ((listed = await hubDeviceTotal(linked)) < (inventory ?? 0)) {
      if (Date.now() > until) throw new Error(`the hub lists ${listed} of ${String(inventory)} devices`);
      await sleep(200);
    }
    const connectedAt = linkStates.find((l) => l.state === 'connected')?.at ?? Date.now();
    log(`hub lists ${listed} devices (inventory ${String(inventory)})`);
    return {
      site,
      db,
      hub: linked,
      probe,
      inventoryDevices: inventory ?? 0,
      connectedAt,
      linkStates,
      keyOfSerial: new Map(site.networkDevices.map((d) => [serialOf(d), keyOf(d)])),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
