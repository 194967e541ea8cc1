import {
  cp2EndpointTypes,
  defaultCredentials,
  defaultLocateTimeoutS,
  deviceModels,
  maxBeamformersPerChain,
  parseCp2Request,
  simTelnetPort,
  bma360dPort,
  type Cp2LineEnding,
  type DeviceModelCode,
} from '@crosspoint/protocol';
import { seededRandom, randomMac, randomSerial, type Random } from '../prng.ts';
import type { SimProblem } from '../errors.ts';
import type { SiteBox, SiteFile, SiteStack, SiteTelnetOptions } from './schema.ts';

/** A site with every default filled in and every address assigned: what the simulator runs. */
export interface ResolvedSite {
  name: string;
  seed: number;
  port: number;
  preferPort23: boolean;
  ftpPort: number;
  micPort: number;
  videoPort: number;
  subnets: ResolvedSubnet[];
}
export interface ResolvedSubnet {
  name: string;
  cidr: string;
  stacks: ResolvedStack[];
  mics: ResolvedMic[];
  codecs: ResolvedCodec[];
}
export interface ResolvedStack {
  name: string;
  username: string;
  password: string;
  safetyMute: boolean;
  locateTimeoutS: number;
  configured: boolean;
  aliases: Record<string, string>;
  macros: Record<string, string[]>;
  boxes: ResolvedBox[];
}
export interface TelnetBehaviour {
  negotiate: boolean;
  echo: boolean;
  lineEnding: Cp2LineEnding;
}
export interface ResolvedVoipLine {
  line: number;
  enabled: boolean;
  user: string;
  password: string;
  registrar: string;
}
export interface ResolvedBox {
  id: string;
  name: string;
  model: DeviceModelCode;
  /** 0-based position on C-Link (shown as "C-Link 00"); the box number in EPNs is clink + 1. */
  clink: number;
  ip: string;
  serial: string;
  firmware: string;
  mac: string;
  temperatureC: number;
  ftpEnabled: boolean;
  telnet: TelnetBehaviour;
  voip: ResolvedVoipLine[];
  plink: ResolvedPeripheral[];
}
export interface ResolvedPeripheral {
  id: string;
  model: DeviceModelCode;
  /** 1-based P-Link index on its host box ("P-Link 01"). */
  index: number;
  chain: number;
  longDistance: boolean;
  serial: string;
  firmware: string;
}
export interface ResolvedMic {
  id: string;
  name: string;
  ip: string;
  serial: string;
  firmware: string;
  mac: string;
}
export interface ResolvedCodec extends ResolvedMic {
  model: DeviceModelCode;
  csRegistered: boolean;
}

const firstHost = 10;

/** Assigns addresses within one /24, remembering which are taken across the whole site. */
class AddressBook {
  private readonly taken = new Set<string>();
  private readonly next = new Map<string, number>();
  constructor(private readonly problems: SimProblem[]) {}

  claim(ip: string, prefix: string, path: string): void {
    const octets = ip.split('.').map(Number);
    if (octets.some((o) => o > 255) || octets[3] === 0 || octets[3] === 255)
      this.problems.push({ path, message: `${ip} is not a usable host address` });
    else if (!ip.startsWith(`${prefix}.`))
      this.problems.push({ path, message: `${ip} is outside subnet ${prefix}.0/24` });
    else if (this.taken.has(ip)) this.problems.push({ path, message: `address ${ip} is used twice` });
    this.taken.add(ip);
  }

  assign(prefix: string, path: string): string {
    let host = this.next.get(prefix) ?? firstHost;
    while (host < 255 && this.taken.has(`${prefix}.${host}`)) host++;
    this.next.set(prefix, host + 1);
    if (host >= 255) {
      this.problems.push({ path, message: `subnet ${prefix}.0/24 has no free address left` });
      return `${prefix}.254`;
    }
    const ip = `${prefix}.${host}`;
    this.taken.add(ip);
    return ip;
  }
}

class Resolver {
  readonly problems: SimProblem[] = [];
  private readonly ids = new Set<string>();
  private readonly stackNames = new Set<string>();
  private readonly book = new AddressBook(this.problems);
  private readonly rnd: Random;
  private readonly telnet: TelnetBehaviour;

  constructor(private readonly site: SiteFile) {
    this.rnd = seededRandom(site.seed ?? 1);
    this.telnet = mergeTelnet({ negotiate: true, echo: false, lineEnding: 'crlf' }, site.telnet);
  }

