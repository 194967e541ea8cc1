import { Type, type Static } from 'typebox';
import { Text } from '../text.ts';
import { Email, IsoDateTime, Page, Uuid } from './common.ts';
import { datasheetProAudioStatuses, datasheetVideoStatuses } from '../devices/status.ts';

/**
 * Alerts: rules per organization, the incidents they open, the messages sent for them (email, SMS,
 * signed webhooks), maintenance windows that mute them, and each user's choice of channels.
 */

export const alertChannels = ['email', 'sms', 'webhook'] as const;
export type AlertChannel = (typeof alertChannels)[number];

/** Every device status a rule can watch: the datasheet's Pro Audio and video statuses. */
export const alertDeviceStatuses = [
  ...new Set<string>([...datasheetProAudioStatuses, ...datasheetVideoStatuses]),
];

/** Server conditions: the agent's link is down, or its monitoring system reports Issue or Off. */
export const serverAlertStates = ['disconnected', 'monitoring_issue', 'monitoring_off'] as const;
export type ServerAlertState = (typeof serverAlertStates)[number];

export const alertRuleKinds = ['device_status', 'server_state', 'plan_overflow', 'plan_expiry'] as const;
export type AlertRuleKind = (typeof alertRuleKinds)[number];

const ids = (what: string) =>
  Type.Optional(
    Type.Array(Uuid, { maxItems: 200, uniqueItems: true, description: `Only these ${what} (none: all).` }),
  );

export const DeviceStatusCondition = Type.Object(
  {
    kind: Type.Literal('device_status'),
    statuses: Type.Array(Type.Enum(alertDeviceStatuses), { minItems: 1, maxItems: 20, uniqueItems: true }),
    models: Type.Optional(
      Type.Array(Text({ minLength: 1, maxLength: 60 }), {
        maxItems: 50,
        uniqueItems: true,
        description: 'Only these models (none: all).',
      }),
    ),
    locationIds: ids('locations and the locations below them'),
    serverIds: ids('servers'),
  },
  { additionalProperties: false },
);
export const ServerStateCondition = Type.Object(
  {
    kind: Type.Literal('server_state'),
    states: Type.Array(Type.Enum(serverAlertStates), { minItems: 1, maxItems: 3, uniqueItems: true }),
    serverIds: ids('servers'),
    locationIds: ids('locations and the locations below them'),
  },
  { additionalProperties: false },
);
export const PlanOverflowCondition = Type.Object(
  { kind: Type.Literal('plan_overflow') },
  { additionalProperties: false },
);
export const PlanExpiryCondition = Type.Object(
  {
    kind: Type.Literal('plan_expiry'),
    warnDays: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 365,
        description: 'Alert this many days before the plan ends (0, the default: once it has ended).',
      }),
    ),
  },
  { additionalProperties: false },
);

/**
 * What a rule watches. Device and server rules cover the organization's own devices and servers;
 * plan rules cover the organization itself (a client or enterprise) or, in a support
 * organization, each of its clients.
 */
export const AlertCondition = Type.Union(
  [DeviceStatusCondition, ServerStateCondition, PlanOverflowCondition, PlanExpiryCondition],
  { $id: 'AlertCondition' },
);
export type AlertCondition = Static<typeof AlertCondition>;

const delayS = Type.Integer({
  minimum: 0,
  maximum: 86_400,
  description: 'How long the condition must hold before the alert opens ("down for 2 minutes": 120).',
});
const repeatS = Type.Union([Type.Integer({ minimum: 60, maximum: 604_800 }), Type.Null()], {
  description: 'Send again every so many seconds while it still fails; null: once.',
});
const channels = Type.Array(Type.Enum(alertChannels), {
  uniqueItems: true,
  maxItems: 3,
  description: 'Channels this rule may use; each user also chooses their own.',
});

