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

/** The demo building: two subnets (main and west wing), seeded so every start looks the same. */
function demoSite(devices: number, range: number): SiteFile {
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
  const renamed = <T extends { name: string }>(xs: T[] | undefined) =>
    xs?.map((x) => ({ ...x, name: `West-${x.name}` }));
  return {
    ...main,
    name: 'Globex HQ',
    subnets: [
      ...main.subnets,
      ...west.subnets.map((s) => ({
        ...s,
        name: 'sim2',
        stacks: renamed(s.stacks),
        mics: renamed(s.mics),
        codecs: renamed(s.codecs),
      })),
    ],
  };
}

/** A few faults so the demo dashboard has something to show. */
async function demoFaults(sim: Simulator): Promise<void> {
  const boxes = sim.devices.filter((d) => d.kind === 'box');
  const faults: [string | undefined, string][] = [
    [boxes[1]?.id, 'overheat'],
    [boxes[3]?.id, 'safety_mute'],
    [boxes[5]?.id, 'down'],
    [sim.devices.find((d) => d.kind === 'codec')?.id, 'cs_fail'],
  ];
  for (const [target, fault] of faults) {
    if (target) await sim.control.setFault(target, fault as never, true).catch(() => undefined);
  }
}

/** The demo's simulator on the first range of `demoRanges` whose addresses are free. */
async function startFreeSimulator(devices: number): Promise<Simulator> {
  const taken: string[] = [];
  for (const range of demoRanges) {
    try {
      return await startSimulator({ site: demoSite(devices, range), controlPort: 0 });
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
  agent: Agent;
  link: HubLink;
  close(): Promise<void>;
}

/**
 * The demo's site: a simulated building of `devices` devices on loopback (seeded, so every start
 * looks the same), an agent sweeping it, and the agent's link to the hub with the demo account.
 */
export async function startDemoSite(options: {
  hubUrl: string;
  login: string;
  password: string;
  dataDir: string;
  devices?: number;
  onLinkState?: (s: LinkState) => void;
}): Promise<DemoSite> {
  const logger = pino({ level: 'silent' });
  const sim = await startFreeSimulator(options.devices ?? 40);
  try {
    const subnets = sim.site.subnets.map((s) => `${s.cidr}:${String(sim.telnetPort)}@${s.name}`).join(',');
    // Beside the hub's data folder (PGlite owns the inside of it): ./data → ./data-demo-agent
    const agentDir = `${resolve(options.dataDir)}-demo-agent`;
    const config = loadAgentConfig(
      {
        dataDir: agentDir,
        subnets,
        serverName: 'Globex HQ agent',
        ftpPort: String(sim.site.ftpPort),
        micPort: String(sim.site.micPort),
        videoPort: String(sim.site.videoPort),
        discoveryIntervalS: '300',
        logLevel: 'silent',
      },
      {},
    );
    const agent = await startAgent(config, { logger, discoverOnStart: false });
    // The first sweep before the faults: a box already down when the agent first looks is never
    // found (it answers nothing), and the demo's Down box would be missing from every screen.
    await agent.rediscover();
    await demoFaults(sim);
    const link = await connectAgentToHub(
      agent,
      { hubUrl: options.hubUrl, login: options.login, password: options.password },
      {
        dataDir: agentDir,
        agentVersion: '0.1.0',
        subnets: { enabled: sim.site.subnets.length, total: sim.site.subnets.length },
        logger,
        ...(options.onLinkState ? { onState: options.onLinkState } : {}),
      },
    );
    return {
      sim,
      agent,
      link,
      close: async () => {
        await link.close();
        await agent.close();
        await sim.close();
      },
    };
  } catch (e) {
    await sim.close();
    throw e;
  }
}
