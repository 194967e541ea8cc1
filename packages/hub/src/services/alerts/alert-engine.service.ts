import type { EventBus, Unsubscribe } from '../../bus/event-bus.ts';
import type {
  AlertConfigRepository,
  AlertRuleRecord,
  AlertWebhookRecord,
  MaintenanceWindowRecord,
} from '../../repositories/alert-config.repository.ts';
import type {
  AlertIncidentRepository,
  IncidentRecord,
  NewDelivery,
  NewIncident,
  ServerRecord,
} from '../../repositories/alert-incident.repository.ts';
import type { DeviceRepository } from '../../repositories/device.repository.ts';
import type { LocationRepository } from '../../repositories/location.repository.ts';
import type { OrganizationRepository, OrgRecord } from '../../repositories/organization.repository.ts';
import { LiveEvents } from '../live-events.ts';
import { renderAlert, type AlertEvent } from './alert-templates.ts';
import { isoDay, type Clock } from '../context.ts';
import { locationPath, windowActive, windowCovers } from './maintenance-window.ts';
import { SerialRunner } from '../serial-runner.ts';

export interface AlertEngineTuning {
  /** Evaluate every so often (delays, repeats, maintenance windows); 0: only when asked (tests). */
  tickMs: number;
  /** Flap damping: an incident resolved less than this ago is not opened again until it has passed. */
  quietS: number;
  /** Every so often, look at every organization with rules, not only the ones with news. */
  fullSweepMs: number;
  /** A connected agent not heard from for this long counts as disconnected (a hub died holding its link). */
  staleAgentMs: number;
  /**
   * After an agent (re)connects, its devices' alerts are held this long while it replays what it
   * buffered: statuses stored before the outage are not news.
   */
  resyncGraceMs: number;
}

export const defaultEngineTuning: AlertEngineTuning = {
  tickMs: 1000,
  quietS: 300,
  fullSweepMs: 30_000,
  staleAgentMs: 120_000,
  resyncGraceMs: 30_000,
};

type SubjectType = IncidentRecord['subjectType'];
type FoldTarget = { type: 'device' | 'server'; id: string } | null;

/** Something a rule finds failing right now. */
interface Subject {
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
interface Audience {
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
interface OrgView {
  org: OrgRecord;
  now: Date;
  parentOf: Map<string, string | null>;
  locationNames: Map<string, string>;
  windows: MaintenanceWindowRecord[];
  audience?: Audience;
}

export const incidentLink = (publicUrl: string, type: SubjectType, id: string): string =>
  type === 'device'
    ? `${publicUrl}/devices/${id}`
    : type === 'server'
      ? `${publicUrl}/servers`
      : `${publicUrl}/organizations`;

const keyOf = (ruleId: string, type: string, id: string): string => `${ruleId}|${type}|${id}`;

/** JSON with sorted keys: jsonb gives keys back in its own order. */
const canonical = (value: Record<string, unknown>): string =>
  JSON.stringify(
    Object.keys(value)
      .sort()
      .map((k) => [k, value[k]]),
  );

/**
 * The alert engine: evaluates each organization's rules against the stored state (on the org
 * events the ingest publishes, and on a short interval for delays and repeats), and moves one
 * incident per (rule, subject) through pending → open → resolved, queueing its messages in the
 * same transaction. Every step is guarded in the database, so several hubs may run it at once.
 *
 * One outage, one alert: a device of a disconnected server folds into the server's incident, a
 * P-Link peripheral of a host box that is Down folds into the box's incident; folded and muted
 * incidents are recorded but send nothing.
 */
export class AlertEngine {
  private timer: NodeJS.Timeout | undefined;
  private soonTimer: NodeJS.Timeout | undefined;
  private unsubscribe: Unsubscribe | undefined;
  private readonly runner: SerialRunner;
  private stopped = false;
  private lastSweep = Number.NEGATIVE_INFINITY;
  private readonly dirty = new Set<string>();

  private readonly live: LiveEvents;
  constructor(
    private readonly deps: {
      config: AlertConfigRepository;
      incidents: AlertIncidentRepository;
      orgs: OrganizationRepository;
      devices: DeviceRepository;
      locations: LocationRepository;
      bus: EventBus;
      clock: Clock;
      publicUrl: string;
      tuning: AlertEngineTuning;
      /** Deliveries were queued: wake the sender. */
      onQueued: () => void;
      onError: (e: unknown) => void;
    },
  ) {
    this.runner = new SerialRunner(() => this.tick(), deps.onError);
    this.live = new LiveEvents(deps.bus, deps.clock);
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.unsubscribe = await this.live.subscribe('*', (event, orgId) => {
      if (event.kind === 'devices' || event.kind === 'servers') this.touch(orgId);
    });
    if (this.deps.tuning.tickMs > 0) {
      this.timer = setInterval(() => this.kick(), this.deps.tuning.tickMs);
      this.timer.unref();
    }
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.soonTimer);
    this.timer = undefined;
    this.soonTimer = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await this.runner.idle();
  }

