import type { AlertConfigRepository, AlertRuleRecord } from '../../repositories/alert-config.repository.ts';
import type { IncidentRecord, NewDelivery } from '../../repositories/alert-incident.repository.ts';
import type { OrganizationRepository } from '../../repositories/organization.repository.ts';
import { renderAlert, type AlertEvent } from './alert-templates.ts';
import type { DigestItem } from './alert-digest.ts';
import type { Audience, OrgView, Subject, SubjectType } from './alert-subjects.ts';

// Who hears about an incident, and the messages queued for it (email, SMS, signed webhook), each in
// its recipient's language.

export const incidentLink = (publicUrl: string, type: SubjectType, id: string): string =>
  type === 'device'
    ? `${publicUrl}/devices/${id}`
    : type === 'server'
      ? `${publicUrl}/servers`
      : `${publicUrl}/organizations`;

/** Loads, once per evaluation, who hears about this organization's alerts and how. */
export async function audience(
  deps: { orgs: OrganizationRepository; config: AlertConfigRepository },
  view: OrgView,
): Promise<Audience> {
  if (view.audience) return view.audience;
  const chain: string[] = [view.org.id];
  for (let parentId = view.org.parentId; parentId && chain.length < 4;) {
    chain.push(parentId);
    parentId = (await deps.orgs.byId(parentId))?.parentId ?? null;
  }
  const rows = await deps.config.recipients(view.org.id, chain);
  const people = new Map<string, Audience['people'][number]>();
  for (const r of rows) {
    const direct = rows.some((o) => o.userId === r.userId && o.memberOf === view.org.id);
    const email = r.preference ? r.preference.email : direct;
    const sms = (r.preference?.sms ?? false) && r.smsNumber !== null;
    people.set(r.userId, {
      userId: r.userId,
      email: email ? r.email : null,
      sms: sms ? r.smsNumber : null,
      language: r.language,
      mutedRuleIds: new Set(r.preference?.mutedRuleIds ?? []),
    });
  }
  view.audience = {
    people: [...people.values()],
    webhooks: (await deps.config.webhooks(view.org.id)).filter((w) => w.enabled),
  };
  return view.audience;
}

/** The messages of one incident event, one per channel and recipient, in each person's language. */
export function deliveries(
  deps: { publicUrl: string },
  event: AlertEvent,
  rule: AlertRuleRecord,
  incident: IncidentRecord,
  s: Subject,
  view: OrgView,
  nowStatus?: string,
): NewDelivery[] {
  const audience = view.audience;
  if (!audience) return [];
  const eventKey = event === 'repeat' ? `repeat:${String(incident.repeats)}` : event;
  const link = incidentLink(deps.publicUrl, s.type, s.id);
  const params = {
    event,
    subjectType: s.type,
    name: s.name,
    model: s.model,
    condition: s.condition,
    now: nowStatus,
    organization: view.org.name,
    ruleName: rule.name,
    since: incident.startedAt,
    resolvedAt: incident.resolvedAt,
    where: s.where,
    location: s.locationId ? (view.locationNames.get(s.locationId) ?? null) : null,
    detail: s.detail,
    link,
  };
  const base = { orgId: view.org.id, incidentId: incident.id, event: eventKey, nextAttemptAt: view.now };
  // Device status alerts are grouped per rule, event, status, channel and recipient (docs/alerts.md,
  // "Grouped messages"); the item is what a digest lists for this device.
  const grouped = s.type === 'device' && rule.kind === 'device_status';
  const group = (channel: string, recipient: string, language: string) =>
    grouped
      ? {
          groupKey: [rule.id, event, s.condition, channel, recipient].join('|'),
          item: digestItem(deps.publicUrl, event, rule, incident, s, view, language, link, nowStatus),
        }
      : {};
  const out: NewDelivery[] = [];
  for (const p of audience.people) {
    if (p.mutedRuleIds.has(rule.id)) continue;
    if (p.email && rule.channels.includes('email')) {
      const m = renderAlert(p.language, params, 'email');
      out.push({
        ...base,
        channel: 'email',
        recipient: p.userId,
        address: p.email,
        subject: m.subject,
        text: m.text,
        ...group('email', p.userId, p.language),
      });
    }
    if (p.sms && rule.channels.includes('sms')) {
      out.push({
        ...base,
        channel: 'sms',
        recipient: p.userId,
        address: p.sms,
        subject: null,
        text: renderAlert(p.language, params, 'sms').sms,
        ...group('sms', p.userId, p.language),
      });
    }
  }
  if (rule.channels.includes('webhook') && audience.webhooks.length > 0) {
    const m = renderAlert('en', params, 'webhook');
    const payload = {
      type: `incident.${event === 'repeat' ? 'repeated' : event}`,
      occurredAt: view.now.toISOString(),
      organization: { id: view.org.id, name: view.org.name },
      rule: { id: rule.id, name: rule.name, kind: rule.kind },
      incident: {
        id: incident.id,
        state: incident.state,
        condition: s.condition,
        subject: { type: s.type, id: s.id, name: s.name },
        startedAt: incident.startedAt.toISOString(),
        openedAt: incident.openedAt?.toISOString() ?? null,
        resolvedAt: incident.resolvedAt?.toISOString() ?? null,
        repeats: incident.repeats,
        detail: s.detail,
        link,
      },
      summary: m.subject.replace(/^\[Crosspoint\] /, ''),
    };
    for (const w of audience.webhooks) {
      out.push({
        ...base,
        channel: 'webhook',
        recipient: w.id,
        address: w.url,
        subject: m.subject,
        text: m.text,
        payload,
        // Our JSON stays one event per incident (a ticketing system keys on the incident); chat
        // formats are read by people, and grouped like email.
        ...(w.format === 'crosspoint' ? {} : group('webhook', w.id, 'en')),
      });
    }
  }
  return out;
}

/** The devices a digest lists, filtered like the alert: `<public URL>/devices?status=Down&organizationId=…`. */
export const deviceListLink = (publicUrl: string, orgId: string, status: string): string =>
  `${publicUrl}/devices?${new URLSearchParams({ status, organizationId: orgId }).toString()}`;

function digestItem(
  publicUrl: string,
  event: AlertEvent,
  rule: AlertRuleRecord,
  incident: IncidentRecord,
  s: Subject,
  view: OrgView,
  language: string,
  link: string,
  nowStatus: string | undefined,
): DigestItem & Record<string, unknown> {
  return {
    event,
    language,
    organization: view.org.name,
    ruleName: rule.name,
    name: s.name,
    model: s.model ?? null,
    condition: s.condition,
    now: nowStatus ?? null,
    since: incident.startedAt.toISOString(),
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    location: s.locationId ? (view.locationNames.get(s.locationId) ?? null) : null,
    server: s.serverId ? (view.serverNames?.get(s.serverId) ?? null) : null,
    link,
    listLink: deviceListLink(publicUrl, view.org.id, s.condition),
  };
}
