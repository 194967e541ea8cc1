import {
  modelByCode,
  overheatThresholdC,
  type Cp2Reply,
  type DeviceId,
  type UnitState,
  type VoipRegistration,
} from '@crosspoint/protocol';
import { DeviceError, DeviceErrorCode } from '../../commands/device-error.ts';
import { boxNumberOf, uaEndpointOf, type InventoryDevice } from '../../inventory/inventory.ts';
import { ChangeEmitter } from '../../sessions/change-emitter.ts';
import { FactTracker } from '../../sessions/fact-tracker.ts';
import type { SessionContext } from '../../sessions/session.ts';
import type { Cp2Client, PlinkItem } from './cp2-client.ts';
import { Cp2Topology } from './cp2-topology.ts';

const registrationOf: Record<string, VoipRegistration> = {
  REGISTERED: 'registered',
  NOT_REGISTERED: 'failed',
  DISABLED: 'disabled',
  REG_SUCCEED: 'registered',
  REG_FAILED: 'failed',
  UNREG_SUCCEED: 'unregistered',
};
export const registrationNotifications = ['REG_SUCCEED', 'REG_FAILED', 'UNREG_SUCCEED'] as const;

/**
 * What a CONVERGE Pro 2 / Huddle box says, read into facts: the first read after login, and the lines
 * it pushes or answers (state, temperature, locate, VoIP registrations, stack and P-Link topology,
 * firmware). Cp2BoxSession adds the connection: login, keep-alive, reconnect, the command queue.
 */
export abstract class Cp2BoxReader {
  protected device: InventoryDevice;
  protected readonly box: ChangeEmitter;
  protected readonly topology: Cp2Topology;
  protected expectRestartUntil = 0;
  protected readonly progressListeners = new Set<(percent: number) => void>();

  constructor(
    device: InventoryDevice,
    protected readonly ctx: SessionContext,
  ) {
    this.device = device;
    this.box = new ChangeEmitter(device.id, new FactTracker('pro-audio', ctx.now), ctx.emit);
    this.topology = new Cp2Topology(ctx, () => {
      this.scheduleFlush();
    });
  }

  /** Logged in and read: the session's connection is up. */
  abstract get isReady(): boolean;

  /** The box will drop its connection on purpose (RESET, firmware): show Restarting..., not Down, for a while. */
  abstract expectRestart(): void;

  /** Facts changed: tell them once the current burst of lines is read. */
  protected abstract scheduleFlush(): void;

  /** The box has a new name (its keep-alive names it). */
  protected abstract rename(name: string): void;

  get deviceId(): DeviceId {
    return this.device.id;
  }

  get boxName(): string {
    return this.device.name;
  }

  get inventory(): InventoryDevice {
    return this.device;
  }

  get facts(): FactTracker {
    return this.box.facts;
  }

  /** VoIP line end-points of this box (`101`…), from its model and C-Link position. */
  voipEndpoints(): string[] {
    const lines = modelByCode(this.device.model)?.voipLines ?? 0;
    const boxNo = boxNumberOf(this.device.topology.clink);
    return Array.from({ length: lines }, (_, i) => uaEndpointOf(boxNo, i + 1));
  }

  /** Firmware progress lines (percent) pushed by the box. */
  /** A P-Link peripheral of this box as its last PLINK ITEM line said (undefined: not one of its). */
  peripheral(deviceId: string): PlinkItem | undefined {
    return this.topology.itemOf(deviceId);
  }

