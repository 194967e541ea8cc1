import { resolve } from 'node:path';
import pino from 'pino';
import {
  connectAgentToHub,
  loadAgentConfig,
  startAgent,
  type Agent,
  type HubLink,
  type LinkState,
} from '@crosspoint/agent';
import { demoClients, roomToken, type DemoClientSpec } from '@crosspoint/hub';
import {
  generateSite,
  SimError,
  SimErrorCode,
  startSimulator,
  type SiteFile,
  type Simulator,
} from '@crosspoint/sim';

/**
 * Loopback ranges the demo building may use, in order: a second demo on the same machine (another
 * data folder and port) takes the next free one. The devices keep their identity (serial numbers)
 * whichever range they get.
 */
const demoRanges = [31, 51, 71, 87] as const;

/**
 * Names the simulated devices the way installers do, after the client's rooms: each stack a room
 * (`Boardroom-4.12`, then `Boardroom-4.12-B` when a room has a second one), its boxes
 * `<room>-DSP<n>`, mics `<room>-Mic<n>`, codecs `<room>-Codec<n>`. The hub places each device in
 * its room (BootstrapService.placeDemoDevices).
 */
function named(subnets: SiteFile['subnets'], rooms: string[]): SiteFile['subnets'] {
  const tokens = rooms.map(roomToken);
  const used = new Map<string, number>();
  let next = 0;
  const room = () => tokens[next++ % tokens.length] ?? 'Room';
  const unique = (token: string) => {
    const n = (used.get(token) ?? 0) + 1;
    used.set(token, n);
    return n === 1 ? token : `${token}-${String.fromCharCode(64 + n)}`;
  };
  return subnets.map((subnet) => ({
    ...subnet,
    stacks: subnet.stacks?.map((stack) => {
      const name = unique(room());
      return {
        ...stack,
        name,
        boxes: stack.boxes.map((b, i) => ({ ...b, name: `${name}-DSP${String(i + 1)}` })),
      };
    }),
    mics: subnet.mics?.map((m, i) => ({ ...m, name: `${room()}-Mic${String(i + 1)}` })),
    codecs: subnet.codecs?.map((c, i) => ({ ...c, name: `${room()}-Codec${String(i + 1)}` })),
  }));
}

const roomsOf = (spec: DemoClientSpec) => spec.floors.flatMap((f) => f.rooms);
const globex = demoClients[0];

/**
 * The demo's sites in one simulator: Globex HQ on two subnets (main and west wing), then one subnet
 * for each other client of `others`. Seeded, so every start looks the same.
 */
function demoSite(devices: number, range: number, others: readonly DemoClientSpec[]): SiteFile {
  const main = generateSite({
    devices: Math.ceil(devices * 0.6),
    seed: 7,
    subnetBase: `127.${String(range)}`,
  });
  const west = generateSite({
    devices: Math.floor(devices * 0.4),
    seed: 8,
    subnetBase: `127.${String(range + 1)}`,
  });
  const globexRooms = globex ? roomsOf(globex) : ['Room'];
  const subnets = named([...main.subnets, ...west.subnets.map((s) => ({ ...s, name: 'sim2' }))], globexRooms);
  others.forEach((spec, i) => {
    const site = generateSite({
      devices: spec.devices,
      seed: spec.seed,
      subnetBase: `127.${String(range + 2 + i)}`,
    });
    subnets.push(
      ...named(
        site.subnets.map((s, k) => ({ ...s, name: `sim${String(3 + i + k)}` })),
        roomsOf(spec),
      ),
    );
  });
  return { ...main, name: 'Demo AV Integrators’ clients', subnets };
}

