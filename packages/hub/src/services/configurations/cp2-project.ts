import { strFromU8, unzipSync } from 'fflate';
import { unescapeXml, type ConfigurationSection } from '@crosspoint/protocol';

/**
 * A CONVERGE Pro 2 project (.PCCP2X: a ZIP holding one XML file, devices.md §4) read into sections
 * people can compare: the stack's settings, its boxes, channel levels, routing (matrix crosspoints),
 * VoIP lines, presets, macros and aliases. Each row has a stable key, so two versions compare row by
 * row. Passwords are never shown: only whether they are set (and, in a comparison, that one changed).
 */

/** Upper bounds against hostile files (a zip bomb, a huge XML). */
const maxZipBytes = 32 * 1024 * 1024;
const maxXmlBytes = 64 * 1024 * 1024;

function attributes(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of raw.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) out[a[1] ?? ''] = unescapeXml(a[2] ?? '');
  return out;
}

/** Every `<element …>` of the XML: its attributes and, when it has children, its inner XML. */
function elements(xml: string, element: string): { a: Record<string, string>; inner: string }[] {
  const re = new RegExp(`<${element}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${element}>)`, 'g');
  return [...xml.matchAll(re)].map((m) => ({ a: attributes(m[1] ?? ''), inner: m[2] ?? '' }));
}

/** The XML inside .PCCP2X bytes, or undefined when they are not a project. */
export function projectXmlOf(bytes: Uint8Array): string | undefined {
  if (bytes.length > maxZipBytes || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return undefined;
  try {
    let total = 0;
    const files = Object.entries(
      unzipSync(bytes, {
        filter: (f) => {
          total += f.originalSize;
          if (total > maxXmlBytes) throw new Error('too large');
          return true;
        },
      }),
    ).filter(([n]) => !n.endsWith('/'));
    if (files.length !== 1) return undefined;
    const xml = strFromU8(files[0]?.[1] ?? new Uint8Array()).replace(/^\uFEFF/, '');
    return /<Root\b/.test(xml) ? xml : undefined;
  } catch {
    return undefined;
  }
}

const db = (v: string | undefined): string => (v === undefined || v === '' ? '—' : `${v} dB`);
const onOff = (v: string | undefined): string => (v === '1' || v === 'true' ? 'on' : 'off');
const secret = (v: string | undefined): string => (v ? `set (${fingerprint(v)})` : 'not set');

/** A short, stable stand-in for a secret: equal secrets compare equal, the secret is not shown. */
function fingerprint(v: string): string {
  let h = 2166136261;
  for (let i = 0; i < v.length; i++) h = Math.imul(h ^ v.charCodeAt(i), 16777619);
  return `#${(h >>> 0).toString(16).padStart(8, '0').slice(0, 4)}`;
}

const commandsOf = (inner: string): string =>
  elements(inner, 'Command')
    .map((c) => c.a.Text ?? '')
    .join('; ') || '(empty)';

/** Reads a project's XML into sections (rows in a stable order). */
export function readCp2Project(xml: string): ConfigurationSection[] {
  const settings = elements(xml, 'StackSettingsObj_StackSettings')[0]?.a ?? {};
  const kernel = elements(xml, 'Kernel_Kernel')[0]?.a ?? {};
  const row = (key: string, label: string, value: string) => ({ key, label, value });
  const stack = [
    row('stack.name', 'Stack name', settings.StackName ?? kernel.StackName ?? '—'),
    row('stack.username', 'User name', settings.UserName ?? '—'),
    row('stack.password', 'Password', secret(settings.Password)),
    row('stack.safetyMute', 'Safety mute', onOff(settings.SafetyMute)),
    row('stack.locateTimeout', 'Locate timeout', kernel.LocateTimeout ? `${kernel.LocateTimeout} s` : '—'),
  ];
  const boxes = elements(xml, 'TimpDeviceProps').flatMap(({ a }) => {
    const name = a.Name ?? '?';
    return [
      row(`box.${name}.model`, `${name} model`, a.ProductID ?? '—'),
      row(`box.${name}.serial`, `${name} serial number`, a.SerialNumber ?? '—'),
      row(`box.${name}.firmware`, `${name} firmware`, a.HostDSPVersion ?? '—'),
    ];
  });
  const channels = elements(xml, 'Channels_Level')
    .map(({ a }) => ({ a, id: `${a.EPT ?? '?'} ${a.EPN ?? '?'}` }))
    .sort((x, y) => x.id.localeCompare(y.id, 'en', { numeric: true }))
    .flatMap(({ a, id }) => [
      row(`channel.${id}.gain`, `${id} gain`, db(a.Gain)),
      row(`channel.${id}.mute`, `${id} mute`, onOff(a.Mute)),
      row(`channel.${id}.minGain`, `${id} minimum gain`, db(a.MinGain)),
      row(`channel.${id}.maxGain`, `${id} maximum gain`, db(a.MaxGain)),
    ]);
  const routing = elements(xml, 'Matrix_Crosspoint').map(({ a }) => {
    const id = `${a.In ?? '?'} → ${a.Out ?? '?'}`;
    return row(`route.${id}`, id, a.On === '0' ? 'off' : `on${a.Gain ? `, ${db(a.Gain)}` : ''}`);
  });
  const voip = elements(xml, 'Voip_UaLine').flatMap(({ a }) => {
    const id = `${a.Box ?? '?'} line ${a.Line ?? '?'}`;
    return [
      row(`voip.${id}.enabled`, `${id} enabled`, onOff(a.Enabled)),
      row(`voip.${id}.user`, `${id} user`, a.User || '—'),
      row(`voip.${id}.registrar`, `${id} SIP server`, a.Registrar || '—'),
      row(`voip.${id}.password`, `${id} password`, secret(a.Password)),
    ];
  });
  const named = (element: string, prefix: string) =>
    elements(xml, element)
      .filter((e) => e.a.Name)
      .map((e) => row(`${prefix}.${e.a.Name ?? ''}`, e.a.Name ?? '', commandsOf(e.inner)))
      .sort((x, y) => x.key.localeCompare(y.key));
  const aliases = elements(xml, 'Aliases_Alias')
    .map(({ a }) => row(`alias.${a.Name ?? ''}`, a.Name ?? '', a.Target ?? '—'))
    .sort((x, y) => x.key.localeCompare(y.key));
  return [
    { id: 'stack', rows: stack },
    { id: 'boxes', rows: boxes },
    { id: 'channels', rows: channels },
    { id: 'routing', rows: routing },
    { id: 'voip', rows: voip },
    { id: 'presets', rows: named('Presets_Preset', 'preset') },
    { id: 'macros', rows: named('Macros_Macro', 'macro') },
    { id: 'aliases', rows: aliases },
  ];
}
