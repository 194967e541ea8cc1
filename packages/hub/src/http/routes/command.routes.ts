import type { CommandService } from '../../services/command.service.ts';
import type { ContractRoutes } from '../contract-routes.ts';

export function commandRoutes(routes: ContractRoutes, d: { commands: CommandService }): void {
  routes.org('runCommand', async (ctx, { body }) => ({ items: await d.commands.run(ctx, body) }));
  routes.org('listJobs', async (ctx, { query }) => ({ items: await d.commands.recent(ctx, query.deviceId) }));
  routes.org('getJob', (ctx, { params }) => d.commands.get(ctx, params.jobId));
}