  /** Something changed in the organization: evaluate it soon. */
  touch(orgId: string): void {
    this.dirty.add(orgId);
    if (this.stopped || this.soonTimer) return;
    this.soonTimer = setTimeout(() => {
      this.soonTimer = undefined;
      this.kick();
    }, 50);
    this.soonTimer.unref();
  }

  /** Evaluates every organization with rules or open incidents now (tests with a movable clock). */
  async evaluateAll(): Promise<void> {
    this.lastSweep = Number.NEGATIVE_INFINITY;
    this.kick();
    await this.runner.idle(true);
  }

  private kick(): void {
    if (!this.stopped) this.runner.kick();
  }

  private async tick(): Promise<void> {
    const now = this.deps.clock();
    const orgIds = new Set(this.dirty);
    this.dirty.clear();
    for (const id of await this.deps.incidents.orgsWithActive()) orgIds.add(id);
    if (now.getTime() - this.lastSweep >= this.deps.tuning.fullSweepMs) {
      this.lastSweep = now.getTime();
      for (const id of await this.deps.config.orgsWithRules()) orgIds.add(id);
    }
    for (const orgId of orgIds) {
      if (this.stopped) return;
      try {
        await this.evaluateOrg(orgId);
      } catch (e) {
        this.deps.onError(e);
      }
    }
  }

  /** Evaluates one organization's rules; returns whether any incident moved. */
  async evaluateOrg(orgId: string): Promise<boolean> {
    const { config, incidents } = this.deps;
    const [rules, active] = await Promise.all([config.enabledRules(orgId), incidents.active(orgId)]);
    if (rules.length === 0 && active.length === 0) return false;
    const org = await this.deps.orgs.byId(orgId);
    if (!org) return false;
    const now = this.deps.clock();
    const locations = await this.deps.locations.all(orgId);
    const view: OrgView = {
      org,
      now,
      parentOf: new Map(locations.map((l) => [l.id, l.parentId])),
      locationNames: new Map(locations.map((l) => [l.id, l.name])),
      windows: (await config.windows(orgId)).filter((w) => windowActive(w.schedule, now)),
    };

    const failing = new Map<string, Map<string, Subject>>();
    const servers = rules.some((r) => r.kind === 'server_state' || r.kind === 'device_status')
      ? await incidents.servers(orgId)
      : [];
    for (const rule of rules) {
      const c = rule.condition;
      const found =
        c.kind === 'server_state'
          ? this.failingServers(c, servers, view)
          : c.kind === 'device_status'
            ? await this.failingDevices(orgId, c, view)
            : await this.failingPlans(c, org, now);
      failing.set(rule.id, new Map(found.map((s) => [`${s.type}|${s.id}`, s])));
    }
    await this.fold(orgId, failing, servers, now);
    for (const subjects of failing.values()) {
      for (const s of subjects.values()) s.muted = this.muted(s, view);
    }

    let moved = false;
    const seen = new Set<string>();
    const byKey = new Map(active.map((i) => [keyOf(i.ruleId, i.subjectType, i.subjectId), i]));
    for (const rule of rules) {
      const subjects = failing.get(rule.id) ?? new Map<string, Subject>();
      const fresh: NewIncident[] = [];
      for (const s of subjects.values()) {
        if (!byKey.has(keyOf(rule.id, s.type, s.id))) fresh.push(this.newIncident(orgId, rule, s, now));
      }
      const current = [
        ...active.filter((i) => i.ruleId === rule.id),
        ...(await incidents.insertPending(fresh)),
      ];
      const due = current.filter(
        (i) =>
          i.state === 'pending' &&
          i.startedAt.getTime() + rule.delayS * 1000 <= now.getTime() &&
          subjects.has(`${i.subjectType}|${i.subjectId}`),
      );
      const resolvedAt = await incidents.lastResolved(
        rule.id,
        due.map((i) => i.subjectId),
      );
      for (const incident of current) {
        const key = keyOf(rule.id, incident.subjectType, incident.subjectId);
        const subject = subjects.get(`${incident.subjectType}|${incident.subjectId}`);
        seen.add(key);
        if (subject)
          moved =
            (await this.advance(rule, incident, subject, view, resolvedAt.get(incident.subjectId))) || moved;
        else moved = (await this.clear(rule, incident, view)) || moved;
      }
    }
    // Incidents of rules that were disabled: resolved quietly.
    for (const incident of active) {
      if (seen.has(keyOf(incident.ruleId, incident.subjectType, incident.subjectId))) continue;
      if (incident.state === 'pending') await incidents.deletePending([incident.id]);
      else
        await incidents.transition(
          incident.id,
          { step: 'resolve' },
          { state: 'resolved', resolvedAt: now, detail: { ...incident.detail, resolvedBy: 'rule disabled' } },
          () => [],
        );
      moved = true;
    }
    if (moved) await this.live.publish(orgId, { kind: 'alerts' });
    return moved;
  }