/** A few faults so the dashboards have something to show: Globex's boxes, then one per other client. */
async function demoFaults(sim: Simulator, others: readonly DemoClientSpec[]): Promise<void> {
  const boxesOf = (subnets: string[]) =>
    sim.devices.filter((d) => d.kind === 'box' && subnets.includes(d.nic));
  const globexBoxes = boxesOf(['sim1', 'sim2']);
  const faults: [string | undefined, string][] = [
    [globexBoxes[1]?.id, 'overheat'],
    [globexBoxes[3]?.id, 'safety_mute'],
    [globexBoxes[5]?.id, 'down'],
    [sim.devices.find((d) => d.kind === 'codec')?.id, 'cs_fail'],
  ];
  const perClient = ['down', 'overheat', 'safety_mute'];
  others.forEach((_, i) => {
    faults.push([boxesOf([`sim${String(3 + i)}`])[0]?.id, perClient[i % perClient.length] ?? 'down']);
  });
  for (const [target, fault] of faults) {
    if (target) await sim.control.setFault(target, fault as never, true).catch(() => undefined);
  }
}

/**
 * Some history worth looking at within the first minutes (from 90 s on, so the first look and the
 * printed fault are not disturbed): a box of some clients drops and comes back, others overheat for
 * a while. Returns what cancels the timers that have not fired.
 */
function demoHistory(sim: Simulator, others: readonly DemoClientSpec[]): () => void {
  const boxesOn = (nic: string) => sim.devices.filter((d) => d.kind === 'box' && d.nic === nic);
  const plan: [string | undefined, string, number, number][] = [
    [boxesOn('sim1')[7]?.id, 'down', 90_000, 100_000],
    ...others.map((_, i): [string | undefined, string, number, number] => [
      boxesOn(`sim${String(3 + i)}`)[1]?.id,
      i % 2 === 0 ? 'down' : 'overheat',
      95_000 + i * 5_000,
      130_000 + i * 10_000,
    ]),
  ];
  const timers: NodeJS.Timeout[] = [];
  const at = (ms: number, run: () => Promise<unknown>) => {
    const timer = setTimeout(() => void run().catch(() => undefined), ms);
    timer.unref();
    timers.push(timer);
  };
  for (const [id, fault, from, to] of plan) {
    if (!id) continue;
    at(from, () => sim.control.setFault(id, fault, true));
    at(to, () => sim.control.setFault(id, fault, false));
  }
  return () => {
    for (const t of timers) clearTimeout(t);
  };
}

/** The demo's simulator on the first range of `demoRanges` whose addresses are free. */
async function startFreeSimulator(devices: number, others: readonly DemoClientSpec[]): Promise<Simulator> {
  const taken: string[] = [];
  for (const range of demoRanges) {
    try {
      return await startSimulator({
        site: demoSite(devices, range, others),
        controlPort: 0,
        // A COLLABORATE Space to link to from My Account (its address goes in the on-premises field).
        collaborateSpace: true,
      });
    } catch (e) {
      if (!(e instanceof SimError) || e.code !== SimErrorCode.ListenFailed) throw e;
      taken.push(`127.${String(range)}.x.x`);
    }
  }
  throw new SimError(
    SimErrorCode.ListenFailed,
    `The demo's simulated devices cannot listen: ${taken.join(', ')} are taken (other demos or simulators are running on this machine). Stop one of them and start again.`,
  );
}

/**
 * What the demo prints to try fault injection, as commands to paste (each after
 * `npm run crosspoint -- `): drop a healthy box, bring it back, list what is injected.
 */
export function faultHints(sim: Simulator): string[] {
  const url = sim.controlUrl;
  const box = sim.devices.filter((d) => d.kind === 'box')[0];
  return [
    ...(box
      ? [
          `sim fault set ${box.id} down --control-url ${url}`,
          `sim fault clear ${box.id} --control-url ${url}`,
        ]
      : []),
    `sim fault list --control-url ${url}`,
  ];
}

export interface DemoSite {
  sim: Simulator;
  /** Globex HQ's agent and link. */
  agent: Agent;
  link: HubLink;
  /** The other clients' agents, one each. */
  clients: { name: string; agent: Agent; link: HubLink }[];
  close(): Promise<void>;
}

/**
 * An agent sweeping `subnets` of the demo's simulator, swept once; `link()` links it to the hub as
 * `login`. (The first sweep comes before the demo's faults: a box already down when the agent first
 * looks is never found, and the demo's Down boxes would be missing from every screen.)
 */
