import {
  deviceStatus,
  type DeviceFacts,
  type DevicePhase,
  type Fact,
  type ProAudioFacts,
  type StatusResult,
  type VoipRegistration,
} from '@crosspoint/protocol';

/** The facts the status function reads, as plain values (the tracker adds the "since"). */
export interface FactValues {
  reachable: boolean;
  loginOk: boolean;
  phase: DevicePhase;
  configuring: boolean;
  unconfigured: boolean;
  overheating: boolean;
  stackMismatched: boolean;
  stackComplete: boolean;
  voipRestartPending: boolean;
  safetyMute: boolean;
  locate: boolean;
  csRegistered: boolean;
}
export type FactName = keyof FactValues;

const factNames = [
  'reachable',
  'loginOk',
  'phase',
  'configuring',
  'unconfigured',
  'overheating',
  'stackMismatched',
  'stackComplete',
  'voipRestartPending',
  'safetyMute',
  'locate',
  'csRegistered',
] as const satisfies readonly FactName[];
const slotOf = Object.fromEntries(factNames.map((n, i) => [n, i])) as Record<FactName, number>;

/**
 * The facts of one device, each with the time its value last changed. Setting a fact to the value
 * it already has costs a comparison and allocates nothing; a change is remembered until `take()`.
 * Facts sit in two flat arrays (value, since) rather than one object each: 8,000 devices × 12 facts.
 */
export class FactTracker {
  private readonly values: (FactValues[FactName] | undefined)[] = [];
  private readonly sinces: number[] = [];
  private lines: Map<string, Fact<VoipRegistration>> | undefined;
  private changed: Record<string, unknown> | undefined;

  constructor(
    readonly kind: DeviceFacts['kind'],
    private readonly now: () => number,
  ) {}

  set<K extends FactName>(name: K, value: FactValues[K], at = this.now()): void {
    const slot = slotOf[name];
    if (this.values[slot] === value) return;
    this.values[slot] = value;
    this.sinces[slot] = at;
    (this.changed ??= {})[name] = value;
  }

  get<K extends FactName>(name: K): FactValues[K] | undefined {
    return this.values[slotOf[name]] as FactValues[K] | undefined;
  }

  /** Registration of VoIP line `epn`. */
  setLine(epn: string, value: VoipRegistration, at = this.now()): void {
    const lines = (this.lines ??= new Map<string, Fact<VoipRegistration>>());
    if (lines.get(epn)?.value === value) return;
    lines.set(epn, { value, since: at });
    (this.changed ??= {})[`voip ${epn}`] = value;
  }

  line(epn: string): VoipRegistration | undefined {
    return this.lines?.get(epn)?.value;
  }

  /** Forgets a fact (unknown again), e.g. a VoIP line the box no longer has. */
  forgetLine(epn: string): void {
    if (this.lines?.delete(epn)) (this.changed ??= {})[`voip ${epn}`] = null;
  }

  get hasChanges(): boolean {
    return this.changed !== undefined;
  }

  /** The facts changed since the last call (name → new value), or undefined. */
  take(): Record<string, unknown> | undefined {
    const changed = this.changed;
    this.changed = undefined;
    return changed;
  }

  /** The facts in the shape the status function reads. */
  snapshot(): DeviceFacts {
    const fact = (name: FactName): Fact<never> | undefined => {
      const slot = slotOf[name];
      const value = this.values[slot];
      return value === undefined ? undefined : ({ value, since: this.sinces[slot] ?? 0 } as Fact<never>);
    };
    const reachable = fact('reachable') ?? { value: false, since: this.now() };
    if (this.kind === 'video') {
      const cs = fact('csRegistered');
      return cs ? { kind: 'video', reachable, csRegistered: cs } : { kind: 'video', reachable };
    }
    const facts: Record<string, unknown> = { kind: 'pro-audio', reachable };
    for (const name of factNames) {
      if (name === 'reachable' || name === 'csRegistered') continue;
      const f = fact(name);
      if (f) facts[name] = f;
    }
    if (this.lines && this.lines.size > 0) facts.voipLines = Object.fromEntries(this.lines);
    return facts as unknown as ProAudioFacts;
  }

  status(): StatusResult {
    return deviceStatus(this.snapshot());
  }
}
