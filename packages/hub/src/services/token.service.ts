import type { CredentialRepository, ApiTokenRecord } from '../repositories/credential.repository.ts';
import type { AuditService } from './audit.service.ts';
import { requirePermission, type Actor, type Clock, type OrgContext } from './context.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { ServiceError } from './service-error.ts';

const prefix = 'cpt_';

/** Scoped API tokens for integrations: one organization, one role (Administrator or Monitor). */
export class TokenService {
  constructor(
    private readonly credentials: CredentialRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(ctx: OrgContext) {
    requirePermission(ctx, 'tokens.manage');
    return (await this.credentials.apiTokens(ctx.org.id)).map(tokenView);
  }

  async create(ctx: OrgContext, req: { name: string; role: 'administrator' | 'monitor'; expiresInDays?: number | undefined }) {
    requirePermission(ctx, 'tokens.manage');
    const secret = `${prefix}${newSecret()}`;
    const now = this.clock();
    const token = await this.credentials.createApiToken({
      orgId: ctx.org.id,
      name: req.name.trim(),
      tokenHash: hashSecret(secret),
      role: req.role,
      createdBy: ctx.actor.userId,
      expiresAt: req.expiresInDays ? new Date(now.getTime() + req.expiresInDays * 86_400_000) : null,
    });
    await this.audit.record(ctx.actor, { orgId: ctx.org.id, action: 'tokens.created', targetType: 'api_token', targetId: token.id, detail: { name: token.name, role: token.role } });
    return { token: tokenView(token), secret };
  }

  async revoke(ctx: OrgContext, id: string): Promise<void> {
    requirePermission(ctx, 'tokens.manage');
    if (!(await this.credentials.revokeApiToken(ctx.org.id, id, this.clock()))) throw ServiceError.notFound('The API token');
    await this.audit.record(ctx.actor, { orgId: ctx.org.id, action: 'tokens.revoked', targetType: 'api_token', targetId: id });
  }

  /** The actor behind a bearer secret, or undefined when it is unknown, revoked or expired. */
  async authenticate(secret: string, ip: string): Promise<Actor | undefined> {
    if (!secret.startsWith(prefix)) return undefined;
    const token = await this.credentials.apiTokenByHash(hashSecret(secret));
    const now = this.clock();
    if (!token || (token.expiresAt && token.expiresAt <= now)) return undefined;
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) await this.credentials.touchApiToken(token.id, now);
    return { userId: null, label: `token:${token.name}`, ip, token: { id: token.id, orgId: token.orgId, role: token.role } };
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
