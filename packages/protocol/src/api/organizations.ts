import { Type, type Static } from 'typebox';
import { Text } from '../text.ts';
import { Email, IsoDate, IsoDateTime, Page, Uuid, listQueryFields } from './common.ts';
import { OrgKind } from './auth.ts';

export const OrgStatus = Type.Union([
  Type.Literal('Invited'),
  Type.Literal('Active'),
  Type.Literal('Expired'),
  Type.Literal('Overflow'),
]);
export type OrgStatus = Static<typeof OrgStatus>;

export const ServicePlan = Type.Object({
  maxDevices: Type.Integer({
    minimum: 0,
    maximum: 1_000_000,
    description: 'Max Pro Audio devices, from the support org’s pool.',
  }),
  start: IsoDate,
  end: IsoDate,
});
export type ServicePlan = Static<typeof ServicePlan>;

export const Organization = Type.Object(
  {
    id: Uuid,
    kind: OrgKind,
    name: Type.String(),
    parent: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
    accountNumber: Type.Union([Type.String(), Type.Null()]),
    clientReference: Type.Union([Type.String(), Type.Null()]),
    status: Type.Union([OrgStatus, Type.Null()]),
    plan: Type.Union([ServicePlan, Type.Null()]),
    pool: Type.Union([
      Type.Object({
        total: Type.Integer(),
        allocated: Type.Integer({ description: 'Devices promised to clients by their plans.' }),
        available: Type.Integer(),
        monitored: Type.Integer({
          description:
            'Pro Audio devices monitored now (not Overflowed) by the organization and its clients.',
        }),
      }),
      Type.Null(),
    ]),
    trial: Type.Union(
      [
        Type.Object({
          /** The support organization on trial: this one, or (for a client) the one that looks after it. */
          organization: Type.String(),
          end: IsoDate,
          ended: Type.Boolean({
            description:
              'Past its last day: its clients’ devices are Overflowed (not monitored) until it is extended or made a paying one.',
          }),
        }),
        Type.Null(),
      ],
      { description: 'A support organization’s trial, as it bears on this organization (null: none).' },
    ),
    counts: Type.Object({
      users: Type.Integer(),
      proAudioDevices: Type.Integer(),
      servers: Type.Integer(),
      clients: Type.Integer(),
    }),
    createdAt: IsoDateTime,
  },
  { $id: 'Organization' },
);
export type Organization = Static<typeof Organization>;

export const UpdateOrganizationRequest = Type.Object(
  { name: Type.Optional(Text({ minLength: 1, maxLength: 120 })) },
  { $id: 'UpdateOrganizationRequest', additionalProperties: false },
);

/** A row of the Organizations (clients) table. */
export const ClientRow = Type.Object(
  {
    id: Uuid,
    status: OrgStatus,
    name: Type.String(),
    accountNumber: Type.String(),
    clientReference: Type.Union([Type.String(), Type.Null()]),
    start: IsoDate,
    end: IsoDate,
    devicesAllocated: Type.Integer(),
    proAudioDevices: Type.Integer(),
    servers: Type.Integer(),
  },
  { $id: 'ClientRow' },
);
export type ClientRow = Static<typeof ClientRow>;
export const ClientPage = Page(ClientRow, 'ClientPage');
export type ClientPage = Static<typeof ClientPage>;

export const clientSortKeys = [
  'name',
  'accountNumber',
  'start',
  'end',
  'devicesAllocated',
  'status',
] as const;
export const ClientListQuery = Type.Object(
  {
    ...listQueryFields,
    sort: Type.Optional(Type.Enum(clientSortKeys, { default: 'name' })),
    status: Type.Optional(OrgStatus),
  },
  { additionalProperties: false },
);

/**
 * A client organization no support organization looks after (released by its former one), of which
 * the person asking is an Owner: it can be attached as a client ("Choose available client
 * organization").
 */
export const AvailableClient = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    accountNumber: Type.String(),
    plan: Type.Union([ServicePlan, Type.Null()]),
    proAudioDevices: Type.Integer(),
  },
  { $id: 'AvailableClient' },
);
export type AvailableClient = Static<typeof AvailableClient>;
export const AvailableClientList = Type.Object(
  { items: Type.Array(AvailableClient) },
  { $id: 'AvailableClientList' },
);

/** Attach an available client organization; without a plan it keeps the one it has (or gets none). */
export const AttachClientRequest = Type.Object(
  { organizationId: Uuid, plan: Type.Optional(ServicePlan) },
  { $id: 'AttachClientRequest', additionalProperties: false },
);
export type AttachClientRequest = Static<typeof AttachClientRequest>;

/** The add-client wizard in one request; `dryRun` validates a step without adding anything. */
export const CreateClientRequest = Type.Object(
  {
    name: Text({ minLength: 1, maxLength: 120 }),
    owner: Type.Object(
      {
        email: Email,
        firstName: Type.Optional(Text({ maxLength: 100 })),
        lastName: Type.Optional(Text({ maxLength: 100 })),
      },
      { additionalProperties: false },
    ),
    clientReference: Type.Optional(Text({ maxLength: 64 })),
    plan: Type.Optional(ServicePlan),
    dryRun: Type.Optional(Type.Boolean({ default: false })),
  },
  { $id: 'CreateClientRequest', additionalProperties: false },
);
export type CreateClientRequest = Static<typeof CreateClientRequest>;

export const CreateClientResult = Type.Object(
  {
    dryRun: Type.Boolean(),
    client: Type.Union([ClientRow, Type.Null()]),
    review: Type.Object({
      name: Type.String(),
      ownerEmail: Type.String(),
      ownerExists: Type.Boolean({
        description: 'The owner already has an account: no new invitation needed to sign in.',
      }),
      plan: ServicePlan,
      poolAvailableAfter: Type.Integer(),
    }),
  },
  { $id: 'CreateClientResult' },
);

export const UpdatePlanRequest = Type.Object(
  {
    maxDevices: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    start: Type.Optional(IsoDate),
    end: Type.Optional(IsoDate),
    clientReference: Type.Optional(Type.Union([Text({ maxLength: 64 }), Type.Null()])),
  },
  { $id: 'UpdatePlanRequest', additionalProperties: false },
);
export type UpdatePlanRequest = Static<typeof UpdatePlanRequest>;

export const CreateSupportOrgRequest = Type.Object(
  {
    name: Text({ minLength: 1, maxLength: 120 }),
    ownerEmail: Email,
    devicePool: Type.Integer({
      minimum: 0,
      maximum: 10_000_000,
      description: 'Licensed Pro Audio devices it may allocate to clients.',
    }),
  },
  { $id: 'CreateSupportOrgRequest', additionalProperties: false },
);
export const UpdateSupportOrgRequest = Type.Object(
  {
    devicePool: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 10_000_000,
        description: 'Licensed Pro Audio devices it may allocate (not below what its clients’ plans hold).',
      }),
    ),
    trialEnd: Type.Optional(
      Type.Union([IsoDate, Type.Null()], {
        description: 'The last day of its trial; null: a paying organization, no end.',
      }),
    ),
  },
  { $id: 'UpdateSupportOrgRequest', additionalProperties: false },
);
export type UpdateSupportOrgRequest = Static<typeof UpdateSupportOrgRequest>;
export const SupportOrgParams = Type.Object({ orgId: Uuid, supportId: Uuid });

export const OrganizationList = Type.Object({ items: Type.Array(Organization) }, { $id: 'OrganizationList' });
