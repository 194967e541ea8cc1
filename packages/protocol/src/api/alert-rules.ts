import { Type, type Static } from 'typebox';
import { Text } from '../text.ts';
import { IsoDateTime, Uuid } from './common.ts';
import { datasheetProAudioStatuses, datasheetVideoStatuses } from '../devices/status.ts';

// Alert rules: what a rule watches (its condition), how long it waits, how often it repeats, its channels.

export const alertChannels = ['email', 'sms', 'webhook'] as const;
export type AlertChannel = (typeof alertChannels)[number];

/** Every device status a rule can watch: the datasheet's Pro Audio and video statuses. */
export const alertDeviceStatuses = [
  ...new Set<string>([...datasheetProAudioStatuses, ...datasheetVideoStatuses]),
];

/** Server conditions: the agent's link is down, or its monitoring system reports Issue or Off. */
export const serverAlertStates = ['disconnected', 'monitoring_issue', 'monitoring_off'] as const;
export type ServerAlertState = (typeof serverAlertStates)[number];

export const alertRuleKinds = [
  'device_status',
  'server_state',
  'plan_overflow',
  'plan_expiry',
  'configuration_drift',
] as const;
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

/** A device's newest configuration version differs from the baseline a person approved (docs/configurations.md). */
export const ConfigurationDriftCondition = Type.Object(
  {
    kind: Type.Literal('configuration_drift'),
    models: Type.Optional(
      Type.Array(Text({ minLength: 1, maxLength: 60 }), {
        maxItems: 50,
        uniqueItems: true,
        description: 'Only these models (none: all).',
      }),
    ),
    locationIds: ids('locations and the locations below them'),
  },
  { additionalProperties: false },
);

/**
 * What a rule watches. Device and server rules cover the organization's own devices and servers;
 * plan rules cover the organization itself (a client or enterprise) or, in a support
 * organization, each of its clients.
 */
export const AlertCondition = Type.Union(
  [
    DeviceStatusCondition,
    ServerStateCondition,
    PlanOverflowCondition,
    PlanExpiryCondition,
    ConfigurationDriftCondition,
  ],
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
