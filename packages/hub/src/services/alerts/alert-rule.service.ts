import type {
  AlertCondition,
  AlertRule,
  CreateAlertRuleRequest,
  UpdateAlertRuleRequest,
} from '@crosspoint/protocol';
import { alertChannels } from '@crosspoint/protocol';
import type { AgentAccountRepository } from '../../repositories/agent-account.repository.ts';
import type { AlertConfigRepository, AlertRuleRecord } from '../../repositories/alert-config.repository.ts';
import type { LocationRepository } from '../../repositories/location.repository.ts';
import type { AuditService } from '../audit.service.ts';
import { requirePermission, type Clock, type OrgContext } from '../context.ts';
import { ServiceError } from '../service-error.ts';

/** Alert rules: what each rule watches, its delay, repeats and channels. */
export class AlertRuleService {
  constructor(
    private readonly deps: {
      config: AlertConfigRepository;
      locations: LocationRepository;
      servers: AgentAccountRepository;
      audit: AuditService;
      clock: Clock;
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
