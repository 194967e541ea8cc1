import { randomUUID } from 'node:crypto';
import {
  can,
  strongerRole,
  type OidcClaimRole,
  type OidcProvider,
  type OidcSignInOption,
  type Role,
  type SaveOidcProviderRequest,
} from '@crosspoint/protocol';
import type { Sealer } from '../adapters/sealer.ts';
import {
  issuerProblem,
  OidcStepError,
  type OAuthClient,
  type OidcClaims,
  type OidcClientSettings,
} from '../adapters/oauth-client.ts';
import type { OidcProviderRecord, OidcRepository } from '../repositories/oidc.repository.ts';
import type { OrganizationRepository } from '../repositories/organization.repository.ts';
import type { UserRecord, UserRepository } from '../repositories/user.repository.ts';
import type { AuditService } from './audit.service.ts';
import { requirePermission, type Actor, type Clock, type OrgContext } from './context.ts';
import { hashSecret } from './secrets.ts';
import { ServiceError } from './service-error.ts';

export const oidcSealContext = (providerId: string) => `oidc:${providerId}`;
export const oidcCallbackPath = '/api/v1/auth/oidc/callback';
/** How long the browser has between "Sign in with …" and coming back from the provider. */
const stateTtlMs = 10 * 60_000;

/**
 * Where to land after signing in: a path on this hub only (no scheme, no host, no `//` or `\`),
 * anything else is `/` — the start link cannot be used to send people elsewhere.
 */