export const AlertRule = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    enabled: Type.Boolean(),
    condition: AlertCondition,
    delayS: Type.Integer(),
    repeatS: Type.Union([Type.Integer(), Type.Null()]),
    notifyResolved: Type.Boolean({ description: 'Send a message when the condition clears.' }),
    channels: Type.Array(Type.Enum(alertChannels)),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  },
  { $id: 'AlertRule' },
);
export type AlertRule = Static<typeof AlertRule>;
export const AlertRuleList = Type.Object({ items: Type.Array(AlertRule) }, { $id: 'AlertRuleList' });

export const CreateAlertRuleRequest = Type.Object(
  {
    name: Text({ minLength: 1, maxLength: 100 }),
    enabled: Type.Optional(Type.Boolean({ default: true })),
    condition: AlertCondition,
    delayS: Type.Optional({ ...delayS, default: 120 }),
    repeatS: Type.Optional(repeatS),
    notifyResolved: Type.Optional(Type.Boolean({ default: true })),
    channels: Type.Optional(channels),
  },
  { $id: 'CreateAlertRuleRequest', additionalProperties: false },
);
export type CreateAlertRuleRequest = Static<typeof CreateAlertRuleRequest>;
export const UpdateAlertRuleRequest = Type.Object(
  {
    name: Type.Optional(Text({ minLength: 1, maxLength: 100 })),
    enabled: Type.Optional(Type.Boolean()),
    condition: Type.Optional(AlertCondition),
    delayS: Type.Optional(delayS),
    repeatS: Type.Optional(repeatS),
    notifyResolved: Type.Optional(Type.Boolean()),
    channels: Type.Optional(channels),
  },
  { $id: 'UpdateAlertRuleRequest', additionalProperties: false },
);
export type UpdateAlertRuleRequest = Static<typeof UpdateAlertRuleRequest>;
export const AlertRuleParams = Type.Object({ orgId: Uuid, ruleId: Uuid });

export const incidentStates = ['pending', 'open', 'resolved'] as const;
export const incidentSubjectTypes = ['device', 'server', 'organization'] as const;
const SubjectRef = Type.Object({ type: Type.Enum(incidentSubjectTypes), id: Uuid });

