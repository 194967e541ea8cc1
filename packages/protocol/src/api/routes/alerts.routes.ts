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
  MaintenanceWindow,
  MaintenanceWindowList,
  MaintenanceWindowParams,
  OrgSmtpSettings,
  TestOrgSmtpRequest,
  TestOrgSmtpResult,
  UpdateAlertPreferenceRequest,
  UpdateAlertRuleRequest,
  UpdateAlertWebhookRequest,
  UpdateMaintenanceWindowRequest,
  UpdateOrgSmtpRequest,
} from '../alerts.ts';
import { IdParams, Ok, Uuid } from '../common.ts';
import { route } from '../route.ts';

const tags = ['alerts'];
const base = '/api/v1/orgs/:orgId/alerts';

/** Alert rules, incidents, deliveries, maintenance windows, webhooks, the alert mail server, and my alert preferences (docs/alerts.md). */
export const alertRoutes = {
  listAlertRules: route({ method: 'GET', path: `${base}/rules`, tags, access: 'alerts.read', summary: 'Alert rules', params: IdParams, answer: AlertRuleList }),
  createAlertRule: route({ method: 'POST', path: `${base}/rules`, tags, access: 'alerts.manage', summary: 'Add an alert rule', params: IdParams, body: CreateAlertRuleRequest, answer: AlertRule, status: 201 }),
  getAlertRule: route({ method: 'GET', path: `${base}/rules/:ruleId`, tags, access: 'alerts.read', summary: 'One alert rule', params: AlertRuleParams, answer: AlertRule }),
  updateAlertRule: route({ method: 'PATCH', path: `${base}/rules/:ruleId`, tags, access: 'alerts.manage', summary: 'Change, enable or disable an alert rule', params: AlertRuleParams, body: UpdateAlertRuleRequest, answer: AlertRule }),
  deleteAlertRule: route({ method: 'DELETE', path: `${base}/rules/:ruleId`, tags, access: 'alerts.manage', summary: 'Delete an alert rule (and its incidents)', params: AlertRuleParams, answer: Ok }),

  listIncidents: route({ method: 'GET', path: `${base}/incidents`, tags, access: 'alerts.read', summary: 'Incidents, newest first, with filters', params: IdParams, query: AlertIncidentListQuery, answer: AlertIncidentPage }),
  getIncident: route({ method: 'GET', path: `${base}/incidents/:incidentId`, tags, access: 'alerts.read', summary: 'One incident with its deliveries', params: AlertIncidentParams, answer: AlertIncidentDetail }),
  listDeliveries: route({ method: 'GET', path: `${base}/deliveries`, tags, access: 'alerts.read', summary: 'Delivery log: what was sent, kept, failed and why', params: IdParams, query: AlertDeliveryListQuery, answer: AlertDeliveryPage }),

  listMaintenanceWindows: route({ method: 'GET', path: `${base}/maintenance-windows`, tags, access: 'alerts.read', summary: 'Maintenance windows (and whether each is on now)', params: IdParams, answer: MaintenanceWindowList }),
  createMaintenanceWindow: route({ method: 'POST', path: `${base}/maintenance-windows`, tags, access: 'alerts.manage', summary: 'Add a maintenance window: alerts inside it are recorded, not sent', params: IdParams, body: CreateMaintenanceWindowRequest, answer: MaintenanceWindow, status: 201 }),
  updateMaintenanceWindow: route({ method: 'PATCH', path: `${base}/maintenance-windows/:windowId`, tags, access: 'alerts.manage', summary: 'Rename or reschedule a maintenance window', params: MaintenanceWindowParams, body: UpdateMaintenanceWindowRequest, answer: MaintenanceWindow }),
  deleteMaintenanceWindow: route({ method: 'DELETE', path: `${base}/maintenance-windows/:windowId`, tags, access: 'alerts.manage', summary: 'Delete a maintenance window', params: MaintenanceWindowParams, answer: Ok }),

  listWebhooks: route({ method: 'GET', path: `${base}/webhooks`, tags, access: 'alerts.read', summary: 'Webhook receivers (secrets are never shown again)', params: IdParams, answer: AlertWebhookList }),
  createWebhook: route({ method: 'POST', path: `${base}/webhooks`, tags, access: 'alerts.manage', summary: 'Add a webhook receiver; the signing secret is shown once', params: IdParams, body: CreateAlertWebhookRequest, answer: AlertWebhookWithSecret, status: 201 }),
  updateWebhook: route({ method: 'PATCH', path: `${base}/webhooks/:webhookId`, tags, access: 'alerts.manage', summary: 'Change a webhook receiver, or rotate its secret (shown once)', params: AlertWebhookParams, body: UpdateAlertWebhookRequest, answer: AlertWebhookWithSecret }),
  deleteWebhook: route({ method: 'DELETE', path: `${base}/webhooks/:webhookId`, tags, access: 'alerts.manage', summary: 'Delete a webhook receiver', params: AlertWebhookParams, answer: Ok }),

  getOrgSmtp: route({ method: 'GET', path: `${base}/smtp`, tags, access: 'alerts.read', summary: 'The mail server alert emails go through (own, support organization’s, or the hub’s)', params: IdParams, answer: OrgSmtpSettings }),
  updateOrgSmtp: route({ method: 'PUT', path: `${base}/smtp`, tags, access: 'alerts.manage', summary: 'Send alert emails through the organization’s own SMTP server (the password is sealed, never shown again)', params: IdParams, body: UpdateOrgSmtpRequest, answer: OrgSmtpSettings }),
  removeOrgSmtp: route({ method: 'DELETE', path: `${base}/smtp`, tags, access: 'alerts.manage', summary: 'Go back to the support organization’s or the hub’s mail server', params: IdParams, answer: OrgSmtpSettings }),
  testOrgSmtp: route({ method: 'POST', path: `${base}/smtp/test`, tags, access: 'alerts.manage', summary: 'Send a test email now through the mail server alerts would use', params: IdParams, body: TestOrgSmtpRequest, answer: TestOrgSmtpResult }),

  listAlertPreferences: route({ method: 'GET', path: '/api/v1/me/alert-preferences', tags: ['account'], access: 'signed-in', summary: 'How alerts reach me, per organization', answer: AlertPreferences }),
  updateAlertPreference: route({ method: 'PUT', path: '/api/v1/me/alert-preferences/:orgId', tags: ['account'], access: 'signed-in', summary: 'Choose how alerts of one organization reach me', params: Type.Object({ orgId: Uuid }), body: UpdateAlertPreferenceRequest, answer: AlertPreference }),
};
