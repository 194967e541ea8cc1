import type { SystemService } from '../../services/system.service.ts';
import type { HubMetrics } from '../../adapters/metrics.ts';
import type { ContractRoutes } from '../contract-routes.ts';

export function systemRoutes(
  routes: ContractRoutes,
  deps: { system: SystemService; metrics: HubMetrics },
): void {
  const { system, metrics } = deps;
  routes.plain('getHealth', () => ({ status: 'ok' as const, uptimeSeconds: system.uptimeSeconds() }));
  routes.plain('getReadiness', async ({ reply }) => {
    const r = await system.readiness();
    return reply.status(r.ready ? 200 : 503).send(r);
  });
  routes.plain('getMetrics', async ({ reply }) =>
    reply.type(metrics.contentType).send(await metrics.render()),
  );
  routes.plain('getSystemInfo', () => system.info());
}
