import { connect } from 'node:net';
import type { AgentConfig } from '../config.ts';
import type { DeviceFamily } from '../inventory/inventory.ts';
import { mapBounded } from '../util/pool.ts';
import type { Candidate, DiscoveryMethod } from './discovery-method.ts';
import { hostsOf, type SubnetSpec } from './subnet.ts';

export interface TcpSweepOptions {
  /** Connects in flight at once (default 128). */
  concurrency?: number;
  /** Give up on a silent address after this long (default 1,000 ms). */
  connectTimeoutMs?: number;
  /** Extra ports to probe on every host, with the family a listener there means (e.g. BMA 360D on 3603, codec HTTP). */
  extraPorts?: readonly { port: number; family: DeviceFamily }[];
}

/** The ports swept beside the CP2 one: the mics' and the codecs' where configured (0 = not swept). */
export function sweepExtraPorts(
  config: Pick<AgentConfig, 'micPort' | 'videoPort'>,
): TcpSweepOptions['extraPorts'] {
  return [
    ...(config.micPort > 0 ? [{ port: config.micPort, family: 'bma360d' as const }] : []),
    ...(config.videoPort > 0 ? [{ port: config.videoPort, family: 'video' as const }] : []),
  ];
}

/** Resolves true when a TCP connection to host:port opens, false on refusal, error or timeout. */
export function probePort(
  host: string,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve(false);
      return;
    }
    const socket = connect({ host, port });
    const done = (open: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(open);
    };
    const onAbort = () => {
      done(false);
    };
    const timer = setTimeout(() => {
      done(false);
    }, timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      done(true);
    });
    socket.once('error', () => {
      done(false);
    });
  });
}

/** Bounded-concurrency TCP connect sweep of a subnet's hosts on its control port (plus optional extra ports). */
export class TcpSweepDiscovery implements DiscoveryMethod {
  readonly name = 'tcp-sweep';

  constructor(private readonly options: TcpSweepOptions = {}) {}

  async find(subnet: SubnetSpec, signal: AbortSignal): Promise<Candidate[]> {
    const targets: Candidate[] = [];
    for (const host of hostsOf(subnet)) {
      targets.push({ host, port: subnet.port, family: 'cp2' });
      for (const extra of this.options.extraPorts ?? [])
        targets.push({ host, port: extra.port, family: extra.family });
    }
    const timeout = this.options.connectTimeoutMs ?? 1000;
    const open = await mapBounded(targets, this.options.concurrency ?? 128, (t) =>
      probePort(t.host, t.port, timeout, signal),
    );
    return targets.filter((_, i) => open[i]);
  }
}
