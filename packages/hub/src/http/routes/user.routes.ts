import type { UserService } from '../../services/user.service.ts';
import type { ContractRoutes } from '../contract-routes.ts';
import { limits, type Limiter } from '../rate-limits.ts';

export function userRoutes(routes: ContractRoutes, d: { users: UserService; limit: Limiter }): void {
  routes.org('listUsers', (ctx, { query }) => d.users.list(ctx, query));
  routes.org('inviteUsers', (ctx, { body }) => d.users.invite(ctx, body), {
    preHandler: d.limit('invitation', limits.invitations),
  });
  routes.org(
    'resendInvitation',
    async (ctx, { params }) => {
      await d.users.resendInvitation(ctx, params.userId);
      return { ok: true as const };
    },
    { preHandler: d.limit('invitation', limits.resendInvitation) },
  );
  routes.org('changeUserRole', (ctx, { params, body }) => d.users.changeRole(ctx, params.userId, body.role));
  routes.org('removeUser', async (ctx, { params }) => {
    await d.users.remove(ctx, params.userId);
    return { ok: true as const };
  });
}
