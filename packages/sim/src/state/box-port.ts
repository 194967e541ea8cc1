import type { DeviceModelCode, deviceModels, UnitState } from '@crosspoint/protocol';
import type { WireFaults } from '../net/wire.ts';
import type { ResolvedBox } from '../site/resolve.ts';
import type { SimTiming } from '../timing.ts';
import type { Endpoints } from './endpoints.ts';
import type { BoxFiles } from './files.ts';
import type { OfflineReason } from './net-device.ts';
import type { StackSession } from './session-sink.ts';
import type { UaLine } from './voip.ts';

/**
 * What a box's transports (telnet and FTP sessions, the commands they run, the life-cycle
 * operations those start) and its P-Link peripherals see of it. The box owns them; they depend on
 * this type only, never on the Box class, so no import cycle runs through the box.
 */
export interface BoxPort {
  readonly id: string;
  readonly name: string;
  readonly model: DeviceModelCode;
  readonly info: (typeof deviceModels)[DeviceModelCode];
  readonly clink: number;
  readonly ip: string;
  readonly serial: string;
  readonly mac: string;
  firmware: string;
  readonly temperatureC: number;
  readonly ftpEnabled: boolean;
  readonly unitState: UnitState;
  readonly locate: boolean;
  readonly voipPending: boolean;
  readonly voip: readonly UaLine[];
  readonly peripherals: readonly PeripheralPort[];
  readonly files: BoxFiles;
  readonly telnet: ResolvedBox['telnet'];
  readonly wire: WireFaults;
  readonly timing: SimTiming;
  readonly logs: readonly string[];
  readonly reachable: boolean;
  /** Under `firmware_reject`: an image it is given fails its check and the box keeps its version. */
  readonly rejectsFirmware: boolean;
  readonly stack: StackPort;
  /** The stack name this box reports (differs under `stack_mismatch`). */
  readonly reportedStackName: string;
  log(message: string): void;
  /** Runs `fn` after `ms` unless the box stops first. */
  later(ms: number, fn: () => void): void;
  setOffline(reason: OfflineReason, on: boolean, how?: 'reset' | 'end'): Promise<void>;
  /** Pushes a line to every session of the stack but `except`. */
  push(line: string, except?: StackSession): void;
  setUnitState(state: UnitState): void;
  setLocate(on: boolean, except?: StackSession): void;
  setFtp(on: boolean, except?: StackSession): Promise<void>;
  setVoipPending(on: boolean, except?: StackSession): void;
  reregister(restart: boolean): void;
  uaLine(epn: string): UaLine | undefined;
}

/** A P-Link peripheral as its host's commands see it. */
export interface PeripheralPort {
  readonly index: number;
  firmware: string;
  readonly online: boolean;
  /** The `PLINK ITEM` line describing it. */
  item(): string;
  /** Off the chain while it flashes an image (on), back (off). */
  setFlashing(on: boolean): void;
}

export interface Credentials {
  username: string;
  password: string;
}

/** What the same parties see of the box's stack (stack-wide settings and pushes). */
export interface StackPort {
  name: string;
  configured: boolean;
  readonly baseCredentials: Credentials;
  readonly credentials: Credentials;
  readonly safetyMute: boolean;
  locateTimeoutS: number;
  aliases: Map<string, string>;
  macros: Map<string, string[]>;
  readonly boxes: readonly BoxPort[];
  readonly endpoints: Endpoints;
  boxByName(name: string): BoxPort | undefined;
  /** Every logged-in session of every box of the stack, but `except`. */
  broadcast(line: string, except?: StackSession): void;
  notifyUa(epn: string, type: string, payload: string): void;
  /** The STACK INFO header as `box` answers it. */
  infoHeader(box: BoxPort): string;
  boxLine(box: BoxPort): string;
  setSafetyMute(on: boolean, except?: StackSession): void;
  setCredentials(c: Credentials): void;
}
