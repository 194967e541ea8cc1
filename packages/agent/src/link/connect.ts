import { join } from 'node:path';
import type { Logger } from 'pino';
import type { DeviceId } from '@crosspoint/protocol';
import type { Agent } from '../agent.ts';
import type { DeviceCommand } from '../commands/device-command.ts';
import { LinkBuffer } from './link-buffer.ts';
import { startHubLink, type HubLink, type LinkState } from './hub-link.ts';
import { toLinkDevice } from './link-device.ts';
import { commandFromHub, hubFiles, resultForHub } from './command-files.ts';

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
    subnets: { enabled: number; total: number };
    logger: Logger;
    onState?: (s: LinkState) => void;
    batchMs?: number;
  },
): Promise<HubLink> {
  const buffer = await LinkBuffer.open(join(options.dataDir, 'link'));
  const announced = new Set(agent.inventory().map((d) => d.id));
  const files = hubFiles(hub);
  return startHubLink({
    hubUrl: hub.hubUrl,
    login: hub.login,
    password: hub.password,
    agentVersion: options.agentVersion,
    buffer,
    logger: options.logger,
    ...(options.onState ? { onState: options.onState } : {}),
    ...(options.batchMs !== undefined ? { batchMs: options.batchMs } : {}),
    source: {
      inventory: () => agent.inventory().map(toLinkDevice),
      subnets: () => options.subnets,
      sessions: () => agent.sessionCount(),
      command: async (deviceId, command, onProgress) => {
        const run: DeviceCommand = await commandFromHub(command, files);
        const result = await agent.command(deviceId as DeviceId, run, (p) => {
          onProgress(p.percent ?? 0, p.message ? `${p.phase}: ${p.message}` : p.phase);
        });
        return resultForHub(command.type, result, files);
      },
      onChange: (listener) =>
        agent.onChange((change) => {
          const device = agent.device(change.deviceId);
          // A device the hub may not know yet travels whole with its first change.
          const whole = device && !announced.has(device.id) ? toLinkDevice(device) : undefined;
          if (device) announced.add(device.id);
          listener({
            id: change.deviceId,
            status: change.status,
            since: change.since,
            at: change.at,
            ...(whole ? { device: { ...whole, status: change.status, since: change.since } } : {}),
          });
        }),
    },
  });
}
