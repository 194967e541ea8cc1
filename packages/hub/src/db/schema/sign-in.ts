import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { users } from './identity.ts';

type Role = 'owner' | 'administrator' | 'monitor';

/**
 * An organization's LDAP / Active Directory. People sign in on the normal sign-in page with
 * `DOMAIN\name` or `name@domain`, where `domain` is this directory's sign-in domain (unique per hub),
 * so a password is only ever sent to the directory its owner chose.
 */
export const ldapDirectories = pgTable('ldap_directories', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  enabled: boolean('enabled').notNull().default(true),
  /** Lower-case; `globex.com` or `globex`. */
  domain: text('domain').notNull().unique(),
  /** ldap://host:port or ldaps://host:port. */
  url: text('url').notNull(),
  startTls: boolean('start_tls').notNull().default(false),
  verifyCertificate: boolean('verify_certificate').notNull().default(true),
  /** PEM of a private CA to trust, if any. */
  caCertificate: text('ca_certificate'),
  bindDn: text('bind_dn').notNull(),
  /** Sealed against `ldap:<orgId>`. */
  bindPassword: text('bind_password').notNull(),
  userBase: text('user_base').notNull(),
  /** Extra condition ANDed with the login attribute, e.g. `(objectClass=person)`. */
  userFilter: text('user_filter').notNull().default('(objectClass=person)'),
  /** sAMAccountName, uid, mail, userPrincipalName. */
  loginAttribute: text('login_attribute').notNull().default('uid'),
  /** Where group DNs are read (memberOf), or null to search groups by member. */
  groupAttribute: text('group_attribute').default('memberOf'),
  /** Group DN → role; the highest role of the groups someone is in wins; no group → refused. */
  groupRoles: jsonb('group_roles').$type<{ group: string; role: Role }[]>().notNull().default([]),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * OpenID Connect providers (Entra ID, Okta, Google Workspace, Keycloak…): an organization's own, or
 * the whole hub's (orgId null, set by the platform operator).
 */
export const oidcProviders = pgTable(
  'oidc_providers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
    /** Shown on the button: "Sign in with <name>". */
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    issuer: text('issuer').notNull(),
    clientId: text('client_id').notNull(),
    /** Sealed against `oidc:<providerId>`; null for a public client (PKCE only). */
    clientSecret: text('client_secret'),
    scopes: text('scopes').notNull().default('openid email profile'),
    /** The claim whose values map to roles, e.g. `groups` or `roles`. */
    roleClaim: text('role_claim').notNull().default('groups'),
    /** Claim value → role (and, for a hub-wide provider, which organization). */
    claimRoles: jsonb('claim_roles')
      .$type<{ value: string; role: Role; orgId?: string }[]>()
      .notNull()
      .default([]),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('oidc_providers_org_idx').on(t.orgId)],
);

/** An authorization request on its way to the provider and back (only the state's hash is kept). */
export const oidcSignInStates = pgTable('oidc_sign_in_states', {
  stateHash: text('state_hash').primaryKey(),
  providerId: uuid('provider_id')
    .notNull()
    .references(() => oidcProviders.id, { onDelete: 'cascade' }),
  codeVerifier: text('code_verifier').notNull(),
  nonce: text('nonce').notNull(),
  /** The hub path to land on afterwards. */
  returnTo: text('return_to').notNull().default('/'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** One-use recovery codes for two-factor sign-in (hashes only). */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

/** A sign-in whose password was right and that waits for the second factor (token hash only). */
export const pendingSignIns = pgTable('pending_sign_ins', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  staySignedIn: boolean('stay_signed_in').notNull().default(false),
  /** Wrong codes typed so far; the sign-in is dropped after five. */
  failures: integer('failures').notNull().default(0),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
