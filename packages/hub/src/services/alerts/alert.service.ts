import type {
  AlertCondition,
  AlertDelivery,
  AlertDeliveryListQuery,
  AlertDeliveryPage,
  AlertIncident,
  AlertIncidentListQuery,
  AlertIncidentPage,
  AlertPreference,
  AlertPreferences,
  AlertRule,
  AlertWebhook,
  CreateAlertRuleRequest,
  CreateMaintenanceWindowRequest,
  MaintenanceSchedule,
  MaintenanceWindow,
  UpdateAlertPreferenceRequest,
  UpdateAlertRuleRequest,
  UpdateMaintenanceWindowRequest,
} from '@crosspoint/protocol';
import { alertChannels } from '@crosspoint/protocol';
import type { AgentAccountRepository } from '../../repositories/agent-account.repository.ts';
import type {
  AlertConfigRepository,
  AlertRuleRecord,
  AlertWebhookRecord,
  MaintenanceWindowRecord,
} from '../../repositories/alert-config.repository.ts';
import type {
  AlertDeliveryRepository,
  DeliveryRecord,
} from '../../repositories/alert-delivery.repository.ts';
import type {
  AlertIncidentRepository,
  IncidentRecord,
} from '../../repositories/alert-incident.repository.ts';
import type { DeviceRepository } from '../../repositories/device.repository.ts';
import type { LocationRepository } from '../../repositories/location.repository.ts';
import type { UserRepository } from '../../repositories/user.repository.ts';
import type { AccessService } from '../access.service.ts';
import type { AuditService } from '../audit.service.ts';
import { incidentLink } from './alert-engine.service.ts';
import { requirePermission, type Actor, type Clock, type OrgContext } from '../context.ts';
import { isTimeZone, windowActive } from './maintenance-window.ts';
import { decodeCursor, encodeCursor, pageOf } from '../paging.ts';
import { newSecret } from '../secrets.ts';
import { webhookSealContext } from '../sealed-secrets.ts';
import { isSealed, type Sealer } from '../../adapters/sealer.ts';
import { ServiceError } from '../service-error.ts';

/**
 * The alerts API: rules, incidents and the delivery log, maintenance windows, webhooks (secret
 * shown once), and each user's channels per organization. Everything is scoped to the caller's
 * organization, permission-checked and audited.
 */
export class AlertService {
  constructor(
    private readonly deps: {
      config: AlertConfigRepository;
      incidents: AlertIncidentRepository;
      deliveries: AlertDeliveryRepository;
      locations: LocationRepository;
      devices: DeviceRepository;
      servers: AgentAccountRepository;
      users: UserRepository;
      access: AccessService;
      audit: AuditService;
      clock: Clock;
      publicUrl: string;
      /** Seals webhook signing secrets at rest. */
      sealer: Sealer;
      /** A rule or window changed: evaluate the organization again soon. */
      changed: (orgId: string) => void;
    },
  ) {}

  async rules(ctx: OrgContext): Promise<AlertRule[]> {
    requirePermission(ctx, 'alerts.read');
    return (await this.deps.config.rules(ctx.org.id)).map(ruleView);
  }

  async rule(ctx: OrgContext, id: string): Promise<AlertRule> {
    requirePermission(ctx, 'alerts.read');
    return ruleView(await this.ruleRecord(ctx, id));
  }

