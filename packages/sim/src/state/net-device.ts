import type { SimContext } from '../context.ts';
import { defaultGarbageKinds } from '../net/garbage.ts';
import type { WireFaults } from '../net/wire.ts';
import { notApplicable, type AnyFaultParams, type FaultName, type FaultParamsOf } from '../faults/catalog.ts';

export type DeviceKind = 'box' | 'peripheral' | 'mic' | 'codec';
export type OfflineReason = 'down' | 'flap' | 'restart' | 'incomplete' | 'video_down';

/** Anything a fault can be set on: a device or a stack. */
export interface FaultTarget {
  readonly faults: Map<FaultName, AnyFaultParams>;
  /** Sets (params) or clears (undefined) a fault; throws SimError when it does not apply. */
  setFault(name: FaultName, params: AnyFaultParams | undefined): Promise<void>;
}

/**
 * A device with its own address and listening socket(s): a box, a stand-alone mic or a codec.
 * Reachability is the absence of reasons to be offline; the network follows it through one serial
 * chain of open/close steps, so fast flapping can never leave a listener in the wrong state.
 */
export abstract class NetDevice implements FaultTarget {
  abstract readonly id: string;
  abstract readonly kind: DeviceKind;
  readonly wire: WireFaults = { hang: false };
  readonly faults = new Map<FaultName, AnyFaultParams>();
  private readonly offline = new Set<OfflineReason>();
  private flapTimer: NodeJS.Timeout | undefined;
  private transition: Promise<void> = Promise.resolve();
  private timers: Set<NodeJS.Timeout> | undefined;

  constructor(protected readonly ctx: SimContext) {}

  get reachable(): boolean {
    return this.offline.size === 0;
  }

  isOffline(reason: OfflineReason): boolean {
    return this.offline.has(reason);
  }

  /** Opens the device's listeners (first start, and when it comes back). */
  protected abstract openNetwork(): Promise<void>;
  /** Closes listeners and drops connections. */
  protected abstract closeNetwork(how: 'reset' | 'end'): Promise<void>;
  /** Called at once when the device goes off or on line (before the network follows). */
  protected onReachability(_online: boolean): void {
    // Devices override to tell their peers.
  }
  /** Called when `hang` starts or ends. */
  protected onHang(_on: boolean): void {
    // Devices override to pause and resume their sessions.
  }

  /** Starts the device (if nothing keeps it offline); rejects with the listen error. */
  async start(): Promise<void> {
    if (this.reachable) await this.openNetwork();
  }

  /** Runs `fn` after `ms` unless the device is stopped first (timers exist only while an operation runs). */
  later(ms: number, fn: () => void): void {
    const timers = (this.timers ??= new Set());
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  }

  /** Stops everything for good: timers, listeners, connections. */
  async stop(): Promise<void> {
    this.stopFlap();
    for (const t of this.timers ?? []) clearTimeout(t);
    this.timers = undefined;
    this.offline.add('down');
    await this.transition;
    await this.closeNetwork('reset');
  }

  setOffline(reason: OfflineReason, on: boolean, how: 'reset' | 'end' = 'reset'): Promise<void> {
    const was = this.reachable;
    if (on) this.offline.add(reason);
    else this.offline.delete(reason);
    if (was !== this.reachable) this.onReachability(this.reachable);
    return this.sync(how);
  }

  private sync(how: 'reset' | 'end'): Promise<void> {
    this.transition = this.transition.then(async () => {
      try {
        if (this.reachable) await this.openNetwork();
        else await this.closeNetwork(how);
      } catch (e) {
        this.ctx.logger.error({ device: this.id, err: (e as Error).message }, 'network change failed');
      }
    });
    return this.transition;
  }

  async setFault(name: FaultName, params: AnyFaultParams | undefined): Promise<void> {
    await this.applyFault(name, params);
    if (params) this.faults.set(name, params);
    else this.faults.delete(name);
  }

  /** Device-specific faults; the default handles the wire-level ones every device shares. */
  protected async applyFault(name: FaultName, params: AnyFaultParams | undefined): Promise<void> {
    if (!(await this.applyWireFault(name, params))) throw notApplicable(name, `${this.kind} ${this.id}`);
  }

  /** down, hang, flap, slow, garbage, half_line: true when handled. */
  protected async applyWireFault(name: FaultName, params: AnyFaultParams | undefined): Promise<boolean> {
    const on = params !== undefined;
    if (name === 'down') await this.setOffline('down', on);
    else if (name === 'hang') {
      this.wire.hang = on;
      this.onHang(on);
    } else if (name === 'flap') {
      this.stopFlap();
      if (on) this.startFlap((params as FaultParamsOf<'flap'>).periodMs ?? this.ctx.timing.flapPeriodMs);
      else await this.setOffline('flap', false);
    } else if (name === 'slow') {
      const p = params as FaultParamsOf<'slow'> | undefined;
      this.wire.slow = p ? { delayMs: p.delayMs ?? 300, jitterMs: p.jitterMs ?? 200 } : undefined;
    } else if (name === 'garbage') {
      const p = params as FaultParamsOf<'garbage'> | undefined;
      this.wire.garbage = p ? { rate: p.rate ?? 0.5, kinds: p.kinds ?? defaultGarbageKinds } : undefined;
    } else if (name === 'half_line') {
      const p = params as FaultParamsOf<'half_line'> | undefined;
      this.wire.halfLine = p ? { pieces: p.pieces ?? 4, gapMs: p.gapMs ?? 50 } : undefined;
    } else return false;
    return true;
  }

  private startFlap(periodMs: number): void {
    this.flapTimer = setInterval(() => {
      void this.setOffline('flap', !this.isOffline('flap'));
    }, periodMs);
    void this.setOffline('flap', true);
  }

  private stopFlap(): void {
    if (this.flapTimer) clearInterval(this.flapTimer);
    this.flapTimer = undefined;
  }
}
