import type { DeviceId } from '@crosspoint/protocol';
import type { Logger } from 'pino';
import type { SessionManager } from '../sessions/session-manager.ts';
import type { AgentStore } from '../store/agent-store.ts';
import { Listeners } from '../util/listeners.ts';
import type { DiscoveryReport, DiscoveryService } from './discovery-service.ts';
import { inSubnet } from './subnet.ts';
import type { SubnetService, SubnetState } from './subnet-service.ts';

/** A subnet was enabled or disabled; `devices` are the inventory devices on it. */
export interface SubnetChange {
  subnet: SubnetState;
  devices: DeviceId[];
  at: number;
}

/**
 * Sessions follow the enabled subnets: every stored device of one has a session, a device of a
 * disabled one has none and is not swept. Enabling a subnet sweeps it at once.
 */
export class MonitoredSubnets {
  readonly changes: Listeners<SubnetChange>;

  constructor(
    private readonly subnets: SubnetService,
    private readonly store: AgentStore,
    private readonly sessions: SessionManager,
    private readonly discovery: DiscoveryService,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {
    this.changes = new Listeners(logger, 'subnet');
  }

  /** Everything the store knows gets a session at once: a restart loses nothing, vanished devices show Down. */
  resume(): void {
    for (const device of this.store.devices())
      if (this.subnets.monitors(device.host)) this.sessions.ensure(device);
  }

  /** Rejects with UnknownSubnetError for a CIDR that is not configured. */
  async setEnabled(
    cidr: string,
    enabled: boolean,
  ): Promise<{ subnet: SubnetState; sweep?: Promise<DiscoveryReport> }> {
    const { subnet, changed } = await this.subnets.setEnabled(cidr, enabled);
    if (!changed) return { subnet };
    const onSubnet = this.store.devices().filter((d) => inSubnet(d.host, subnet.spec));
    for (const d of onSubnet) {
      if (enabled) this.sessions.ensure(d);
      else this.sessions.stop(d.id);
    }
    this.changes.emit({ subnet, devices: onSubnet.map((d) => d.id), at: this.now() });
    this.logger.info(
      { cidr, enabled, devices: onSubnet.length },
      enabled ? 'subnet enabled' : 'subnet disabled',
    );
    return enabled ? { subnet, sweep: this.discovery.sweepNow([subnet.spec]) } : { subnet };
  }
}
