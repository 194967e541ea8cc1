import type { AuditService } from '../../services/audit.service.ts';
import type { TokenService } from '../../services/token.service.ts';
import type { ContractRoutes } from '../contract-routes.ts';

/** History (the audit log) and the API tokens that act in the organization. */
export function auditRoutes(routes: ContractRoutes, d: { audit: AuditService; tokens: TokenService }): void {
  routes.org('listAudit', (ctx, { query }) => d.audit.list(ctx, query));
  routes.org('listApiTokens', async (ctx) => ({ items: await d.tokens.list(ctx) }));
  routes.org('createApiToken', (ctx, { body }) => d.tokens.create(ctx, body));
  routes.org('revokeApiToken', async (ctx, { params }) => {
    await d.tokens.revoke(ctx, params.tokenId);
    return { ok: true as const };
  });
}
