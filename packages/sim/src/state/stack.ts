import { cp2Dialect, deviceModels } from '@crosspoint/protocol';
import type { SimContext } from '../context.ts';
import { notApplicable, type AnyFaultParams, type FaultName, type FaultParamsOf } from '../faults/catalog.ts';
import type { ResolvedStack } from '../site/resolve.ts';
import { Box, clinkLabel, type BoxOwner } from './box.ts';
import type { BoxPort, Credentials } from './box-port.ts';
import { Endpoints } from './endpoints.ts';
import type { FaultTarget } from './net-device.ts';
import type { Peripheral } from './peripheral.ts';
import type { StackSession } from './session-sink.ts';

/** A stack: one CONSOLE AI project over one or more boxes on C-Link, with stack-wide settings. */
export class Stack implements BoxOwner, FaultTarget {
  readonly kind = 'stack';
  name: string;
  /** false → no project loaded: the boxes are Unconfigured. */
  configured: boolean;
  /** Credentials as configured (site file, STACK CREDENTIALS, configuration load). */
  baseCredentials: Credentials;
  /** Credentials the boxes accept now (differ under `bad_credentials`). */
  credentials: Credentials;
  safetyMute: boolean;
  locateTimeoutS: number;
  aliases: Map<string, string>;
  macros: Map<string, string[]>;
  readonly boxes: Box[] = [];
  readonly endpoints: Endpoints;
  readonly faults = new Map<FaultName, AnyFaultParams>();

  constructor(ctx: SimContext, spec: ResolvedStack) {
    this.name = spec.name;
    this.configured = spec.configured;
    this.baseCredentials = { username: spec.username, password: spec.password };
    this.credentials = { ...this.baseCredentials };
    this.safetyMute = spec.safetyMute;
    this.locateTimeoutS = spec.locateTimeoutS;
    this.aliases = new Map(Object.entries(spec.aliases));
    this.macros = new Map(Object.entries(spec.macros));
    this.endpoints = new Endpoints(() =>
      this.boxes.map((b) => ({
        model: b.model,
        beamformers: b.peripherals.filter((p) => deviceModels[p.model].beamformer).length,
        gpio: true,
      })),
    );
    for (const b of spec.boxes) this.boxes.push(new Box(ctx, this, b));
  }

  /** Case-sensitive, as box names are [C MAN]. */
  boxByName(name: string): Box | undefined {
    return this.boxes.find((b) => b.name === name);
  }

  get peripherals(): Peripheral[] {
    return this.boxes.flatMap((b) => b.peripherals);
  }

  /** Every logged-in session of every box of the stack, but `except`. */
  broadcast(line: string, except?: StackSession): void {
    for (const box of this.boxes) {
      for (const s of box.sessions) if (s.loggedIn && s !== except) s.sendLine(line);
    }
  }

  /** A UA notification to the sessions subscribed to that type on that line [C format, §2.1]. */
  notifyUa(epn: string, type: string, payload: string): void {
    const line = cp2Dialect.uaNotification.reply.format({ epn, type, payload });
    for (const box of this.boxes) {
      for (const s of box.sessions) if (s.loggedIn && s.isSubscribed(epn, type)) s.sendLine(line);
    }
  }

  /** The STACK INFO header as `box` answers it. */
  infoHeader(box: BoxPort): string {
    return cp2Dialect.stackInfo.reply.format({
      stack: box.reportedStackName,
      count: this.boxes.length,
      clink: clinkLabel(box.clink),
    });
  }

  boxLine(box: BoxPort): string {
    return cp2Dialect.stackBox.reply.format({
      clink: clinkLabel(box.clink),
      online: box.reachable,
      box: box.name,
      model: box.model,
    });
  }

  /** A member went off or on line: the others say so (Incomplete Stack). */
  memberChanged(box: Box): void {
    box.log(box.reachable ? 'online' : 'offline');
    this.broadcast(this.boxLine(box));
  }

  setSafetyMute(on: boolean, except?: StackSession): void {
    if (this.safetyMute === on) return;
    this.safetyMute = on;
    this.broadcast(cp2Dialect.safetyMute.reply.format({ on }), except);
  }

  /** New configured credentials; they apply at once unless `bad_credentials` overrides them. */
  setCredentials(c: Credentials): void {
    this.baseCredentials = { ...c };
    if (!this.faults.has('bad_credentials')) this.credentials = { ...c };
  }

  async setFault(name: FaultName, params: AnyFaultParams | undefined): Promise<void> {
    const on = params !== undefined;
    if (name === 'stack_incomplete' || name === 'stack_mismatch')
      return this.memberFor(name, params).setFault(name, params);
    if (name === 'safety_mute') this.setSafetyMute(on);
    else if (name === 'bad_credentials') {
      const p = params as FaultParamsOf<'bad_credentials'> | undefined;
      this.credentials = p
        ? {
            username: p.username ?? this.baseCredentials.username,
            password: p.password ?? `${this.baseCredentials.password}-changed`,
          }
        : { ...this.baseCredentials };
      if (p && !p.keepSessions) for (const b of this.boxes) b.endSessions();
    } else {
      // Every other fault applies to each box of the stack it fits (recorded on the boxes).
      const refusals: unknown[] = [];
      for (const b of this.boxes) await b.setFault(name, params).catch((e: unknown) => refusals.push(e));
      if (refusals.length === this.boxes.length) throw refusals[0];
      return;
    }
    if (on) this.faults.set(name, params);
    else this.faults.delete(name);
  }

  /** Which member a stack-wide topology fault lands on: the named one, else the last box, else a peripheral. */
  private memberFor(name: FaultName, params: AnyFaultParams | undefined): Box | Peripheral {
    const member = (params as { member?: string } | undefined)?.member;
    const all: (Box | Peripheral)[] = [...this.boxes, ...this.peripherals];
    if (member !== undefined) {
      const m = all.find((d) => d.id === member || d.id.endsWith(`.${member}`));
      if (!m) throw notApplicable(name, `stack ${this.name}: it has no member "${member}"`);
      return m;
    }
    const current = all.find((d) => d.faults.has(name));
    if (current) return current;
    if (name === 'stack_incomplete' && this.boxes.length > 1) return this.boxes[this.boxes.length - 1] as Box;
    const p = this.peripherals[0];
    if (p) return p;
    if (name === 'stack_mismatch' && this.boxes.length > 1) return this.boxes[this.boxes.length - 1] as Box;
    throw notApplicable(name, `stack ${this.name} (one box, no peripherals)`);
  }
}
