import type { Socket } from 'node:net';
import { bma360dDialect, bma360dLocateModes } from '@crosspoint/protocol';
import type { SimContext } from '../context.ts';
import { notApplicable, type AnyFaultParams, type FaultName } from '../faults/catalog.ts';
import { TcpListener } from '../net/listener.ts';
import type { ResolvedMic } from '../site/resolve.ts';
import { NetDevice } from '../state/net-device.ts';
import type { MicListener, MicPort } from './mic-port.ts';
import { MicSession } from './session.ts';

const maxSessions = 16;

/** A BMA 360D stand-alone ceiling mic: plain text on TCP 3603, no login [C B360D]. */
export class Mic extends NetDevice implements MicPort {
  readonly kind = 'mic';
  readonly id: string;
  readonly name: string;
  readonly model = 'BMA360D';
  readonly ip: string;
  readonly serial: string;
  readonly firmware: string;
  readonly mac: string;
  /** Beam zones 1..12 enabled (bit i-1). */
  zones = 0xfff;
  locate = false;
  readonly levels = new Map<string, number>();
  readonly sessions = new Set<MicSession>();
  private readonly listener: TcpListener;

  constructor(ctx: SimContext, spec: ResolvedMic) {
    super(ctx);
    this.id = spec.id;
    this.name = spec.name;
    this.ip = spec.ip;
    this.serial = spec.serial;
    this.firmware = spec.firmware;
    this.mac = spec.mac;
    this.listener = new TcpListener(spec.ip, ctx.micPort, (s) => this.accept(s));
  }

  get port(): number {
    return this.listener.port;
  }

  private accept(socket: Socket): void {
    if (this.sessions.size >= maxSessions) {
      socket.destroy();
      return;
    }
    const s = new MicSession(this, socket, this.ctx.rnd);
    this.sessions.add(s);
    socket.once('close', () => {
      this.sessions.delete(s);
      s.close();
    });
  }

  /** The BEAMREPORT digits b12…b1: one active beam among the enabled zones [C format]. */
  beamReport(): string {
    const enabled = Array.from({ length: 12 }, (_, i) => i).filter((i) => (this.zones >> i) & 1);
    const active = enabled.length ? enabled[Math.floor(this.ctx.rnd() * enabled.length)] : undefined;
    return Array.from({ length: 12 }, (_, k) => (11 - k === active ? '1' : '0')).join('');
  }

  setLocate(on: boolean, except?: MicListener): void {
    if (this.locate === on) return;
    this.locate = on;
    const line = bma360dDialect.locate.reply.format({
      name: this.name,
      mode: on ? bma360dLocateModes.on : bma360dLocateModes.off,
    });
    for (const s of this.sessions) if (s !== except) s.sendLine(line);
  }

  protected async openNetwork(): Promise<void> {
    await this.listener.open();
  }

  protected async closeNetwork(how: 'reset' | 'end'): Promise<void> {
    await this.listener.close(how);
  }

  protected override onHang(on: boolean): void {
    for (const s of this.sessions) s.setHung(on);
  }

  protected override async applyFault(name: FaultName, params: AnyFaultParams | undefined): Promise<void> {
    if (name === 'locate') {
      this.setLocate(params !== undefined);
      return;
    }
    if (!(await this.applyWireFault(name, params))) throw notApplicable(name, `BMA 360D ${this.id}`);
  }
}
