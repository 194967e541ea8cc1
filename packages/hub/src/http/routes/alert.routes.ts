import type { AlertService } from '../../services/alerts/alert.service.ts';
import type { OrgSmtpService } from '../../services/org-smtp.service.ts';
import type { ContractRoutes } from '../contract-routes.ts';
import { requireAuth } from '../request-auth.ts';

const ok = { ok: true as const };

/** /api/v1/orgs/:orgId/alerts/… and /api/v1/me/alert-preferences (see docs/alerts.md). */
export function alertRoutes(routes: ContractRoutes, d: { alerts: AlertService; smtp: OrgSmtpService }): void {
  routes.org('listAlertRules', async (ctx) => ({ items: await d.alerts.rules(ctx) }));
  routes.org('createAlertRule', (ctx, { body }) => d.alerts.createRule(ctx, body));
  routes.org('getAlertRule', (ctx, { params }) => d.alerts.rule(ctx, params.ruleId));
  routes.org('updateAlertRule', (ctx, { params, body }) => d.alerts.updateRule(ctx, params.ruleId, body));
  routes.org('deleteAlertRule', async (ctx, { params }) => {
    await d.alerts.deleteRule(ctx, params.ruleId);
    return ok;
  });

  routes.org('listIncidents', (ctx, { query }) => d.alerts.incidents(ctx, query));
  routes.org('getIncident', (ctx, { params }) => d.alerts.incident(ctx, params.incidentId));
  routes.org('listDeliveries', (ctx, { query }) => d.alerts.deliveries(ctx, query));

  routes.org('listMaintenanceWindows', async (ctx) => ({ items: await d.alerts.windows(ctx) }));
  routes.org('createMaintenanceWindow', (ctx, { body }) => d.alerts.createWindow(ctx, body));
  routes.org('updateMaintenanceWindow', (ctx, { params, body }) =>
    d.alerts.updateWindow(ctx, params.windowId, body),
  );
  routes.org('deleteMaintenanceWindow', async (ctx, { params }) => {
    await d.alerts.deleteWindow(ctx, params.windowId);
    return ok;
  });

  routes.org('listWebhooks', async (ctx) => ({ items: await d.alerts.webhooks(ctx) }));
  routes.org('createWebhook', (ctx, { body }) => d.alerts.createWebhook(ctx, body));
  routes.org('updateWebhook', (ctx, { params, body }) => d.alerts.updateWebhook(ctx, params.webhookId, body));
  routes.org('deleteWebhook', async (ctx, { params }) => {
    await d.alerts.deleteWebhook(ctx, params.webhookId);
    return ok;
  });

  routes.org('getOrgSmtp', (ctx) => d.smtp.get(ctx));
  routes.org('updateOrgSmtp', (ctx, { body }) => d.smtp.update(ctx, body));
  routes.org('removeOrgSmtp', (ctx) => d.smtp.remove(ctx));
  routes.org('testOrgSmtp', (ctx, { body }) => d.smtp.test(ctx, body.to));

  routes.plain('listAlertPreferences', ({ request }) => d.alerts.preferences(requireAuth(request).actor));
  routes.plain('updateAlertPreference', ({ request, params, body }) =>
    d.alerts.updatePreference(requireAuth(request).actor, params.orgId, body),
  );
}
