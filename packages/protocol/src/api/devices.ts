import { Type, type Static } from 'typebox';
import { Text } from '../text.ts';
import { IsoDate, IsoDateTime, OrgRef, Uuid, listQueryFields, organizationIdFilter } from './common.ts';
import { deviceGroups } from '../devices/status.ts';
import { ConnectionStep } from '../devices/connections.ts';

export const DeviceRow = Type.Object(
  {
    id: Uuid,
    organization: OrgRef,
    kind: Type.Enum(['pro-audio', 'video'] as const),
    status: Type.String({
      description:
        'Datasheet status; Overflowed when past the service plan; Not Monitored on a subnet disabled at its agent.',
    }),
    since: IsoDateTime,
    model: Type.String(),
    name: Type.String(),
    serial: Type.String(),
    connections: Type.Array(ConnectionStep, {
      description: 'Where the device sits: server › subnet › stack › C-Link › P-Link.',
    }),
    location: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
    firmware: Type.String(),
    firmwareUpdate: Type.Union([Type.String(), Type.Null()], {
      description: 'Newer firmware in the hub’s catalog, if any.',
    }),
    ip: Type.String(),
    serverId: Type.Union([Uuid, Type.Null()]),
    lastSeenAt: IsoDateTime,
  },
  { $id: 'DeviceRow' },
);
export type DeviceRow = Static<typeof DeviceRow>;
/**
 * A search counts its matches up to this many (+1). Past it the page says "1,000+": counting every
 * match of a broad term costs more than it tells, and the list pages through them by the sort
 * index instead (below it, the matches are selected first and sorted after).
 */
export const deviceSearchCountCap = 1_000;

export const DevicePage = Type.Object(
  {
    items: Type.Array(DeviceRow),
    total: Type.Integer({
      description:
        'Devices matching the search and filters, across all pages. A search counts up to 1,001: past 1,000, `totalCapped` is true and the total is a lower bound.',
    }),
    totalCapped: Type.Boolean({
      description: 'True when the total is a lower bound (a search matching more than 1,000 devices).',
    }),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'DevicePage' },
);
export type DevicePage = Static<typeof DevicePage>;

export const deviceSortKeys = [
  'status',
  'since',
  'model',
  'name',
  'serial',
  'connections',
  'location',
  'firmware',
  'ip',
] as const;
export const DeviceListQuery = Type.Object(
  {
    ...listQueryFields,
    sort: Type.Optional(Type.Enum(deviceSortKeys, { default: 'name' })),
    status: Type.Optional(Text({ maxLength: 40 })),
    group: Type.Optional(
      Type.Enum(deviceGroups, { description: "'unmonitored': devices on a subnet disabled at their agent." }),
    ),
    model: Type.Optional(Text({ maxLength: 60 })),
    ip: Type.Optional(
      Text({ maxLength: 45, description: 'Exactly this address (the search matches parts).' }),
    ),
    serverId: Type.Optional(Uuid),
    locationId: Type.Optional(Uuid),
    kind: Type.Optional(Type.Enum(['pro-audio', 'video'] as const)),
    update: Type.Optional(
      Type.Literal('available', {
        description:
          'Only devices for which the firmware catalog has a newer version (the Update available badge).',
      }),
    ),
    ...organizationIdFilter,
  },
  { additionalProperties: false },
);
export type DeviceListQuery = Static<typeof DeviceListQuery>;

export const DeviceDetail = Type.Object(
  {
    device: DeviceRow,
    history: Type.Array(Type.Object({ status: Type.String(), since: IsoDateTime, observedAt: IsoDateTime })),
  },
  { $id: 'DeviceDetail' },
);
export const DeviceParams = Type.Object({ orgId: Uuid, deviceId: Uuid });

export const DeviceAvailabilityQuery = Type.Object({
  days: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 400,
      default: 30,
      description:
        'UTC days to answer, today included (at most 400: the history keeps 13 months by default).',
    }),
  ),
});

export const DeviceAvailability = Type.Object(
  {
    days: Type.Array(
      Type.Object({
        day: IsoDate,
        knownSeconds: Type.Integer({
          minimum: 0,
          description: 'Seconds of the day in which the device had a known status (0: not known yet).',
        }),
        availableSeconds: Type.Integer({
          minimum: 0,
          description:
            'Of those, seconds in an available status (not Down, Not Monitored, restarting or updating).',
        }),
      }),
      { description: 'One per UTC day, oldest first; today so far.' },
    ),
  },
  { $id: 'DeviceAvailability' },
);
export type DeviceAvailability = Static<typeof DeviceAvailability>;

export const DeviceSummary = Type.Object(
  {
    groups: Type.Object({
      down: Type.Integer(),
      issues: Type.Integer(),
      healthy: Type.Integer(),
      unmonitored: Type.Integer({
        description: 'Devices on a subnet disabled at their agent (Not Monitored).',
      }),
    }),
    byStatus: Type.Array(
      Type.Object({
        status: Type.String(),
        count: Type.Integer(),
        group: Type.Enum(deviceGroups),
      }),
    ),
    byModel: Type.Array(Type.Object({ model: Type.String(), kind: Type.String(), count: Type.Integer() })),
    byLocation: Type.Array(
      Type.Object({
        locationId: Type.Union([Uuid, Type.Null()]),
        count: Type.Integer(),
        down: Type.Integer(),
        issues: Type.Integer(),
      }),
    ),
    byOrganization: Type.Array(
      Type.Object({
        organization: OrgRef,
        count: Type.Integer(),
        down: Type.Integer(),
        issues: Type.Integer(),
      }),
      {
        description:
          'A support organization’s roll-up: counts per organization (its own and each client’s with devices), worst first. Empty for other organizations.',
      },
    ),
    total: Type.Integer(),
  },
  { $id: 'DeviceSummary' },
);
export type DeviceSummary = Static<typeof DeviceSummary>;

export const AssignLocationRequest = Type.Object(
  {
    deviceIds: Type.Array(Uuid, { minItems: 1, maxItems: 10_000 }),
    locationId: Type.Union([Uuid, Type.Null()]),
  },
  { $id: 'AssignLocationRequest', additionalProperties: false },
);
