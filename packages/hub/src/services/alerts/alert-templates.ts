import { statusNameIn } from '@crosspoint/protocol';
import { alertPhrases, type AlertPhrases } from './alert-words.ts';

/**
 * The words of alert messages (email, SMS, the webhook's summary), per language: English and
 * German here, the other ten of the product's languages in alert-words.ts; a language the hub does
 * not know gets English. Device statuses are named in the recipient's language too. Every message
 * names the organization, what fails since when, and links to it in the web app.
 */
export type AlertEvent = 'opened' | 'repeat' | 'resolved';

export interface AlertMessageParams {
  event: AlertEvent;
  subjectType: 'device' | 'server' | 'organization';
  name: string;
  model?: string | null | undefined;
  /** Device status, 'disconnected', 'monitoring_issue', 'monitoring_off', 'Overflow', 'Expired' or 'Expiring'. */
  condition: string;
  /** On resolution: the device's status now, if known. */
  now?: string | null | undefined;
  organization: string;
  ruleName: string;
  since: Date;
  resolvedAt?: Date | null | undefined;
  where?: string[] | undefined;
  location?: string | null | undefined;
  detail: Record<string, unknown>;
  link: string;
}

export interface AlertMessage {
  subject: string;
  text: string;
  sms: string;
}

export interface Words {
  label(condition: string): string;
  still: string;
  resolvedPrefix: string;
  headline(p: AlertMessageParams): string;
  since(p: AlertMessageParams, at: string): string;
  was(p: AlertMessageParams, from: string, to: string, duration: string): string;
  organization: string;
  device: string;
  where: string;
  location: string;
  rule: string;
  serverFold(down: number, devices: number, folded: number): string;
  hostFold(n: number): string;
  /** A configuration drifted from its approved baseline (condition `configuration_drift`). */
  drift?: (p: AlertMessageParams) => string;
  driftChanges?: (n: number) => string;
  open: string;
  footer(org: string, channel: string): string;
  smsResolved: string;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const en: Words = {
  label: (c) =>
    ({
      disconnected: 'Disconnected',
      monitoring_issue: 'Monitoring Issue',
      monitoring_off: 'Monitoring Off',
      Overflow: 'Plan overflow',
      Expired: 'Plan expired',
      Expiring: 'Plan ending',
      configuration_drift: 'Configuration drifted',
    })[c] ?? c,
  still: 'Still',
  resolvedPrefix: 'Resolved',
  headline: (p) => {
    const back = p.event === 'resolved';
    switch (p.subjectType) {
      case 'device':
        return back
          ? `${p.name} is no longer ${p.condition}${p.now ? ` (now ${p.now})` : ''}`
          : `${p.name} is ${p.event === 'repeat' ? 'still ' : ''}${p.condition}`;
      case 'server':
        if (p.condition === 'disconnected')
          return back
            ? `Server ${p.name} is connected again`
            : `Server ${p.name} is ${p.event === 'repeat' ? 'still ' : ''}disconnected`;
        return back
          ? `The monitoring system of server ${p.name} no longer reports ${p.condition === 'monitoring_off' ? 'Off' : 'Issue'}`
          : `The monitoring system of server ${p.name} ${p.event === 'repeat' ? 'still ' : ''}reports ${p.condition === 'monitoring_off' ? 'Off' : 'Issue'}`;
      case 'organization':
        if (p.condition === 'Overflow') {
          return back
            ? `${p.name} is within its service plan again`
            : `${p.name} uses more Pro Audio devices than its service plan allows (${num(p.detail.devices)} of ${num(p.detail.planMaxDevices)})`;
        }
        if (back) return `The service plan of ${p.name} was extended`;
        return p.condition === 'Expired'
          ? `The service plan of ${p.name} ended on ${str(p.detail.planEnd)}`
          : `The service plan of ${p.name} ends on ${str(p.detail.planEnd)}`;
    }
  },
  since: (p, at) => (p.subjectType === 'organization' ? `(noticed ${at})` : `since ${at}`),
  was: (p, from, to, d) => `It was ${en.label(p.condition)} from ${from} to ${to} (${d}).`,
  organization: 'Organization',
  device: 'Device',
  where: 'Where',
  location: 'Location',
  rule: 'Alert rule',
  serverFold: (down, devices, folded) =>
    `${String(down)} of the ${String(devices)} devices on this server are Down${folded ? `; the alerts of ${String(folded)} of them are folded into this one` : ''}.`,
  hostFold: (n) =>
    `${String(n)} P-Link peripheral${n === 1 ? ' of this box is' : 's of this box are'} down too; their alerts are folded into this one.`,
  drift: (p) =>
    p.event === 'resolved'
      ? `The configuration of ${p.name} matches its baseline again`
      : `The configuration of ${p.name} ${p.event === 'repeat' ? 'still ' : ''}differs from its approved baseline`,
  driftChanges: (n) => `What differs from the baseline (${String(n)} setting${n === 1 ? '' : 's'}):`,
  open: 'Open',
  footer: (org, channel) =>
    `You receive this because alerts of ${org} reach you by ${channel}. Choose your channels in Crosspoint under Settings › Alerts.`,
  smsResolved: 'resolved',
};

const de: Words = {
  label: (c) =>
    ({
      disconnected: 'Getrennt',
      monitoring_issue: 'Überwachung: Issue',
      monitoring_off: 'Überwachung: Off',
      Overflow: 'Planüberschreitung',
      Expired: 'Plan abgelaufen',
      Expiring: 'Plan endet',
      configuration_drift: 'Konfiguration abgewichen',
    })[c] ?? c,
  still: 'Weiterhin',
  resolvedPrefix: 'Behoben',
  headline: (p) => {
    const back = p.event === 'resolved';
    switch (p.subjectType) {
      case 'device':
        return back
          ? `${p.name} ist nicht mehr ${p.condition}${p.now ? ` (jetzt ${p.now})` : ''}`
          : `${p.name} ist ${p.event === 'repeat' ? 'weiterhin ' : ''}${p.condition}`;
      case 'server':
        if (p.condition === 'disconnected')
          return back
            ? `Server ${p.name} ist wieder verbunden`
            : `Server ${p.name} ist ${p.event === 'repeat' ? 'weiterhin ' : ''}getrennt`;
        return back
          ? `Das Überwachungssystem von Server ${p.name} meldet nicht mehr ${p.condition === 'monitoring_off' ? 'Off' : 'Issue'}`
          : `Das Überwachungssystem von Server ${p.name} meldet ${p.event === 'repeat' ? 'weiterhin ' : ''}${p.condition === 'monitoring_off' ? 'Off' : 'Issue'}`;
      case 'organization':
        if (p.condition === 'Overflow') {
          return back
            ? `${p.name} liegt wieder innerhalb des Serviceplans`
            : `${p.name} nutzt mehr Pro-Audio-Geräte, als der Serviceplan erlaubt (${num(p.detail.devices)} von ${num(p.detail.planMaxDevices)})`;
        }
        if (back) return `Der Serviceplan von ${p.name} wurde verlängert`;
        return p.condition === 'Expired'
          ? `Der Serviceplan von ${p.name} ist am ${str(p.detail.planEnd)} abgelaufen`
          : `Der Serviceplan von ${p.name} endet am ${str(p.detail.planEnd)}`;
    }
  },
  since: (p, at) => (p.subjectType === 'organization' ? `(bemerkt ${at})` : `seit ${at}`),
  was: (p, from, to, d) => `Zustand ${de.label(p.condition)} von ${from} bis ${to} (${d}).`,
  organization: 'Organisation',
  device: 'Gerät',
  where: 'Verbindung',
  location: 'Standort',
  rule: 'Alarmregel',
  serverFold: (down, devices, folded) =>
    `${String(down)} von ${String(devices)} Geräten dieses Servers sind Down${folded ? `; die Alarme von ${String(folded)} davon sind in diesem zusammengefasst` : ''}.`,
  hostFold: (n) =>
    `${String(n)} P-Link-Peripheriegerät${n === 1 ? ' dieser Box ist' : 'e dieser Box sind'} ebenfalls ausgefallen; ihre Alarme sind in diesem zusammengefasst.`,
  drift: (p) =>
    p.event === 'resolved'
      ? `Die Konfiguration von ${p.name} entspricht wieder ihrer Baseline`
      : `Die Konfiguration von ${p.name} weicht ${p.event === 'repeat' ? 'weiterhin ' : ''}von ihrer freigegebenen Baseline ab`,
  driftChanges: (n) => `Abweichungen von der Baseline (${String(n)} Einstellung${n === 1 ? '' : 'en'}):`,
  open: 'Öffnen',
  footer: (org, channel) =>
    `Sie erhalten diese Nachricht, weil Alarme von ${org} Sie per ${channel === 'email' ? 'E-Mail' : channel} erreichen. Ihre Kanäle wählen Sie in Crosspoint unter Einstellungen › Alarme.`,
  smsResolved: 'behoben',
};

/** A language's sentences (alert-words.ts) as the renderer's words. */
function wordsOf(ph: AlertPhrases): Words {
  const monitorState = (p: AlertMessageParams) => (p.condition === 'monitoring_off' ? 'Off' : 'Issue');
  const words: Words = {
    label: (c) => (ph.labels as Record<string, string>)[c] ?? c,
    still: ph.still,
    resolvedPrefix: ph.resolvedPrefix,
    headline: (p) => {
      const back = p.event === 'resolved';
      const repeat = p.event === 'repeat';
      switch (p.subjectType) {
        case 'device':
          return back
            ? ph.deviceBack(p.name, p.condition, p.now ?? null)
            : ph.deviceIs(p.name, p.condition, repeat);
        case 'server':
          if (p.condition === 'disconnected')
            return back ? ph.serverBack(p.name) : ph.serverDown(p.name, repeat);
          return back
            ? ph.monitorBack(p.name, monitorState(p))
            : ph.monitorReports(p.name, monitorState(p), repeat);
        case 'organization':
          if (p.condition === 'Overflow') {
            return back
              ? ph.overflowBack(p.name)
              : ph.overflow(p.name, num(p.detail.devices), num(p.detail.planMaxDevices));
          }
          if (back) return ph.planExtended(p.name);
          return p.condition === 'Expired'
            ? ph.planEnded(p.name, str(p.detail.planEnd))
            : ph.planEnds(p.name, str(p.detail.planEnd));
      }
    },
    since: (p, at) => (p.subjectType === 'organization' ? ph.noticed(at) : ph.since(at)),
    was: (p, from, to, d) => ph.was(words.label(p.condition), from, to, d),
    organization: ph.organization,
    device: ph.device,
    where: ph.where,
    location: ph.location,
    rule: ph.rule,
    serverFold: (down, devices, folded) => ph.serverFold(down, devices, folded),
    hostFold: (n) => ph.hostFold(n),
    open: ph.open,
    drift: (p) => (p.event === 'resolved' ? ph.driftBack(p.name) : ph.driftIs(p.name, p.event === 'repeat')),
    driftChanges: (n) => ph.driftChanges(n),
    footer: (org, channel) => ph.footer(org, (ph.channel as Record<string, string>)[channel] ?? channel),
    smsResolved: ph.smsResolved,
  };
  return words;
}

const languages: Record<string, Words> = {
  en,
  de,
  ...Object.fromEntries(Object.entries(alertPhrases).map(([lng, ph]) => [lng, wordsOf(ph)])),
};

/** A language's words (English for a language the hub does not know). */
export const alertWords = (language: string): Words => languages[language] ?? en;

/** A device status in the recipient's language ("Down" → "Ausgefallen"); other conditions as they are. */
export const statusIn = statusNameIn;

export const at = (d: Date): string => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** "45 s", "12 min", "2 h 5 min", "3 d 4 h". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${String(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${String(m)} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${String(h)} h${m % 60 ? ` ${String(m % 60)} min` : ''}`;
  return `${String(Math.floor(h / 24))} d${h % 24 ? ` ${String(h % 24)} h` : ''}`;
}

/** What a subject starts with: "Down", "Still Down", "Resolved: Down". */
export function subjectPrefix(w: Words, event: AlertEvent, condition: string): string {
  const label = w.label(condition);
  return event === 'opened'
    ? label
    : event === 'repeat'
      ? `${w.still} ${label}`
      : `${w.resolvedPrefix}: ${label}`;
}

export function renderAlert(
  language: string,
  p: AlertMessageParams,
  channel: 'email' | 'sms' | 'webhook',
): AlertMessage {
  const w = languages[language] ?? en;
  if (p.subjectType === 'device') {
    p = { ...p, condition: statusIn(language, p.condition), now: p.now ? statusIn(language, p.now) : p.now };
  }
  const subject = `[Crosspoint] ${subjectPrefix(w, p.event, p.condition)}: ${p.name} — ${p.organization}`;
  // Configuration drift (docs/configurations.md): languages without its words use English's.
  const drift = { headline: w.drift ?? en.drift, changes: w.driftChanges ?? en.driftChanges };
  const headline =
    p.condition === 'configuration_drift' && drift.headline ? drift.headline(p) : w.headline(p);
  const first =
    p.event === 'resolved' && p.resolvedAt
      ? `${headline}.\n${w.was(p, at(p.since), at(p.resolvedAt), duration(p.resolvedAt.getTime() - p.since.getTime()))}`
      : `${headline} ${w.since(p, at(p.since))}.`;
  const lines = [first, '', `${w.organization}: ${p.organization}`];
  if (p.subjectType === 'device') lines.push(`${w.device}: ${p.name}${p.model ? ` (${p.model})` : ''}`);
  if (p.where?.length) lines.push(`${w.where}: ${p.where.join(' › ')}`);
  if (p.location) lines.push(`${w.location}: ${p.location}`);
  lines.push(`${w.rule}: ${p.ruleName}`);
  if (p.event !== 'resolved') {
    if (p.subjectType === 'server' && num(p.detail.down) > 0)
      lines.push('', w.serverFold(num(p.detail.down), num(p.detail.devices), num(p.detail.folded)));
    if (p.subjectType === 'device' && num(p.detail.peripheralsFolded) > 0)
      lines.push('', w.hostFold(num(p.detail.peripheralsFolded)));
    const summary = Array.isArray(p.detail.summary) ? p.detail.summary.map(str) : [];
    if (p.condition === 'configuration_drift' && summary.length > 0) {
      const total = Math.max(num(p.detail.changes), summary.length);
      lines.push('', drift.changes?.(total) ?? '', ...summary.map((l) => `  • ${l}`));
      if (total > summary.length) lines.push(`  … (+${String(total - summary.length)})`);
    }
  }
  lines.push('', `${w.open}: ${p.link}`);
  if (channel === 'email') lines.push('', '--', w.footer(p.organization, channel));
  const hhmm = p.since.toISOString().slice(11, 16);
  const sms =
    p.event === 'resolved'
      ? `Crosspoint: ${w.smsResolved}: ${headline} (${p.organization}). ${p.link}`
      : `Crosspoint: ${headline} ${w.since(p, `${hhmm} UTC`)} (${p.organization}). ${p.link}`;
  return { subject, text: lines.join('\n'), sms };
}
