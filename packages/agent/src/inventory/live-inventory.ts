import type { DeviceId, DeviceStatus } from '@crosspoint/protocol';
import type { Logger } from 'pino';
import type { SubnetService } from '../discovery/subnet-service.ts';
import type { DeviceChange } from '../sessions/session.ts';
import type { AgentStore } from '../store/agent-store.ts';
import { Listeners } from '../util/listeners.ts';
import { topologyPath, type InventoryDevice } from './inventory.ts';

/** A device as the agent's API shows it: inventory record plus live status and topology path. */
export interface AgentDevice extends InventoryDevice {
  path: string;
  /** Set while its subnet is disabled: no session, no sweep; `status` is the last one observed. */
  unmonitored?: { cidr: string; since: number };
}

/**
 * The inventory as the agent shows it: the stored devices with the status their sessions see now.
 * Sessions report here (status changes, identity learnt); what they report is kept in the store.
 */
export class LiveInventory {
  private readonly live = new Map<DeviceId, { status: DeviceStatus; since: number }>();
  /** Status/fact changes, as they happen. */
  readonly changes: Listeners<DeviceChange>;

  constructor(
    private readonly store: AgentStore,
    private readonly subnets: SubnetService,
    private readonly logger: Logger,
  ) {
    this.changes = new Listeners(logger, 'change');
  }

  /** A session saw its device (or a peripheral) change: kept as live status, recorded, told to listeners. */
  observe(change: DeviceChange): void {
    this.live.set(change.deviceId, { status: change.status, since: change.since });
    this.store
      .recordObservation({
        at: change.at,
        deviceId: change.deviceId,
        status: change.status,
        since: change.since,
        changed: change.changed,
      })
      .catch(this.failed('recording an observation'));
    this.changes.emit(change);
  }

  /** Identity or topology a session learnt (new firmware, a peripheral, a rename): saved. */
  learn(devices: InventoryDevice[]): void {
    for (const d of devices) this.store.upsertDevice(this.current(d)).catch(this.failed('saving a device'));
  }

  /** `d` as it is to be stored: first seen and status as known so far (live, else stored). */
  current(d: InventoryDevice): InventoryDevice {
    const stored = this.store.device(d.id);
    const live = this.live.get(d.id);
    return {
      ...d,
      firstSeen: stored?.firstSeen ?? d.firstSeen,
      status: live?.status ?? stored?.status ?? d.status,
      since: live?.since ?? stored?.since ?? d.since,
    };
  }

  /** Every known device (vanished ones included), with its current status. */
  list(): AgentDevice[] {
    return this.store.devices().map((d) => this.view(d));
  }

  get(id: DeviceId): AgentDevice | undefined {
    const d = this.store.device(id);
    return d ? this.view(d) : undefined;
  }

  private view(d: InventoryDevice): AgentDevice {
    const live = this.live.get(d.id);
    const off = this.subnets.disabledSubnetOf(d.host);
    return {
      ...d,
      status: live?.status ?? d.status,
      since: live?.since ?? d.since,
      path: topologyPath(d.topology),
      ...(off ? { unmonitored: { cidr: off.spec.cidr, since: off.disabledSince ?? 0 } } : {}),
    };
  }

  private failed(what: string): (e: unknown) => void {
    return (e) => {
      this.logger.error({ err: e }, `agent store: ${what} failed`);
    };
  }
}
