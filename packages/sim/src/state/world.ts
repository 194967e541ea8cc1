import { deviceModels, type DeviceFamily, type DeviceModelCode } from '@crosspoint/protocol';
import { Codec } from '../video/codec.ts';
import type { SimContext } from '../context.ts';
import { SimError, SimErrorCode } from '../errors.ts';
import { Mic } from '../bma/mic.ts';
import type { ResolvedSite } from '../site/resolve.ts';
import { clinkLabel, type Box } from './box.ts';
import type { DeviceKind, FaultTarget, NetDevice } from './net-device.ts';
import { plinkLabel, type Peripheral } from './peripheral.ts';
import type { Credentials } from './box-port.ts';
import { Stack } from './stack.ts';

export type SimDevice = Box | Peripheral | Mic | Codec;

/** A simulated device as tests, benchmarks and the control API see it. Live values are getters. */
export interface SimDeviceInfo {
  readonly id: string;
  readonly kind: DeviceKind;
  readonly family: DeviceFamily;
  readonly model: DeviceModelCode;
  readonly name: string;
  /** Its own address; a peripheral shows its host's (same Access IP [C SEED0]). */
  readonly ip: string;
  /** Telnet (box), raw TCP (mic) or HTTP (codec) port; null for a peripheral. */
  readonly port: number | null;
  /** FTP port of a box (listening only while FTP is enabled). */
  readonly ftpPort: number | null;
  readonly subnet: string;
  readonly nic: string;
  readonly stack: string | null;
  /** "00" = first box on C-Link. */
  readonly clink: string | null;
  /** "01" = first peripheral on the host's P-Link. */
  readonly plink: string | null;
  readonly hostId: string | null;
  readonly serial: string;
  readonly firmware: string;
  /** Credentials the device accepts now (boxes and their peripherals). */
  readonly credentials: Credentials | null;
  readonly reachable: boolean;
}

/** Every simulated object of a site, and lookups by id and stack name. */
export class World {
  readonly stacks: Stack[] = [];
  readonly mics: Mic[] = [];
  readonly codecs: Codec[] = [];
  readonly infos: SimDeviceInfo[] = [];
  private readonly byId = new Map<string, SimDevice>();
  private readonly stacksBySiteName = new Map<string, Stack>();

  constructor(ctx: SimContext, site: ResolvedSite) {
    for (const subnet of site.subnets) {
      const where = { subnet: subnet.cidr, nic: subnet.name };
      for (const spec of subnet.stacks) {
        const stack = new Stack(ctx, spec);
        this.stacks.push(stack);
        this.stacksBySiteName.set(spec.name, stack);
        for (const box of stack.boxes) {
          this.add(box, boxInfo(box, where));
          for (const p of box.peripherals) this.add(p, peripheralInfo(p, where));
        }
      }
      for (const spec of subnet.mics) {
        const mic = new Mic(ctx, spec);
        this.mics.push(mic);
        this.add(mic, endpointInfo(mic, where));
      }
      for (const spec of subnet.codecs) {
        const codec = new Codec(ctx, spec);
        this.codecs.push(codec);
        this.add(codec, endpointInfo(codec, where));
      }
    }
  }

  private add(device: SimDevice, info: SimDeviceInfo): void {
    this.byId.set(device.id, device);
    this.infos.push(info);
  }

  get boxes(): Box[] {
    return this.stacks.flatMap((s) => s.boxes);
  }

  /** Everything with a listening socket. */
  netDevices(): NetDevice[] {
    return [...this.boxes, ...this.mics, ...this.codecs];
  }

  device(id: string): SimDevice | undefined {
    return this.byId.get(id);
  }

  stack(name: string): Stack | undefined {
    return this.stacksBySiteName.get(name) ?? this.stacks.find((s) => s.name === name);
  }

  /** A device id or a stack name (as in the site file, or as renamed by a configuration load). */
  target(idOrStack: string): (FaultTarget & { kind: DeviceKind | 'stack' }) | undefined {
    return this.device(idOrStack) ?? this.stack(idOrStack);
  }

  /** Like `target`, throwing SIM_UNKNOWN_TARGET. */
  requireTarget(idOrStack: string): FaultTarget & { kind: DeviceKind | 'stack' } {
    const t = this.target(idOrStack);
    if (!t) throw new SimError(SimErrorCode.UnknownTarget, `no device or stack "${idOrStack}"`);
    return t;
  }

  /** Every fault target: stacks first, then devices. */
  targets(): { name: string; target: FaultTarget }[] {
    return [
      ...[...this.stacksBySiteName].map(([name, target]) => ({ name, target })),
      ...[...this.byId].map(([name, target]) => ({ name, target })),
    ];
  }
}

interface Where {
  subnet: string;
  nic: string;
}

function boxInfo(box: Box, where: Where): SimDeviceInfo {
  return {
    id: box.id,
    kind: 'box',
    family: deviceModels[box.model].family,
    model: box.model,
    name: box.name,
    ip: box.ip,
    port: box.port,
    ftpPort: box.ftpPort,
    ...where,
    get stack() {
      return box.stack.name;
    },
    clink: clinkLabel(box.clink),
    plink: null,
    hostId: null,
    serial: box.serial,
    get firmware() {
      return box.firmware;
    },
    get credentials() {
      return { ...box.stack.credentials };
    },
    get reachable() {
      return box.reachable;
    },
  };
}

function peripheralInfo(p: Peripheral, where: Where): SimDeviceInfo {
  const host = p.host;
  return {
    id: p.id,
    kind: 'peripheral',
    family: 'plink',
    model: p.model,
    name: `${host.name} P-Link ${plinkLabel(p.index)}`,
    ip: host.ip,
    port: null,
    ftpPort: null,
    ...where,
    get stack() {
      return host.stack.name;
    },
    clink: clinkLabel(host.clink),
    plink: plinkLabel(p.index),
    hostId: host.id,
    serial: p.serial,
    firmware: p.firmware,
    get credentials() {
      return { ...host.stack.credentials };
    },
    get reachable() {
      return p.online;
    },
  };
}

function endpointInfo(d: Mic | Codec, where: Where): SimDeviceInfo {
  return {
    id: d.id,
    kind: d.kind,
    family: deviceModels[d.model].family,
    model: d.model,
    name: d.name,
    ip: d.ip,
    port: d.port,
    ftpPort: null,
    ...where,
    stack: null,
    clink: null,
    plink: null,
    hostId: null,
    serial: d.serial,
    firmware: d.firmware,
    credentials: null,
    get reachable() {
      return d.reachable;
    },
  };
}
