import {
  deviceStatus,
  type DeviceFacts,
  type DevicePhase,
  type Fact,
  type ProAudioFacts,
  type StatusResult,
  type VideoFacts,
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

/**
 * The facts of one device, each with the time its value last changed. Setting a fact to the value
 * it already has costs a comparison and allocates nothing; a change is remembered until `take()`.
 */
export class FactTracker {
  private readonly facts = new Map<FactName, Fact<FactValues[FactName]>>();
  private readonly lines = new Map<string, Fact<VoipRegistration>>();
  private changed: Record<string, unknown> | undefined;

  constructor(
    readonly kind: DeviceFacts['kind'],
    private readonly now: () => number,
  ) {}

  set<K extends FactName>(name: K, value: FactValues[K], at = this.now()): void {
    const current = this.facts.get(name);
    if (current?.value === value) return;
    this.facts.set(name, { value, since: at });
    (this.changed ??= {})[name] = value;
  }

  get<K extends FactName>(name: K): FactValues[K] | undefined {
    return this.facts.get(name)?.value as FactValues[K] | undefined;
  }

  /** Registration of VoIP line `epn`. */
  setLine(epn: string, value: VoipRegistration, at = this.now()): void {
    if (this.lines.get(epn)?.value === value) return;
    this.lines.set(epn, { value, since: at });
    (this.changed ??= {})[`voip ${epn}`] = value;
  }

  line(epn: string): VoipRegistration | undefined {
    return this.lines.get(epn)?.value;
  }

  /** Forgets a fact (unknown again), e.g. a VoIP line the box no longer has. */
  forgetLine(epn: string): void {
    if (this.lines.delete(epn)) (this.changed ??= {})[`voip ${epn}`] = null;
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
    const f = this.facts as Map<FactName, Fact<never>>;
    const reachable = f.get('reachable') ?? { value: false, since: this.now() };
    if (this.kind === 'video') {
      const video: { -readonly [K in keyof VideoFacts]: VideoFacts[K] } = { kind: 'video', reachable };
      const cs = f.get('csRegistered');
      if (cs) video.csRegistered = cs;
      return video;
    }
    const facts: { -readonly [K in keyof ProAudioFacts]: ProAudioFacts[K] } = { kind: 'pro-audio', reachable };
    for (const [name, fact] of f) if (name !== 'reachable' && name !== 'csRegistered') (facts as Record<string, unknown>)[name] = fact;
    if (this.lines.size > 0) facts.voipLines = Object.fromEntries(this.lines);
    return facts;
  }

  status(): StatusResult {
    return deviceStatus(this.snapshot());
  }
}
