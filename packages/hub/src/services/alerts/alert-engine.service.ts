import type { Unsubscribe } from '../../bus/event-bus.ts';
import type { AlertConfigRepository, AlertRuleRecord } from '../../repositories/alert-config.repository.ts';
import type {
  AlertIncidentRepository,
  IncidentRecord,
  NewIncident,
} from '../../repositories/alert-incident.repository.ts';
import type { DeviceRepository } from '../../repositories/device.repository.ts';
import type { LocationRepository } from '../../repositories/location.repository.ts';
import type { OrganizationRepository } from '../../repositories/organization.repository.ts';
import type { LiveEvents } from '../live-events.ts';
import type { Clock } from '../context.ts';
import { windowActive } from './maintenance-window.ts';
import { SerialRunner } from '../serial-runner.ts';
import { defaultGroupTiming, type GroupTiming } from '../../repositories/alert-delivery-groups.ts';
import { audience, deliveries } from './alert-messages.ts';
import {
  driftedDevices,
  failingDevices,
  type DriftSource,
  failingPlans,
  failingServers,
  fold,
  muted,
  type OrgView,
  type Subject,
} from './alert-subjects.ts';

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
  /** Grouped messages: device alerts of one rule for one recipient that follow each other closely. */
  grouping: GroupTiming;
}

export const defaultEngineTuning: AlertEngineTuning = {
  tickMs: 1000,
  quietS: 300,
  fullSweepMs: 30_000,
  staleAgentMs: 120_000,
  resyncGraceMs: 30_000,
  grouping: defaultGroupTiming,
};

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
  private drift: DriftSource | undefined;

  constructor(
    private readonly deps: {
      config: AlertConfigRepository;
      incidents: AlertIncidentRepository;
      orgs: OrganizationRepository;
      devices: DeviceRepository;
      locations: LocationRepository;
      live: LiveEvents;
      clock: Clock;
      publicUrl: string;
      tuning: AlertEngineTuning;
      /** Deliveries were queued: wake the sender. */
      onQueued: () => void;
      onError: (e: unknown) => void;
    },
  ) {
    this.runner = new SerialRunner(() => this.tick(), deps.onError);
  }

  /** Where configuration drift comes from (the `configuration_drift` rule); it tells when to look again. */
  watchConfigurations(source: DriftSource): void {
    this.drift = source;
    source.watchDrift((orgId) => {
      this.touch(orgId);
    });
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.unsubscribe = await this.deps.live.subscribe('*', (event, orgId) => {
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
    view.serverNames = new Map(servers.map((s) => [s.id, s.name]));
    for (const rule of rules) {
      const c = rule.condition;
      const found =
        c.kind === 'server_state'
          ? failingServers(this.deps, c, servers, view)
          : c.kind === 'device_status'
            ? await failingDevices(this.deps, orgId, c, view)
            : c.kind === 'configuration_drift'
              ? await driftedDevices(this.deps, this.drift, orgId, c, view)
              : await failingPlans(this.deps, c, org, now);
      failing.set(rule.id, new Map(found.map((s) => [`${s.type}|${s.id}`, s])));
    }
    await fold(this.deps, orgId, failing, servers, now);
    for (const subjects of failing.values()) {
      for (const s of subjects.values()) s.muted = muted(s, view);
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
    if (moved) await this.deps.live.publish(orgId, { kind: 'alerts' });
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

  /**
   * How messages queued now are grouped: as of the moment they are queued (an evaluation that opens
   * 2,000 incidents takes seconds; its start is no measure of when a digest is quiet).
   */
  private grouping() {
    return { timing: this.deps.tuning.grouping, now: this.deps.clock() };
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
      if (notify) await audience(this.deps, view);
      const opened = await incidents.transition(
        incident.id,
        { step: 'open' },
        {
          ...facts,
          state: 'open',
          openedAt: view.now,
          ...(notify ? { notifiedAt: view.now, lastNotifiedAt: view.now } : {}),
        },
        (row) => (notify ? deliveries(this.deps, 'opened', rule, row, s, view) : []),
        this.grouping(),
      );
      if (opened && notify) this.deps.onQueued();
      return opened !== undefined;
    }
    if (notify && !incident.notifiedAt) {
      // Muted or folded when it opened: people hear about it once nothing holds it back.
      await audience(this.deps, view);
      const told = await incidents.transition(
        incident.id,
        { step: 'notify' },
        { ...facts, notifiedAt: view.now, lastNotifiedAt: view.now },
        (row) => deliveries(this.deps, 'opened', rule, row, s, view),
        this.grouping(),
      );
      if (told) this.deps.onQueued();
      return told !== undefined;
    }
    const last = incident.lastNotifiedAt ?? incident.notifiedAt;
    if (notify && last && rule.repeatS && now - last.getTime() >= rule.repeatS * 1000) {
      await audience(this.deps, view);
      const repeated = await incidents.transition(
        incident.id,
        { step: 'repeat', repeats: incident.repeats },
        { ...facts, repeats: incident.repeats + 1, lastNotifiedAt: view.now },
        (row) => deliveries(this.deps, 'repeat', rule, row, s, view),
        this.grouping(),
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
      await audience(this.deps, view);
      if (incident.subjectType === 'device') {
        const device = (await incidents.deviceFacts(view.org.id, [incident.subjectId])).get(
          incident.subjectId,
        );
        if (device) {
          now = device.status;
          s = {
            ...s,
            model: device.model,
            where: device.path,
            locationId: device.locationId,
            serverId: device.serverId,
          };
        }
      }
    }
    const resolved = await incidents.transition(
      incident.id,
      { step: 'resolve' },
      { state: 'resolved', resolvedAt: view.now },
      (row) => (tell ? deliveries(this.deps, 'resolved', rule, row, s, view, now) : []),
      this.grouping(),
    );
    if (resolved && tell) this.deps.onQueued();
    return resolved !== undefined;
  }
}
