import type {
  AlertRuleRecord,
  AlertWebhookRecord,
  MaintenanceWindowRecord,
} from '../../repositories/alert-config.repository.ts';
import type {
  AlertIncidentRepository,
  IncidentRecord,
  ServerRecord,
} from '../../repositories/alert-incident.repository.ts';
import type { DeviceRepository } from '../../repositories/device.repository.ts';
import type { OrganizationRepository, OrgRecord } from '../../repositories/organization.repository.ts';
import { isoDay } from '../context.ts';
import { locationPath, windowCovers } from './maintenance-window.ts';

// What one evaluation of an organization finds failing, rule by rule, and what holds a subject's
// alert back: folding into a wider outage, or a maintenance window.

export type SubjectType = IncidentRecord['subjectType'];
export type FoldTarget = { type: 'device' | 'server'; id: string } | null;

/** Something a rule finds failing right now. */
export interface Subject {
  type: SubjectType;
  id: string;
  name: string;
  condition: string;
  since: Date;
  model?: string | undefined;
  where?: string[] | undefined;
  locationId: string | null;
  serverId?: string | null | undefined;
  agentDeviceId?: string | undefined;
  parentAgentId?: string | null | undefined;
  detail: Record<string, unknown>;
  foldedInto: FoldTarget;
  muted: boolean;
}

/** Who hears about an organization's alerts, by which channel. */
export interface Audience {
  people: {
    userId: string;
    email: string | null;
    sms: string | null;
    language: string;
    mutedRuleIds: ReadonlySet<string>;
  }[];
  webhooks: AlertWebhookRecord[];
}

/** What one evaluation of an organization knows. */
export interface OrgView {
  org: OrgRecord;
  now: Date;
  parentOf: Map<string, string | null>;
  locationNames: Map<string, string>;
  windows: MaintenanceWindowRecord[];
  /** Agent servers by id (their names, for grouped messages). */
  serverNames?: Map<string, string>;
  audience?: Audience;
}

export function failingServers(
  deps: { tuning: { staleAgentMs: number } },
  c: Extract<AlertRuleRecord['condition'], { kind: 'server_state' }>,
  servers: ServerRecord[],
  view: OrgView,
): Subject[] {
  const now = view.now.getTime();
  const within = c.locationIds ? below(c.locationIds, view) : undefined;
  const out: Subject[] = [];
  for (const server of servers) {
    if (server.disabled) continue;
    if (c.serverIds && !c.serverIds.includes(server.id)) continue;
    if (within && !(server.locationId && within.has(server.locationId))) continue;
    const stale =
      server.connectedAt !== null &&
      server.lastSeenAt !== null &&
      now - server.lastSeenAt.getTime() > deps.tuning.staleAgentMs;
    let condition: 'disconnected' | 'monitoring_issue' | 'monitoring_off' | undefined;
    if ((server.connectedAt === null && server.lastSeenAt !== null) || stale) condition = 'disconnected';
    else if (server.connectedAt !== null && server.monitoring === 'issue') condition = 'monitoring_issue';
    else if (server.connectedAt !== null && server.monitoring === 'off') condition = 'monitoring_off';
    if (!condition || !c.states.includes(condition)) continue;
    out.push({
      type: 'server',
      id: server.id,
      name: server.name,
      condition,
      since: condition === 'disconnected' && server.lastSeenAt ? server.lastSeenAt : view.now,
      locationId: server.locationId,
      detail: { devices: server.deviceCount },
      foldedInto: null,
      muted: false,
    });
  }
  return out;
}

export async function failingDevices(
  deps: { incidents: AlertIncidentRepository },
  orgId: string,
  c: Extract<AlertRuleRecord['condition'], { kind: 'device_status' }>,
  view: OrgView,
): Promise<Subject[]> {
  const rows = await deps.incidents.failingDevices(orgId, c.statuses, {
    models: c.models,
    serverIds: c.serverIds,
    locationIds: c.locationIds ? [...below(c.locationIds, view)] : undefined,
  });
  return rows.map((d) => ({
    type: 'device',
    id: d.id,
    name: d.name,
    condition: d.status,
    since: d.since,
    model: d.model,
    where: d.path,
    locationId: d.locationId,
    serverId: d.serverId,
    agentDeviceId: d.agentDeviceId,
    parentAgentId: d.parentAgentId,
    detail: {},
    foldedInto: null,
    muted: false,
  }));
}

/** What the configuration service tells the alert engine (the `configuration_drift` rule). */
export interface DriftSource {
  drifted(orgId: string): Promise<{ deviceId: string; since: Date; summary: string[]; changes: number }[]>;
  watchDrift(listener: (orgId: string) => void): void;
}

/** Lines of the difference an alert carries (the rest is counted). */
const driftSummaryLines = 20;

export async function driftedDevices(
  deps: { devices: DeviceRepository },
  source: DriftSource | undefined,
  orgId: string,
  c: Extract<AlertRuleRecord['condition'], { kind: 'configuration_drift' }>,
  view: OrgView,
): Promise<Subject[]> {
  if (!source) return [];
  const within = c.locationIds ? below(c.locationIds, view) : undefined;
  const out: Subject[] = [];
  for (const d of await source.drifted(orgId)) {
    const device = await deps.devices.byId(orgId, d.deviceId);
    if (!device) continue;
    if (c.models && !c.models.includes(device.model)) continue;
    if (within && !(device.locationId && within.has(device.locationId))) continue;
    out.push({
      type: 'device',
      id: device.id,
      name: device.name,
      condition: 'configuration_drift',
      since: d.since,
      model: device.model,
      locationId: device.locationId,
      detail: { changes: d.changes, summary: d.summary.slice(0, driftSummaryLines) },
      foldedInto: null,
      muted: false,
    });
  }
  return out;
}