  private newIncident(orgId: string, rule: AlertRuleRecord, s: Subject, now: Date): NewIncident {
    return {
      orgId,
      ruleId: rule.id,
      subjectType: s.type,
      subjectId: s.id,
      subjectName: s.name,
      condition: s.condition,
      state: 'pending',
      startedAt: s.since.getTime() < now.getTime() ? s.since : now,
      muted: s.muted,
      foldedIntoType: s.foldedInto?.type ?? null,
      foldedIntoId: s.foldedInto?.id ?? null,
      detail: s.detail,
    };
  }

  /** A failing subject's incident: open it after the delay, tell people when nothing holds it back, repeat. */
  private async advance(
    rule: AlertRuleRecord,
    incident: IncidentRecord,
    s: Subject,
    view: OrgView,
    lastResolved: Date | undefined,
  ): Promise<boolean> {
    const now = view.now.getTime();
    const notify = !s.muted && !s.foldedInto;
    const facts: Partial<NewIncident> = {
      subjectName: s.name,
      condition: s.condition,
      muted: s.muted,
      foldedIntoType: s.foldedInto?.type ?? null,
      foldedIntoId: s.foldedInto?.id ?? null,
      detail: s.detail,
    };
    const changed =
      incident.subjectName !== s.name ||
      incident.condition !== s.condition ||
      incident.muted !== s.muted ||
      incident.foldedIntoId !== (s.foldedInto?.id ?? null) ||
      canonical(incident.detail) !== canonical(s.detail);
    const { incidents } = this.deps;
    if (incident.state === 'pending') {
      const due = incident.startedAt.getTime() + rule.delayS * 1000 <= now;
      const quiet =
        lastResolved !== undefined && now - lastResolved.getTime() < this.deps.tuning.quietS * 1000;
      if (!due || quiet) {
        if (changed) await incidents.update(incident.id, facts);
        return false;
      }
      if (notify) await this.audience(view);
      const opened = await incidents.transition(
        incident.id,
        { step: 'open' },
        {
          ...facts,
          state: 'open',
          openedAt: view.now,
          ...(notify ? { notifiedAt: view.now, lastNotifiedAt: view.now } : {}),
        },
        (row) => (notify ? this.deliveries('opened', rule, row, s, view) : []),
      );
      if (opened && notify) this.deps.onQueued();
      return opened !== undefined;
    }
    if (notify && !incident.notifiedAt) {
      // Muted or folded when it opened: people hear about it once nothing holds it back.
      await this.audience(view);
      const told = await incidents.transition(
        incident.id,
        { step: 'notify' },
        { ...facts, notifiedAt: view.now, lastNotifiedAt: view.now },
        (row) => this.deliveries('opened', rule, row, s, view),
      );
      if (told) this.deps.onQueued();
      return told !== undefined;
    }
    const last = incident.lastNotifiedAt ?? incident.notifiedAt;
    if (notify && last && rule.repeatS && now - last.getTime() >= rule.repeatS * 1000) {
      await this.audience(view);
      const repeated = await incidents.transition(
        incident.id,
        { step: 'repeat', repeats: incident.repeats },
        { ...facts, repeats: incident.repeats + 1, lastNotifiedAt: view.now },
        (row) => this.deliveries('repeat', rule, row, s, view),
      );
      if (repeated) this.deps.onQueued();
      return repeated !== undefined;
    }
    if (changed) await incidents.update(incident.id, facts);
    return false;
  }

