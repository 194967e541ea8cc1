import { createServer } from 'node:net';
import { collaborateControlRoutes } from './collaborate/cs-control.ts';
import {
  startCollaborateSpace,
  type CollaborateSpace,
  type CollaborateSpaceOptions,
} from './collaborate/cs-server.ts';
import type { SimContext } from './context.ts';
import { faultController, type SimControl } from './control/faults.ts';
import { startControlServer } from './control/http.ts';
import { SimError, SimErrorCode } from './errors.ts';
import { silentLogger, type SimLogger } from './logger.ts';
import { seededRandom } from './prng.ts';
import { validateSite } from './site/load.ts';
import type { ResolvedSite } from './site/resolve.ts';
import type { NetDevice } from './state/net-device.ts';
import { World, type SimDeviceInfo } from './state/world.ts';
import { resolveTiming, type SimTiming } from './timing.ts';

export interface StartSimulatorOptions {
  /** A site description (the parsed JSON/YAML of a site file, or `generateSite(…)`); validated here. */
  site: unknown;
  /** Port of the control API on `controlHost` (0 = any free port, the default). */
  controlPort?: number;
  controlHost?: string;
  /** Life-cycle durations; tests pass short ones. */
  timing?: Partial<SimTiming>;
  logger?: SimLogger;
  /** How many listeners open at once while starting. */
  startConcurrency?: number;
  /** Also start the simulated COLLABORATE Space service (docs/collaborate-space.md); off by default. */
  collaborateSpace?: CollaborateSpaceOptions | boolean;
}

export interface Simulator {
  readonly site: ResolvedSite;
  /** Every device (boxes, peripherals, mics, codecs) with address, port, kind, credentials. */
  readonly devices: readonly SimDeviceInfo[];
  readonly control: SimControl;
  /** Base URL of the control API, e.g. http://127.0.0.1:7070. */
  readonly controlUrl: string;
  /** Telnet port the boxes listen on (23 only when `preferPort23` could bind it). */
  readonly telnetPort: number;
  /** The simulated COLLABORATE Space, when started (`collaborateSpace` option). */
  readonly collaborateSpace: CollaborateSpace | undefined;
  device(id: string): SimDeviceInfo | undefined;
  /** What a box did (its system log, as downloaded over FTP): one line each, oldest first; [] for other devices. */
  logsOf(id: string): readonly string[];
  close(): Promise<void>;
}

/** Whether this process may bind a privileged port on that address. */
function canBind(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

/** Starts every device of the site on its own loopback address, and the control API. */
export async function startSimulator(options: StartSimulatorOptions): Promise<Simulator> {
  const site = validateSite(options.site);
  const logger = options.logger ?? silentLogger;
  const firstBox = site.subnets.flatMap((s) => s.stacks.flatMap((st) => st.boxes))[0];
  const telnetPort = site.preferPort23 && firstBox && (await canBind(firstBox.ip, 23)) ? 23 : site.port;
  const ctx: SimContext = {
    timing: resolveTiming(options.timing),
    rnd: seededRandom(site.seed),
    logger,
    telnetPort,
    ftpPort: site.ftpPort,
    micPort: site.micPort,
    videoPort: site.videoPort,
  };
  const world = new World(ctx, site);
  const devices = world.netDevices();
  const started: NetDevice[] = [];
  const stopAll = () => inBatches(started.splice(0), 256, (d) => d.stop());
  try {
    await inBatches(devices, options.startConcurrency ?? 256, async (d) => {
      started.push(d);
      await d.start().catch((e: unknown) => {
        throw new SimError(
          SimErrorCode.ListenFailed,
          `device ${d.id} cannot listen: ${(e as Error).message}`,
        );
      });
    });
  } catch (e) {
    await stopAll();
    throw e;
  }
  const control = faultController(world);
  let server: Awaited<ReturnType<typeof startControlServer>>;
  let cs: CollaborateSpace | undefined;
  try {
    const csOptions = options.collaborateSpace;
    if (csOptions)
      cs = await startCollaborateSpace(
        seededRandom(site.seed + 1),
        world.codecs,
        csOptions === true ? {} : csOptions,
      );
    server = await startControlServer(
      world,
      control,
      options.controlHost ?? '127.0.0.1',
      options.controlPort ?? 0,
      cs ? collaborateControlRoutes(cs) : [],
    );
  } catch (e) {
    await cs?.close();
    await stopAll();
    throw e;
  }
  logger.info(
    {
      devices: world.infos.length,
      listeners: devices.length,
      control: server.url,
      collaborateSpace: cs?.url,
    },
    'simulator started',
  );
  let closing: Promise<void> | undefined;
  return {
    site,
    devices: world.infos,
    control,
    controlUrl: server.url,
    telnetPort,
    collaborateSpace: cs,
    device: (id) => world.infos.find((i) => i.id === id),
    logsOf: (id) => {
      const device = world.device(id);
      return device && 'logs' in device ? device.logs : [];
    },
    close: () =>
      (closing ??= (async () => {
        await server.close();
        await cs?.close();
        await stopAll();
      })()),
  };
}
