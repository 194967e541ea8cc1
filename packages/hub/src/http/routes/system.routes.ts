import type { FastifyInstance } from 'fastify';
import { ErrorBody, HealthResponse, ReadinessResponse, SystemInfo } from '@crosspoint/protocol';
import type { SystemService } from '../../services/system.service.ts';
import type { HubMetrics } from '../../adapters/metrics.ts';

export function systemRoutes(app: FastifyInstance, deps: { system: SystemService; metrics: HubMetrics }): void {
  const { system, metrics } = deps;

  app.get(
    '/healthz',
    { schema: { tags: ['system'], summary: 'Liveness', response: { 200: HealthResponse } } },
    () => ({ status: 'ok' as const, uptimeSeconds: system.uptimeSeconds() }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['system'],
        summary: 'Readiness: database and bus answer',
        response: { 200: ReadinessResponse, 503: ReadinessResponse },
      },
    },
    async (_req, reply) => {
      const r = await system.readiness();
      return reply.status(r.ready ? 200 : 503).send(r);
    },
  );

  app.get(
    '/metrics',
    { schema: { tags: ['system'], summary: 'Prometheus metrics (text exposition format)' } },
    async (_req, reply) => reply.type(metrics.contentType).send(await metrics.render()),
  );

  app.get(
    '/api/v1/system/info',
    { schema: { tags: ['system'], summary: 'What this hub is', response: { 200: SystemInfo, default: ErrorBody } } },
    () => system.info(),
  );
}
