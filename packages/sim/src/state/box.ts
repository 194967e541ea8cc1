import type { Socket } from 'node:net';
import {
  cp2Dialect,
  deviceModels,
  voipRegistrationPayload,
  type DeviceModelCode,
  type UnitState,
} from '@crosspoint/protocol';
import type { SimContext } from '../context.ts';
import { notApplicable, type AnyFaultParams, type FaultName, type FaultParamsOf } from '../faults/catalog.ts';
import { FtpServer } from '../ftp/server.ts';
import { TcpListener } from '../net/listener.ts';
import type { ResolvedBox } from '../site/resolve.ts';
import { Cp2Session } from '../telnet/session.ts';
import { BoxFiles } from './files.ts';
import { NetDevice } from './net-device.ts';
import { Peripheral } from './peripheral.ts';
import type { BoxPort, StackPort } from './box-port.ts';
import type { StackSession } from './session-sink.ts';
import { UaLine } from './voip.ts';

const maxSessions = 32;
const maxLogLines = 500;
export const overheatDefaultC = 85;

export const clinkLabel = (clink: number): string => String(clink).padStart(2, '0');

/** What a box needs of the stack that owns it, beyond what its transports see. */
export interface BoxOwner extends StackPort {
  /** A member went off or on line. */
  memberChanged(box: Box): void;
  setFault(name: FaultName, params: AnyFaultParams | undefined): Promise<void>;
}

/** One CONVERGE Pro 2 or Huddle box: its identity, its telnet and FTP endpoints, and its live state. */
export class Box extends NetDevice implements BoxPort {
  readonly kind = 'box';
  readonly id: string;
  readonly name: string;
  readonly model: DeviceModelCode;
  readonly clink: number;
  readonly ip: string;
  readonly serial: string;
  readonly mac: string;
  firmware: string;
  readonly baseTemperatureC: number;
  temperatureC: number;
  ftpEnabled: boolean;
  unitState: UnitState;
  locate = false;
  voipPending = false;
  /** `voip_reg_fail`: which line (or all), and the reason pushed. */
  regFailure: { line: number | undefined; reason: string } | undefined;
  /** `stack_mismatch`: the stack name this box reports instead of its own. */
  mismatchName: string | undefined;
  readonly voip: UaLine[];
  readonly peripherals: Peripheral[];
  readonly sessions = new Set<StackSession>();
  readonly files = new BoxFiles();
  readonly telnet: ResolvedBox['telnet'];
  private readonly listener: TcpListener;
  private ftp: FtpServer | undefined;
  private logLines: string[] | undefined;
  private locateTimer: NodeJS.Timeout | undefined;

  constructor(
    ctx: SimContext,
    readonly stack: BoxOwner,
    spec: ResolvedBox,
  ) {
    super(ctx);
    this.id = spec.id;
    this.name = spec.name;
    this.model = spec.model;
    this.clink = spec.clink;
    this.ip = spec.ip;
    this.serial = spec.serial;
    this.mac = spec.mac;
    this.firmware = spec.firmware;
    this.baseTemperatureC = spec.temperatureC;
    this.temperatureC = spec.temperatureC;
    this.ftpEnabled = spec.ftpEnabled;
    this.telnet = spec.telnet;
    this.unitState = stack.configured ? 'READY' : 'UNCONFIGURED';
    this.voip = spec.voip.map((l) => new UaLine(spec.clink + 1, l));
    for (const line of this.voip) line.registration = line.registrationFor(false);
    this.peripherals = spec.plink.map((p) => new Peripheral(this, p));
    this.listener = new TcpListener(spec.ip, ctx.telnetPort, (s) => this.accept(s));
  }

  get info() {
    return deviceModels[this.model];
  }
  get port(): number {
    return this.listener.port;
  }
  /** The stack name this box reports (differs under `stack_mismatch`). */
  get reportedStackName(): string {
    return this.mismatchName ?? this.stack.name;
  }
  get timing() {
    return this.ctx.timing;
  }
  get ftpPort(): number {
    return this.ctx.ftpPort;
  }
  get logs(): readonly string[] {
    return this.logLines ?? [];
  }

  log(message: string): void {
    const lines = (this.logLines ??= []);
    lines.push(`${new Date().toISOString()} ${this.name} ${message}`);
    if (lines.length > maxLogLines) lines.splice(0, lines.length - maxLogLines);
  }

  private accept(socket: Socket): void {
    if (this.sessions.size >= maxSessions) {
      socket.destroy();
      return;
    }
    const session = new Cp2Session(this, socket, this.ctx.rnd);
    this.sessions.add(session);
    socket.once('close', () => this.sessions.delete(session));
    session.start();
  }

  protected async openNetwork(): Promise<void> {
    await this.listener.open();
    if (this.ftpEnabled) await this.ftpServer().open();
  }

  protected async closeNetwork(how: 'reset' | 'end'): Promise<void> {
    await this.listener.close(how);
    this.sessions.clear();
    await this.ftp?.close();
  }

  private ftpServer(): FtpServer {
    return (this.ftp ??= new FtpServer(this, this.ctx));
  }

  protected override onReachability(): void {
    this.stack.memberChanged(this);
  }

  protected override onHang(on: boolean): void {
    for (const s of this.sessions) s.setHung(on);
  }

