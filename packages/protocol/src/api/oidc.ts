import { Type, type Static } from 'typebox';
import { Text } from '../text.ts';
import { RoleSchema } from './auth.ts';
import { Uuid } from './common.ts';

/** One claim value → role rule; a hub-wide provider's rule also names the organization it applies to. */
export const OidcClaimRole = Type.Object(
  {
    value: Text({ minLength: 1, maxLength: 500, description: 'A value of the role claim, e.g. a group.' }),
    role: RoleSchema,
    orgId: Type.Optional(
      Type.String({
        format: 'uuid',
        description:
          'Hub-wide providers only: the organization this rule gives a role in. An organization’s own provider gives roles in that organization.',
      }),
    ),
  },
  { $id: 'OidcClaimRole', additionalProperties: false },
);
export type OidcClaimRole = Static<typeof OidcClaimRole>;

/** An OpenID Connect provider as its managers see it; the client secret is never sent back. */
export const OidcProvider = Type.Object(
  {
    id: Uuid,
    hubWide: Type.Boolean({ description: 'Set by the platform operator for every organization of the hub.' }),
    name: Type.String(),
    enabled: Type.Boolean(),
    issuer: Type.String(),
    clientId: Type.String(),
    clientSecretSet: Type.Boolean({
      description: 'Whether a client secret is stored (sealed; never shown).',
    }),
    scopes: Type.String(),
    roleClaim: Type.String(),
    claimRoles: Type.Array(OidcClaimRole),
    redirectUri: Type.String({ description: 'The redirect URI to register at the provider.' }),
    signInUrl: Type.String({ description: 'The sign-in page that shows this provider’s button.' }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'OidcProvider' },
);
export type OidcProvider = Static<typeof OidcProvider>;

export const OidcProviderList = Type.Object(
  {
    items: Type.Array(OidcProvider),
    redirectUri: Type.String({ description: 'The redirect URI to register at every provider.' }),
  },
  { $id: 'OidcProviderList' },
);
export type OidcProviderList = Static<typeof OidcProviderList>;

const Issuer = Type.String({
  minLength: 8,
  maxLength: 500,
  pattern: '^https?://[^\\s\\u0000-\\u001f\\u007f]+$',
  description:
    'The issuer URL (its /.well-known/openid-configuration is read). https, or http on a loopback address only.',
});

/** Add or change a provider. An empty or missing client secret keeps the stored one. */
export const SaveOidcProviderRequest = Type.Object(
  {
    name: Text({ minLength: 1, maxLength: 80, description: 'Shown on the button: “Sign in with <name>”.' }),
    enabled: Type.Optional(Type.Boolean({ default: true })),
    issuer: Issuer,
    clientId: Text({ minLength: 1, maxLength: 500 }),
    clientSecret: Type.Optional(
      Type.Union([Text({ maxLength: 2000 }), Type.Null()], {
        description:
          'Omit (or send "") to keep the stored secret; null to remove it (a public client, PKCE only).',
      }),
    ),
    scopes: Type.Optional(
      Type.String({
        minLength: 6,
        maxLength: 500,
        pattern: '^[\\x21\\x23-\\x5b\\x5d-\\x7e]+( [\\x21\\x23-\\x5b\\x5d-\\x7e]+)*$',
        default: 'openid email profile',
        description: 'Space-separated; must include openid.',
      }),
    ),
    roleClaim: Type.Optional(
      Text({ minLength: 1, maxLength: 200, default: 'groups', description: 'e.g. groups or roles.' }),
    ),
    claimRoles: Type.Array(OidcClaimRole, { maxItems: 200 }),
  },
  { $id: 'SaveOidcProviderRequest', additionalProperties: false },
);
export type SaveOidcProviderRequest = Static<typeof SaveOidcProviderRequest>;

export const SetOidcProviderEnabledRequest = Type.Object(
  { enabled: Type.Boolean() },
  { $id: 'SetOidcProviderEnabledRequest', additionalProperties: false },
);

/** What the sign-in page needs to show a “Sign in with …” button. */
export const OidcSignInOption = Type.Object({ id: Uuid, name: Type.String() }, { $id: 'OidcSignInOption' });
export type OidcSignInOption = Static<typeof OidcSignInOption>;
export const OidcSignInOptions = Type.Object(
  { items: Type.Array(OidcSignInOption) },
  { $id: 'OidcSignInOptions' },
);

export const OidcProviderParams = Type.Object({ providerId: Uuid });

export const OidcStartQuery = Type.Object({
  returnTo: Type.Optional(
    Text({
      maxLength: 1000,
      description: 'A path on this hub to land on afterwards (anything else is replaced by /).',
    }),
  ),
});

/** What the provider sends back to the callback (other parameters are passed on to the checks). */
export const OidcCallbackQuery = Type.Object({
  code: Type.Optional(Text({ maxLength: 4000 })),
  state: Type.Optional(Text({ maxLength: 500 })),
  iss: Type.Optional(Text({ maxLength: 500 })),
  error: Type.Optional(Text({ maxLength: 200 })),
  error_description: Type.Optional(Text({ maxLength: 2000 })),
});

/**
 * Why an OpenID sign-in ended on the sign-in page: `/sign-in?error=OIDC_FAILED&step=<step>`.
 * - `provider`: the provider is unknown or turned off;
 * - `discovery`: its configuration could not be read (unreachable, not an OpenID provider);
 * - `state`: the sign-in link is expired, used already, or was started in another browser;
 * - `denied`: the provider answered with an error (the person cancelled, or is not allowed);
 * - `exchange`: the code could not be exchanged, or the ID token did not check out;
 * - `claims`: the provider did not send an email address;
 * - `role`: the role claim maps to no role here;
 * - `email_taken`: another account here has that email address (it is not taken over).
 */
export const oidcFailureSteps = [
  'provider',
  'discovery',
  'state',
  'denied',
  'exchange',
  'claims',
  'role',
  'email_taken',
] as const;
export type OidcFailureStep = (typeof oidcFailureSteps)[number];