export const AlertIncident = Type.Object(
  {
    id: Uuid,
    rule: Type.Object({ id: Uuid, name: Type.String(), kind: Type.Enum(alertRuleKinds) }),
    subject: Type.Object({ type: Type.Enum(incidentSubjectTypes), id: Uuid, name: Type.String() }),
    condition: Type.String({ description: 'What fails, e.g. "Down", "disconnected", "Overflow".' }),
    state: Type.Enum(incidentStates, {
      description: 'pending: waiting for the rule’s delay; open: alerted; resolved: cleared.',
    }),
    startedAt: IsoDateTime,
    openedAt: Type.Union([IsoDateTime, Type.Null()]),
    resolvedAt: Type.Union([IsoDateTime, Type.Null()]),
    notifiedAt: Type.Union([IsoDateTime, Type.Null()], {
      description: 'When people were first told (null: muted, folded or not yet).',
    }),
    muted: Type.Boolean({ description: 'A maintenance window covers the subject: recorded, nothing sent.' }),
    foldedInto: Type.Union([SubjectRef, Type.Null()], {
      description: 'The server or host box whose alert covers this one (one outage, one alert).',
    }),
    repeats: Type.Integer(),
    detail: Type.Record(Type.String(), Type.Unknown()),
    link: Type.String({ description: 'Where to look in the web app.' }),
  },
  { $id: 'AlertIncident' },
);
export type AlertIncident = Static<typeof AlertIncident>;
export const AlertIncidentPage = Page(AlertIncident, 'AlertIncidentPage');
export type AlertIncidentPage = Static<typeof AlertIncidentPage>;
export const AlertIncidentListQuery = Type.Object(
  {
    state: Type.Optional(Type.Enum(incidentStates)),
    ruleId: Type.Optional(Uuid),
    subjectType: Type.Optional(Type.Enum(incidentSubjectTypes)),
    subjectId: Type.Optional(Uuid),
    muted: Type.Optional(Type.Boolean()),
    folded: Type.Optional(
      Type.Boolean({ description: 'true: only folded incidents; false: only the ones people hear about.' }),
    ),
    from: Type.Optional(IsoDateTime),
    to: Type.Optional(IsoDateTime),
    cursor: Type.Optional(Text({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);
export type AlertIncidentListQuery = Static<typeof AlertIncidentListQuery>;
export const AlertIncidentParams = Type.Object({ orgId: Uuid, incidentId: Uuid });

export const deliveryStatuses = ['queued', 'sending', 'sent', 'failed', 'kept'] as const;
export const AlertDelivery = Type.Object(
  {
    id: Type.Integer(),
    incidentId: Uuid,
    event: Type.String({ description: 'opened, repeat:<n> or resolved.' }),
    channel: Type.Enum(alertChannels),
    to: Type.String({ description: 'Email address, phone number or webhook URL.' }),
    subject: Type.Union([Type.String(), Type.Null()]),
    status: Type.Enum(deliveryStatuses, {
      description: 'kept: no SMTP server or SMS provider is configured; the message is kept here.',
    }),
    attempts: Type.Integer(),
    nextAttemptAt: Type.Union([IsoDateTime, Type.Null()]),
    lastError: Type.Union([Type.String(), Type.Null()]),
    createdAt: IsoDateTime,
    sentAt: Type.Union([IsoDateTime, Type.Null()]),
  },
  { $id: 'AlertDelivery' },
);
export type AlertDelivery = Static<typeof AlertDelivery>;
export const AlertDeliveryPage = Page(AlertDelivery, 'AlertDeliveryPage');
export type AlertDeliveryPage = Static<typeof AlertDeliveryPage>;
export const AlertDeliveryListQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(deliveryStatuses)),
    channel: Type.Optional(Type.Enum(alertChannels)),
    incidentId: Type.Optional(Uuid),
    cursor: Type.Optional(Text({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);
export type AlertDeliveryListQuery = Static<typeof AlertDeliveryListQuery>;
export const AlertIncidentDetail = Type.Object(
  { incident: AlertIncident, deliveries: Type.Array(AlertDelivery) },
  { $id: 'AlertIncidentDetail' },
);

export const maintenanceScopes = ['organization', 'location', 'device'] as const;
const HhMm = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'Local time, HH:MM.' });
export const MaintenanceSchedule = Type.Union(
  [
    Type.Object(
      { kind: Type.Literal('once'), startsAt: IsoDateTime, endsAt: IsoDateTime },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        kind: Type.Literal('weekly'),
        days: Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), {
          minItems: 1,
          maxItems: 7,
          uniqueItems: true,
          description: '0 = Sunday … 6 = Saturday.',
        }),
        start: HhMm,
        durationMinutes: Type.Integer({ minimum: 1, maximum: 10_080 }),
        timeZone: Type.Optional(
          Text({
            minLength: 1,
            maxLength: 64,
            description: 'IANA time zone, e.g. Europe/Berlin (default UTC).',
          }),
        ),
      },
      { additionalProperties: false },
    ),
  ],
  { $id: 'MaintenanceSchedule' },
);
export type MaintenanceSchedule = Static<typeof MaintenanceSchedule>;

export const MaintenanceWindow = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    scope: Type.Enum(maintenanceScopes),
    locationId: Type.Union([Uuid, Type.Null()]),
    deviceId: Type.Union([Uuid, Type.Null()]),
    schedule: MaintenanceSchedule,
    active: Type.Boolean({ description: 'Muting alerts right now.' }),
    createdBy: Type.String(),
    createdAt: IsoDateTime,
  },
  { $id: 'MaintenanceWindow' },
);
export type MaintenanceWindow = Static<typeof MaintenanceWindow>;
export const MaintenanceWindowList = Type.Object(
  { items: Type.Array(MaintenanceWindow) },
  { $id: 'MaintenanceWindowList' },
);
export const CreateMaintenanceWindowRequest = Type.Object(
  {
    name: Text({ minLength: 1, maxLength: 100 }),
    scope: Type.Enum(maintenanceScopes),
    locationId: Type.Optional(Uuid),
    deviceId: Type.Optional(Uuid),
    schedule: MaintenanceSchedule,
  },
  { $id: 'CreateMaintenanceWindowRequest', additionalProperties: false },
);
export type CreateMaintenanceWindowRequest = Static<typeof CreateMaintenanceWindowRequest>;
export const UpdateMaintenanceWindowRequest = Type.Object(
  {
    name: Type.Optional(Text({ minLength: 1, maxLength: 100 })),
    schedule: Type.Optional(MaintenanceSchedule),
  },
  { $id: 'UpdateMaintenanceWindowRequest', additionalProperties: false },
);
export type UpdateMaintenanceWindowRequest = Static<typeof UpdateMaintenanceWindowRequest>;
export const MaintenanceWindowParams = Type.Object({ orgId: Uuid, windowId: Uuid });

