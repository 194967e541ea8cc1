import type { Candidate } from '../discovery/discovery-method.ts';
import { isAddressId, type InventoryDevice } from '../inventory/inventory.ts';
import type { AgentStore, DeviceCredentials } from '../store/agent-store.ts';

/** Logins tried at one address, at most. */
const maxCandidates = 4;

/** Which login the agent uses for a device: its own, its stack's, the stored default, the configured default. */
export class LoginBook {
  constructor(
    private readonly store: AgentStore,
    private readonly defaults: DeviceCredentials,
  ) {}

  for(device: InventoryDevice): DeviceCredentials {
    const { store } = this;
    return (
      store.credentials(`device:${device.parentId ?? device.id}`) ??
      (device.topology.stack === undefined
        ? undefined
        : store.credentials(`stack:${device.topology.stack}`)) ??
      store.credentials('default') ??
      this.defaults
    );
  }

  /** Logins to try at an address: what worked there before, then the defaults, then every stack's. */
  toTry(candidate: Candidate): DeviceCredentials[] {
    const { store } = this;
    const known = store.devicesAt(candidate.host, candidate.port).find((d) => !isAddressId(d.id));
    const list = [known ? this.for(known) : undefined, store.credentials('default'), this.defaults];
    for (const scope of store.credentialScopes())
      if (scope.startsWith('stack:')) list.push(store.credentials(scope));
    const seen = new Set<string>();
    return list
      .filter((c): c is DeviceCredentials => {
        if (!c) return false;
        const key = `${c.username}\u0000${c.password}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .slice(0, maxCandidates);
  }
}