export function safeReturnTo(returnTo: string | undefined): string {
  if (!returnTo || !returnTo.startsWith('/') || returnTo.startsWith('//') || /[\\\s]/.test(returnTo))
    return '/';
  try {
    const url = new URL(returnTo, 'http://hub.invalid');
    if (url.origin !== 'http://hub.invalid') return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}

/** The values of the role claim: a string or a list of them; `a.b` reads a nested claim (Keycloak's realm_access.roles). */
export function claimValues(claims: Record<string, unknown>, claim: string): string[] {
  let value: unknown = claims[claim];
  if (value === undefined && claim.includes('.')) {
    value = claim
      .split('.')
      .reduce<unknown>(
        (v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
        claims,
      );
  }
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * The role the claims give in each organization the provider manages (undefined: none). An
 * organization's provider manages that organization; a hub-wide one, each organization its rules name.
 */
export function rolesFromClaims(
  provider: Pick<OidcProviderRecord, 'orgId' | 'roleClaim' | 'claimRoles'>,
  claims: Record<string, unknown>,
): Map<string, Role | undefined> {
  const values = new Set(claimValues(claims, provider.roleClaim));
  const roles = new Map<string, Role | undefined>();
  for (const rule of provider.claimRoles) {
    const orgId = provider.orgId ?? rule.orgId;
    if (!orgId) continue;
    const current = roles.get(orgId);
    if (!values.has(rule.value)) {
      roles.set(orgId, current);
      continue;
    }
    roles.set(orgId, current ? strongerRole(current, rule.role) : rule.role);
  }
  return roles;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim().slice(0, 200) : '');

/** A refusal on the way in: ends on the sign-in page with `?error=OIDC_FAILED&step=<step>`. */
export class OidcSignInRefused extends OidcStepError {}

/**
 * OpenID Connect sign-in (docs/oidc.md). Managing providers: an organization's Owners and
 * Administrators (`users.manage`) for their organization; the platform organization's for the whole
 * hub. Signing in: the browser goes to the provider (state, nonce and PKCE verifier kept here, 10
 * minutes, single use) and comes back with a code; the account `oidc:<provider>:<sub>` is created or
 * updated from the claims, and its roles follow the claim → role rules at every sign-in (the route
 * then opens the session with AuthService.signInFromProvider). An existing account with the same email address is never taken over.
 */
export class OidcSignInService {
  constructor(
    private readonly d: {
      repo: OidcRepository;
      users: UserRepository;
      orgs: OrganizationRepository;
      oauth: OAuthClient;
      sealer: Sealer;
      audit: AuditService;
      clock: Clock;
      publicUrl: string;
    },
  ) {}

  get redirectUri(): string {
    return `${this.d.publicUrl.replace(/\/+$/, '')}${oidcCallbackPath}`;
  }

  /** The platform organization's providers are the hub's (orgId null). */
  private scopeOf(ctx: OrgContext): string | null {
    return ctx.org.kind === 'platform' ? null : ctx.org.id;
  }

  async list(ctx: OrgContext): Promise<{ items: OidcProvider[]; redirectUri: string }> {
    requirePermission(ctx, 'users.manage');
    const items = (await this.d.repo.list(this.scopeOf(ctx))).map((p) => this.view(p));
    return { items, redirectUri: this.redirectUri };
  }

  async create(ctx: OrgContext, req: SaveOidcProviderRequest): Promise<OidcProvider> {
    requirePermission(ctx, 'users.manage');
    const orgId = this.scopeOf(ctx);
    const values = await this.checked(ctx, orgId, req);
    const id = randomUUID();
    const secret = req.clientSecret ? this.d.sealer.seal(req.clientSecret, oidcSealContext(id)) : null;
    const saved = await this.d.repo.create({
      ...values,
      id,
      orgId,
      clientSecret: secret,
      createdBy: ctx.actor.userId,
    });
    await this.record(ctx, 'oidc.provider_created', saved, { clientSecretSet: secret !== null });
    return this.view(saved);
  }

  async update(ctx: OrgContext, id: string, req: SaveOidcProviderRequest): Promise<OidcProvider> {
    requirePermission(ctx, 'users.manage');
    const orgId = this.scopeOf(ctx);
    const before = await this.found(orgId, id);
    const values = await this.checked(ctx, orgId, req);
    // Write-only secret: "" or left out keeps it, null removes it (a public client).
    const clientSecret =
      req.clientSecret === null
        ? null
        : req.clientSecret
          ? this.d.sealer.seal(req.clientSecret, oidcSealContext(id))
          : before.clientSecret;
    const saved = (await this.d.repo.update(id, { ...values, clientSecret })) ?? before;
    this.d.oauth.forget(before.issuer);
    await this.record(ctx, 'oidc.provider_updated', saved, {
      clientSecretChanged: clientSecret !== before.clientSecret,
    });
    return this.view(saved);
  }

  async setEnabled(ctx: OrgContext, id: string, enabled: boolean): Promise<OidcProvider> {
    requirePermission(ctx, 'users.manage');
    const before = await this.found(this.scopeOf(ctx), id);
    const saved = (await this.d.repo.update(id, { enabled })) ?? before;
    await this.record(ctx, enabled ? 'oidc.provider_enabled' : 'oidc.provider_disabled', saved, {});
    return this.view(saved);
  }

  async remove(ctx: OrgContext, id: string): Promise<void> {
    requirePermission(ctx, 'users.manage');
    const before = await this.found(this.scopeOf(ctx), id);
    await this.d.repo.remove(id);
    this.d.oauth.forget(before.issuer);
    await this.record(ctx, 'oidc.provider_removed', before, {});
  }

  /** The hub-wide providers the sign-in page shows (an organization's own are reached by its link). */
  async signInOptions(): Promise<{ items: OidcSignInOption[] }> {
    const hubWide = await this.d.repo.list(null);
    return { items: hubWide.filter((p) => p.enabled).map((p) => ({ id: p.id, name: p.name })) };
  }

  async signInOption(id: string): Promise<OidcSignInOption> {
    const p = await this.d.repo.byId(id);
    if (!p?.enabled) throw ServiceError.notFound('The sign-in provider');
    return { id: p.id, name: p.name };
  }

  /** Starts a sign-in: the provider's authorization URL, and the state the browser keeps in a cookie. */
  async start(providerId: string, returnTo: string | undefined): Promise<{ url: string; state: string }> {
    const provider = await this.d.repo.byId(providerId);
    if (!provider?.enabled)
      throw new OidcSignInRefused('provider', 'The sign-in provider is unknown or turned off.');
    const secrets = this.d.oauth.newSecrets();
    const url = await this.d.oauth.authorizationUrl(this.settings(provider), {
      ...secrets,
      redirectUri: this.redirectUri,
      scopes: provider.scopes,
    });
    const now = this.d.clock();
    await this.d.repo.saveState(
      {
        stateHash: hashSecret(secrets.state),
        providerId: provider.id,
        codeVerifier: secrets.codeVerifier,
        nonce: secrets.nonce,
        returnTo: safeReturnTo(returnTo),
        expiresAt: new Date(now.getTime() + stateTtlMs),
      },
      now,
    );
    return { url: url.href, state: secrets.state };
  }

  /**
   * Finishes a sign-in from the provider's answer (`rawQuery`: the callback's query string as sent).
   * `browserState` is the state this browser was given at the start (cookie): a code started in
   * another browser is refused. Throws OidcStepError (the route turns it into a redirect).
   */
  async finish(
    rawQuery: string,
    state: string | undefined,
    browserState: string | undefined,
    ip: string,
  ): Promise<{ user: UserRecord; returnTo: string }> {
    if (!state) throw new OidcSignInRefused('state', 'The provider’s answer carries no state.');
    const pending = await this.d.repo.takeState(hashSecret(state));
    const now = this.d.clock();
    if (!pending || pending.expiresAt <= now)
      throw new OidcSignInRefused('state', 'The sign-in link has expired or was used already.');
    if (browserState !== state)
      throw new OidcSignInRefused('state', 'The sign-in was started in another browser.');
    const provider = await this.d.repo.byId(pending.providerId);
    if (!provider?.enabled)
      throw new OidcSignInRefused('provider', 'The sign-in provider is unknown or turned off.');
    const callbackUrl = new URL(this.redirectUri);
    callbackUrl.search = rawQuery;
    const roleClaimKey = provider.roleClaim.split('.')[0] ?? provider.roleClaim;
    let claims: OidcClaims;
    try {
      claims = await this.d.oauth.exchange(
        this.settings(provider),
        callbackUrl,
        { state, nonce: pending.nonce, codeVerifier: pending.codeVerifier },
        ['email', roleClaimKey, 'given_name', 'family_name'],
      );
    } catch (e) {
      if (e instanceof OidcStepError) await this.refused(provider, e, ip);
      throw e;
    }
    try {
      const { user, orgId } = await this.account(provider, claims, ip);
      await this.d.audit.record(this.actorOf(user.email, user.id, ip), {
        orgId,
        action: 'oidc.signed_in',
        targetType: 'user',
        targetId: user.id,
        detail: { provider: provider.name, providerId: provider.id, sub: claims.sub },
      });
      return { user, returnTo: pending.returnTo };
    } catch (e) {
      if (e instanceof OidcStepError) await this.refused(provider, e, ip, claims);
      throw e;
    }
  }

  /** The account of these claims, created or updated, with the roles the claims give now. */
  private async account(
    provider: OidcProviderRecord,
    claims: OidcClaims,
    ip: string,
  ): Promise<{ user: UserRecord; orgId: string | null }> {
    const email = text(claims.email).toLowerCase();
    const unverified = claims.email_verified === false || claims.email_verified === 'false';
    if (!email || !email.includes('@') || unverified)
      throw new OidcSignInRefused('claims', 'The provider sent no verified email address.');
    const roles = rolesFromClaims(provider, claims);
    // A hub-wide rule may name an organization deleted since: it gives nothing.
    const existing = new Set((await this.d.orgs.byIds([...roles.keys()])).map((o) => o.id));
    for (const orgId of roles.keys()) if (!existing.has(orgId)) roles.delete(orgId);
    const anyRole = [...roles.values()].some((r) => r !== undefined);
    const externalId = `oidc:${provider.id}:${claims.sub}`;
    const names = { firstName: text(claims.given_name), lastName: text(claims.family_name) };
    let user = await this.d.repo.userByExternalId(externalId);
    if (!user) {
      if (!anyRole) throw new OidcSignInRefused('role', 'The role claim maps to no role here.');
      // Never linked by email: whoever controls a provider can claim any address (docs/oidc.md).
      if (await this.d.users.byEmail(email))
        throw new OidcSignInRefused('email_taken', 'Another account here has this email address.');
      try {
        user = await this.d.users.create({
          email,
          ...names,
          authSource: 'oidc',
          externalId,
          registeredAt: this.d.clock(),
        });
      } catch {
        throw new OidcSignInRefused('email_taken', 'Another account here has this email address.');
      }
      await this.d.audit.record(this.actorOf(email, user.id, ip), {
        orgId: provider.orgId,
        action: 'oidc.account_created',
        targetType: 'user',
        targetId: user.id,
        detail: { provider: provider.name, providerId: provider.id },
      });
    } else {
      const changes: Partial<UserRecord> = {};
      if (names.firstName && names.firstName !== user.firstName) changes.firstName = names.firstName;
      if (names.lastName && names.lastName !== user.lastName) changes.lastName = names.lastName;
      if (email !== user.email && !(await this.d.users.byEmail(email))) changes.email = email;
      if (Object.keys(changes).length) user = (await this.d.users.update(user.id, changes)) ?? user;
    }
    await this.applyRoles(provider, user, roles, ip);
    if (!anyRole) throw new OidcSignInRefused('role', 'The role claim maps to no role here.');
    const firstOrg = [...roles].find(([, role]) => role)?.[0] ?? null;
    return { user, orgId: provider.orgId ?? firstOrg };
  }

  /** Sets the memberships the claims give; the last Owner of an organization stays its Owner. */
  private async applyRoles(
    provider: OidcProviderRecord,
    user: UserRecord,
    roles: Map<string, Role | undefined>,
    ip: string,
  ): Promise<void> {
    const actor = this.actorOf(user.email, user.id, ip);
    for (const [orgId, role] of roles) {
      const current = (await this.d.users.membership(user.id, orgId))?.role;
      if (current === role) continue;
      const detail = { provider: provider.name, from: current ?? null, to: role ?? null };
      if (current === 'owner' && (await this.d.users.ownerCount(orgId)) <= 1) {
        await this.d.audit.record(actor, {
          orgId,
          action: 'oidc.last_owner_kept',
          targetType: 'user',
          targetId: user.id,
          detail,
        });
        continue;
      }
      if (!role) await this.d.users.removeMembership(user.id, orgId);
      else if (current) await this.d.users.setRole(user.id, orgId, role);
      else await this.d.users.addMembership(user.id, orgId, role);
      await this.d.audit.record(actor, {
        orgId,
        action: 'oidc.role_changed',
        targetType: 'user',
        targetId: user.id,
        detail,
      });
    }
  }

  private async refused(
    provider: OidcProviderRecord,
    e: OidcStepError,
    ip: string,
    claims?: OidcClaims,
  ): Promise<void> {
    const email = claims ? text(claims.email) : '';
    await this.d.audit.record(this.actorOf(email || `oidc:${provider.name}`, null, ip), {
      orgId: provider.orgId,
      action: 'oidc.sign_in_refused',
      targetType: 'oidc_provider',
      targetId: provider.id,
      detail: { provider: provider.name, step: e.step, reason: e.message, sub: claims?.sub ?? null },
    });
  }

  private actorOf(label: string, userId: string | null, ip: string): Actor {
    return { userId, label, ip };
  }

  private settings(provider: OidcProviderRecord): OidcClientSettings {
    let clientSecret: string | null = null;
    try {
      if (provider.clientSecret)
        clientSecret = this.d.sealer.open(provider.clientSecret, oidcSealContext(provider.id));
    } catch (e) {
      throw new OidcSignInRefused('provider', `The client secret does not open: ${(e as Error).message}`);
    }
    return { issuer: provider.issuer, clientId: provider.clientId, clientSecret };
  }

  private async found(orgId: string | null, id: string): Promise<OidcProviderRecord> {
    const p = await this.d.repo.inScope(orgId, id);
    if (!p) throw ServiceError.notFound('The sign-in provider');
    return p;
  }

  /** The stored values of a request, after its checks. */
  private async checked(ctx: OrgContext, orgId: string | null, req: SaveOidcProviderRequest) {
    const invalid = (path: string, message: string) =>
      ServiceError.invalid('VALIDATION_FAILED', message, [{ path, message }]);
    const issuer = req.issuer.trim();
    const problem = issuerProblem(issuer);
    if (problem) throw invalid('/body/issuer', problem);
    const scopes = req.scopes ?? 'openid email profile';
    if (!scopes.split(' ').includes('openid'))
      throw invalid('/body/scopes', 'The scopes must include openid.');
    if (req.claimRoles.some((r) => r.role === 'owner') && !can(ctx.role, 'owners.manage'))
      throw ServiceError.forbidden('Only an Owner can map a claim to the Owner role.');
    let claimRoles: OidcClaimRole[];
    if (orgId) {
      claimRoles = req.claimRoles.map((r) => ({ value: r.value, role: r.role }));
    } else {
      const named = [...new Set(req.claimRoles.map((r) => r.orgId ?? ''))];
      if (named.includes(''))
        throw invalid('/body/claimRoles', 'Each rule of a hub-wide provider names its organization.');
      const known = new Set((await this.d.orgs.byIds(named)).map((o) => o.id));
      if (named.some((id) => !known.has(id)))
        throw invalid('/body/claimRoles', 'A rule names an organization that does not exist.');
      claimRoles = req.claimRoles.map((r) => ({ value: r.value, role: r.role, orgId: r.orgId ?? '' }));
    }
    return {
      name: req.name.trim(),
      enabled: req.enabled ?? true,
      issuer,
      clientId: req.clientId.trim(),
      scopes,
      roleClaim: (req.roleClaim ?? 'groups').trim(),
      claimRoles,
    };
  }

  private view(p: OidcProviderRecord): OidcProvider {
    const base = this.d.publicUrl.replace(/\/+$/, '');
    return {
      id: p.id,
      hubWide: p.orgId === null,
      name: p.name,
      enabled: p.enabled,
      issuer: p.issuer,
      clientId: p.clientId,
      clientSecretSet: p.clientSecret !== null,
      scopes: p.scopes,
      roleClaim: p.roleClaim,
      claimRoles: p.claimRoles,
      redirectUri: this.redirectUri,
      signInUrl: `${base}/sign-in?provider=${p.id}`,
      createdAt: p.createdAt.toISOString(),
    };
  }

  private async record(
    ctx: OrgContext,
    action: string,
    p: OidcProviderRecord,
    extra: Record<string, unknown>,
  ): Promise<void> {
    await this.d.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action,
      targetType: 'oidc_provider',
      targetId: p.id,
      detail: {
        name: p.name,
        issuer: p.issuer,
        clientId: p.clientId,
        enabled: p.enabled,
        hubWide: p.orgId === null,
        claimRoles: p.claimRoles,
        ...extra,
      },
    });
  }
}