  resolve(): ResolvedSite {
    const s = this.site;
    const cidrs = new Set<string>();
    // Explicit addresses first, so automatic ones never collide with them.
    s.subnets.forEach((sub, i) => {
      const prefix = sub.cidr.slice(0, -'.0/24'.length);
      if (prefix.split('.').some((o) => Number(o) > 255))
        this.problem(`/subnets/${i}/cidr`, `${sub.cidr} is not valid`);
      if (cidrs.has(sub.cidr)) this.problem(`/subnets/${i}/cidr`, `subnet ${sub.cidr} is listed twice`);
      cidrs.add(sub.cidr);
      sub.stacks?.forEach((st, j) =>
        st.boxes.forEach((b, k) => {
          if (b.ip) this.book.claim(b.ip, prefix, `/subnets/${i}/stacks/${j}/boxes/${k}/ip`);
        }),
      );
      sub.mics?.forEach((m, j) => m.ip && this.book.claim(m.ip, prefix, `/subnets/${i}/mics/${j}/ip`));
      sub.codecs?.forEach((c, j) => c.ip && this.book.claim(c.ip, prefix, `/subnets/${i}/codecs/${j}/ip`));
    });
    const subnets = s.subnets.map((sub, i): ResolvedSubnet => {
      const prefix = sub.cidr.slice(0, -'.0/24'.length);
      const at = `/subnets/${i}`;
      return {
        name: sub.name,
        cidr: sub.cidr,
        stacks: (sub.stacks ?? []).map((st, j) => this.stack(st, prefix, `${at}/stacks/${j}`)),
        mics: (sub.mics ?? []).map((m, j) => ({
          id: this.id(m.id ?? m.name, `${at}/mics/${j}`),
          name: m.name,
          ip: m.ip ?? this.book.assign(prefix, `${at}/mics/${j}`),
          serial: m.serial ?? randomSerial(this.rnd),
          firmware: m.firmware ?? deviceModels.BMA360D.firmware,
          mac: m.mac ?? randomMac(this.rnd),
        })),
        codecs: (sub.codecs ?? []).map((c, j) => ({
          id: this.id(c.id ?? c.name, `${at}/codecs/${j}`),
          name: c.name,
          model: c.model,
          ip: c.ip ?? this.book.assign(prefix, `${at}/codecs/${j}`),
          serial: c.serial ?? randomSerial(this.rnd),
          firmware: c.firmware ?? deviceModels[c.model].firmware,
          mac: c.mac ?? randomMac(this.rnd),
          csRegistered: c.csRegistered ?? true,
        })),
      };
    });
    for (const name of this.stackNames) {
      if (this.ids.has(name)) this.problem('/subnets', `stack name "${name}" is also a device id`);
    }
    return {
      name: s.name ?? 'Simulated site',
      seed: s.seed ?? 1,
      port: s.port ?? simTelnetPort,
      preferPort23: s.preferPort23 ?? false,
      ftpPort: s.ftpPort ?? 2121,
      micPort: s.micPort ?? bma360dPort,
      videoPort: s.videoPort ?? 8080,
      subnets,
    };
  }

