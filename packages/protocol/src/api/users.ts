import { Type, type Static } from 'typebox';
import { Email, IsoDateTime, Page, Uuid, listQueryFields } from './common.ts';
import { Language, RoleSchema } from './auth.ts';

export const UserRow = Type.Object(
  {
    id: Uuid,
    status: Type.Enum(['Invited', 'Registered'] as const),
    statusSince: IsoDateTime,
    name: Type.String(),
    email: Type.String(),
    role: RoleSchema,
    lastAccessedAt: Type.Union([IsoDateTime, Type.Null()]),
    twoFactor: Type.Boolean({ description: 'Signs in with a second factor (TOTP).' }),
    type: Type.Enum(['Local', 'LDAP', 'OpenID'] as const, {
      description: 'Where the password is checked: here, the LDAP directory, or an OpenID provider.',
    }),
  },
  { $id: 'UserRow' },
);
export type UserRow = Static<typeof UserRow>;
export const UserPage = Page(UserRow, 'UserPage');
export type UserPage = Static<typeof UserPage>;

export const userSortKeys = ['name', 'email', 'role', 'status', 'lastAccessedAt'] as const;
export const UserListQuery = Type.Object(
  {
    ...listQueryFields,
    sort: Type.Optional(Type.Enum(userSortKeys, { default: 'name' })),
    role: Type.Optional(RoleSchema),
    status: Type.Optional(Type.Enum(['Invited', 'Registered'] as const)),
  },
  { additionalProperties: false },
);

export const InviteUsersRequest = Type.Object(
  {
    emails: Type.Array(Email, { minItems: 1, maxItems: 100 }),
    role: RoleSchema,
    language: Type.Optional(Language),
  },
  { $id: 'InviteUsersRequest', additionalProperties: false },
);
export type InviteUsersRequest = Static<typeof InviteUsersRequest>;

export const InviteUsersResult = Type.Object(
  {
    invited: Type.Array(Type.String()),
    added: Type.Array(Type.String({ description: 'Already had an account: added to the organization.' })),
    alreadyMembers: Type.Array(Type.String()),
  },
  { $id: 'InviteUsersResult' },
);

export const ChangeRoleRequest = Type.Object(
  { role: RoleSchema },
  { $id: 'ChangeRoleRequest', additionalProperties: false },
);
export const UserParams = Type.Object({ orgId: Uuid, userId: Uuid });
