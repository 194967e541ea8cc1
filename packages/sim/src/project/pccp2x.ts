import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { gainLimits, unescapeXml } from '@crosspoint/protocol';
import { SimError, SimErrorCode } from '../errors.ts';

/**
 * The CONSOLE AI project file `.PCCP2X`: a ZIP holding one UTF-8 (with BOM) XML file of the same
 * name, `<Root Version="9"><CFileContainer><FileContainer … ApplicationID="2">` around a
 * `Kernel_Kernel` with macros, `StackSettingsObj_StackSettings` and one `TimpDeviceProps` per box
 * [C PD2 docs/ClearOne-Sample.PCCP2X]. Only the fields the simulator uses are written and read.
 */
export interface ProjectBox {
  name: string;
  serial: string;
  model: string;
  firmware: string;
}
/** One end point's LEVEL block as the project keeps it (only levels that differ from the defaults). */
export interface ProjectLevel {
  ept: string;
  epn: string;
  gain: number;
  mute: boolean;
  minGain: number;
  maxGain: number;
}
/** One VoIP user agent line's provisioning (its password is kept too, like the stack's login). */
export interface ProjectVoipLine {
  box: string;
  line: number;
  enabled: boolean;
  user: string;
  password: string;
  registrar: string;
}
export interface Project {
  stackName: string;
  username: string;
  password: string;
  safetyMute: boolean;
  locateTimeoutS: number;
  macros: Record<string, string[]>;
  boxes: ProjectBox[];
  /** Channel levels (gain, mute, limits) that differ from the defaults; absent → all at defaults. */
  levels?: ProjectLevel[];
  /** Alias → `EPT EPN` (e.g. `SPKR_ZN_1` → `OUTPUT 101`). */
  aliases?: Record<string, string>;
  voip?: ProjectVoipLine[];
}

/** Upper bounds against hostile files (zip bombs, huge XML). */
export const maxProjectZipBytes = 32 * 1024 * 1024;
export const maxProjectXmlBytes = 64 * 1024 * 1024;

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const attrs = (pairs: Record<string, string | number>): string =>
  Object.entries(pairs)
    .map(([k, v]) => `${k}="${escapeXml(String(v))}"`)
    .join(' ');

export function projectXml(p: Project): string {
  const macros = Object.entries(p.macros)
    .map(
      ([name, lines]) =>
        `<Macros_Macro ${attrs({ Name: name })}>${lines.map((l) => `<Command ${attrs({ Text: l })}/>`).join('')}</Macros_Macro>`,
    )
    .join('');
  const boxes = p.boxes
    .map(
      (b) =>
        `<TimpDeviceProps ${attrs({ Name: b.name, SerialNumber: b.serial, ProductID: b.model, HostDSPVersion: b.firmware, TelnetPort: 0 })}/>`,
    )
    .join('');
  const levels = (p.levels ?? [])
    .map(
      (l) =>
        `<Channels_Level ${attrs({ EPT: l.ept, EPN: l.epn, Gain: l.gain, Mute: l.mute ? 1 : 0, MinGain: l.minGain, MaxGain: l.maxGain })}/>`,
    )
    .join('');
  const aliases = Object.entries(p.aliases ?? {})
    .map(([name, target]) => `<Aliases_Alias ${attrs({ Name: name, Target: target })}/>`)
    .join('');
  const voip = (p.voip ?? [])
    .map(
      (v) =>
        `<Voip_UaLine ${attrs({ Box: v.box, Line: v.line, Enabled: v.enabled ? 1 : 0, User: v.user, Password: v.password, Registrar: v.registrar })}/>`,
    )
    .join('');
  const settings = attrs({
    Password: p.password,
    SafetyMute: p.safetyMute ? 1 : 0,
    StackName: p.stackName,
    UserName: p.username,
  });
  return (
    '\uFEFF<?xml version="1.0" encoding="utf-8"?>' +
    `<Root Version="9"><CFileContainer><FileContainer ${attrs({ FileName: p.stackName, ApplicationID: 2 })}>` +
    `<Kernel_Kernel ${attrs({ StackName: p.stackName, LocateTimeout: p.locateTimeoutS })}>` +
    `<StackSettingsObj_StackSettings ${settings}/>${macros}${boxes}${levels}${aliases}${voip}` +
    '</Kernel_Kernel></FileContainer></CFileContainer></Root>'
  );
}

/** The .PCCP2X bytes of a project (a ZIP with one XML entry named like the project). */
export function buildProject(p: Project): Uint8Array {
  const name = `${p.stackName}.PCCP2X`;
  return zipSync({ [name]: strToU8(projectXml(p)) }, { level: 6 });
}

