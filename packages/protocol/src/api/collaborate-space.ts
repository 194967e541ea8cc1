import { Type, type Static } from 'typebox';
import { Text } from '../text.ts';
import { Email, IsoDateTime } from './common.ts';

/**
 * COLLABORATE Space (CS): the video-collaboration service an organization links to the hub
 * (docs/collaborate-space.md). These are the hub's own shapes; the adapter maps CS's answers
 * onto them.
 */
export const csPresences = ['online', 'busy', 'away', 'offline'] as const;
export type CsPresence = (typeof csPresences)[number];

/** Whose link: the signed-in person's own, or the organization's (the dashboard's). */
export const csLinkScopes = ['person', 'organization'] as const;
export type CsLinkScope = (typeof csLinkScopes)[number];

/**
 * Why talking to CS failed:
 * - `address`: the CS base URL is not usable (https, or plain http on a loopback address only);
 * - `authorize`: the person denied access on CS's consent page, or its answer was malformed;
 * - `state`: the link request expired, was used already, or belongs to another person;
 * - `token`: CS refused the code (or its token endpoint could not be reached);
 * - `refresh`: the stored refresh token was refused (revoked or expired): link again;
 * - `unreachable`: CS did not answer in time, or answered with a server error;
 * - `unauthorized`: CS refused the access token;
 * - `forbidden`: the CS account lacks the CS role for this;
 * - `conflict`: CS already has it (a user with that address);
 * - `invalid`: CS answered something the hub does not understand.
 */
export const csFailureSteps = [
  'address',
  'authorize',
  'state',
  'token',
  'refresh',
  'unreachable',
  'unauthorized',
  'forbidden',
  'conflict',
  'invalid',
] as const;
export type CsFailureStep = (typeof csFailureSteps)[number];

export const CsLink = Type.Object(
  {
    scope: Type.Enum(csLinkScopes),
    baseUrl: Type.String(),
    csUserName: Type.String(),
    csUserEmail: Type.String(),
    csRole: Type.String({
      description: 'The CS account’s role in its CS organization (administrator, user).',
    }),
    canCreateUsers: Type.Boolean({ description: 'Whether this CS account may create CS users.' }),
    linkedAt: IsoDateTime,
  },
  { $id: 'CsLink' },
);
export type CsLink = Static<typeof CsLink>;

export const CsLinks = Type.Object(
  {
    person: Type.Union([CsLink, Type.Null()], { description: 'The signed-in person’s own link.' }),
    organization: Type.Union([CsLink, Type.Null()], { description: 'The organization’s link (dashboard).' }),
    defaultBaseUrl: Type.String({ description: 'The cloud CS address used when none is given.' }),
  },
  { $id: 'CsLinks' },
);
export type CsLinks = Static<typeof CsLinks>;

export const StartCsLinkRequest = Type.Object(
  {
    scope: Type.Enum(csLinkScopes),
    baseUrl: Type.Optional(
      Text({
        maxLength: 500,
        description: 'An on-premises CS address; left out: the cloud service (defaultBaseUrl).',
      }),
    ),
  },
  { $id: 'StartCsLinkRequest', additionalProperties: false },
);
export type StartCsLinkRequest = Static<typeof StartCsLinkRequest>;

export const StartCsLinkAnswer = Type.Object(
  { url: Type.String({ description: 'CS’s consent page: the browser goes there.' }) },
  { $id: 'StartCsLinkAnswer' },
);

export const CsLinkQuery = Type.Object({ scope: Type.Enum(csLinkScopes) }, { additionalProperties: false });

export const CsCallbackQuery = Type.Object({
  code: Type.Optional(Text({ maxLength: 4000 })),
  state: Type.Optional(Text({ maxLength: 500 })),
  error: Type.Optional(Text({ maxLength: 200 })),
  error_description: Type.Optional(Text({ maxLength: 2000 })),
});

export const CsLicense = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  seats: Type.Integer(),
  used: Type.Integer(),
  expiresAt: Type.String({ description: 'YYYY-MM-DD' }),
});
export type CsLicense = Static<typeof CsLicense>;

export const CsCall = Type.Object({
  id: Type.String(),
  kind: Type.Enum(['call', 'meeting'] as const),
  subject: Type.String(),
  from: Type.String(),
  to: Type.String(),
  startedAt: IsoDateTime,
  durationSeconds: Type.Integer(),
  outcome: Type.String(),
});
export type CsCall = Static<typeof CsCall>;

export const CsUser = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.String(),
  presence: Type.Enum(csPresences),
});
export type CsUser = Static<typeof CsUser>;

export const CsResource = Type.Object({
  id: Type.String(),
  name: Type.String(),
  model: Type.String(),
  serial: Type.String(),
  registered: Type.Boolean(),
});
export type CsResource = Static<typeof CsResource>;

const presenceCounts = Type.Object({
  online: Type.Integer(),
  busy: Type.Integer(),
  away: Type.Integer(),
  offline: Type.Integer(),
});

export const CsDashboard = Type.Object(
  {
    videoStatus: Type.Object(
      {
        down: Type.Integer(),
        communicationServiceFailed: Type.Integer(),
        healthy: Type.Integer(),
      },
      { description: 'The hub’s own video devices by status (not from CS).' },
    ),
    collaborateSpace: Type.Union([
      Type.Object({ state: Type.Literal('not-linked') }),
      Type.Object({
        state: Type.Literal('unreachable'),
        step: Type.Enum(csFailureSteps),
        message: Type.String(),
      }),
      Type.Object({
        state: Type.Literal('linked'),
        fetchedAt: IsoDateTime,
        presence: presenceCounts,
        resources: Type.Object({ registered: Type.Integer(), unregistered: Type.Integer() }),
        licenses: Type.Array(CsLicense),
        calls: Type.Array(CsCall),
      }),
    ]),
  },
  { $id: 'CsDashboard' },
);
export type CsDashboard = Static<typeof CsDashboard>;

export const CreateCsUsersRequest = Type.Object(
  {
    people: Type.Array(
      Type.Object(
        { email: Email, name: Type.Optional(Text({ maxLength: 100 })) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
  },
  { $id: 'CreateCsUsersRequest', additionalProperties: false },
);
export type CreateCsUsersRequest = Static<typeof CreateCsUsersRequest>;

export const CreateCsUsersAnswer = Type.Object(
  {
    results: Type.Array(
      Type.Object({
        email: Type.String(),
        created: Type.Boolean(),
        step: Type.Optional(Type.Enum(csFailureSteps)),
        message: Type.Optional(Type.String()),
      }),
    ),
  },
  { $id: 'CreateCsUsersAnswer' },
);
export type CreateCsUsersAnswer = Static<typeof CreateCsUsersAnswer>;
