import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AlertDeliveryListQuery,
  AlertDeliveryPage,
  AlertIncidentDetail,
  AlertIncidentListQuery,
  AlertIncidentPage,
  AlertIncidentParams,
  AlertPreference,
  AlertPreferences,
  AlertRule,
  AlertRuleList,
  AlertRuleParams,
  AlertWebhookList,
  AlertWebhookParams,
  AlertWebhookWithSecret,
  CreateAlertRuleRequest,
  CreateAlertWebhookRequest,
  CreateMaintenanceWindowRequest,
  IdParams,
  MaintenanceWindow,
  MaintenanceWindowList,
  MaintenanceWindowParams,
  Ok,
  UpdateAlertPreferenceRequest,
  UpdateAlertRuleRequest,
  UpdateAlertWebhookRequest,
  UpdateMaintenanceWindowRequest,
  Uuid,
  OrgSmtpSettings,
  TestOrgSmtpRequest,
  TestOrgSmtpResult,
  UpdateOrgSmtpRequest,
} from '@crosspoint/protocol';
import type { AccessService } from '../../services/access.service.ts';
import type { AlertService } from '../../services/alerts/alert.service.ts';
import type { OrgSmtpService } from '../../services/org-smtp.service.ts';
import { orgContextOf, requireAuth } from '../request-auth.ts';