  override async stop(): Promise<void> {
    if (this.locateTimer) clearTimeout(this.locateTimer);
    this.locateTimer = undefined;
    await super.stop();
  }

  /** Pushes a line to every session of the stack but `except`. */
  push(line: string, except?: StackSession): void {
    this.stack.broadcast(line, except);
  }

  setUnitState(state: UnitState): void {
    if (this.unitState === state) return;
    this.unitState = state;
    this.log(`unit state ${state}`);
    this.push(cp2Dialect.boxState.reply.format({ box: this.name, state }));
  }

  setLocate(on: boolean, except?: StackSession): void {
    if (this.locateTimer) clearTimeout(this.locateTimer);
    this.locateTimer = undefined;
    if (on) {
      const ms = this.stack.locateTimeoutS * 1000 * this.ctx.timing.locateScale;
      this.locateTimer = setTimeout(() => {
        this.locateTimer = undefined;
        this.setLocate(false);
      }, ms);
    }
    if (this.locate === on) return;
    this.locate = on;
    this.push(cp2Dialect.locate.reply.format({ box: this.name, on }), except);
  }

  async setFtp(on: boolean, except?: StackSession): Promise<void> {
    if (this.ftpEnabled !== on) {
      this.ftpEnabled = on;
      this.log(`FTP ${on ? 'enabled' : 'disabled'}`);
      this.push(cp2Dialect.ftp.reply.format({ box: this.name, on }), except);
    }
    if (on && this.reachable) await this.ftpServer().open();
    if (!on) await this.ftp?.close();
  }

  setTemperature(celsius: number): void {
    if (this.temperatureC === celsius) return;
    this.temperatureC = celsius;
    if (this.info.hasTemperature)
      this.push(cp2Dialect.boxTemperature.reply.format({ box: this.name, celsius }));
  }

  setVoipPending(on: boolean, except?: StackSession): void {
    if (this.voipPending === on) return;
    this.voipPending = on;
    this.push(cp2Dialect.voipPending.reply.format({ box: this.name, pending: on }), except);
  }

  /**
   * Re-evaluates every line's registration (after a VoIP restart or a fault change) and tells the
   * stack: REG_* notifications to subscribers, the read-reply form to everyone.
   */
  reregister(restart: boolean): void {
    for (const line of this.voip) {
      const failing = this.regFailure !== undefined && (this.regFailure.line ?? line.line) === line.line;
      const next = line.registrationFor(failing);
      if (next === line.registration && !restart) continue;
      if (restart && line.registration === 'REGISTERED')
        this.stack.notifyUa(line.epn, 'UNREG_SUCCEED', voipRegistrationPayload.succeeded(line.registrar));
      line.registration = next;
      if (next === 'REGISTERED')
        this.stack.notifyUa(line.epn, 'REG_SUCCEED', voipRegistrationPayload.succeeded(line.registrar));
      if (next === 'NOT_REGISTERED')
        this.stack.notifyUa(
          line.epn,
          'REG_FAILED',
          voipRegistrationPayload.failed(this.regFailure?.reason ?? 'timeout'),
        );
      this.push(cp2Dialect.uaRegistration.reply.format({ epn: line.epn, state: next }));
    }
  }

  uaLine(epn: string): UaLine | undefined {
    return this.voip.find((l) => l.epn === epn);
  }

  /** Closes every telnet session (credentials changed, restart). */
  endSessions(): void {
    for (const s of this.sessions) s.end();
  }

  get rejectsFirmware(): boolean {
    return this.faults.has('firmware_reject');
  }

  override async setFault(name: FaultName, params: AnyFaultParams | undefined): Promise<void> {
    // Credentials and safety mute are stack settings: a fault on a box is a fault on its stack.
    if (name === 'bad_credentials' || name === 'safety_mute') return this.stack.setFault(name, params);
    return super.setFault(name, params);
  }

  protected override async applyFault(name: FaultName, params: AnyFaultParams | undefined): Promise<void> {
    const on = params !== undefined;
    if (name === 'overheat') {
      if (!this.info.hasTemperature) throw notApplicable(name, `${this.model} (no temperature)`);
      this.setTemperature(
        on ? ((params as FaultParamsOf<'overheat'>).celsius ?? overheatDefaultC) : this.baseTemperatureC,
      );
    } else if (name === 'voip_reg_fail' || name === 'voip_pending') {
      if (this.voip.length === 0) throw notApplicable(name, `${this.model} (no VoIP)`);
      if (name === 'voip_pending') this.setVoipPending(on);
      else {
        const p = params as FaultParamsOf<'voip_reg_fail'> | undefined;
        this.regFailure = p ? { line: p.line, reason: p.reason ?? 'timeout' } : undefined;
        this.reregister(false);
      }
    } else if (name === 'locate') this.setLocate(on);
    else if (name === 'firmware_reject')
      return; // read when an image is applied
    else if (name === 'stack_incomplete') await this.setOffline('incomplete', on);
    else if (name === 'stack_mismatch') {
      this.mismatchName = on
        ? ((params as FaultParamsOf<'stack_mismatch'>).stackName ?? `${this.stack.name}-OTHER`)
        : undefined;
      for (const session of this.sessions)
        if (session.loggedIn) session.sendLine(this.stack.infoHeader(this));
    } else await super.applyFault(name, params);
  }
}
