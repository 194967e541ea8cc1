import { Type, type Static } from 'typebox';
import { Text } from '../text.ts';
import { IsoDateTime, OrgRef, Page, Uuid, listQueryFields, organizationIdFilter } from './common.ts';

export const ServerRow = Type.Object(
  {
    id: Uuid,
    organization: OrgRef,
    name: Type.String(),
    login: Type.String({ description: 'What the agent signs in with: <name>@<organization code>.' }),
    status: Type.Enum(['Connected', 'Disconnected', 'Disabled'] as const),
    monitoring: Type.Enum(['Active', 'Issue', 'Off'] as const),
    deviceCount: Type.Integer(),
    agentVersion: Type.Union([Type.String(), Type.Null()]),
    /** The agent build this hub offers is newer than the connected agent's version. */
    updateAvailable: Type.Boolean(),
    /** The version of the agent build this hub offers (Downloads), when it has one. */
    latestAgentVersion: Type.Union([Type.String(), Type.Null()]),
    subnets: Type.Object({ enabled: Type.Integer(), total: Type.Integer() }),
    /** What the connected agent reports as wrong (monitoring is Issue while there is any); empty when Off. */
    issues: Type.Array(
      Type.Object({
        code: Type.String({ description: 'Stable: SUBNET_SWEEP_FAILING, BUFFER_GROWING, CLOCK_SKEW, …' }),
        reason: Type.String(),
      }),
    ),
    /** The agent's own load from its latest health report (null: no report, e.g. an older agent). */
    health: Type.Union([
      Type.Object({
        cpuPercent: Type.Union([Type.Number(), Type.Null()]),
        memoryMb: Type.Union([Type.Number(), Type.Null()]),
        backlog: Type.Union([Type.Integer(), Type.Null()]),
        /** The uplink: the link's round trip hub → agent → hub (WebSocket ping), in ms. */
        uplinkRttMs: Type.Union([Type.Number(), Type.Null()]),
        /** Since when the agent's link is up. */
        connectedSince: Type.Union([IsoDateTime, Type.Null()]),
        reportedAt: IsoDateTime,
      }),
      Type.Null(),
    ]),
    /**
     * How the connected agent takes new builds (its own setting), whether it can update itself and
     * its latest update step; null for an older agent or when it is not connected.
     */
    update: Type.Union([
      Type.Object({
        mode: Type.Enum(['automatic', 'manual'] as const),
        able: Type.Boolean(),
        reason: Type.Union([Type.String(), Type.Null()]),
        last: Type.Union([
          Type.Object({
            step: Type.Enum([
              'downloading',
              'refused',
              'failed',
              'installing',
              'updated',
              'rolled-back',
            ] as const),
            from: Type.String(),
            to: Type.String(),
            at: IsoDateTime,
            reason: Type.Union([Type.String(), Type.Null()]),
          }),
          Type.Null(),
        ]),
      }),
      Type.Null(),
    ]),
    location: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
    lastSeenAt: Type.Union([IsoDateTime, Type.Null()]),
    createdAt: IsoDateTime,
  },
  { $id: 'ServerRow' },
);
export type ServerRow = Static<typeof ServerRow>;
export const ServerPage = Page(ServerRow, 'ServerPage');
export type ServerPage = Static<typeof ServerPage>;

export const serverSortKeys = ['name', 'status', 'deviceCount', 'lastSeenAt', 'createdAt'] as const;
export const ServerListQuery = Type.Object(
  {
    ...listQueryFields,
    sort: Type.Optional(Type.Enum(serverSortKeys, { default: 'name' })),
    status: Type.Optional(Type.Enum(['Connected', 'Disconnected', 'Disabled'] as const)),
    ...organizationIdFilter,
  },
  { additionalProperties: false },
);

export const ServerName = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9 _.@-]*$',
});
export const CreateServerRequest = Type.Object(
  { name: ServerName, password: Text({ minLength: 1, maxLength: 1000 }), locationId: Type.Optional(Uuid) },
  { $id: 'CreateServerRequest', additionalProperties: false },
);
export type CreateServerRequest = Static<typeof CreateServerRequest>;
export const UpdateServerRequest = Type.Object(
  {
    name: Type.Optional(ServerName),
    disabled: Type.Optional(Type.Boolean()),
    locationId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { $id: 'UpdateServerRequest', additionalProperties: false },
);
export type UpdateServerRequest = Static<typeof UpdateServerRequest>;
export const RotateServerPasswordRequest = Type.Object(
  { password: Text({ minLength: 1, maxLength: 1000 }) },
  { $id: 'RotateServerPasswordRequest', additionalProperties: false },
);
export const ServerParams = Type.Object({ orgId: Uuid, serverId: Uuid });
