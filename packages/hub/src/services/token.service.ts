import { strongerRole, type Role } from '@crosspoint/protocol';
import type { CredentialRepository, ApiTokenRecord } from '../repositories/credential.repository.ts';
import type { AccessService } from './access.service.ts';
import type { AuditService } from './audit.service.ts';
import { requirePermission, type Actor, type Clock, type OrgContext } from './context.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { ServiceError } from './service-error.ts';

const prefix = 'cpt_';
const dayMs = 86_400_000;

/** Whether `role` has at least the rights of `needed`. */
const atLeast = (role: Role, needed: Role): boolean => strongerRole(role, needed) === role;

/**
 * Scoped API tokens for integrations: one organization, one role (Administrator or Monitor). A token
 * acts for the person who created it: it stops working (revoked) as soon as that person leaves the
 * organization or no longer holds the token's role, it expires (by default after
 * `defaultDays`), and a token that creates a token can give it no more rights and no longer life than
 * its own.
 */
export class TokenService {
  constructor(
    private readonly credentials: CredentialRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly defaultDays = 90,
  ) {}

  async list(ctx: OrgContext) {
    requirePermission(ctx, 'tokens.manage');
    return (await this.credentials.apiTokens(ctx.org.id)).map(tokenView);
  }

  async create(
    ctx: OrgContext,
    req: { name: string; role: 'administrator' | 'monitor'; expiresInDays?: number | undefined },
  ) {
    requirePermission(ctx, 'tokens.manage');
    if (!atLeast(ctx.role, req.role))
      throw ServiceError.forbidden(
        `As ${ctx.role} you may not create a token with the rights of ${req.role}.`,
      );
    const now = this.clock();
    const parent = ctx.actor.token;
    let expiresAt = new Date(now.getTime() + (req.expiresInDays ?? this.defaultDays) * dayMs);
    if (parent?.expiresAt && parent.expiresAt < expiresAt) {
      if (req.expiresInDays !== undefined) {
        throw ServiceError.invalid(
          'TOKEN_OUTLIVES_PARENT',
          `A token created with a token cannot outlive it: choose at most ${String(Math.floor((parent.expiresAt.getTime() - now.getTime()) / dayMs))} days.`,
        );
      }
      expiresAt = parent.expiresAt;
    }
    const secret = `${prefix}${newSecret()}`;
    const token = await this.credentials.createApiToken({
      orgId: ctx.org.id,
      name: req.name.trim(),
      tokenHash: hashSecret(secret),
      role: req.role,
      // A token made with a token acts for the same person, so it leaves with them.
      createdBy: parent ? (parent.createdBy ?? null) : ctx.actor.userId,
      expiresAt,
    });
    await this.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'tokens.created',
      targetType: 'api_token',
      targetId: token.id,
      detail: { name: token.name, role: token.role, expiresAt: expiresAt.toISOString() },
    });
    return { token: tokenView(token), secret };
  }

  async revoke(ctx: OrgContext, id: string): Promise<void> {
    requirePermission(ctx, 'tokens.manage');
    if (!(await this.credentials.revokeApiToken(ctx.org.id, id, this.clock())))
      throw ServiceError.notFound('The API token');
    await this.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'tokens.revoked',
      targetType: 'api_token',
      targetId: id,
    });
  }

  /**
   * A member left the organization (`role` undefined) or now holds `role`: the tokens they created
   * there that ask for more are revoked at once. (A loss of access elsewhere — a support
   * organization's member removed — is caught when such a token is next used.)
   */
  async creatorChanged(ctx: OrgContext, userId: string, role: Role | undefined): Promise<number> {
    const tokens = (await this.credentials.apiTokens(ctx.org.id)).filter(
      (t) => t.createdBy === userId && (!role || !atLeast(role, t.role)),
    );
    for (const t of tokens)
      await this.revokeFor(t, ctx.actor, role ? 'creator_role_lowered' : 'creator_removed');
    return tokens.length;
  }

  /** The actor behind a bearer secret, or undefined when it is unknown, revoked, expired or its creator lost the rights. */
  async authenticate(secret: string, ip: string): Promise<Actor | undefined> {
    if (!secret.startsWith(prefix)) return undefined;
    const token = await this.credentials.apiTokenByHash(hashSecret(secret));
    const now = this.clock();
    if (!token || (token.expiresAt && token.expiresAt <= now)) return undefined;
    if (token.createdBy && !(await this.creatorMay(token.createdBy, token))) {
      await this.revokeFor(token, { userId: null, label: 'hub', ip }, 'creator_lost_access');
      return undefined;
    }
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000)
      await this.credentials.touchApiToken(token.id, now);
    return {
      userId: null,
      label: `token:${token.name}`,
      ip,
      token: {
        id: token.id,
        orgId: token.orgId,
        role: token.role,
        createdBy: token.createdBy,
        expiresAt: token.expiresAt,
      },
    };
  }

  /** Whether the token's creator still acts in its organization with at least its role. */
  private async creatorMay(userId: string, token: ApiTokenRecord): Promise<boolean> {
    try {
      const ctx = await this.access.resolve({ userId, label: 'token creator', ip: null }, token.orgId);
      return atLeast(ctx.role, token.role);
    } catch (e) {
      if (e instanceof ServiceError && e.status === 404) return false;
      throw e;
    }
  }

  private async revokeFor(token: ApiTokenRecord, actor: Actor, reason: string): Promise<void> {
    if (!(await this.credentials.revokeApiToken(token.orgId, token.id, this.clock()))) return;
    await this.audit.record(actor, {
      orgId: token.orgId,
      action: 'tokens.revoked',
      targetType: 'api_token',
      targetId: token.id,
      detail: { name: token.name, role: token.role, reason },
    });
  }
}

function tokenView(t: ApiTokenRecord) {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  };
}
