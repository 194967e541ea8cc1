import type { ServerService } from '../../services/server.service.ts';
import type { ContractRoutes } from '../contract-routes.ts';

export function serverRoutes(routes: ContractRoutes, d: { servers: ServerService }): void {
  routes.org('listServers', (ctx, { query }) => d.servers.list(ctx, query));
  routes.org('createServer', (ctx, { body }) => d.servers.create(ctx, body));
  routes.org('updateServer', (ctx, { params, body }) => d.servers.update(ctx, params.serverId, body));
  routes.org('rotateServerPassword', async (ctx, { params, body }) => {
    await d.servers.rotatePassword(ctx, params.serverId, body.password);
    return { ok: true as const };
  });
  routes.org('updateServerAgent', async (ctx, { params }) => {
    await d.servers.requestAgentUpdate(ctx, params.serverId);
    return { ok: true as const };
  });
  routes.org('deleteServer', async (ctx, { params }) => {
    await d.servers.delete(ctx, params.serverId);
    return { ok: true as const };
  });
}
