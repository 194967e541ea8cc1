import type { DisabledSubnets, SubnetStateFile } from '../store/subnet-state-file.ts';
import { inSubnet, type SubnetSpec } from './subnet.ts';

/** A configured subnet and whether the agent monitors it. */
export interface SubnetState {
  spec: SubnetSpec;
  enabled: boolean;
  /** When it was disabled (ms since the epoch). */
  disabledSince?: number;
}

export class UnknownSubnetError extends Error {
  constructor(readonly cidr: string) {
    super(`No subnet ${cidr} is configured on this agent.`);
  }
}

/**
 * Which of the configured subnets (--subnets) are enabled. A disabled subnet is not swept and its
 * devices get no session; the choice is kept in the data dir. Changes are applied one at a time.
 */
export class SubnetService {
  private readonly disabled: Map<string, number>;
  private queue = Promise.resolve();

  private constructor(
    private readonly specs: readonly SubnetSpec[],
    disabled: DisabledSubnets,
    private readonly file: SubnetStateFile,
    private readonly now: () => number,
  ) {
    // A subnet no longer configured simply disappears.
    this.disabled = new Map([...disabled].filter(([cidr]) => specs.some((s) => s.cidr === cidr)));
  }

  static async open(
    specs: readonly SubnetSpec[],
    file: SubnetStateFile,
    now: () => number,
  ): Promise<SubnetService> {
    return new SubnetService(specs, await file.read(), file, now);
  }

  list(): SubnetState[] {
    return this.specs.map((spec) => this.stateOf(spec));
  }

  enabled(): SubnetSpec[] {
    return this.specs.filter((s) => !this.disabled.has(s.cidr));
  }

  counts(): { enabled: number; total: number } {
    return { enabled: this.enabled().length, total: this.specs.length };
  }

  /** The disabled configured subnet holding `host`, if any (a device outside every configured subnet stays monitored). */
  disabledSubnetOf(host: string): SubnetState | undefined {
    const spec = this.specs.find((s) => this.disabled.has(s.cidr) && inSubnet(host, s));
    return spec ? this.stateOf(spec) : undefined;
  }

  /** Whether the agent keeps a session to, and sweeps, a device at `host` (no disabled subnet holds it). */
  monitors(host: string): boolean {
    return this.disabledSubnetOf(host) === undefined;
  }

  /** Enables or disables a configured subnet and saves the choice; `changed` is false when it already was so. */
  setEnabled(cidr: string, enabled: boolean): Promise<{ subnet: SubnetState; changed: boolean }> {
    const spec = this.specs.find((s) => s.cidr === cidr);
    if (!spec) return Promise.reject(new UnknownSubnetError(cidr));
    const run = this.queue.then(async () => {
      if (enabled !== this.disabled.has(cidr)) return { subnet: this.stateOf(spec), changed: false };
      const next = new Map(this.disabled);
      if (enabled) next.delete(cidr);
      else next.set(cidr, this.now());
      await this.file.write(next);
      if (enabled) this.disabled.delete(cidr);
      else this.disabled.set(cidr, next.get(cidr) ?? this.now());
      return { subnet: this.stateOf(spec), changed: true };
    });
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private stateOf(spec: SubnetSpec): SubnetState {
    const since = this.disabled.get(spec.cidr);
    return since === undefined ? { spec, enabled: true } : { spec, enabled: false, disabledSince: since };
  }
}