/** /api/v1/orgs/:orgId/alerts/… and /api/v1/me/alert-preferences (see docs/alerts.md). */
export function alertRoutes(root: FastifyInstance, d: { access: AccessService; alerts: AlertService; smtp: OrgSmtpService }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const ctxOf = orgContextOf(d.access);
  const tags = ['alerts'];
  const base = '/api/v1/orgs/:orgId/alerts';

  app.get(`${base}/rules`, { schema: { tags, summary: 'Alert rules', params: IdParams, response: { 200: AlertRuleList } } }, async (req) => ({
    items: await d.alerts.rules(await ctxOf(req)),
  }));
  app.post(`${base}/rules`, { schema: { tags, summary: 'Add an alert rule', params: IdParams, body: CreateAlertRuleRequest, response: { 201: AlertRule } } }, async (req, reply) =>
    reply.status(201).send(await d.alerts.createRule(await ctxOf(req), req.body)),
  );
  app.get(`${base}/rules/:ruleId`, { schema: { tags, summary: 'One alert rule', params: AlertRuleParams, response: { 200: AlertRule } } }, async (req) =>
    d.alerts.rule(await ctxOf(req), req.params.ruleId),
  );
  app.patch(`${base}/rules/:ruleId`, { schema: { tags, summary: 'Change, enable or disable an alert rule', params: AlertRuleParams, body: UpdateAlertRuleRequest, response: { 200: AlertRule } } }, async (req) =>
    d.alerts.updateRule(await ctxOf(req), req.params.ruleId, req.body),
  );
  app.delete(`${base}/rules/:ruleId`, { schema: { tags, summary: 'Delete an alert rule (and its incidents)', params: AlertRuleParams, response: { 200: Ok } } }, async (req) => {
    await d.alerts.deleteRule(await ctxOf(req), req.params.ruleId);
    return { ok: true as const };
  });

  app.get(`${base}/incidents`, { schema: { tags, summary: 'Incidents, newest first, with filters', params: IdParams, querystring: AlertIncidentListQuery, response: { 200: AlertIncidentPage } } }, async (req) =>
    d.alerts.incidents(await ctxOf(req), req.query),
  );
  app.get(`${base}/incidents/:incidentId`, { schema: { tags, summary: 'One incident with its deliveries', params: AlertIncidentParams, response: { 200: AlertIncidentDetail } } }, async (req) =>
    d.alerts.incident(await ctxOf(req), req.params.incidentId),
  );
  app.get(`${base}/deliveries`, { schema: { tags, summary: 'Delivery log: what was sent, kept, failed and why', params: IdParams, querystring: AlertDeliveryListQuery, response: { 200: AlertDeliveryPage } } }, async (req) =>
    d.alerts.deliveries(await ctxOf(req), req.query),
  );

  app.get(`${base}/maintenance-windows`, { schema: { tags, summary: 'Maintenance windows (and whether each is on now)', params: IdParams, response: { 200: MaintenanceWindowList } } }, async (req) => ({
    items: await d.alerts.windows(await ctxOf(req)),
  }));
  app.post(`${base}/maintenance-windows`, { schema: { tags, summary: 'Add a maintenance window: alerts inside it are recorded, not sent', params: IdParams, body: CreateMaintenanceWindowRequest, response: { 201: MaintenanceWindow } } }, async (req, reply) =>
    reply.status(201).send(await d.alerts.createWindow(await ctxOf(req), req.body)),
  );
  app.patch(`${base}/maintenance-windows/:windowId`, { schema: { tags, summary: 'Rename or reschedule a maintenance window', params: MaintenanceWindowParams, body: UpdateMaintenanceWindowRequest, response: { 200: MaintenanceWindow } } }, async (req) =>
    d.alerts.updateWindow(await ctxOf(req), req.params.windowId, req.body),
  );
  app.delete(`${base}/maintenance-windows/:windowId`, { schema: { tags, summary: 'Delete a maintenance window', params: MaintenanceWindowParams, response: { 200: Ok } } }, async (req) => {
    await d.alerts.deleteWindow(await ctxOf(req), req.params.windowId);
    return { ok: true as const };
  });

  app.get(`${base}/webhooks`, { schema: { tags, summary: 'Webhook receivers (secrets are never shown again)', params: IdParams, response: { 200: AlertWebhookList } } }, async (req) => ({
    items: await d.alerts.webhooks(await ctxOf(req)),
  }));
  app.post(`${base}/webhooks`, { schema: { tags, summary: 'Add a webhook receiver; the signing secret is shown once', params: IdParams, body: CreateAlertWebhookRequest, response: { 201: AlertWebhookWithSecret } } }, async (req, reply) =>
    reply.status(201).send(await d.alerts.createWebhook(await ctxOf(req), req.body)),
  );
  app.patch(`${base}/webhooks/:webhookId`, { schema: { tags, summary: 'Change a webhook receiver, or rotate its secret (shown once)', params: AlertWebhookParams, body: UpdateAlertWebhookRequest, response: { 200: AlertWebhookWithSecret } } }, async (req) =>
    d.alerts.updateWebhook(await ctxOf(req), req.params.webhookId, req.body),
  );
  app.delete(`${base}/webhooks/:webhookId`, { schema: { tags, summary: 'Delete a webhook receiver', params: AlertWebhookParams, response: { 200: Ok } } }, async (req) => {
    await d.alerts.deleteWebhook(await ctxOf(req), req.params.webhookId);
    return { ok: true as const };
  });

  app.get(`${base}/smtp`, { schema: { tags, summary: 'The mail server alert emails go through (own, support organization’s, or the hub’s)', params: IdParams, response: { 200: OrgSmtpSettings } } }, async (req) =>
    d.smtp.get(await ctxOf(req)),
  );
  app.put(`${base}/smtp`, { schema: { tags, summary: 'Send alert emails through the organization’s own SMTP server (the password is sealed, never shown again)', params: IdParams, body: UpdateOrgSmtpRequest, response: { 200: OrgSmtpSettings } } }, async (req) =>
    d.smtp.update(await ctxOf(req), req.body),
  );
  app.delete(`${base}/smtp`, { schema: { tags, summary: 'Go back to the support organization’s or the hub’s mail server', params: IdParams, response: { 200: OrgSmtpSettings } } }, async (req) =>
    d.smtp.remove(await ctxOf(req)),
  );
  app.post(`${base}/smtp/test`, { schema: { tags, summary: 'Send a test email now through the mail server alerts would use', params: IdParams, body: TestOrgSmtpRequest, response: { 200: TestOrgSmtpResult } } }, async (req) =>
    d.smtp.test(await ctxOf(req), req.body.to),
  );

  app.get('/api/v1/me/alert-preferences', { schema: { tags: ['account'], summary: 'How alerts reach me, per organization', response: { 200: AlertPreferences } } }, async (req) =>
    d.alerts.preferences(requireAuth(req).actor),
  );
  app.put(
    '/api/v1/me/alert-preferences/:orgId',
    { schema: { tags: ['account'], summary: 'Choose how alerts of one organization reach me', params: Type.Object({ orgId: Uuid }), body: UpdateAlertPreferenceRequest, response: { 200: AlertPreference } } },
    async (req) => d.alerts.updatePreference(requireAuth(req).actor, req.params.orgId, req.body),
  );
}