  async createRule(ctx: OrgContext, req: CreateAlertRuleRequest): Promise<AlertRule> {
    requirePermission(ctx, 'alerts.manage');
    await this.checkCondition(ctx, req.condition);
    const rule = await this.deps.config.createRule({
      orgId: ctx.org.id,
      name: req.name.trim(),
      enabled: req.enabled ?? true,
      kind: req.condition.kind,
      condition: req.condition,
      delayS: req.delayS ?? 120,
      repeatS: req.repeatS ?? null,
      notifyResolved: req.notifyResolved ?? true,
      channels: req.channels ?? [...alertChannels],
    });
    await this.deps.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'alerts.rule_created',
      targetType: 'alert_rule',
      targetId: rule.id,
      detail: { name: rule.name, condition: rule.condition },
    });
    this.deps.changed(ctx.org.id);
    return ruleView(rule);
  }

  async updateRule(ctx: OrgContext, id: string, req: UpdateAlertRuleRequest): Promise<AlertRule> {
    requirePermission(ctx, 'alerts.manage');
    await this.ruleRecord(ctx, id);
    if (req.condition) await this.checkCondition(ctx, req.condition);
    const updated = await this.deps.config.updateRule(ctx.org.id, id, {
      ...(req.name !== undefined ? { name: req.name.trim() } : {}),
      ...(req.enabled !== undefined ? { enabled: req.enabled } : {}),
      ...(req.condition ? { condition: req.condition, kind: req.condition.kind } : {}),
      ...(req.delayS !== undefined ? { delayS: req.delayS } : {}),
      ...(req.repeatS !== undefined ? { repeatS: req.repeatS } : {}),
      ...(req.notifyResolved !== undefined ? { notifyResolved: req.notifyResolved } : {}),
      ...(req.channels ? { channels: req.channels } : {}),
      updatedAt: this.deps.clock(),
    });
    if (!updated) throw ServiceError.notFound('The alert rule');
    await this.deps.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'alerts.rule_updated',
      targetType: 'alert_rule',
      targetId: id,
      detail: { fields: Object.keys(req) },
    });
    this.deps.changed(ctx.org.id);
    return ruleView(updated);
  }

  async deleteRule(ctx: OrgContext, id: string): Promise<void> {
    requirePermission(ctx, 'alerts.manage');
    const rule = await this.ruleRecord(ctx, id);
    await this.deps.config.deleteRule(ctx.org.id, id);
    await this.deps.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'alerts.rule_deleted',
      targetType: 'alert_rule',
      targetId: id,
      detail: { name: rule.name },
    });
  }

  async incidents(ctx: OrgContext, query: AlertIncidentListQuery): Promise<AlertIncidentPage> {
    requirePermission(ctx, 'alerts.read');
    const limit = query.limit ?? 50;
    const { rows, total } = await this.deps.incidents.list(
      ctx.org.id,
      {
        state: query.state,
        ruleId: query.ruleId,
        subjectType: query.subjectType,
        subjectId: query.subjectId,
        muted: query.muted,
        folded: query.folded,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      },
      { limit, after: decodeCursor(query.cursor) },
    );
    return {
      ...pageOf(
        rows,
        limit,
        (r) => this.incidentView(r),
        (r) => ({ value: r.startedAt.toISOString(), id: r.id }),
      ),
      total,
    };
  }

  async incident(
    ctx: OrgContext,
    id: string,
  ): Promise<{ incident: AlertIncident; deliveries: AlertDelivery[] }> {
    requirePermission(ctx, 'alerts.read');
    const row = await this.deps.incidents.byId(ctx.org.id, id);
    if (!row) throw ServiceError.notFound('The incident');
    return {
      incident: this.incidentView(row),
      deliveries: (await this.deps.deliveries.forIncident(ctx.org.id, id)).map(deliveryView),
    };
  }

  async deliveries(ctx: OrgContext, query: AlertDeliveryListQuery): Promise<AlertDeliveryPage> {
    requirePermission(ctx, 'alerts.read');
    const limit = query.limit ?? 50;
    const cursor = decodeCursor(query.cursor);
    const { rows, total } = await this.deps.deliveries.list(
      ctx.org.id,
      { status: query.status, channel: query.channel, incidentId: query.incidentId },
      { limit, beforeId: cursor ? Number(cursor.value) : undefined },
    );
    const items = rows.slice(0, limit).map(deliveryView);
    const last = items[items.length - 1];
    return {
      items,
      total,
      nextCursor: rows.length > limit && last ? encodeCursor(last.id, String(last.id)) : null,
    };
  }

  async windows(ctx: OrgContext): Promise<MaintenanceWindow[]> {
    requirePermission(ctx, 'alerts.read');
    const now = this.deps.clock();
    return (await this.deps.config.windows(ctx.org.id)).map((w) => windowView(w, now));
  }

  async createWindow(ctx: OrgContext, req: CreateMaintenanceWindowRequest): Promise<MaintenanceWindow> {
    requirePermission(ctx, 'alerts.manage');
    this.checkSchedule(req.schedule);
    let locationId: string | null = null;
    let deviceId: string | null = null;
    if (req.scope === 'location') {
      if (!req.locationId)
        throw ServiceError.invalid('VALIDATION_FAILED', 'A location window needs a locationId.', [
          { path: '/body/locationId', message: 'is required' },
        ]);
      if (!(await this.deps.locations.byId(ctx.org.id, req.locationId)))
        throw ServiceError.notFound('The location');
      locationId = req.locationId;
    } else if (req.scope === 'device') {
      if (!req.deviceId)
        throw ServiceError.invalid('VALIDATION_FAILED', 'A device window needs a deviceId.', [
          { path: '/body/deviceId', message: 'is required' },
        ]);
      if (!(await this.deps.devices.byId(ctx.org.id, req.deviceId)))
        throw ServiceError.notFound('The device');
      deviceId = req.deviceId;
    }
    const w = await this.deps.config.createWindow({
      orgId: ctx.org.id,
      name: req.name.trim(),
      scope: req.scope,
      locationId,
      deviceId,
      schedule: req.schedule,
      createdBy: ctx.actor.label,
    });
    await this.deps.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'alerts.window_created',
      targetType: 'maintenance_window',
      targetId: w.id,
      detail: { name: w.name, scope: w.scope, schedule: w.schedule },
    });
    this.deps.changed(ctx.org.id);
    return windowView(w, this.deps.clock());
  }

  async updateWindow(
    ctx: OrgContext,
    id: string,
    req: UpdateMaintenanceWindowRequest,
  ): Promise<MaintenanceWindow> {
    requirePermission(ctx, 'alerts.manage');
    if (req.schedule) this.checkSchedule(req.schedule);
    const w = await this.deps.config.updateWindow(ctx.org.id, id, {
      ...(req.name !== undefined ? { name: req.name.trim() } : {}),
      ...(req.schedule ? { schedule: req.schedule } : {}),
    });
    if (!w) throw ServiceError.notFound('The maintenance window');
    await this.deps.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'alerts.window_updated',
      targetType: 'maintenance_window',
      targetId: id,
      detail: { fields: Object.keys(req) },
    });
    this.deps.changed(ctx.org.id);
    return windowView(w, this.deps.clock());
  }

  async deleteWindow(ctx: OrgContext, id: string): Promise<void> {
    requirePermission(ctx, 'alerts.manage');
    const w = await this.deps.config.window(ctx.org.id, id);
    if (!w) throw ServiceError.notFound('The maintenance window');
    await this.deps.config.deleteWindow(ctx.org.id, id);
    await this.deps.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'alerts.window_deleted',
      targetType: 'maintenance_window',
      targetId: id,
      detail: { name: w.name },
    });
    this.deps.changed(ctx.org.id);
  }

  async webhooks(ctx: OrgContext): Promise<AlertWebhook[]> {
    requirePermission(ctx, 'alerts.read');
    return (await this.deps.config.webhooks(ctx.org.id)).map(webhookView);
  }

  async createWebhook(
    ctx: OrgContext,
    req: { name: string; url: string; enabled?: boolean | undefined },
  ): Promise<{ webhook: AlertWebhook; secret: string }> {
    requirePermission(ctx, 'alerts.manage');
    const secret = `whsec_${newSecret()}`;
    const w = await this.deps.config.createWebhook({
      orgId: ctx.org.id,
      name: req.name.trim(),
      url: req.url,
      secret: this.sealWebhookSecret(ctx.org.id, secret),
      enabled: req.enabled ?? true,
    });
    await this.deps.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'alerts.webhook_created',
      targetType: 'webhook',
      targetId: w.id,
      detail: { name: w.name, url: w.url },
    });
    return { webhook: webhookView(w), secret };
  }

  async updateWebhook(
    ctx: OrgContext,
    id: string,
    req: {
      name?: string | undefined;
      url?: string | undefined;
      enabled?: boolean | undefined;
      rotateSecret?: boolean | undefined;
    },
  ): Promise<{ webhook: AlertWebhook; secret: string | null }> {
    requirePermission(ctx, 'alerts.manage');
    const secret = req.rotateSecret ? `whsec_${newSecret()}` : null;
    const w = await this.deps.config.updateWebhook(ctx.org.id, id, {
      ...(req.name !== undefined ? { name: req.name.trim() } : {}),
      ...(req.url !== undefined ? { url: req.url } : {}),
      ...(req.enabled !== undefined ? { enabled: req.enabled } : {}),
      ...(secret ? { secret: this.sealWebhookSecret(ctx.org.id, secret) } : {}),
    });
    if (!w) throw ServiceError.notFound('The webhook');
    await this.deps.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'alerts.webhook_updated',
      targetType: 'webhook',
      targetId: id,
      detail: {
        fields: Object.keys(req).filter((k) => k !== 'rotateSecret'),
        secretRotated: secret !== null,
      },
    });
    return { webhook: webhookView(w), secret };
  }

  async deleteWebhook(ctx: OrgContext, id: string): Promise<void> {
    requirePermission(ctx, 'alerts.manage');
    const w = await this.deps.config.webhook(ctx.org.id, id);
    if (!w) throw ServiceError.notFound('The webhook');
    await this.deps.config.deleteWebhook(ctx.org.id, id);
    await this.deps.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'alerts.webhook_deleted',
      targetType: 'webhook',
      targetId: id,
      detail: { name: w.name, url: w.url },
    });
  }

  /** Seals the signing secrets of webhooks made before secrets were sealed (once, at start; idempotent). */
  async sealLegacyWebhookSecrets(): Promise<number> {
    const plain = (await this.deps.config.allWebhooks()).filter((w) => !isSealed(w.secret));
    for (const w of plain)
      await this.deps.config.updateWebhook(w.orgId, w.id, {
        secret: this.sealWebhookSecret(w.orgId, w.secret),
      });
    return plain.length;
  }

  private sealWebhookSecret(orgId: string, secret: string): string {
    return this.deps.sealer.seal(secret, webhookSealContext(orgId));
  }

  /** The signed-in user's channels in every organization they can act in. */
  async preferences(actor: Actor): Promise<AlertPreferences> {
    const user = await this.person(actor);
    const [choices, saved] = await Promise.all([
      this.deps.access.choices(user.id),
      this.deps.config.preferences(user.id),
    ]);
    return {
      smsNumber: user.smsVerifiedAt ? user.smsNumber : null,
      items: choices.map((c) => {
        const p = saved.find((s) => s.orgId === c.id);
        return {
          orgId: c.id,
          orgName: c.name,
          email: p ? p.email : c.via === 'member',
          sms: p?.sms ?? false,
          mutedRuleIds: p?.mutedRuleIds ?? [],
          custom: p !== undefined,
        };
      }),
    };
  }

  async updatePreference(
    actor: Actor,
    orgId: string,
    req: UpdateAlertPreferenceRequest,
  ): Promise<AlertPreference> {
    const user = await this.person(actor);
    const ctx = await this.deps.access.resolve(actor, orgId);
    const saved = (await this.deps.config.preferences(user.id)).find((p) => p.orgId === orgId);
    const direct = (await this.deps.users.membership(user.id, orgId)) !== undefined;
    const next = {
      email: req.email ?? saved?.email ?? direct,
      sms: req.sms ?? saved?.sms ?? false,
      mutedRuleIds: req.mutedRuleIds ?? saved?.mutedRuleIds ?? [],
    };
    if (req.sms === true && !(user.smsNumber && user.smsVerifiedAt)) {
      throw ServiceError.conflict(
        'SMS_NOT_VERIFIED',
        'Add and verify your SMS number first (Settings › My Account, or PUT /api/v1/me/sms-number and POST /api/v1/me/sms-number/verify).',
      );
    }
    if (req.mutedRuleIds) {
      const known = new Set((await this.deps.config.rules(orgId)).map((r) => r.id));
      if (req.mutedRuleIds.some((id) => !known.has(id))) throw ServiceError.notFound('The alert rule');
    }
    const row = await this.deps.config.savePreference({ userId: user.id, orgId, ...next });
    await this.deps.audit.record(actor, {
      orgId,
      action: 'alerts.preferences_changed',
      targetType: 'user',
      targetId: user.id,
      detail: next,
    });
    return {
      orgId,
      orgName: ctx.org.name,
      email: row.email,
      sms: row.sms,
      mutedRuleIds: row.mutedRuleIds,
      custom: true,
    };
  }

  private async person(actor: Actor) {
    if (!actor.userId)
      throw ServiceError.forbidden('Only people choose how alerts reach them; API tokens have no inbox.');
    const user = await this.deps.users.byId(actor.userId);
    if (!user) throw ServiceError.notFound('The user');
    return user;
  }

  private async ruleRecord(ctx: OrgContext, id: string): Promise<AlertRuleRecord> {
    const rule = await this.deps.config.rule(ctx.org.id, id);
    if (!rule) throw ServiceError.notFound('The alert rule');
    return rule;
  }

  /** Locations and servers a condition names must be the organization's own. */
  private async checkCondition(ctx: OrgContext, c: AlertCondition): Promise<void> {
    if (c.kind !== 'device_status' && c.kind !== 'server_state') return;
    for (const id of c.locationIds ?? []) {
      if (!(await this.deps.locations.byId(ctx.org.id, id))) throw ServiceError.notFound('The location');
    }
    for (const id of c.serverIds ?? []) {
      if (!(await this.deps.servers.byId(ctx.org.id, id))) throw ServiceError.notFound('The server');
    }
  }

  private checkSchedule(s: MaintenanceSchedule): void {
    if (s.kind === 'once' && Date.parse(s.endsAt) <= Date.parse(s.startsAt)) {
      throw ServiceError.invalid('VALIDATION_FAILED', 'The window ends before it starts.', [
        { path: '/body/schedule/endsAt', message: 'must be after startsAt' },
      ]);
    }
    if (s.kind === 'weekly' && s.timeZone && !isTimeZone(s.timeZone)) {
      throw ServiceError.invalid('VALIDATION_FAILED', `Unknown time zone "${s.timeZone}".`, [
        { path: '/body/schedule/timeZone', message: 'is not an IANA time zone' },
      ]);
    }
  }

  private incidentView(r: IncidentRecord & { ruleName: string; ruleKind: string }): AlertIncident {
    return {
      id: r.id,
      rule: { id: r.ruleId, name: r.ruleName, kind: r.ruleKind as AlertRule['condition']['kind'] },
      subject: { type: r.subjectType, id: r.subjectId, name: r.subjectName },
      condition: r.condition,
      state: r.state,
      startedAt: r.startedAt.toISOString(),
      openedAt: r.openedAt?.toISOString() ?? null,
      resolvedAt: r.resolvedAt?.toISOString() ?? null,
      notifiedAt: r.notifiedAt?.toISOString() ?? null,
      muted: r.muted,
      foldedInto: r.foldedIntoType && r.foldedIntoId ? { type: r.foldedIntoType, id: r.foldedIntoId } : null,
      repeats: r.repeats,
      detail: r.detail,
      link: incidentLink(this.deps.publicUrl, r.subjectType, r.subjectId),
    };
  }
}

function ruleView(r: AlertRuleRecord): AlertRule {
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    condition: r.condition,
    delayS: r.delayS,
    repeatS: r.repeatS,
    notifyResolved: r.notifyResolved,
    channels: r.channels,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function deliveryView(d: DeliveryRecord): AlertDelivery {
  return {
    id: d.id,
    incidentId: d.incidentId,
    event: d.event,
    channel: d.channel,
    to: d.address,
    subject: d.subject,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'queued' ? d.nextAttemptAt.toISOString() : null,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    sentAt: d.sentAt?.toISOString() ?? null,
  };
}

function windowView(w: MaintenanceWindowRecord, now: Date): MaintenanceWindow {
  return {
    id: w.id,
    name: w.name,
    scope: w.scope,
    locationId: w.locationId,
    deviceId: w.deviceId,
    schedule: w.schedule,
    active: windowActive(w.schedule, now),
    createdBy: w.createdBy,
    createdAt: w.createdAt.toISOString(),
  };
}

function webhookView(w: AlertWebhookRecord): AlertWebhook {
  return { id: w.id, name: w.name, url: w.url, enabled: w.enabled, createdAt: w.createdAt.toISOString() };
}