const WebhookUrl = Type.String({
  pattern: '^https?://[^\\s\\u0000-\\u001f\\u007f-\\u009f\\ud800-\\udfff]+$',
  maxLength: 2000,
});
export const AlertWebhook = Type.Object(
  { id: Uuid, name: Type.String(), url: Type.String(), enabled: Type.Boolean(), createdAt: IsoDateTime },
  { $id: 'AlertWebhook', description: 'Receives alert events as signed JSON POSTs (see docs/alerts.md).' },
);
export type AlertWebhook = Static<typeof AlertWebhook>;
export const AlertWebhookList = Type.Object({ items: Type.Array(AlertWebhook) }, { $id: 'AlertWebhookList' });
export const CreateAlertWebhookRequest = Type.Object(
  {
    name: Text({ minLength: 1, maxLength: 100 }),
    url: WebhookUrl,
    enabled: Type.Optional(Type.Boolean({ default: true })),
  },
  { $id: 'CreateAlertWebhookRequest', additionalProperties: false },
);
export const UpdateAlertWebhookRequest = Type.Object(
  {
    name: Type.Optional(Text({ minLength: 1, maxLength: 100 })),
    url: Type.Optional(WebhookUrl),
    enabled: Type.Optional(Type.Boolean()),
    rotateSecret: Type.Optional(
      Type.Boolean({ description: 'Issue a new signing secret (shown once in the answer).' }),
    ),
  },
  { $id: 'UpdateAlertWebhookRequest', additionalProperties: false },
);
export const AlertWebhookWithSecret = Type.Object(
  {
    webhook: AlertWebhook,
    secret: Type.Union([Type.String(), Type.Null()], {
      description: 'The signing secret: shown once, when created or rotated.',
    }),
  },
  { $id: 'AlertWebhookWithSecret' },
);
export const AlertWebhookParams = Type.Object({ orgId: Uuid, webhookId: Uuid });

export const AlertPreference = Type.Object(
  {
    orgId: Uuid,
    orgName: Type.String(),
    email: Type.Boolean(),
    sms: Type.Boolean(),
    mutedRuleIds: Type.Array(Uuid, { description: 'Rules whose alerts this user does not want.' }),
    custom: Type.Boolean({
      description: 'false: the defaults (email on for direct members, off through a support organization).',
    }),
  },
  { $id: 'AlertPreference' },
);
export type AlertPreference = Static<typeof AlertPreference>;
export const AlertPreferences = Type.Object(
  {
    smsNumber: Type.Union([Type.String(), Type.Null()], {
      description: 'The verified number SMS alerts go to; null when none is verified.',
    }),
    items: Type.Array(AlertPreference),
  },
  { $id: 'AlertPreferences' },
);
export type AlertPreferences = Static<typeof AlertPreferences>;
export const UpdateAlertPreferenceRequest = Type.Object(
  {
    email: Type.Optional(Type.Boolean()),
    sms: Type.Optional(
      Type.Boolean({
        description:
          'Needs a verified SMS number (PUT /api/v1/me/sms-number, then POST /api/v1/me/sms-number/verify).',
      }),
    ),
    mutedRuleIds: Type.Optional(Type.Array(Uuid, { maxItems: 500, uniqueItems: true })),
  },
  { $id: 'UpdateAlertPreferenceRequest', additionalProperties: false },
);
export type UpdateAlertPreferenceRequest = Static<typeof UpdateAlertPreferenceRequest>;

