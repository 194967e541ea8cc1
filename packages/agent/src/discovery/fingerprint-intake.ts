import type { DeviceId } from '@crosspoint/protocol';
import type { Fingerprint } from '../drivers/device-driver.ts';
import { isAddressId } from '../inventory/inventory.ts';
import type { LiveInventory } from '../inventory/live-inventory.ts';
import type { SessionManager } from '../sessions/session-manager.ts';
import type { AgentStore } from '../store/agent-store.ts';
import type { Candidate } from './discovery-method.ts';
import type { SubnetService } from './subnet-service.ts';

/**
 * Takes what discovery found into the inventory: devices saved (placeholders of an address dropped
 * once it is identified), the login that worked remembered, sessions started for monitored ones.
 */
export class FingerprintIntake {
  constructor(
    private readonly store: AgentStore,
    private readonly inventory: LiveInventory,
    private readonly sessions: SessionManager,
    private readonly subnets: SubnetService,
  ) {}

  /** Records what a candidate turned out to be; returns the device ids it stands for. */
  async accept(fingerprint: Fingerprint, candidate: Candidate): Promise<DeviceId[]> {
    const { store, sessions } = this;
    const atAddress = store.devicesAt(candidate.host, candidate.port);
    if (fingerprint.unidentified) {
      // A known box whose login is now refused keeps its identity: its session shows Login Failed.
      const identified = atAddress.find((d) => !isAddressId(d.id));
      if (identified) return [identified.id];
    } else {
      for (const stale of atAddress.filter((d) => isAddressId(d.id))) {
        sessions.stop(stale.id);
        await store.forgetDevice(stale.id);
      }
    }
    const [main] = fingerprint.devices;
    if (fingerprint.credentials && main)
      await store.setCredentials(`device:${main.id}`, fingerprint.credentials);
    for (const d of fingerprint.devices) {
      const stored = store.device(d.id);
      const moved =
        stored && stored.parentId === undefined && (stored.host !== d.host || stored.port !== d.port);
      await store.upsertDevice({ ...this.inventory.current(d), missing: false });
      if (moved) sessions.stop(d.id);
      // Found by a sweep that was running when its subnet was disabled: known, but left alone.
      if (this.subnets.monitors(d.host)) sessions.ensure({ ...d });
    }
    return fingerprint.devices.map((d) => d.id);
  }

  /** Devices of a swept subnet not seen (or seen again): kept, flagged. */
  async markMissing(ids: DeviceId[], missing: boolean): Promise<void> {
    for (const id of ids) {
      const d = this.store.device(id);
      if (d) await this.store.upsertDevice({ ...d, missing });
    }
  }
}
