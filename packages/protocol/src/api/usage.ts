import { Type, type Static } from 'typebox';
import { IsoDate, IsoDateTime, Uuid } from './common.ts';

/** Usage metering (docs/metering.md): devices monitored per UTC day by family, Overflow days and plan changes. */

const day = '^\\d{4}-\\d{2}-\\d{2}$';

export const UsageMonth = Type.String({
  pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
  description: 'A month, YYYY-MM (UTC).',
});

export const UsageQuery = Type.Object(
  {
    month: Type.Optional(UsageMonth),
    from: Type.Optional(
      Type.String({ pattern: day, description: 'First day (UTC), with `to`; instead of `month`.' }),
    ),
    to: Type.Optional(
      Type.String({ pattern: day, description: 'Last day (UTC), included; at most 366 days on.' }),
    ),
  },
  { additionalProperties: false },
);
export type UsageQuery = Static<typeof UsageQuery>;

export const ClientUsageQuery = Type.Object(
  { month: Type.Optional(UsageMonth) },
  { additionalProperties: false },
);
export type ClientUsageQuery = Static<typeof ClientUsageQuery>;

const KindUsageDay = Type.Object({
  peak: Type.Integer({ description: 'Most devices monitored at once that day.' }),
  deviceDays: Type.Number({ description: '∫ devices monitored dt / 24 h, to 4 decimals.' }),
  overflowedPeak: Type.Integer({ description: 'Most devices Overflowed at once that day.' }),
});

export const UsageDay = Type.Object(
  {
    day: IsoDate,
    proAudio: KindUsageDay,
    video: KindUsageDay,
    overflow: Type.Boolean({ description: 'Some device was Overflowed (past the plan) that day.' }),
    planMaxDevices: Type.Union([Type.Integer(), Type.Null()]),
    partial: Type.Boolean({ description: 'Today: measured up to now.' }),
  },
  { $id: 'UsageDay' },
);
export type UsageDay = Static<typeof UsageDay>;

const KindUsageTotal = Type.Object({
  deviceDays: Type.Number(),
  averageDevices: Type.Number({
    description: 'Device-days / days metered, to 2 decimals: what a price per device per month applies to.',
  }),
  peak: Type.Integer(),
});

export const UsageTotal = Type.Object(
  {
    proAudio: KindUsageTotal,
    video: KindUsageTotal,
    overflowDays: Type.Integer(),
    daysMetered: Type.Number({ description: 'Days of the period measured (today up to now).' }),
  },
  { $id: 'UsageTotal' },
);
export type UsageTotal = Static<typeof UsageTotal>;

export const PlanChange = Type.Object(
  {
    at: IsoDateTime,
    actor: Type.String(),
    kind: Type.Enum(['created', 'changed'] as const),
    maxDevices: Type.Union([Type.Integer(), Type.Null()]),
    start: Type.Union([IsoDate, Type.Null()]),
    end: Type.Union([IsoDate, Type.Null()]),
    previousMaxDevices: Type.Union([Type.Integer(), Type.Null()]),
  },
  { $id: 'PlanChange' },
);
export type PlanChange = Static<typeof PlanChange>;

export const UsageReport = Type.Object(
  {
    orgId: Uuid,
    name: Type.String(),
    from: IsoDate,
    to: IsoDate,
    days: Type.Array(UsageDay, { description: 'Each day of the range that has begun, oldest first.' }),
    total: UsageTotal,
    planChanges: Type.Array(PlanChange),
  },
  { $id: 'UsageReport' },
);
export type UsageReport = Static<typeof UsageReport>;

export const ClientUsageRow = Type.Object(
  {
    orgId: Uuid,
    name: Type.String(),
    accountNumber: Type.Union([Type.String(), Type.Null()]),
    clientReference: Type.Union([Type.String(), Type.Null()]),
    planMaxDevices: Type.Union([Type.Integer(), Type.Null()]),
    since: Type.Union([IsoDateTime, Type.Null()], {
      description: 'Attached during the month: its days count from then (null: the whole month).',
    }),
    until: Type.Union([IsoDateTime, Type.Null()], {
      description: 'Released during the month: its days count until then (null: still a client).',
    }),
    total: UsageTotal,
  },
  { $id: 'ClientUsageRow' },
);
export type ClientUsageRow = Static<typeof ClientUsageRow>;

export const ClientUsageReport = Type.Object(
  { month: UsageMonth, items: Type.Array(ClientUsageRow) },
  { $id: 'ClientUsageReport' },
);
export type ClientUsageReport = Static<typeof ClientUsageReport>;