function attributesOf(xml: string, element: string): Record<string, string> | undefined {
  const m = new RegExp(`<${element}\\b([^>]*?)/?>`).exec(xml);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const a of (m[1] ?? '').matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g))
    out[a[1] ?? ''] = unescapeXml(a[2] ?? '');
  return out;
}

const bad = (why: string): SimError =>
  new SimError(SimErrorCode.BadProject, `not a usable .PCCP2X project: ${why}`);

/** Reads the fields the simulator uses from .PCCP2X bytes; throws SimError SIM_BAD_PROJECT. */
export function readProject(bytes: Uint8Array): Project {
  if (bytes.length > maxProjectZipBytes) throw bad('file too large');
  let files: Record<string, Uint8Array>;
  try {
    let total = 0;
    files = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (total > maxProjectXmlBytes) throw bad('content too large');
        return true;
      },
    });
  } catch (e) {
    throw e instanceof SimError ? e : bad('not a ZIP archive');
  }
  const entries = Object.values(files);
  if (entries.length !== 1 || !entries[0])
    throw bad(`expected one file in the archive, found ${entries.length}`);
  const xml = strFromU8(entries[0]).replace(/^\uFEFF/, '');
  if (!/<Root\b/.test(xml)) throw bad('no <Root> element');
  const settings = attributesOf(xml, 'StackSettingsObj_StackSettings');
  const kernel = attributesOf(xml, 'Kernel_Kernel');
  if (!settings || !kernel) throw bad('no stack settings');
  const token = /^[A-Za-z0-9_.-]{1,64}$/;
  const secret = /^\S{1,64}$/;
  const stackName = settings.StackName ?? kernel.StackName ?? '';
  if (!token.test(stackName)) throw bad(`stack name "${stackName}" is not usable`);
  if (!secret.test(settings.UserName ?? '') || !secret.test(settings.Password ?? ''))
    throw bad('credentials missing');
  const locate = Number(kernel.LocateTimeout ?? '30');
  const macros: Record<string, string[]> = {};
  for (const m of xml.matchAll(/<Macros_Macro\b([^>]*?)(?:\/>|>([\s\S]*?)<\/Macros_Macro>)/g)) {
    const name = /Name="([^"]*)"/.exec(m[1] ?? '')?.[1];
    if (!name || !token.test(name)) continue;
    macros[name] = [...(m[2] ?? '').matchAll(/<Command\b[^>]*Text="([^"]*)"/g)].map((c) =>
      unescapeXml(c[1] ?? ''),
    );
  }
  const each = (element: string): Record<string, string>[] =>
    [...xml.matchAll(new RegExp(`<${element}\\b([^>]*?)\\/?>`, 'g'))].map(
      (m) => attributesOf(`<X${m[1] ?? ''}>`, 'X') ?? {},
    );
  const num = (v: string | undefined, fallback: number): number => {
    const n = Number(v);
    return v !== undefined && Number.isFinite(n) ? n : fallback;
  };
  const levels = each('Channels_Level')
    .filter((a) => /^[A-Z_]{2,12}$/.test(a.EPT ?? '') && /^\d{3,4}$/.test(a.EPN ?? ''))
    .map((a) => ({
      ept: a.EPT ?? '',
      epn: a.EPN ?? '',
      gain: num(a.Gain, 0),
      mute: a.Mute === '1',
      minGain: num(a.MinGain, gainLimits.min),
      maxGain: num(a.MaxGain, gainLimits.max),
    }));
  const aliases = Object.fromEntries(
    each('Aliases_Alias')
      .filter((a) => token.test(a.Name ?? '') && /^[A-Z_]{2,12} \d{3,4}$/i.test(a.Target ?? ''))
      .map((a) => [a.Name ?? '', a.Target ?? '']),
  );
  const voip = each('Voip_UaLine')
    .filter((a) => num(a.Line, 0) >= 1)
    .map((a) => ({
      box: a.Box ?? '',
      line: num(a.Line, 1),
      enabled: a.Enabled === '1',
      user: a.User ?? '',
      password: a.Password ?? '',
      registrar: a.Registrar ?? '',
    }));
  const boxes = [...xml.matchAll(/<TimpDeviceProps\b([^>]*?)\/?>/g)].map((m) => {
    const a = attributesOf(`<X${m[1] ?? ''}>`, 'X') ?? {};
    return {
      name: a.Name ?? '',
      serial: a.SerialNumber ?? '',
      model: a.ProductID ?? '',
      firmware: a.HostDSPVersion ?? '',
    };
  });
  return {
    stackName,
    username: settings.UserName ?? '',
    password: settings.Password ?? '',
    safetyMute: settings.SafetyMute === '1',
    locateTimeoutS: Number.isFinite(locate) && locate > 0 ? locate : 30,
    macros,
    boxes,
    levels,
    aliases,
    voip,
  };
}
