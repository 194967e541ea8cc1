import {
  alertWords,
  at,
  statusIn,
  subjectPrefix,
  type AlertEvent,
  type AlertMessage,
  type AlertMessageParams,
} from './alert-templates.ts';
import { digestEnglish, digestWords } from './digest-words.ts';

/**
 * Grouped alert messages (docs/alerts.md, "Grouped messages"): one message for the devices whose
 * alerts one rule sends one recipient close together — how many, which (the first `listed`, then
 * "… and K more"), by server and by location, and a link to the device list filtered the same way.
 * Each row of a digest carries its `DigestItem`, written when it was queued.
 */
export interface DigestItem {
  event: AlertEvent;
  language: string;
  organization: string;
  ruleName: string;
  name: string;
  model: string | null;
  /** The device status the rule watches for (not translated). */
  condition: string;
  /** On resolution: the status now. */
  now: string | null;
  since: string;
  resolvedAt: string | null;
  location: string | null;
  server: string | null;
  link: string;
  listLink: string;
}

/** Devices named in a digest; the rest are counted. */
export const digestListed = 20;
/** Servers and locations named in a digest's breakdowns; the rest are counted. */
const breakdownListed = 10;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A row's stored item (jsonb), read defensively. */
export function digestItemOf(v: Record<string, unknown> | null): DigestItem | undefined {
  if (!v || typeof v.name !== 'string' || typeof v.link !== 'string') return undefined;
  const event = v.event === 'repeat' || v.event === 'resolved' ? v.event : 'opened';
  return {
    event,
    language: str(v.language) || 'en',
    organization: str(v.organization),
    ruleName: str(v.ruleName),
    name: v.name,
    model: strOrNull(v.model),
    condition: str(v.condition),
    now: strOrNull(v.now),
    since: str(v.since),
    resolvedAt: strOrNull(v.resolvedAt),
    location: strOrNull(v.location),
    server: strOrNull(v.server),
    link: v.link,
    listLink: str(v.listLink),
  };
}

function counted(values: (string | null)[]): [string, number][] {
  const n = new Map<string, number>();
  for (const v of values) if (v) n.set(v, (n.get(v) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** One message for several devices (two or more items of one group), in the items' language. */
export function renderDigest(
  items: readonly DigestItem[],
  channel: 'email' | 'sms' | 'webhook',
): AlertMessage {
  const first = items[0];
  if (!first) throw new Error('An empty digest.');
  const language = first.language;
  const w = alertWords(language);
  const words = digestWords[language] ?? digestEnglish;
  const numbers = new Intl.NumberFormat(`${language}-u-nu-latn`);
  const plural = new Intl.PluralRules(language);
  const count = (n: number) => words.devices(numbers.format(n), plural.select(n));
  const condition = statusIn(language, first.condition);
  const sorted = [...items].sort((a, b) => a.since.localeCompare(b.since) || a.name.localeCompare(b.name));
  const since = new Date(sorted[0]?.since ?? first.since);
  const devices = count(items.length);
  const subject = `[Crosspoint] ${subjectPrefix(w, first.event, condition)}: ${devices} — ${first.organization}`;
  const headline =
    first.event === 'resolved'
      ? words.back(devices, first.organization, condition)
      : words.are(devices, first.organization, condition, first.event === 'repeat');
  const lines = [
    `${headline}${first.event === 'resolved' ? '' : ` (${words.firstSince(at(since))})`}.`,
    '',
    `${w.organization}: ${first.organization}`,
    `${w.rule}: ${first.ruleName}`,
  ];
  const breakdown = (title: string, values: (string | null)[]) => {
    const rows = counted(values);
    if (rows.length === 0) return;
    lines.push('', `${title}:`);
    for (const [name, n] of rows.slice(0, breakdownListed)) lines.push(`  ${name}: ${numbers.format(n)}`);
    if (rows.length > breakdownListed)
      lines.push(`  ${words.more(numbers.format(rows.length - breakdownListed))}`);
  };
  breakdown(
    words.byServer,
    items.map((i) => i.server),
  );
  breakdown(
    words.byLocation,
    items.map((i) => i.location),
  );
  lines.push('');
  for (const i of sorted.slice(0, digestListed)) {
    const what = [i.model, i.location].filter(Boolean).join(', ');
    const now = i.now ? ` → ${statusIn(language, i.now)}` : '';
    lines.push(`  • ${i.name}${what ? ` (${what})` : ''}${now}: ${i.link}`);
  }
  if (items.length > digestListed) lines.push(`  ${words.more(numbers.format(items.length - digestListed))}`);
  lines.push('', `${words.openList}: ${first.listLink}`);
  if (channel === 'email') lines.push('', '--', w.footer(first.organization, channel));
  const sms =
    first.event === 'resolved'
      ? `Crosspoint: ${w.smsResolved}: ${headline}. ${first.listLink}`
      : `Crosspoint: ${headline} ${w.since({ subjectType: 'device' } as AlertMessageParams, `${since.toISOString().slice(11, 16)} UTC`)}. ${first.listLink}`;
  return { subject, text: lines.join('\n'), sms };
}

/**
 * A chat webhook's digest (Slack, Teams): the event as our JSON would carry it, for the chat
 * formats to show — its title the digest's subject, the devices as one fact, the list as the link.
 */
export function digestPayload(items: readonly DigestItem[], occurredAt: Date): Record<string, unknown> {
  const first = items[0];
  if (!first) throw new Error('An empty digest.');
  const m = renderDigest(items, 'webhook');
  const names = items.slice(0, 10).map((i) => i.name);
  const more = items.length - names.length;
  return {
    type: `incident.${first.event === 'repeat' ? 'repeated' : first.event}`,
    occurredAt: occurredAt.toISOString(),
    organization: { name: first.organization },
    rule: { name: first.ruleName },
    incident: {
      state: first.event === 'resolved' ? 'resolved' : 'open',
      condition: first.condition,
      subject: { name: `${names.join(', ')}${more > 0 ? ` … (+${String(more)})` : ''}` },
      startedAt: [...items].map((i) => i.since).sort()[0],
      link: first.listLink,
    },
    devices: items.length,
    summary: m.subject.replace(/^\[Crosspoint\] /, ''),
  };
}
