import type { DeviceSummaryCounts } from '../repositories/device.repository.ts';

interface Pending {
  /** The version the computation covers, known once it starts (null while it waits its turn). */
  covers: number | null;
  promise: Promise<DeviceSummaryCounts>;
}

interface Entry {
  /** Bumped by every change to the organization's devices. */
  version: number;
  value?: DeviceSummaryCounts;
  valueVersion: number;
  lastStart: number;
  pending?: Pending | undefined;
}

/**
 * Each organization's dashboard counts, kept in the hub: a viewer costs nothing while nothing
 * changed, and after a change the counts are computed again — at most once per `minIntervalMs`
 * per organization, however many viewers ask and however fast the devices change. A caller never
 * gets counts older than the last change it could have heard of: a computation that started
 * before a change does not answer callers who arrive after it.
 */
export class DeviceSummaryCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly compute: (orgId: string) => Promise<DeviceSummaryCounts>,
    private readonly minIntervalMs = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The organization's devices changed (an event on the bus, from this hub or another). */
  invalidate(orgId: string): void {
    const e = this.entries.get(orgId);
    if (e) e.version++;
  }

  /**
   * Counts every kept value again and corrects those that differ (an event lost in a bus gap):
   * returns the organizations whose kept counts were wrong. A value changed meanwhile is left alone.
   */
  async verify(): Promise<string[]> {
    const wrong: string[] = [];
    for (const [orgId, e] of this.entries) {
      if (!e.value || e.valueVersion !== e.version) continue;
      const kept = e.value;
      const covers = e.version;
      const counted = await this.compute(orgId);
      if (e.version !== covers || e.value !== kept) continue;
      if (JSON.stringify(counted) !== JSON.stringify(kept)) {
        e.value = counted;
        wrong.push(orgId);
      }
    }
    return wrong;
  }

  async get(orgId: string): Promise<DeviceSummaryCounts> {
    const e = this.entry(orgId);
    if (e.value && e.valueVersion === e.version) return e.value;
    if (e.pending && (e.pending.covers === null || e.pending.covers === e.version)) return e.pending.promise;
    const pending = { covers: null } as Pending;
    pending.promise = this.run(orgId, e, pending);
    e.pending = pending;
    return pending.promise;
  }

  private async run(orgId: string, e: Entry, pending: Pending): Promise<DeviceSummaryCounts> {
    try {
      const wait = e.lastStart + this.minIntervalMs - this.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const covers = e.version;
      pending.covers = covers;
      e.lastStart = this.now();
      const value = await this.compute(orgId);
      if (covers >= e.valueVersion) {
        e.value = value;
        e.valueVersion = covers;
      }
      return value;
    } finally {
      if (e.pending === pending) e.pending = undefined;
    }
  }

  private entry(orgId: string): Entry {
    let e = this.entries.get(orgId);
    if (!e) {
      e = { version: 0, valueVersion: -1, lastStart: -Infinity };
      this.entries.set(orgId, e);
    }
    return e;
  }
}