/** SMTP encryption modes, in the order forms offer them (STARTTLS first: the usual submission port). */
export const smtpSecurityModes = ['starttls', 'tls', 'none'] as const;
const SmtpSecurity = Type.Union([Type.Literal('tls'), Type.Literal('starttls'), Type.Literal('none')], {
  description:
    "'tls': TLS from the first byte (usually port 465); 'starttls': plain connection upgraded to TLS, required (587); 'none': no TLS (a relay on a trusted network).",
});
const Hostname = Type.String({
  minLength: 1,
  maxLength: 253,
  pattern: '^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)$',
  description: 'Host name or IP address of the SMTP server.',
});

/** An organization's own SMTP server for its alert emails; the password is never sent back. */
export const OrgSmtpServer = Type.Object(
  {
    host: Type.String(),
    port: Type.Integer(),
    security: SmtpSecurity,
    username: Type.Union([Type.String(), Type.Null()]),
    passwordSet: Type.Boolean({ description: 'Whether a password is stored (sealed; never shown again).' }),
    from: Type.String(),
    updatedAt: Type.String({ format: 'date-time' }),
    updatedBy: Type.String(),
  },
  { $id: 'OrgSmtpServer' },
);
export type OrgSmtpServer = Static<typeof OrgSmtpServer>;
export const OrgSmtpSettings = Type.Object(
  {
    mode: Type.Union([Type.Literal('default'), Type.Literal('custom'), Type.Literal('inherited')], {
      description:
        "'custom': the organization's own mail server; 'inherited': the one its support organization set up; 'default': the hub's.",
    }),
    inheritedFrom: Type.Union([Type.String(), Type.Null()], {
      description: 'With mode inherited: the name of the organization whose mail server is used.',
    }),
    defaultConfigured: Type.Boolean({
      description:
        'Whether the hub has a mail server; without one, default-mode alert emails stay in the operator’s outbox.',
    }),
    server: Type.Union([OrgSmtpServer, Type.Null()], {
      description: "The organization's own server (mode custom); null otherwise.",
    }),
  },
  { $id: 'OrgSmtpSettings' },
);
export type OrgSmtpSettings = Static<typeof OrgSmtpSettings>;
export const UpdateOrgSmtpRequest = Type.Object(
  {
    host: Hostname,
    port: Type.Integer({ minimum: 1, maximum: 65535 }),
    security: SmtpSecurity,
    username: Type.Optional(Type.Union([Text({ minLength: 1, maxLength: 320 }), Type.Null()])),
    password: Type.Optional(
      Text({
        minLength: 1,
        maxLength: 1000,
        description: 'Omit to keep the stored password; it is sealed and never shown again.',
      }),
    ),
    from: Type.String({
      minLength: 3,
      maxLength: 320,
      pattern:
        '^[^\\u0000-\\u001f\\u007f-\\u009f\\ud800-\\udfff]*@[^\\u0000-\\u001f\\u007f-\\u009f\\ud800-\\udfff]*$',
      description: 'Sender, e.g. "Acme AV <av-alerts@acme.example>".',
    }),
  },
  { $id: 'UpdateOrgSmtpRequest', additionalProperties: false },
);
export type UpdateOrgSmtpRequest = Static<typeof UpdateOrgSmtpRequest>;
/** `to` defaults to the caller's own address. */
export const TestOrgSmtpRequest = Type.Object(
  { to: Type.Optional(Email) },
  { $id: 'TestOrgSmtpRequest', additionalProperties: false },
);
export const TestOrgSmtpResult = Type.Object(
  {
    to: Type.String(),
    via: Type.Union([Type.Literal('default'), Type.Literal('custom'), Type.Literal('inherited')]),
    kept: Type.Boolean({
      description: 'true: no mail server anywhere, the test message is in the operator’s outbox.',
    }),
  },
  { $id: 'TestOrgSmtpResult' },
);
