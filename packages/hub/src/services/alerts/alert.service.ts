import type {
  AlertDeliveryListQuery,
  AlertIncidentListQuery,
  CreateAlertRuleRequest,
  CreateMaintenanceWindowRequest,
  UpdateAlertPreferenceRequest,
  UpdateAlertRuleRequest,
  UpdateMaintenanceWindowRequest,
} from '@crosspoint/protocol';
import type { AgentAccountRepository } from '../../repositories/agent-account.repository.ts';
import type { AlertConfigRepository } from '../../repositories/alert-config.repository.ts';
import type { AlertDeliveryRepository } from '../../repositories/alert-delivery.repository.ts';
import type { AlertIncidentRepository } from '../../repositories/alert-incident.repository.ts';
import type { DeviceRepository } from '../../repositories/device.repository.ts';
import type { LocationRepository } from '../../repositories/location.repository.ts';
import type { UserRepository } from '../../repositories/user.repository.ts';
import type { AccessService } from '../access.service.ts';
import type { AuditService } from '../audit.service.ts';
import type { Actor, Clock, OrgContext } from '../context.ts';
import type { Sealer } from '../../adapters/sealer.ts';
import { AlertIncidentService } from './alert-incident.service.ts';
import { AlertPreferenceService } from './alert-preference.service.ts';
import { AlertRuleService } from './alert-rule.service.ts';
import { AlertWebhookService, type NewWebhook, type WebhookChanges } from './alert-webhook.service.ts';
import { MaintenanceWindowService } from './maintenance-window.service.ts';

/**
 * The alerts API: rules, incidents and the delivery log, maintenance windows, webhooks (secret
 * shown once), and each user's channels per organization. Everything is scoped to the caller's
 * organization, permission-checked and audited.
 */
export class AlertService {
  private readonly ruleService: AlertRuleService;
  private readonly incidentService: AlertIncidentService;
  private readonly windowService: MaintenanceWindowService;
  private readonly webhookService: AlertWebhookService;
  private readonly preferenceService: AlertPreferenceService;

  constructor(deps: {
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
  }) {
    this.ruleService = new AlertRuleService(deps);
    this.incidentService = new AlertIncidentService(deps);
    this.windowService = new MaintenanceWindowService(deps);
    this.webhookService = new AlertWebhookService(deps);
    this.preferenceService = new AlertPreferenceService(deps);
  }

  rules(ctx: OrgContext) {
    return this.ruleService.rules(ctx);
  }

  rule(ctx: OrgContext, id: string) {
    return this.ruleService.rule(ctx, id);
  }

  createRule(ctx: OrgContext, req: CreateAlertRuleRequest) {
    return this.ruleService.createRule(ctx, req);
  }

  updateRule(ctx: OrgContext, id: string, req: UpdateAlertRuleRequest) {
    return this.ruleService.updateRule(ctx, id, req);
  }

  deleteRule(ctx: OrgContext, id: string) {
    return this.ruleService.deleteRule(ctx, id);
  }

  incidents(ctx: OrgContext, query: AlertIncidentListQuery) {
    return this.incidentService.incidents(ctx, query);
  }

  incident(ctx: OrgContext, id: string) {
    return this.incidentService.incident(ctx, id);
  }

  deliveries(ctx: OrgContext, query: AlertDeliveryListQuery) {
    return this.incidentService.deliveries(ctx, query);
  }

  windows(ctx: OrgContext) {
    return this.windowService.windows(ctx);
  }

  createWindow(ctx: OrgContext, req: CreateMaintenanceWindowRequest) {
    return this.windowService.createWindow(ctx, req);
  }

  updateWindow(ctx: OrgContext, id: string, req: UpdateMaintenanceWindowRequest) {
    return this.windowService.updateWindow(ctx, id, req);
  }

  deleteWindow(ctx: OrgContext, id: string) {
    return this.windowService.deleteWindow(ctx, id);
  }

  webhooks(ctx: OrgContext) {
    return this.webhookService.webhooks(ctx);
  }

  createWebhook(ctx: OrgContext, req: NewWebhook) {
    return this.webhookService.createWebhook(ctx, req);
  }

  updateWebhook(ctx: OrgContext, id: string, req: WebhookChanges) {
    return this.webhookService.updateWebhook(ctx, id, req);
  }

  deleteWebhook(ctx: OrgContext, id: string) {
    return this.webhookService.deleteWebhook(ctx, id);
  }

  /** Seals the signing secrets of webhooks made before secrets were sealed (once, at start; idempotent). */
  sealLegacyWebhookSecrets() {
    return this.webhookService.sealLegacyWebhookSecrets();
  }

  /** The signed-in user's channels in every organization they can act in. */
  preferences(actor: Actor) {
    return this.preferenceService.preferences(actor);
  }

  updatePreference(actor: Actor, orgId: string, req: UpdateAlertPreferenceRequest) {
    return this.preferenceService.updatePreference(actor, orgId, req);
  }
}
