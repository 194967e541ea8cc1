import { Type, type Static } from 'typebox';
import { Text } from '../text.ts';
import { IsoDateTime, OrgRef, Page, Uuid, organizationIdFilter } from './common.ts';
import { alertChannels, alertRuleKinds } from './alert-rules.ts';

// Alert incidents (one per rule and failing subject) and the log of the messages sent for them.

export const incidentStates = ['pending', 'open', 'resolved'] as const;
export const incidentSubjectTypes = ['device', 'server', 'organization'] as const;
const SubjectRef = Type.Object({ type: Type.Enum(incidentSubjectTypes), id: Uuid });

export const AlertIncident = Type.Object(
  {
    id: Uuid,
    organization: OrgRef,
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
    ...organizationIdFilter,
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
    organization: OrgRef,
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
    ...organizationIdFilter,
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
