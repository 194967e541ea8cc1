import type { DeviceId, DeviceStatus } from '@crosspoint/protocol';
import type { FactTracker } from './fact-tracker.ts';
import type { DeviceChange } from './session.ts';

/**
 * Turns a device's fact changes into at most one DeviceChange per flush: the status is derived
 * from all facts, and nothing is emitted when no fact changed.
 */
export class ChangeEmitter {
  private last: DeviceStatus | undefined;

  constructor(
    readonly deviceId: DeviceId,
    readonly facts: FactTracker,
    private readonly emit: (change: DeviceChange) => void,
  ) {}

  get status(): DeviceStatus | undefined {
    return this.last;
  }

  flush(at: number): void {
    const changed = this.facts.take();
    if (!changed) return;
    const { status, since } = this.facts.status();
    const previous = this.last;
    this.last = status;
    this.emit({ deviceId: this.deviceId, status, since, previous, changed, at });
  }
}