export async function failingPlans(
  deps: { orgs: OrganizationRepository; devices: DeviceRepository },
  c: Extract<AlertRuleRecord['condition'], { kind: 'plan_overflow' | 'plan_expiry' }>,
  org: OrgRecord,
  now: Date,
): Promise<Subject[]> {
  // A support organization watches its clients (and its own trial, if it is one); the platform
  // watches the support organizations on a trial; an enterprise its license (its plan dates).
  const targets =
    org.kind === 'support'
      ? [
          ...(await deps.orgs.children(org.id)).filter((o) => o.kind === 'client'),
          ...(org.planEnd ? [org] : []),
        ]
      : org.kind === 'platform'
        ? (await deps.orgs.children(org.id)).filter((o) => o.kind === 'support' && o.planEnd)
        : [org];
  const today = isoDay(now);
  const out: Subject[] = [];
  for (const t of targets) {
    const base = {
      type: 'organization' as const,
      id: t.id,
      name: t.name,
      since: now,
      locationId: null,
      foldedInto: null,
      muted: false,
    };
    if (c.kind === 'plan_overflow') {
      const max = t.kind === 'client' ? t.planMaxDevices : t.kind === 'enterprise' ? t.devicePool : null;
      if (max === null) continue;
      const used = await deps.devices.proAudioCount(t.id);
      if (used > max)
        out.push({ ...base, condition: 'Overflow', detail: { devices: used, planMaxDevices: max } });
    } else if (t.planEnd) {
      const daysLeft = Math.round((Date.parse(t.planEnd) - Date.parse(today)) / 86_400_000);
      const warnDays = c.warnDays ?? 0;
      if (daysLeft < 0) out.push({ ...base, condition: 'Expired', detail: { planEnd: t.planEnd, daysLeft } });
      else if (warnDays > 0 && daysLeft <= warnDays)
        out.push({ ...base, condition: 'Expiring', detail: { planEnd: t.planEnd, daysLeft } });
    }
  }
  return out;
}

/**
 * One outage, one alert. A device whose server is disconnected (and watched by a server rule)
 * folds into the server; a peripheral whose host box is Down (and watched) folds into the box.
 * The server's and the box's details count what they cover. A device whose agent has just
 * reconnected is held under its server during the resync grace, so the replay of an outage
 * does not become one alert per device.
 */
export async function fold(
  deps: { incidents: AlertIncidentRepository; tuning: { resyncGraceMs: number } },
  orgId: string,
  failing: Map<string, Map<string, Subject>>,
  servers: ServerRecord[],
  now: Date,
): Promise<void> {
  const grace = deps.tuning.resyncGraceMs;
  const settling = new Set(
    servers.filter((s) => s.connectedAt && now.getTime() - s.connectedAt.getTime() < grace).map((s) => s.id),
  );
  const disconnected = new Map<string, Subject[]>();
  const downHosts = new Map<string, Subject[]>();
  const all = [...failing.values()].flatMap((m) => [...m.values()]);
  for (const s of all) {
    if (s.type === 'server' && s.condition === 'disconnected')
      disconnected.set(s.id, [...(disconnected.get(s.id) ?? []), s]);
    if (s.type === 'device' && s.condition === 'Down' && s.agentDeviceId)
      downHosts.set(s.agentDeviceId, [...(downHosts.get(s.agentDeviceId) ?? []), s]);
  }
  const intoServer = new Map<string, Set<string>>();
  const intoHost = new Map<string, Set<string>>();
  for (const s of all) {
    if (s.type !== 'device') continue;
    const host = s.parentAgentId ? downHosts.get(s.parentAgentId)?.[0] : undefined;
    if (s.serverId && disconnected.has(s.serverId)) {
      s.foldedInto = { type: 'server', id: s.serverId };
      intoServer.set(s.serverId, (intoServer.get(s.serverId) ?? new Set()).add(s.id));
    } else if (s.serverId && settling.has(s.serverId)) {
      // Its agent has just (re)connected and is replaying: held under the server for now.
      s.foldedInto = { type: 'server', id: s.serverId };
    } else if (host && host.id !== s.id) {
      s.foldedInto = { type: 'device', id: host.id };
      intoHost.set(host.id, (intoHost.get(host.id) ?? new Set()).add(s.id));
    }
  }
  if (disconnected.size > 0) {
    const counts = await deps.incidents.serverDeviceCounts(orgId);
    for (const [serverId, subjects] of disconnected) {
      const c = counts.get(serverId) ?? { devices: 0, down: 0 };
      for (const s of subjects)
        s.detail = { devices: c.devices, down: c.down, folded: intoServer.get(serverId)?.size ?? 0 };
    }
  }
  for (const [, hosts] of downHosts) {
    for (const h of hosts) {
      const n = intoHost.get(h.id)?.size ?? 0;
      if (n > 0) h.detail = { ...h.detail, peripheralsFolded: n };
    }
  }
}

export function muted(s: Subject, view: OrgView): boolean {
  if (view.windows.length === 0) return false;
  const target =
    s.type === 'organization'
      ? ('organization' as const)
      : {
          deviceId: s.type === 'device' ? s.id : null,
          locationPath: locationPath(s.locationId, view.parentOf),
        };
  return view.windows.some((w) => windowCovers(w, target));
}

/** The given locations and every location below them. */
export function below(ids: string[], view: OrgView): Set<string> {
  const out = new Set<string>();
  for (const id of view.parentOf.keys()) {
    if (locationPath(id, view.parentOf).some((a) => ids.includes(a))) out.add(id);
  }
  return out;
}