  onProgress(listener: (percent: number) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** The first read after login: identity, health, stack and P-Link topology, VoIP lines (and subscriptions). */
  protected async initialise(client: Cp2Client): Promise<void> {
    const info = await client.stackInfo();
    const self = info.boxes.find((b) => b.clink === info.self);
    if (self && self.box !== this.device.name) this.rename(self.box);
    if (info.self !== this.device.topology.clink)
      this.updateIdentity({ topology: { ...this.device.topology, clink: info.self } });
    await this.topology.learnMates(client, info, this.device);
    const box = this.device.name;
    const model = modelByCode(this.device.model);
    const firmware = await client.firmware(box);
    await client.unitState(box);
    if (model?.hasTemperature !== false) await optional(client.temperature(box));
    await client.locate(box);
    await optional(client.safetyMute());
    const endpoints = this.voipEndpoints();
    if (endpoints.length > 0) await optional(client.voipPending(box));
    for (const epn of endpoints) {
      for (const type of registrationNotifications) await optional(client.subscribe(epn, type));
      await optional(client.registration(epn));
    }
    this.topology.reconcile(this.device, await client.plinks(box));
    this.updateIdentity({
      firmware,
      topology: { ...this.device.topology, stack: info.stack, clink: info.self },
    });
  }

  protected updateIdentity(patch: Partial<InventoryDevice>): void {
    const next = { ...this.device, ...patch, lastSeen: this.ctx.now() };
    const changed = (Object.keys(patch) as (keyof InventoryDevice)[]).some(
      (k) => JSON.stringify(next[k]) !== JSON.stringify(this.device[k]),
    );
    this.device = next;
    if (changed) this.ctx.updateInventory([next]);
  }

  protected onReply(r: Cp2Reply): void {
    const handle = Cp2BoxReader.replyHandlers[r.name] as
      ((this: Cp2BoxReader, p: unknown) => void) | undefined;
    if (!handle) return;
    handle.call(this, r.params);
    this.scheduleFlush();
  }

  /**
   * What each pushed or solicited line means for the facts; lines not listed change nothing. One
   * table for all sessions (methods called with the session as `this`), not closures per session.
   */
  private static readonly replyHandlers: {
    [N in Cp2Reply['name']]?: (this: Cp2BoxReader, p: Extract<Cp2Reply, { name: N }>['params']) => void;
  } = {
    boxState(p) {
      if (p.box === this.device.name) this.onUnitState(p.state as UnitState);
    },
    boxTemperature(p) {
      if (p.box === this.device.name) this.facts.set('overheating', p.celsius > overheatThresholdC);
    },
    locate(p) {
      if (p.box === this.device.name) this.facts.set('locate', p.on);
    },
    safetyMute(p) {
      this.facts.set('safetyMute', p.on);
    },
    voipPending(p) {
      if (p.box === this.device.name) this.facts.set('voipRestartPending', p.pending);
    },
    uaRegistration(p) {
      this.onRegistration(p.epn, p.state);
    },
    uaNotification(p) {
      this.onRegistration(p.epn, p.type.toUpperCase());
    },
    stackInfo(p) {
      this.topology.stackName = p.stack;
    },
    stackBox(p) {
      this.topology.setStackBox({ clink: p.clink, online: p.online, box: p.box, model: p.model });
    },
    plinkItem(p) {
      if (p.box === this.device.name) this.topology.onPlinkItem(this.device, p);
    },
    boxFirmware(p) {
      if (p.box === this.device.name && this.isReady) this.updateIdentity({ firmware: p.firmware });
    },
    firmwareProgress(p) {
      if (p.box === this.device.name) for (const l of this.progressListeners) l(p.percent);
    },
    // A peripheral's update runs in the host's queue, one job at a time: its progress is the host's.
    plinkFirmwareProgress(p) {
      if (p.box === this.device.name) for (const l of this.progressListeners) l(p.percent);
    },
    // The agent never writes levels: a level line is a change someone else made, pushed to every
    // session (devices.md §5.5); so is a new login. The configuration changed: the hub backs it up.
    level() {
      this.ctx.configChanged?.(this.device.id);
    },
    levelAlias() {
      this.ctx.configChanged?.(this.device.id);
    },
    ramp() {
      this.ctx.configChanged?.(this.device.id);
    },
    rampAlias() {
      this.ctx.configChanged?.(this.device.id);
    },
    credentials() {
      this.ctx.configChanged?.(this.device.id);
    },
  };

  /** Registration notices reach every box of a stack: each box keeps only its own lines. */
  private onRegistration(epn: string, state: string): void {
    const value = registrationOf[state];
    if (value && this.voipEndpoints().includes(epn)) this.facts.setLine(epn, value);
  }

  private onUnitState(state: UnitState): void {
    const facts = this.facts;
    facts.set('configuring', state === 'CONFIGURING');
    facts.set('unconfigured', state === 'UNCONFIGURED');
    if (state === 'UPDATING') facts.set('phase', 'updating');
    else if (state === 'RESTARTING') {
      this.expectRestart();
      facts.set('phase', 'restarting');
    } else {
      facts.set('phase', 'running');
      this.expectRestartUntil = 0;
    }
  }
}

/** A read some models or firmware may refuse: an error line means "not supported", not a failure. */
async function optional<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (e) {
    if ((e as DeviceError).code === DeviceErrorCode.Rejected) return undefined;
    throw e;
  }
}