  /** The condition cleared: a pending incident is forgotten, an open one resolved (and said so if people were told). */
  private async clear(rule: AlertRuleRecord, incident: IncidentRecord, view: OrgView): Promise<boolean> {
    const { incidents } = this.deps;
    if (incident.state === 'pending') {
      await incidents.deletePending([incident.id]);
      return true;
    }
    const tell = incident.notifiedAt !== null && rule.notifyResolved;
    let s: Subject = {
      type: incident.subjectType,
      id: incident.subjectId,
      name: incident.subjectName,
      condition: incident.condition,
      since: incident.startedAt,
      locationId: null,
      detail: incident.detail,
      foldedInto: null,
      muted: false,
    };
    let now: string | undefined;
    if (tell) {
      await this.audience(view);
      if (incident.subjectType === 'device') {
        const device = (await incidents.deviceFacts(view.org.id, [incident.subjectId])).get(
          incident.subjectId,
        );
        if (device) {
          now = device.status;
          s = { ...s, model: device.model, where: device.path, locationId: device.locationId };
        }
      }
    }
    const resolved = await incidents.transition(
      incident.id,
      { step: 'resolve' },
      { state: 'resolved', resolvedAt: view.now },
      (row) => (tell ? this.deliveries('resolved', rule, row, s, view, now) : []),
    );
    if (resolved && tell) this.deps.onQueued();
    return resolved !== undefined;
  }

  private failingServers(
    c: Extract<AlertRuleRecord['condition'], { kind: 'server_state' }>,
    servers: ServerRecord[],
    view: OrgView,
  ): Subject[] {
    const now = view.now.getTime();
    const within = c.locationIds ? this.below(c.locationIds, view) : undefined;
    const out: Subject[] = [];
    for (const server of servers) {
      if (server.disabled) continue;
      if (c.serverIds && !c.serverIds.includes(server.id)) continue;
      if (within && !(server.locationId && within.has(server.locationId))) continue;
      const stale =
        server.connectedAt !== null &&
        server.lastSeenAt !== null &&
        now - server.lastSeenAt.getTime() > this.deps.tuning.staleAgentMs;
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

  private async failingDevices(
    orgId: string,
    c: Extract<AlertRuleRecord['condition'], { kind: 'device_status' }>,
    view: OrgView,
  ): Promise<Subject[]> {
    const rows = await this.deps.incidents.failingDevices(orgId, c.statuses, {
      models: c.models,
      serverIds: c.serverIds,
      locationIds: c.locationIds ? [...this.below(c.locationIds, view)] : undefined,
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

  private async failingPlans(
    c: Extract<AlertRuleRecord['condition'], { kind: 'plan_overflow' | 'plan_expiry' }>,
    org: OrgRecord,
    now: Date,
  ): Promise<Subject[]> {
    const targets =
      org.kind === 'support'
        ? (await this.deps.orgs.children(org.id)).filter((o) => o.kind === 'client')
        : org.kind === 'platform'
          ? []
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
        const used = await this.deps.devices.proAudioCount(t.id);
        if (used > max)
          out.push({ ...base, condition: 'Overflow', detail: { devices: used, planMaxDevices: max } });
      } else if (t.planEnd) {
        const daysLeft = Math.round((Date.parse(t.planEnd) - Date.parse(today)) / 86_400_000);
        const warnDays = c.warnDays ?? 0;
        if (daysLeft < 0)
          out.push({ ...base, condition: 'Expired', detail: { planEnd: t.planEnd, daysLeft } });
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
  private async fold(
    orgId: string,
    failing: Map<string, Map<string, Subject>>,
    servers: ServerRecord[],
    now: Date,
  ): Promise<void> {
    const grace = this.deps.tuning.resyncGraceMs;
    const settling = new Set(
      servers
        .filter((s) => s.connectedAt && now.getTime() - s.connectedAt.getTime() < grace)
        .map((s) => s.id),
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
      const counts = await this.deps.incidents.serverDeviceCounts(orgId);
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

  private muted(s: Subject, view: OrgView): boolean {
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
  private below(ids: string[], view: OrgView): Set<string> {
    const out = new Set<string>();
    for (const id of view.parentOf.keys()) {
      if (locationPath(id, view.parentOf).some((a) => ids.includes(a))) out.add(id);
    }
    return out;
  }

  /** Loads, once per evaluation, who hears about this organization's alerts and how. */
  private async audience(view: OrgView): Promise<Audience> {
    if (view.audience) return view.audience;
    const chain: string[] = [view.org.id];
    for (let parentId = view.org.parentId; parentId && chain.length < 4;) {
      chain.push(parentId);
      parentId = (await this.deps.orgs.byId(parentId))?.parentId ?? null;
    }
    const rows = await this.deps.config.recipients(view.org.id, chain);
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
      webhooks: (await this.deps.config.webhooks(view.org.id)).filter((w) => w.enabled),
    };
    return view.audience;
  }

  /** The messages of one incident event, one per channel and recipient, in each person's language. */
  private deliveries(
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
    const link = incidentLink(this.deps.publicUrl, s.type, s.id);
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
        });
      }
    }
    return out;
  }
}
