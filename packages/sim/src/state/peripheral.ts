import { cp2Dialect, type DeviceModelCode } from '@crosspoint/protocol';
import { notApplicable, type AnyFaultParams, type FaultName, type FaultParamsOf } from '../faults/catalog.ts';
import type { ResolvedPeripheral } from '../site/resolve.ts';
import type { BoxPort } from './box-port.ts';
import type { FaultTarget } from './net-device.ts';

export const plinkLabel = (index: number): string => String(index).padStart(2, '0');

/** A P-Link peripheral: no address of its own, seen and reached through its host box [I SEED0]. */
export class Peripheral implements FaultTarget {
  readonly kind = 'peripheral';
  readonly id: string;
  readonly model: DeviceModelCode;
  readonly index: number;
  readonly chain: number;
  readonly serial: string;
  firmware: string;
  readonly faults = new Map<FaultName, AnyFaultParams>();
  /** Taken off the chain by `down` or `stack_incomplete`, or while it flashes an image. */
  private detached = new Set<FaultName | 'flashing'>();
  mismatchName: string | undefined;

  constructor(
    readonly host: BoxPort,
    spec: ResolvedPeripheral,
  ) {
    this.id = spec.id;
    this.model = spec.model;
    this.index = spec.index;
    this.chain = spec.chain;
    this.serial = spec.serial;
    this.firmware = spec.firmware;
  }

  get online(): boolean {
    return this.host.reachable && this.detached.size === 0;
  }

  get reportedStackName(): string {
    return this.mismatchName ?? this.host.stack.name;
  }

  /** The `PLINK ITEM` line describing this peripheral. */
  item(): string {
    return cp2Dialect.plinkItem.reply.format({
      box: this.host.name,
      plink: plinkLabel(this.index),
      chain: this.chain,
      online: this.online,
      model: this.model,
      serial: this.serial,
      firmware: this.firmware,
      stack: this.reportedStackName,
    });
  }

  setFlashing(on: boolean): void {
    if (on) this.detached.add('flashing');
    else this.detached.delete('flashing');
    this.host.push(this.item());
  }

  setFault(name: FaultName, params: AnyFaultParams | undefined): Promise<void> {
    const on = params !== undefined;
    if (name === 'down' || name === 'stack_incomplete') {
      if (on) this.detached.add(name);
      else this.detached.delete(name);
    } else if (name === 'stack_mismatch') {
      this.mismatchName = on
        ? ((params as FaultParamsOf<'stack_mismatch'>).stackName ?? `${this.host.stack.name}-OTHER`)
        : undefined;
    } else {
      return Promise.reject(notApplicable(name, `P-Link peripheral ${this.id}`));
    }
    if (on) this.faults.set(name, params);
    else this.faults.delete(name);
    this.host.push(this.item());
    return Promise.resolve();
  }
}