async function sweptAgent(
  sim: Simulator,
  o: { hubUrl: string; login: string; password: string; dir: string; serverName: string; subnets: string[] },
  onLinkState?: (s: LinkState) => void,
): Promise<{ agent: Agent; link: () => Promise<HubLink> }> {
  const logger = pino({ level: 'silent' });
  const subnets = sim.site.subnets
    .filter((s) => o.subnets.includes(s.name))
    .map((s) => `${s.cidr}:${String(sim.telnetPort)}@${s.name}`)
    .join(',');
  const config = loadAgentConfig(
    {
      dataDir: o.dir,
      subnets,
      serverName: o.serverName,
      ftpPort: String(sim.site.ftpPort),
      micPort: String(sim.site.micPort),
      videoPort: String(sim.site.videoPort),
      discoveryIntervalS: '300',
      logLevel: 'silent',
    },
    {},
  );
  const agent = await startAgent(config, { logger, discoverOnStart: false });
  try {
    await agent.rediscover();
  } catch (e) {
    await agent.close();
    throw e;
  }
  const link = () =>
    connectAgentToHub(
      agent,
      { hubUrl: o.hubUrl, login: o.login, password: o.password },
      {
        dataDir: o.dir,
        agentVersion: '0.1.0',
        subnets: { enabled: o.subnets.length, total: o.subnets.length },
        logger,
        ...(onLinkState ? { onState: onLinkState } : {}),
      },
    );
  return { agent, link };
}

/**
 * The demo's sites: simulated devices on loopback (seeded, so every start looks the same) for
 * Globex HQ (`devices` of them) and for each of `clients`, one agent per client sweeping its
 * subnets, each linked to the hub with its own server account (`login`: Globex's).
 */
export async function startDemoSite(options: {
  hubUrl: string;
  login: string;
  password: string;
  dataDir: string;
  devices?: number;
  /** The other demo clients and their agents' logins (none: Globex alone). */
  clients?: { spec: DemoClientSpec; login: string }[];
  onLinkState?: (s: LinkState) => void;
}): Promise<DemoSite> {
  const others = options.clients ?? [];
  const sim = await startFreeSimulator(
    options.devices ?? 40,
    others.map((c) => c.spec),
  );
  const swept: { name: string; agent: Agent; link: () => Promise<HubLink> }[] = [];
  const started: { name: string; agent: Agent; link: HubLink }[] = [];
  try {
    // Beside the hub's data folder (PGlite owns the inside of it): ./data → ./data-demo-agent
    const base = `${resolve(options.dataDir)}-demo-agent`;
    const agents = [
      {
        name: 'Globex Corporation',
        login: options.login,
        dir: base,
        server: 'Globex HQ agent',
        subnets: ['sim1', 'sim2'],
      },
      ...others.map((c, i) => ({
        name: c.spec.name,
        login: c.login,
        dir: `${base}-${String(i + 2)}`,
        server: c.spec.agentName,
        subnets: [`sim${String(3 + i)}`],
      })),
    ];
    for (const a of agents) {
      const agent = await sweptAgent(
        sim,
        {
          hubUrl: options.hubUrl,
          login: a.login,
          password: options.password,
          dir: a.dir,
          serverName: a.server,
          subnets: a.subnets,
        },
        options.onLinkState,
      );
      swept.push({ name: a.name, ...agent });
    }
    await demoFaults(
      sim,
      others.map((c) => c.spec),
    );
    for (const a of swept) started.push({ name: a.name, agent: a.agent, link: await a.link() });
    const stopHistory =
      others.length > 0
        ? demoHistory(
            sim,
            others.map((c) => c.spec),
          )
        : () => undefined;
    const main = started[0];
    if (!main) throw new Error('no demo agent');
    return {
      sim,
      agent: main.agent,
      link: main.link,
      clients: started.slice(1),
      close: async () => {
        stopHistory();
        for (const a of started) {
          await a.link.close();
          await a.agent.close();
        }
        await sim.close();
      },
    };
  } catch (e) {
    for (const a of started) await a.link.close();
    for (const a of swept) await a.agent.close();
    await sim.close();
    throw e;
  }
}
