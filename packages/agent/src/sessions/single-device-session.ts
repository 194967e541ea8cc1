import type { DeviceId } from '@crosspoint/protocol';
import type { InventoryDevice } from '../inventory/inventory.ts';

/** Identity plumbing of a session that speaks for exactly one device (mics, codecs). */
export abstract class SingleDeviceSession {
  constructor(protected device: InventoryDevice) {}

  get deviceId(): DeviceId {
    return this.device.id;
  }

  get host(): string {
    return this.device.host;
  }

  get port(): number {
    return this.device.port;
  }

  deviceIds(): DeviceId[] {
    return [this.device.id];
  }
}
