import { Type, type Static } from 'typebox';
import { MultilineText, Text } from '../text.ts';
import { RoleSchema } from './auth.ts';

// An organization's LDAP / Active Directory (docs/ldap.md): people sign in on the normal sign-in
// page as DOMAIN\name or name@domain; their groups give them their role.

/** The attributes people usually sign in with; any attribute name is accepted. */
export const directoryLoginAttributes = ['sAMAccountName', 'uid', 'mail', 'userPrincipalName'] as const;

/** The steps of talking to a directory, as a failed test names them. */
export const directorySteps = ['connect', 'tls', 'bind', 'search', 'user_bind', 'groups'] as const;
export const DirectoryStep = Type.Union(
  directorySteps.map((s) => Type.Literal(s)),
  {
    description:
      "Where it failed: 'connect' (network), 'tls' (LDAPS/StartTLS, certificate), 'bind' (the service account), 'search' (base, filter, person), 'user_bind' (the person's password), 'groups'.",
  },
);
export type DirectoryStep = Static<typeof DirectoryStep>;

const AttributeName = Type.String({
  pattern: '^[A-Za-z][A-Za-z0-9-]{0,63}$',
  description: 'An LDAP attribute name.',
});

export const DirectoryGroupRole = Type.Object(
  {
    group: Text({
      minLength: 1,
      maxLength: 1000,
      description: 'The group’s DN, e.g. CN=AV Admins,OU=Groups,DC=globex,DC=com.',
    }),
    role: RoleSchema,
  },
  { $id: 'DirectoryGroupRole', additionalProperties: false },
);
export type DirectoryGroupRole = Static<typeof DirectoryGroupRole>;

const settingsFields = {
  enabled: Type.Boolean({ description: 'Off: directory accounts cannot sign in (the settings stay).' }),
  domain: Type.String({
    minLength: 1,
    maxLength: 253,
    pattern: '^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$',
    description:
      'The sign-in domain: people sign in as DOMAIN\\name or name@domain. Unique on the hub; stored lower-case.',
  }),
  url: Type.String({
    minLength: 8,
    maxLength: 500,
    pattern: '^[Ll][Dd][Aa][Pp][Ss]?://[^\\s/?#]+/?$',
    description: 'ldap://host:389 or ldaps://host:636.',
  }),
  startTls: Type.Boolean({ description: 'Upgrade an ldap:// connection with StartTLS (required when set).' }),
  verifyCertificate: Type.Boolean({ description: 'Check the server’s certificate (LDAPS and StartTLS).' }),
  bindDn: Text({
    minLength: 1,
    maxLength: 1000,
    description: 'The service account that searches the directory.',
  }),
  userBase: Text({
    minLength: 1,
    maxLength: 1000,
    description: 'Where people are searched, e.g. OU=Staff,DC=globex,DC=com.',
  }),
  userFilter: Text({
    maxLength: 1000,
    description: 'Extra condition for people, e.g. (objectClass=person); empty for none.',
  }),
  loginAttribute: AttributeName,
  groupAttribute: Type.Union([AttributeName, Type.Null()], {
    description: 'Attribute listing an entry’s groups (memberOf), or null to search groups by member.',
  }),
  groupRoles: Type.Array(DirectoryGroupRole, {
    maxItems: 100,
    description: 'Group → role; the highest role of someone’s groups wins; no mapped group → refused.',
  }),
};

const CaCertificate = MultilineText({
  maxLength: 20000,
  description: 'PEM of a private CA that signed the server’s certificate.',
});

/** The directory as its managers see it; the bind password is never sent back. */
export const OrgDirectory = Type.Object(
  {
    ...settingsFields,
    caCertificate: Type.Union([Type.String(), Type.Null()]),
    passwordSet: Type.Literal(true, {
      description: 'A bind password is stored (sealed; never shown again).',
    }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'OrgDirectory' },
);
export type OrgDirectory = Static<typeof OrgDirectory>;

export const OrgDirectorySettings = Type.Object(
  { directory: Type.Union([OrgDirectory, Type.Null()], { description: 'Null: no directory.' }) },
  { $id: 'OrgDirectorySettings' },
);
export type OrgDirectorySettings = Static<typeof OrgDirectorySettings>;

const settingsBody = {
  ...settingsFields,
  caCertificate: Type.Optional(Type.Union([CaCertificate, Type.Null()])),
  bindPassword: Type.Optional(
    Text({
      minLength: 1,
      maxLength: 1000,
      description:
        'Omit to keep the stored password (only while the URL and bind DN stay the same); sealed, never shown again.',
    }),
  ),
};

export const UpdateOrgDirectoryRequest = Type.Object(settingsBody, {
  $id: 'UpdateOrgDirectoryRequest',
  additionalProperties: false,
});
export type UpdateOrgDirectoryRequest = Static<typeof UpdateOrgDirectoryRequest>;

/** "Test connection": the settings as in the form (saved or not). */
export const TestOrgDirectoryRequest = Type.Object(settingsBody, {
  $id: 'TestOrgDirectoryRequest',
  additionalProperties: false,
});
export type TestOrgDirectoryRequest = Static<typeof TestOrgDirectoryRequest>;

export const TestOrgDirectoryResult = Type.Object(
  {
    people: Type.Integer({ description: 'Entries the user filter finds under the base.' }),
    more: Type.Boolean({ description: 'There are more than `people` (counting stopped).' }),
  },
  { $id: 'TestOrgDirectoryResult' },
);
export type TestOrgDirectoryResult = Static<typeof TestOrgDirectoryResult>;

/** "Test a user": with the saved settings, who a login is, and with a password whether it signs in. */
export const TestDirectoryUserRequest = Type.Object(
  {
    login: Text({ minLength: 1, maxLength: 320, description: 'name, DOMAIN\\name or name@domain.' }),
    password: Type.Optional(Text({ minLength: 1, maxLength: 1000, description: 'Also check the password.' })),
  },
  { $id: 'TestDirectoryUserRequest', additionalProperties: false },
);
export type TestDirectoryUserRequest = Static<typeof TestDirectoryUserRequest>;

export const TestDirectoryUserResult = Type.Object(
  {
    dn: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    name: Type.String(),
    groups: Type.Array(Type.String()),
    role: Type.Union([RoleSchema, Type.Null()], {
      description: 'The role the groups give; null: no mapped group, sign-in would be refused.',
    }),
    disabled: Type.Boolean({ description: 'Active Directory says the account is disabled: refused.' }),
    passwordChecked: Type.Boolean({ description: 'A password was given and the directory accepted it.' }),
  },
  { $id: 'TestDirectoryUserResult' },
);
export type TestDirectoryUserResult = Static<typeof TestDirectoryUserResult>;
