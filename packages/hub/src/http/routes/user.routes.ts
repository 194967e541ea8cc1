import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ChangeRoleRequest, IdParams, InviteUsersRequest, InviteUsersResult, Ok, UserListQuery, UserPage, UserParams, UserRow } from '@crosspoint/protocol';
import type { AccessService } from '../../services/access.service.ts';
import type { UserService } from '../../services/user.service.ts';
import { orgContextOf } from '../request-auth.ts';
import { limits, type Limiter } from '../rate-limits.ts';

export function userRoutes(root: FastifyInstance, d: { access: AccessService; users: UserService; limit: Limiter }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const ctxOf = orgContextOf(d.access);
  const tags = ['users'];

  app.get('/api/v1/orgs/:orgId/users', { schema: { tags, summary: 'Users of the organization', params: IdParams, querystring: UserListQuery, response: { 200: UserPage } } }, async (req) =>
    d.users.list(await ctxOf(req), req.query),
  );

  app.post('/api/v1/orgs/:orgId/users/invitations', { preHandler: d.limit('invitation', limits.invitations), schema: { tags, summary: 'Invite one or many users by email', params: IdParams, body: InviteUsersRequest, response: { 200: InviteUsersResult } } }, async (req) =>
    d.users.invite(await ctxOf(req), req.body),
  );

  app.post('/api/v1/orgs/:orgId/users/:userId/resend-invitation', { preHandler: d.limit('invitation', limits.resendInvitation), schema: { tags, summary: 'Send the invitation again', params: UserParams, response: { 200: Ok } } }, async (req) => {
    await d.users.resendInvitation(await ctxOf(req), req.params.userId);
    return { ok: true as const };
  });

  app.patch('/api/v1/orgs/:orgId/users/:userId', { schema: { tags, summary: 'Change a user’s role', params: UserParams, body: ChangeRoleRequest, response: { 200: UserRow } } }, async (req) =>
    d.users.changeRole(await ctxOf(req), req.params.userId, req.body.role),
  );

  app.delete('/api/v1/orgs/:orgId/users/:userId', { schema: { tags, summary: 'Remove a user from the organization', params: UserParams, response: { 200: Ok } } }, async (req) => {
    await d.users.remove(await ctxOf(req), req.params.userId);
    return { ok: true as const };
  });
}
