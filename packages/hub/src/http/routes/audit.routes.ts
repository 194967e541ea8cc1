import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApiTokenList, AuditListQuery, AuditPage, CreateApiTokenRequest, CreatedApiToken, IdParams, Ok, TokenParams } from '@crosspoint/protocol';
import type { AccessService } from '../../services/access.service.ts';
import type { AuditService } from '../../services/audit.service.ts';
import type { TokenService } from '../../services/token.service.ts';
import { orgContextOf } from '../request-auth.ts';

/** History (the audit log) and the API tokens that act in the organization. */
export function auditRoutes(root: FastifyInstance, d: { access: AccessService; audit: AuditService; tokens: TokenService }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const ctxOf = orgContextOf(d.access);

  app.get('/api/v1/orgs/:orgId/audit', { schema: { tags: ['history'], summary: 'The organization’s history, newest first', params: IdParams, querystring: AuditListQuery, response: { 200: AuditPage } } }, async (req) =>
    d.audit.list(await ctxOf(req), req.query),
  );

  app.get('/api/v1/orgs/:orgId/api-tokens', { schema: { tags: ['api tokens'], summary: 'API tokens of the organization', params: IdParams, response: { 200: ApiTokenList } } }, async (req) => ({
    items: await d.tokens.list(await ctxOf(req)),
  }));

  app.post('/api/v1/orgs/:orgId/api-tokens', { schema: { tags: ['api tokens'], summary: 'Create an API token (its secret is shown once)', params: IdParams, body: CreateApiTokenRequest, response: { 201: CreatedApiToken } } }, async (req, reply) =>
    reply.status(201).send(await d.tokens.create(await ctxOf(req), req.body)),
  );

  app.delete('/api/v1/orgs/:orgId/api-tokens/:tokenId', { schema: { tags: ['api tokens'], summary: 'Revoke an API token', params: TokenParams, response: { 200: Ok } } }, async (req) => {
    await d.tokens.revoke(await ctxOf(req), req.params.tokenId);
    return { ok: true as const };
  });
}
