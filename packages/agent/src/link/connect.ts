import { join } from 'node:path';
import type { Logger } from 'pino';
import type { DeviceId } from '@crosspoint/protocol';
import type { Agent } from '../agent-api.ts';
import type { DeviceCommand } from '../commands/device-command.ts';
import { LinkBuffer } from './link-buffer.ts';
import { startHubLink, type HubLink, type LinkState } from './hub-link.ts';
import { notMonitored, toLinkDevice } from './link-device.ts';
import type { LinkChange, LinkDevice } from '@crosspoint/protocol';
import { commandFromHub, hubFiles, resultForHub } from './command-files.ts';
import { HealthMonitor, type HealthThresholds } from '../health/agent-health.ts';
import type { SelfUpdater } from '../update/self-update.ts';
import { fetchHubBuild } from '../update/hub-build.ts';
import type { LinkUpdates } from './hub-link.ts';
import { fetchTrusting, type HubTrust } from './hub-trust.ts';

export interface HubConnection {
  hubUrl: string;
  login: string;
  password: string;
}

/**
 * Connects a running agent to its hub: inventory and status changes go out over the link, buffered
 * on disk under `<dataDir>/link` while the hub is unreachable.
 */
export async function connectAgentToHub(
  agent: Agent,
  hub: HubConnection,
  options: {
    dataDir: string;
    agentVersion: string;
    /** Fixed counts for the hub (default: the agent's own, kept current as subnets are toggled). */
    subnets?: { enabled: number; total: number };
    logger: Logger;
    onState?: (s: LinkState) => void;
    batchMs?: number;
    /** Between heartbeats (with the health report); default 30 s. */
    heartbeatMs?: number;
    /** Health thresholds (tests lower them). */
    health?: Partial<HealthThresholds>;
    /** The agent's self-update (absent: the agent never replaces itself, e.g. run inside the hub's demo). */
    updater?: SelfUpdater;
    /** `--hub-ca`: the CAs a TLS hub's certificate must chain to, for the link and file transfers alike. */
    trust?: HubTrust | undefined;
  },
): Promise<HubLink> {
  const buffer = await LinkBuffer.open(join(options.dataDir, 'link'));
  // What the hub was last told of each device's facts: a change carries the whole device when they
  // differ (a new device, a firmware update, a renamed stack after a project load).
  const factsOf = (d: LinkDevice): string => JSON.stringify({ ...d, status: undefined, since: undefined });
  const announced = new Map<string, string>(agent.inventory().map((d) => [d.id, factsOf(toLinkDevice(d))]));
  let emit: ((change: LinkChange) => void) | undefined;
  const withFacts = (change: { id: string; status: string; since: number; at: number }): LinkChange => {
    const device = agent.device(change.id as DeviceId);
    const link = device ? toLinkDevice(device) : undefined;
    const facts = link ? factsOf(link) : undefined;
    const whole = link && announced.get(link.id) !== facts ? link : undefined;
    if (link && facts) announced.set(link.id, facts);
    return {
      ...change,
      ...(whole ? { device: { ...whole, status: change.status, since: change.since } } : {}),
    };
  };
  // With several hubs, files and builds come from the hub the link is on now.
  const started: { link?: HubLink } = {};
  const onHub: HubConnection = {
    login: hub.login,
    password: hub.password,
    get hubUrl() {
      return started.link?.hubUrl() ?? hub.hubUrl;
    },
  };
  const hubFetch = fetchTrusting(options.trust);
  const files = hubFiles(onHub, hubFetch);
  const monitor = new HealthMonitor({
    sweeps: () => agent.sweeps(),
    statuses: () => agent.inventory().map((d) => d.status),
    ...(options.health ? { thresholds: options.health } : {}),
  });
  const link = startHubLink({
    hubUrl: hub.hubUrl,
    login: hub.login,
    password: hub.password,
    agentVersion: options.agentVersion,
    buffer,
    logger: options.logger,
    ...(options.onState ? { onState: options.onState } : {}),
    ...(options.batchMs !== undefined ? { batchMs: options.batchMs } : {}),
    ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
    health: (backlog) => monitor.report(backlog),
    ...(options.updater ? { updates: linkUpdates(options.updater, onHub, options.logger, hubFetch) } : {}),
    trust: options.trust,
    source: {
      inventory: () => agent.inventory().map(toLinkDevice),
      subnets: () => options.subnets ?? agent.subnetCounts(),
      onSubnetsChange: (listener) => agent.onSubnetChange(() => listener()),
      sessions: () => agent.sessionCount(),
      // A job sent again (the hub or this agent restarted, the link dropped) joins, answers or
      // resumes the first copy: the device does the work once.
      command: (commandId, deviceId, command, onProgress) =>
        agent.jobs.run(
          commandId,
          deviceId as DeviceId,
          String(command.type),
          (p) => {
            onProgress(p.percent ?? 0, p.message ? `${p.phase}: ${p.message}` : p.phase);
          },
          async (job, progress) => {
            const run: DeviceCommand = await commandFromHub(command, files);
            const result = await agent.command(deviceId as DeviceId, run, progress, job);
            // A command may have changed the device's facts without a status change to carry them.
            const device = agent.device(deviceId as DeviceId);
            if (device && announced.get(device.id) !== factsOf(toLinkDevice(device))) {
              emit?.(
                withFacts({ id: device.id, status: device.status, since: device.since, at: Date.now() }),
              );
            }
            return resultForHub(command.type, result, files);
          },
        ),
      onConfigChange: (listener) => agent.onConfigChange(listener),
      onChange: (listener) => {
        emit = listener;
        const off = agent.onChange((change) => {
          listener(
            withFacts({ id: change.deviceId, status: change.status, since: change.since, at: change.at }),
          );
        });
        // A disabled subnet's devices become Not Monitored; once it is enabled again, their new
        // sessions report what they find.
        const offSubnets = agent.onSubnetChange((change) => {
          if (change.subnet.enabled) return;
          const since = change.subnet.disabledSince ?? change.at;
          for (const id of change.devices)
            listener(withFacts({ id, status: notMonitored, since, at: change.at }));
        });
        return () => {
          emit = undefined;
          off();
          offSubnets();
        };
      },
    },
  });
  started.link = link;
  return link;
}

/** The self-update as the link drives it: offers, steps to report, the build fetched from this hub. */
function linkUpdates(
  updater: SelfUpdater,
  hub: HubConnection,
  logger: Logger,
  hubFetch: typeof fetch,
): LinkUpdates {
  const failed = (e: unknown) => logger.error({ err: e }, 'agent update failed');
  return {
    info: () => updater.info(),
    linked: (report) => {
      updater.linked({ report, fetchBuild: (flavor) => fetchHubBuild(hub, flavor, hubFetch) }).catch(failed);
    },
    unlinked: () => updater.unlinked(),
    offered: (build, requested) => {
      updater.offer(build, requested).catch(failed);
    },
  };
}