  private problem(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  private id(id: string, path: string): string {
    if (this.ids.has(id)) this.problem(path, `device id "${id}" is used twice`);
    this.ids.add(id);
    return id;
  }

  private stack(st: SiteStack, prefix: string, at: string): ResolvedStack {
    if (this.stackNames.has(st.name)) this.problem(`${at}/name`, `stack name "${st.name}" is used twice`);
    this.stackNames.add(st.name);
    const boxNames = new Set<string>();
    const boxes = st.boxes.map((b, k) => {
      if (boxNames.has(b.name))
        this.problem(`${at}/boxes/${k}/name`, `box name "${b.name}" is used twice in the stack`);
      boxNames.add(b.name);
      return this.box(st, b, k, prefix, `${at}/boxes/${k}`);
    });
    const aliases = st.aliases ?? {};
    for (const [alias, target] of Object.entries(aliases)) {
      const ept = target.split(' ')[0]?.toUpperCase() ?? '';
      if (!(cp2EndpointTypes as readonly string[]).includes(ept))
        this.problem(`${at}/aliases/${alias}`, `"${target}" does not name an end point type`);
    }
    const macros = st.macros ?? defaultMacros;
    for (const [name, lines] of Object.entries(macros)) {
      lines.forEach((line, i) => {
        const req = parseCp2Request(line);
        if (req?.name !== 'level' && req?.name !== 'levelAlias')
          this.problem(`${at}/macros/${name}/${i}`, `"${line}" is not an EP … LEVEL command`);
      });
    }
    return {
      name: st.name,
      username: st.username ?? defaultCredentials.username,
      password: st.password ?? defaultCredentials.password,
      safetyMute: st.safetyMute ?? false,
      locateTimeoutS: st.locateTimeoutS ?? defaultLocateTimeoutS,
      configured: st.configured ?? true,
      aliases,
      macros,
      boxes,
    };
  }

  private box(st: SiteStack, b: SiteBox, clink: number, prefix: string, at: string): ResolvedBox {
    const model = b.model;
    const info = deviceModels[model];
    const id = this.id(b.id ?? `${st.name}.${b.name}`, `${at}/id`);
    const lines = new Map<number, ResolvedVoipLine>();
    for (const [i, l] of (b.voip ?? []).entries()) {
      if (l.line > info.voipLines)
        this.problem(`${at}/voip/${i}`, `${model} has ${info.voipLines} VoIP lines`);
      if (lines.has(l.line)) this.problem(`${at}/voip/${i}`, `line ${l.line} is listed twice`);
      lines.set(l.line, {
        line: l.line,
        enabled: l.enabled ?? true,
        user: l.user,
        password: l.password ?? 'sip',
        registrar: l.registrar,
      });
    }
    if (!b.voip && info.voipLines > 0)
      lines.set(1, {
        line: 1,
        enabled: true,
        user: `${b.name}-1`,
        password: 'sip',
        registrar: 'pbx.sim.local',
      });
    const voip = Array.from({ length: info.voipLines }, (_, i) => lines.get(i + 1) ?? disabledLine(i + 1));
    const plink: ResolvedPeripheral[] = [];
    (b.plink ?? []).forEach((chain, c) => {
      const beamformers = chain.devices.filter((d) => deviceModels[d.model].beamformer).length;
      if (beamformers > maxBeamformersPerChain)
        this.problem(
          `${at}/plink/${c}`,
          `a P-Link chain holds at most ${maxBeamformersPerChain} beamforming mics`,
        );
      chain.devices.forEach((d, k) => {
        const index = plink.length + 1;
        plink.push({
          id: this.id(d.id ?? `${id}.p${String(index).padStart(2, '0')}`, `${at}/plink/${c}/devices/${k}`),
          model: d.model,
          index,
          chain: c + 1,
          longDistance: chain.longDistance ?? false,
          serial: d.serial ?? randomSerial(this.rnd),
          firmware: d.firmware ?? deviceModels[d.model].firmware,
        });
      });
    });
    return {
      id,
      name: b.name,
      model,
      clink,
      ip: b.ip ?? this.book.assign(prefix, at),
      serial: b.serial ?? randomSerial(this.rnd),
      firmware: b.firmware ?? info.firmware,
      mac: b.mac ?? randomMac(this.rnd),
      temperatureC: b.temperatureC ?? 38 + Math.round(this.rnd() * 12),
      ftpEnabled: b.ftpEnabled ?? false,
      telnet: mergeTelnet(this.telnet, b.telnet),
      voip,
      plink,
    };
  }
}

const disabledLine = (line: number): ResolvedVoipLine => ({
  line,
  enabled: false,
  user: '',
  password: '',
  registrar: '',
});

function mergeTelnet(base: TelnetBehaviour, o: SiteTelnetOptions | undefined): TelnetBehaviour {
  return {
    negotiate: o?.negotiate ?? base.negotiate,
    echo: o?.echo ?? base.echo,
    lineEnding: o?.lineEnding ?? base.lineEnding,
  };
}

/** Macro names of the sample project [C PD2 PCCP2X]; their content is ours [G]. */
export const defaultMacros: Record<string, string[]> = {
  SYSON: ['EP OUTPUT 101 LEVEL MUTE 0'],
  SYSOFF: ['EP OUTPUT 101 LEVEL MUTE 1'],
  DEFAULT: ['EP OUTPUT 101 LEVEL GAIN 0', 'EP OUTPUT 101 LEVEL MUTE 0'],
};

/** Fills defaults and checks what the schema cannot (unique names/ids/addresses, chain rules). */
export function resolveSite(site: SiteFile): { site: ResolvedSite; problems: SimProblem[] } {
  const r = new Resolver(site);
  return { site: r.resolve(), problems: r.problems };
}
